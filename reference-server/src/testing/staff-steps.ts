import type { ConsoleEvent, SessionInfo } from '@regiekit/sdk/protocol';
import { hashPassword } from '../staff/passwords.js';
import { randomToken } from '../crypto/random.js';
import type { TestServer } from './test-server.js';

export const STRONG_PASSWORD = 'lange-zin-met-koffie-42';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  agentId: string;
}

/** Creates an account straight in the store, as the create-admin CLI does. */
export async function seedAgent(
  server: TestServer,
  tenant: string,
  username: string,
  role: 'agent' | 'admin' = 'agent',
  password = STRONG_PASSWORD,
): Promise<string> {
  const agentId = randomToken(16);
  await server.store.forTenant(tenant).agents.create({
    agentId,
    username,
    displayName: username.toUpperCase(),
    role,
    passwordHash: await hashPassword(password),
    mustChangePassword: false,
    passwordExpiresAt: null,
    createdAt: server.clock.now(),
  });
  return agentId;
}

/** Staff requests as a browser on the server's own origin would send them. */
export function staffSteps(server: TestServer) {
  const origin = server.config.publicUrl;
  const request = (path: string, init: RequestInit & { as?: SignedIn } = {}) => {
    const headers = new Headers(init.headers);
    if (init.as) {
      headers.set('Cookie', init.as.cookie);
      if (init.method && init.method !== 'GET') headers.set('X-CSRF-Token', init.as.csrfToken);
    }
    if (init.method && init.method !== 'GET') headers.set('Origin', origin);
    if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
    return server.app.request(path, { ...init, headers });
  };

  return {
    request,
    login(tenant: string, username: string, password = STRONG_PASSWORD) {
      return request(`/api/v1/${tenant}/auth/login`, { method: 'POST', body: JSON.stringify({ username, password }) });
    },
    async signIn(tenant: string, username: string, password = STRONG_PASSWORD): Promise<SignedIn> {
      const response = await this.login(tenant, username, password);
      if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      const info = (await response.json()) as SessionInfo;
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      return { cookie, csrfToken: info.csrfToken, agentId: info.agent.agentId };
    },
    post(path: string, as: SignedIn, body?: unknown) {
      return request(path, { method: 'POST', as, ...(body !== undefined && { body: JSON.stringify(body) }) });
    },
    get(path: string, as: SignedIn) {
      return request(path, { as });
    },
  };
}

/**
 * Server-Sent Events from a response, block by block: the `id` and `data` of
 * the next event, or undefined once the server ended the stream.
 */
export function sseBlocks(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  return {
    reader,
    async next(timeoutMs: number): Promise<{ id: string; data: string } | undefined> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const data = lines.find((line) => line.startsWith('data: '));
          if (data) return { id: lines.find((line) => line.startsWith('id: '))?.slice(4) ?? '', data: data.slice(6) };
          continue;
        }
        if (ended) return undefined;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event in time');
        const chunk = await Promise.race([
          reader.read(),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left)),
        ]);
        if (chunk === 'timeout') throw new Error('no event in time');
        if (chunk.done) ended = true;
        else buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
  };
}

/** Reads the console's Server-Sent Events from a response, one parsed event per call to `next()`. */
export function sseReader(response: Response) {
  const blocks = sseBlocks(response);
  const reader = blocks.reader;
  return {
    async next(timeoutMs = 2000): Promise<ConsoleEvent> {
      const block = await blocks.next(timeoutMs);
      if (!block) throw new Error('stream closed');
      return JSON.parse(block.data) as ConsoleEvent;
    },
    /** Resolves when the server closes the stream. */
    async closed(timeoutMs = 2000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<{ done: false; value: undefined }>((resolve) =>
            setTimeout(() => resolve({ done: false, value: undefined }), Math.max(1, deadline - Date.now())),
          ),
        ]);
        if (chunk.done) return true;
        if (Date.now() >= deadline) return false;
      }
    },
    cancel: () => reader.cancel(),
  };
}
