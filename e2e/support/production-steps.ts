import type { AgentRole, CallCreated, CallStatus, SessionInfo } from '@regiekit/sdk/protocol';
import { STRONG_PASSWORD } from '../../reference-server/src/testing/staff-steps.js';
import type { Agent } from './instance-steps.js';

// Requests against a server in production mode reached through a published port, as a TLS proxy
// in front of it would pass them on: staff pages live on REGIE_PUBLIC_URL, so a browser's
// state-changing requests carry that origin, whatever address the test talks to.

export interface ProductionAgent extends Agent {
  /** REGIE_PUBLIC_URL: the Origin the staff pages' requests carry. */
  origin: string;
  role: AgentRole;
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Signs a staff member in at `server`, as the staff pages on `origin` would. */
export async function signInAt(
  server: string,
  origin: string,
  username: string,
  { password = STRONG_PASSWORD, tenant = 'nijmegen' }: { password?: string; tenant?: string } = {},
): Promise<ProductionAgent> {
  const response = await postJson(`${server}/api/v1/${tenant}/auth/login`, { username, password }, { Origin: origin });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  const info = (await response.json()) as SessionInfo;
  return {
    server,
    origin,
    cookie: response.headers.get('set-cookie')!.split(';')[0]!,
    csrfToken: info.csrfToken,
    role: info.agent.role,
  };
}

/** A staff request that changes something: session cookie, CSRF token and the pages' origin. */
export function staffPost(agent: ProductionAgent, path: string, body?: unknown) {
  return fetch(`${agent.server}${path}`, {
    method: 'POST',
    headers: {
      Cookie: agent.cookie,
      'X-CSRF-Token': agent.csrfToken,
      Origin: agent.origin,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

/** An administrator makes a staff account with the console's password. */
export async function createStaff(
  admin: ProductionAgent,
  username: string,
  role: AgentRole = 'agent',
  tenant = 'nijmegen',
) {
  const response = await staffPost(admin, `/api/v1/${tenant}/admin/agents`, {
    username,
    displayName: username.toUpperCase(),
    role,
    password: STRONG_PASSWORD,
  });
  if (response.status !== 201) throw new Error(`creating ${username}: ${response.status} ${await response.text()}`);
}

export function takeCallAs(agent: ProductionAgent, callId: string, tenant = 'nijmegen') {
  return staffPost(agent, `/api/v1/${tenant}/console/calls/${callId}/take`);
}

/**
 * The citizen's steps against a server whose IRMA server discloses at once
 * (e2e/support/fake-irma-server.mjs): start a call, then read the code the page shows.
 */
export async function identifiedCall(
  server: string,
  tenant = 'nijmegen',
): Promise<{ created: CallCreated; code: string }> {
  const started = await postJson(`${server}/api/v1/${tenant}/calls`, { purpose: 'general' });
  if (started.status !== 200) throw new Error(`starting a call: ${started.status} ${await started.text()}`);
  const created = (await started.json()) as CallCreated;
  const status = (await (
    await fetch(`${server}/api/v1/${tenant}/calls/${created.callId}`, {
      headers: { Authorization: `Bearer ${created.callToken}` },
    })
  ).json()) as CallStatus;
  if (status.status !== 'disclosed') throw new Error(`expected disclosed, got ${status.status}`);
  return { created, code: status.dtmfCode };
}
