import type { SoftwarePasskey } from './software-passkey.js';

type RequestApp = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/**
 * One browser for `app.request()` tests: keeps the server's cookies, sends the
 * server's Origin on writes (as a page of that origin would), and drives a
 * software passkey through the account API.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: RequestApp,
    readonly origin = 'http://localhost:8080',
    private readonly tenant = 'nijmegen',
  ) {}

  async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const method = init.method ?? (init.json !== undefined ? 'POST' : 'GET');
    if (method !== 'GET') headers.set('Origin', this.origin);
    if (init.json !== undefined) headers.set('Content-Type', 'application/json');
    const response = await this.app.request(`${this.origin}${path}`, {
      ...init,
      method,
      headers,
      ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async json<T = Record<string, unknown>>(
    path: string,
    init: RequestInit & { json?: unknown } = {},
  ): Promise<{ status: number; body: T }> {
    const response = await this.request(path, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  private account(path: string) {
    return `/api/v1/${this.tenant}/account${path}`;
  }

  /** Makes a new regie account with this passkey (or adds it to the signed-in account). */
  async registerPasskey(passkey: SoftwarePasskey, headers: Record<string, string> = {}): Promise<number> {
    const options = await this.json<{ challenge: string; user: { id: string } }>(this.account('/passkeys/options'), {
      json: {},
    });
    return (
      await this.json(this.account('/passkeys'), {
        json: { credential: passkey.register(options.body) },
        headers,
      })
    ).status;
  }

  /** A passkey ceremony: what every approval needs just before it. */
  async signIn(passkey: SoftwarePasskey, options: { userVerified?: boolean } = {}): Promise<number> {
    const challenge = await this.json<{ challenge: string }>(this.account('/sign-in/options'), { json: {} });
    return (
      await this.json(this.account('/sign-in'), { json: { credential: passkey.authenticate(challenge.body, options) } })
    ).status;
  }
}
