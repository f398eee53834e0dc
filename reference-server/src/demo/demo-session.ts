import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken } from '../crypto/random.js';

/**
 * The demo apps' own sessions, as any web app has them: a random cookie and
 * state in memory. They stand in for the creditor's and the debt app's real
 * backends and have nothing to do with regiekit's sessions.
 */
export class DemoSessions<T extends object> {
  private readonly sessions = new Map<string, T>();

  constructor(private readonly cookie: string) {}

  get(c: Context): T | undefined {
    const id = getCookie(c, this.cookie);
    return id ? this.sessions.get(id) : undefined;
  }

  set(c: Context, value: T): void {
    const id = getCookie(c, this.cookie) ?? randomToken();
    if (this.sessions.size > 10_000) this.sessions.clear();
    this.sessions.set(id, value);
    setCookie(c, this.cookie, id, { httpOnly: true, sameSite: 'Lax', path: '/' });
  }

  clear(c: Context): void {
    const id = getCookie(c, this.cookie);
    if (id) this.sessions.delete(id);
  }
}
