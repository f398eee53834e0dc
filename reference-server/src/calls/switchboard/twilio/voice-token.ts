import { SignJWT } from 'jose';
import type { VoiceToken } from '@regiekit/sdk/protocol';
import type { ResolvedTwilio } from '../../../config/resolve-config.js';
import type { TenantContext } from '../../../tenants/tenant-context.js';
import { agentIdentity } from './agent-identity.js';

/** Agents' browser softphones renew their token well before it runs out. */
export const VOICE_TOKEN_TTL_S = 60 * 60;

/**
 * A Twilio Access Token with a Voice grant, as the Voice JS SDK's `Device`
 * takes it: HS256 with the API key's secret, issued by the API key for the
 * account, letting this one identity receive calls (and dial out through the
 * TwiML app). The agent's browser never sees the auth token or the API secret.
 */
export async function voiceAccessToken(
  twilio: ResolvedTwilio,
  identity: string,
  nowMs: number,
): Promise<{ token: string; expiresAt: number }> {
  const sdk = twilio.voiceSdk!;
  const now = Math.floor(nowMs / 1000);
  const token = await new SignJWT({
    grants: { identity, voice: { incoming: { allow: true }, outgoing: { application_sid: sdk.twimlAppSid } } },
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
    .setJti(`${sdk.apiKeySid}-${now}`)
    .setIssuer(sdk.apiKeySid)
    .setSubject(twilio.accountSid)
    .setIssuedAt(now)
    .setExpirationTime(now + VOICE_TOKEN_TTL_S)
    .sign(new TextEncoder().encode(sdk.apiKeySecret));
  return { token, expiresAt: (now + VOICE_TOKEN_TTL_S) * 1000 };
}

/** The agent's softphone token, or undefined when the tenant's calls do not ring in the browser. */
export async function softphoneToken(
  tenant: TenantContext,
  agentId: string,
  nowMs: number,
): Promise<VoiceToken | undefined> {
  const switchboard = tenant.settings.switchboard;
  if (switchboard.type !== 'twilio' || !switchboard.voiceSdk) return undefined;
  const identity = agentIdentity(tenant.settings.id, agentId);
  const { token, expiresAt } = await voiceAccessToken(switchboard, identity, nowMs);
  return { token, identity, expiresAt: new Date(expiresAt).toISOString() };
}
