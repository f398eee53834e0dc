import { z } from 'zod';
import { FrontendRequest, SessionPointer } from '@regiekit/sdk/protocol';

/** What an IRMA server answers to `POST /session`. */
export const IrmaSessionPackage = z.object({
  token: z.string().min(1),
  sessionPtr: SessionPointer,
  frontendRequest: FrontendRequest,
});
export type IrmaSessionPackage = z.infer<typeof IrmaSessionPackage>;

export const IrmaSessionStatus = z.enum(['INITIALIZED', 'PAIRING', 'CONNECTED', 'DONE', 'CANCELLED', 'TIMEOUT']);
export type IrmaSessionStatus = z.infer<typeof IrmaSessionStatus>;

export const IrmaDisclosedAttribute = z.object({
  id: z.string(),
  rawvalue: z.string().nullable().optional(),
  status: z.string(),
});

/** `GET /session/{token}/result`; unknown fields are ignored on purpose (the server adds some). */
export const IrmaSessionResult = z.object({
  type: z.string().optional(),
  status: IrmaSessionStatus,
  proofStatus: z.string().optional(),
  disclosed: z.array(z.array(IrmaDisclosedAttribute)).nullable().optional(),
  token: z.string().optional(),
  error: z.unknown().optional(),
});
export type IrmaSessionResult = z.infer<typeof IrmaSessionResult>;

/** A disclosure request in the plain form: one inner conjunction, so all attributes come from one credential. */
export interface DisclosureRequest {
  '@context': 'https://irma.app/ld/request/disclosure/v2';
  disclose: string[][][];
  clientReturnUrl?: string;
}

export interface ExtendedDisclosureRequest {
  request: DisclosureRequest;
  /** Seconds the app has to connect. */
  timeout?: number;
}
