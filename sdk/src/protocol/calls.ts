import { z } from 'zod';
import { IsoDateTime, OpaqueId, PhoneNumber, PurposeId } from './common.js';

/** The number of digits in a DTMF code. Fixed length, digits only: iOS will not dial `*` or `#`. */
export const DTMF_CODE_LENGTH = 10;

export const DtmfCode = z
  .string()
  .regex(/^[0-9]{10}$/, 'exactly 10 digits')
  .meta({ id: 'DtmfCode', description: 'Ten digits; leading zeros are significant.', example: '0012345678' });

export const CreateCallRequest = z.strictObject({ purpose: PurposeId }).meta({ id: 'CreateCallRequest' });
export type CreateCallRequest = z.infer<typeof CreateCallRequest>;

/** Yivi session pointer: what the QR code encodes. `u` ends in the public client token. */
export const SessionPointer = z.object({ u: z.url(), irmaqr: z.literal('disclosing') }).meta({ id: 'SessionPointer' });
export type SessionPointer = z.infer<typeof SessionPointer>;

/** Authorises the browser to poll the Yivi frontend endpoints; not the requestor token. */
export const FrontendRequest = z
  .object({
    authorization: z.string(),
    minProtocolVersion: z.string(),
    maxProtocolVersion: z.string(),
    pairingHint: z.boolean().optional(),
  })
  .meta({ id: 'FrontendRequest' });
export type FrontendRequest = z.infer<typeof FrontendRequest>;

export const CallCreated = z
  .object({
    callId: OpaqueId.describe('Identifies the call session in later requests.'),
    callToken: z.string().min(32).describe('Bearer token for reading this call; keep it in memory only.'),
    sessionPtr: SessionPointer,
    frontendRequest: FrontendRequest,
    expiresAt: IsoDateTime.describe('When the DTMF code stops working.'),
  })
  .meta({ id: 'CallCreated' });
export type CallCreated = z.infer<typeof CallCreated>;

export const CallStatusName = z.enum(['pending', 'disclosed', 'called', 'cancelled', 'expired']);
export type CallStatusName = z.infer<typeof CallStatusName>;

export const CallStatus = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('pending') }),
    z.object({
      status: z.literal('disclosed'),
      phoneNumber: PhoneNumber,
      dtmfCode: DtmfCode,
      telUrl: z.string().startsWith('tel:'),
      expiresAt: IsoDateTime,
    }),
    z.object({ status: z.literal('called') }),
    z.object({ status: z.literal('cancelled') }),
    z.object({ status: z.literal('expired') }),
  ])
  .meta({ id: 'CallStatus', description: 'Number and code appear only once the citizen has disclosed.' });
export type CallStatus = z.infer<typeof CallStatus>;

export const ResolveCodeRequest = z
  .strictObject({
    code: DtmfCode,
    callId: z.string().min(1).max(128).describe("The switchboard's own id of the phone call."),
    callerId: z.string().max(64).optional().describe('Caller line identity; a signal, never proof.'),
  })
  .meta({ id: 'ResolveCodeRequest' });
export type ResolveCodeRequest = z.infer<typeof ResolveCodeRequest>;

export const ResolveCodeResponse = z
  .object({ sessionRef: OpaqueId.describe('Opaque reference to the call session; carries no personal data.') })
  .meta({ id: 'ResolveCodeResponse' });
export type ResolveCodeResponse = z.infer<typeof ResolveCodeResponse>;
