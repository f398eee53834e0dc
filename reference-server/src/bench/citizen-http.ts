import { SWITCHBOARD_SECRETS } from '../testing/test-server.js';
import { switchboardSecretOf } from './bench-tenants.js';

/**
 * The citizen and switchboard steps over real HTTP, as a benchmark needs
 * them: a disclosed call whose code we know (the citizen reads it from
 * GET /calls/{id}, exactly as the widget does), a resolve, a hang-up.
 */

const TENANT = 'nijmegen';
const JSON_HEADERS = { 'Content-Type': 'application/json' };
export const SWITCHBOARD_HEADERS = { ...JSON_HEADERS, Authorization: `Bearer ${SWITCHBOARD_SECRETS[TENANT]}` };

export const callsUrl = (origin: string, tenant = TENANT) => `${origin}/api/v1/${tenant}/calls`;
export const resolveUrl = (origin: string, tenant = TENANT) => `${origin}/api/v1/${tenant}/switchboard/resolve`;
export const CALL_START_BODY = JSON.stringify({ purpose: 'general' });

export interface DisclosedCall {
  callId: string;
  code: string;
}

/** Starts a call and reads its code; with the stub IRMA server the first status read finds it disclosed. */
export async function disclosedCall(origin: string, tenant = TENANT): Promise<DisclosedCall> {
  const started = await fetch(callsUrl(origin, tenant), {
    method: 'POST',
    headers: JSON_HEADERS,
    body: CALL_START_BODY,
  });
  if (started.status !== 200) throw new Error(`call start answered ${started.status}: ${await started.text()}`);
  const { callId, callToken } = (await started.json()) as { callId: string; callToken: string };
  const status = (await (
    await fetch(`${callsUrl(origin, tenant)}/${callId}`, { headers: { Authorization: `Bearer ${callToken}` } })
  ).json()) as { status: string; dtmfCode?: string };
  if (status.status !== 'disclosed' || !status.dtmfCode)
    throw new Error(`expected a disclosed call, got ${status.status}`);
  return { callId, code: status.dtmfCode };
}

/** `count` disclosed calls, `concurrency` at a time (loading the store, not a measurement). */
export async function disclosedCalls(origin: string, count: number, concurrency = 8): Promise<DisclosedCall[]> {
  const calls: DisclosedCall[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      calls.push(await disclosedCall(origin));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return calls;
}

export function resolveCode(
  origin: string,
  code: string,
  switchboardCallId: string,
  tenant = TENANT,
): Promise<Response> {
  return fetch(resolveUrl(origin, tenant), {
    method: 'POST',
    headers: { ...JSON_HEADERS, Authorization: `Bearer ${switchboardSecretOf(tenant)}` },
    body: JSON.stringify({ code, callId: switchboardCallId }),
  });
}

/** The switchboard says the phone call ended: the caller's data is deleted. */
export function endCall(origin: string, switchboardCallId: string): Promise<Response> {
  return fetch(`${origin}/api/v1/${TENANT}/switchboard/ended`, {
    method: 'POST',
    headers: SWITCHBOARD_HEADERS,
    body: JSON.stringify({ callId: switchboardCallId }),
  });
}

/** Whole citizen journeys, start to hang-up, so the JIT has seen every path before anything is measured. */
export async function warmUp(origin: string, journeys: number): Promise<void> {
  const calls = await disclosedCalls(origin, journeys);
  for (const [i, call] of calls.entries()) {
    const resolved = await resolveCode(origin, call.code, `warm-up-${i}`);
    if (resolved.status !== 200) throw new Error(`warm-up resolve answered ${resolved.status}`);
    await (await endCall(origin, `warm-up-${i}`)).arrayBuffer();
  }
}
