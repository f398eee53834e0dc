import { createHash } from 'node:crypto';

/**
 * The Twilio Client identity of an agent: stable, the same in the access
 * token and in `<Dial><Client>`, and free of names (Twilio logs it).
 */
export function agentIdentity(tenantId: string, agentId: string): string {
  return `agent_${createHash('sha256').update(`${tenantId}/${agentId}`).digest('hex').slice(0, 32)}`;
}
