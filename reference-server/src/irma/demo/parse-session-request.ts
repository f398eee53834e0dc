import { jwtVerify } from 'jose';
import { z } from 'zod';
import type { IrmaAuthResolved } from '../../config/resolve-config.js';
import { secretsEqual } from '../../crypto/constant-time.js';

const DisclosureRequest = z.object({
  '@context': z.literal('https://irma.app/ld/request/disclosure/v2').optional(),
  disclose: z.array(z.array(z.array(z.string().min(1)).min(1)).min(1)).min(1),
  clientReturnUrl: z.string().optional(),
});

const SessionRequest = z.union([
  z.object({ request: DisclosureRequest, timeout: z.number().int().positive().optional() }),
  DisclosureRequest,
]);

export interface ParsedSessionRequest {
  attributes: string[];
  clientReturnUrl: string | undefined;
  timeoutSeconds: number;
}

export class RequestRejected extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly irmaError: string,
  ) {
    super(irmaError);
  }
}

/**
 * Authenticates and reads a `POST /session` body the way irmago does: a raw
 * token in `Authorization`, or an HS256 JWT (`sub: verification_request`) as text.
 * The demo server only does disclosure with one conjunction of attributes.
 */
export async function parseSessionRequest(
  auth: IrmaAuthResolved,
  authorization: string | undefined,
  body: string,
): Promise<ParsedSessionRequest> {
  let payload: unknown;
  if (auth.type === 'token') {
    if (!secretsEqual(authorization, auth.token)) throw new RequestRejected(401, 'UNAUTHORIZED');
    try {
      payload = JSON.parse(body);
    } catch {
      throw new RequestRejected(400, 'MALFORMED_SESSION_REQUEST');
    }
  } else {
    try {
      const { payload: claims } = await jwtVerify(body.trim(), Buffer.from(auth.key, 'base64'), {
        algorithms: ['HS256'],
        issuer: auth.requestor,
        subject: 'verification_request',
      });
      payload = claims.sprequest;
    } catch {
      throw new RequestRejected(401, 'UNAUTHORIZED');
    }
  }
  const parsed = SessionRequest.safeParse(payload);
  if (!parsed.success) throw new RequestRejected(400, 'MALFORMED_SESSION_REQUEST');
  const request = 'request' in parsed.data ? parsed.data.request : parsed.data;
  const timeout = 'request' in parsed.data ? parsed.data.timeout : undefined;
  const [firstDisjunction] = request.disclose;
  if (request.disclose.length !== 1 || firstDisjunction?.length !== 1) {
    throw new RequestRejected(400, 'MALFORMED_SESSION_REQUEST');
  }
  return { attributes: firstDisjunction[0]!, clientReturnUrl: request.clientReturnUrl, timeoutSeconds: timeout ?? 300 };
}
