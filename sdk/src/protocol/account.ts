import { z } from 'zod';
import { IsoDateTime, OpaqueId } from './common.js';
import { ConnectTokenStatusName, ConnectTokenValue, PartySummary, Pseudonym } from './connect.js';
import { ConsentDecisionView } from './consent.js';
import { CorrectionDecisionView, ForwardDecisionView } from './my-data.js';
import { FetchDecisionView } from './data-fetch.js';
import { ArrangementDecisionView } from './arrangements.js';

/**
 * The user's side, used only by pages on the server's own origin: a regie
 * account is a random id plus passkeys, and nothing personal.
 */

/** WebAuthn JSON as `@simplewebauthn/browser` produces it; the server verifies it in full. */
const WebAuthnJson = z.looseObject({ id: z.string().min(1).max(1024), type: z.literal('public-key') });

export const PasskeyRegistrationRequest = z
  .strictObject({ credential: WebAuthnJson })
  .meta({ id: 'PasskeyRegistrationRequest' });
export const PasskeySignInRequest = z.strictObject({ credential: WebAuthnJson }).meta({ id: 'PasskeySignInRequest' });

/** Options for `navigator.credentials.create/get`, in the JSON form of WebAuthn Level 3. */
export const WebAuthnOptions = z.looseObject({ challenge: z.string() }).meta({ id: 'WebAuthnOptions' });
export type WebAuthnOptions = z.infer<typeof WebAuthnOptions>;

export const PasskeySummary = z
  .object({
    passkeyId: OpaqueId,
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.optional(),
    current: z.boolean(),
    device: z
      .object({ browser: z.string().optional(), system: z.string().optional() })
      .optional()
      .describe('Where it was made (browser and system, nothing finer): so two passkeys can be told apart.'),
    synced: z.boolean().optional().describe("The passkey is copied to the person's other devices by its provider."),
  })
  .meta({ id: 'PasskeySummary' });
export type PasskeySummary = z.infer<typeof PasskeySummary>;

export const AccountConnection = z
  .object({ connectionId: OpaqueId, provider: PartySummary, createdAt: IsoDateTime })
  .meta({ id: 'AccountConnection' });
export type AccountConnection = z.infer<typeof AccountConnection>;

export const AccountView = z
  .discriminatedUnion('signedIn', [
    z.object({ signedIn: z.literal(false) }),
    z.object({ signedIn: z.literal(true), passkeys: z.array(PasskeySummary), connections: z.array(AccountConnection) }),
  ])
  .meta({ id: 'AccountView' });
export type AccountView = z.infer<typeof AccountView>;

/** A decision waiting for the user on the server's origin. */
export const FlowView = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('sign-in'), flowId: OpaqueId, consumer: PartySummary, expiresAt: IsoDateTime }),
    z.object({
      kind: z.literal('connect-start'),
      flowId: OpaqueId,
      consumer: PartySummary,
      provider: PartySummary,
      expiresAt: IsoDateTime,
    }),
    z.object({
      kind: z.literal('connect-finish'),
      flowId: OpaqueId,
      consumer: PartySummary,
      provider: PartySummary,
      expiresAt: IsoDateTime,
    }),
    ConsentDecisionView,
    CorrectionDecisionView,
    ForwardDecisionView,
    FetchDecisionView,
    ArrangementDecisionView,
  ])
  .meta({ id: 'FlowView' });
export type FlowView = z.infer<typeof FlowView>;

export const FlowOutcome = z
  .object({ redirectTo: z.url().describe('Where the browser goes next (top-level).') })
  .meta({ id: 'FlowOutcome' });
export type FlowOutcome = z.infer<typeof FlowOutcome>;

export const ScanRequest = z.strictObject({ token: ConnectTokenValue }).meta({ id: 'ScanRequest' });
export type ScanRequest = z.infer<typeof ScanRequest>;

export const ScanView = z
  .object({ tokenId: OpaqueId, provider: PartySummary, expiresAt: IsoDateTime })
  .meta({ id: 'ScanView', description: 'Who asks to connect: shown before the user confirms.' });
export type ScanView = z.infer<typeof ScanView>;

export const ScanApproved = z
  .object({
    status: ConnectTokenStatusName,
    confirmationCode: z.string().describe('Show it on the phone; the user types it in the portal.'),
  })
  .meta({ id: 'ScanApproved' });
export type ScanApproved = z.infer<typeof ScanApproved>;

export const ScanStatus = z.object({ status: ConnectTokenStatusName }).meta({ id: 'ScanStatus' });
export type ScanStatus = z.infer<typeof ScanStatus>;

// --- OAuth (consumer sign-in) ---

export const TokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    scope: z.string().optional(),
    id_token: z
      .string()
      .optional()
      .describe('With scope openid: the ID token (ES256; iss, sub, aud, iat, exp, auth_time, nonce, amr).'),
    sub: Pseudonym.describe('Your pairwise pseudonym for the user: different for every consumer, stable for you.'),
  })
  .meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof TokenResponse>;

export const UserInfo = z.object({ sub: Pseudonym }).meta({ id: 'UserInfo' });
