import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The staff session cookie: HttpOnly, SameSite=Strict, and under TLS `Secure`
 * with the `__Host-` prefix (no Domain, Path=/). Its value is
 * `<tenant>.<random token>`; the server stores only a hash of the token.
 */
export class SessionCookie {
  readonly name: string;

  constructor(private readonly secure: boolean) {
    this.name = secure ? '__Host-regie_session' : 'regie_session';
  }

  read(c: Context): { tenantId: string; token: string } | undefined {
    const value = getCookie(c, this.name);
    const dot = value?.indexOf('.') ?? -1;
    if (!value || dot < 1) return undefined;
    return { tenantId: value.slice(0, dot), token: value.slice(dot + 1) };
  }

  write(c: Context, tenantId: string, token: string, maxAgeSeconds: number): void {
    setCookie(c, this.name, `${tenantId}.${token}`, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: this.secure,
      path: '/',
      maxAge: maxAgeSeconds,
    });
  }

  clear(c: Context): void {
    deleteCookie(c, this.name, { path: '/', secure: this.secure });
  }
}
