import { SignJWT } from 'jose';
import type { IrmaAuthResolved } from '../config/resolve-config.js';
import { IrmaSessionPackage, IrmaSessionResult, type ExtendedDisclosureRequest } from './irma-types.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The IRMA server could not be reached or answered something unusable. */
export class IrmaUnavailableError extends Error {
  override name = 'IrmaUnavailableError';
}

/** The IRMA server no longer knows the session (expired results, restarts). */
export class IrmaSessionUnknownError extends Error {
  override name = 'IrmaSessionUnknownError';
}

export interface StartDisclosureOptions {
  attributes: readonly string[];
  clientReturnUrl: string;
  timeoutSeconds: number;
}

/**
 * Talks to an IRMA server's requestor API. The requestor token it gets back is
 * a credential for the session result, so callers keep it on the server.
 */
export class IrmaRequestorClient {
  constructor(
    private readonly baseUrl: string,
    private readonly auth: IrmaAuthResolved,
    private readonly fetchImpl: FetchLike = fetch,
    private readonly timeoutMs = 8000,
  ) {}

  async startDisclosure(options: StartDisclosureOptions): Promise<IrmaSessionPackage> {
    const session: ExtendedDisclosureRequest = {
      request: {
        '@context': 'https://irma.app/ld/request/disclosure/v2',
        disclose: [[[...options.attributes]]],
        clientReturnUrl: options.clientReturnUrl,
      },
      timeout: options.timeoutSeconds,
    };
    const init = await this.signedRequest(session);
    const response = await this.call('/session', init);
    const parsed = IrmaSessionPackage.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new IrmaUnavailableError('IRMA server returned an unexpected session package');
    return parsed.data;
  }

  async result(requestorToken: string): Promise<IrmaSessionResult> {
    const response = await this.call(`/session/${encodeURIComponent(requestorToken)}/result`, { method: 'GET' });
    const parsed = IrmaSessionResult.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new IrmaUnavailableError('IRMA server returned an unexpected session result');
    return parsed.data;
  }

  async cancel(requestorToken: string): Promise<void> {
    await this.call(`/session/${encodeURIComponent(requestorToken)}`, { method: 'DELETE' }).catch((error: unknown) => {
      if (!(error instanceof IrmaSessionUnknownError)) throw error;
    });
  }

  private async signedRequest(session: ExtendedDisclosureRequest): Promise<RequestInit> {
    if (this.auth.type === 'token') {
      // irmago's token auth: the raw token, without "Bearer".
      return {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: this.auth.token },
        body: JSON.stringify(session),
      };
    }
    const jwt = await new SignJWT({ sprequest: session })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setIssuer(this.auth.requestor)
      .setSubject('verification_request')
      .sign(Buffer.from(this.auth.key, 'base64'));
    return { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: jwt };
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new IrmaUnavailableError(`IRMA server unreachable: ${(error as Error).name}`);
    }
    if (response.ok) return response;
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    if (body?.error === 'SESSION_UNKNOWN') throw new IrmaSessionUnknownError('IRMA session unknown');
    throw new IrmaUnavailableError(`IRMA server answered ${response.status}`);
  }
}
