import type { ConsoleEvent, SessionInfo } from '@regiekit/sdk/protocol';

export const AGENT_ID = 'agentAAAAAAAAAAAAAAAAA';

export const sessionInfo = (role: 'agent' | 'admin' = 'agent'): SessionInfo => ({
  agent: {
    agentId: AGENT_ID,
    tenant: 'nijmegen',
    username: 'anna',
    displayName: 'Anna Jansen',
    role,
    mustChangePassword: false,
  },
  csrfToken: 'csrf-token',
});

type Handler = (init: RequestInit | undefined) => { status: number; body?: unknown };

/**
 * A stand-in for the regiekit server in widget tests: answers fetch by
 * "METHOD path" and records what was asked.
 */
export function fakeServer(routes: Record<string, Handler>) {
  const requests: { key: string; init: RequestInit | undefined }[] = [];
  const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
    // Relative URLs are the page's own origin, as for elements on the regiekit server's pages.
    const url = new URL(String(input), 'https://regie.example');
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    requests.push({ key, init });
    const handler = routes[key];
    const { status, body } = handler
      ? handler(init)
      : { status: 404, body: { error: { code: 'not_found', message: 'no route' } } };
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetch: fetchStub, requests };
}

/** EventSource for jsdom, driven by the test. */
export class FakeEventSource extends EventTarget {
  static CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = 1;
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    super();
    FakeEventSource.instances.push(this);
  }
  emit(event: ConsoleEvent): void {
    this.dispatchEvent(new MessageEvent(event.type, { data: JSON.stringify(event) }));
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}
