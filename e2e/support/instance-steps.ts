import type { CallCreated, CallStatus, ConsoleEvent, SessionInfo } from '@regiekit/sdk/protocol';
import { hashPassword } from '../../reference-server/src/staff/passwords.js';
import { randomToken } from '../../reference-server/src/crypto/random.js';
import type { Store } from '../../reference-server/src/storage/store.js';
import { sseBlocks, STRONG_PASSWORD } from '../../reference-server/src/testing/staff-steps.js';

/** The demo configuration's switchboard secret for Nijmegen (reference-server/config/demo.json). */
export const DEMO_SWITCHBOARD_SECRET = 'demo-switchboard-secret-nijmegen-not-for-production';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The citizen's steps against a running server: start, disclose in the demo wallet, read the code. */
export async function disclosedCall(
  server: string,
  tenant = 'nijmegen',
): Promise<{ created: CallCreated; code: string }> {
  const created = (await (
    await post(`${server}/api/v1/${tenant}/calls`, { purpose: 'general' })
  ).json()) as CallCreated;
  const clientToken = created.sessionPtr.u.split('/').pop();
  const wallet = await fetch(`${server}/demo/irma/wallet/${clientToken}`, {
    method: 'POST',
    body: new URLSearchParams({ persona: 'jan', action: 'disclose' }),
  });
  if (!wallet.ok) throw new Error(`wallet: ${wallet.status}`);
  const status = (await (
    await fetch(`${server}/api/v1/${tenant}/calls/${created.callId}`, {
      headers: { Authorization: `Bearer ${created.callToken}` },
    })
  ).json()) as CallStatus;
  if (status.status !== 'disclosed') throw new Error(`expected disclosed, got ${status.status}`);
  return { created, code: status.dtmfCode };
}

/** The switchboard's step: a phone call enters the code. */
export function resolveCode(
  server: string,
  code: string,
  switchboardCallId: string,
  tenant = 'nijmegen',
  secret = DEMO_SWITCHBOARD_SECRET,
) {
  return post(
    `${server}/api/v1/${tenant}/switchboard/resolve`,
    { code, callId: switchboardCallId },
    { Authorization: `Bearer ${secret}` },
  );
}

/** An agent account written straight into the shared store, as the create-admin CLI does. */
export async function seedAgentIn(store: Store, tenant: string, username: string): Promise<void> {
  await store.forTenant(tenant).agents.create({
    agentId: randomToken(16),
    username,
    displayName: username.toUpperCase(),
    role: 'agent',
    passwordHash: await hashPassword(STRONG_PASSWORD),
    mustChangePassword: false,
    passwordExpiresAt: null,
    createdAt: Date.now(),
  });
}

export interface Agent {
  server: string;
  cookie: string;
  csrfToken: string;
}

/** Signs an agent in on one server, as the console's browser would (same origin). */
export async function signIn(server: string, username: string, tenant = 'nijmegen'): Promise<Agent> {
  const response = await post(
    `${server}/api/v1/${tenant}/auth/login`,
    { username, password: STRONG_PASSWORD },
    { Origin: server },
  );
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const info = (await response.json()) as SessionInfo;
  return { server, cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrfToken: info.csrfToken };
}

export function takeCall(agent: Agent, callId: string, tenant = 'nijmegen') {
  return fetch(`${agent.server}/api/v1/${tenant}/console/calls/${callId}/take`, {
    method: 'POST',
    headers: { Cookie: agent.cookie, 'X-CSRF-Token': agent.csrfToken, Origin: agent.server },
  });
}

/** An agent's console stream, read event by event; `lastEventId` resumes where an earlier stream stopped. */
export async function consoleStream(
  agent: Agent,
  {
    lastEventId,
    server = agent.server,
    tenant = 'nijmegen',
  }: { lastEventId?: string; server?: string; tenant?: string } = {},
) {
  const controller = new AbortController();
  const response = await fetch(`${server}/api/v1/${tenant}/console/events`, {
    headers: {
      Cookie: agent.cookie,
      Accept: 'text/event-stream',
      ...(lastEventId !== undefined && { 'Last-Event-ID': lastEventId }),
    },
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`console stream: ${response.status}`);
  const blocks = sseBlocks(response);
  return {
    /** The next event, or undefined when the server ended the stream. */
    async next(timeoutMs = 5000): Promise<(ConsoleEvent & { receivedAt: number; id: string }) | undefined> {
      const block = await blocks.next(timeoutMs);
      return block && { ...(JSON.parse(block.data) as ConsoleEvent), receivedAt: performance.now(), id: block.id };
    },
    close: () => controller.abort(),
  };
}
