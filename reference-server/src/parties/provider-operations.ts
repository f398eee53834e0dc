import { OperationCreated, SdJwt, type OperationRequest, type PayloadBinding } from '@regiekit/sdk/protocol';
import { randomToken } from '../crypto/random.js';
import type { ServerSigningKeys } from '../crypto/server-signing-keys.js';
import { ApiError } from '../http/api-error.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** A customer's whole category of data (thousands of meter readings) may be larger than one payload. */
const MAX_CREDENTIAL_BYTES = 8 * 1024 * 1024;

export interface OperationTarget {
  tenantId: string;
  providerId: string;
  endpoint: string;
}

/**
 * The server's calls to a provider's operation endpoint. Each request carries
 * a short-lived JWT signed with the server's key (`aud` = the provider, `sub`
 * = the tenant), so the provider can check it comes from this server against
 * its JWKS, with no IP allowlists. A slow provider is cut off; an answer that
 * is not what the contract says is an upstream error, never a 500.
 */
export class ProviderOperations {
  constructor(
    private readonly publicUrl: string,
    private readonly keys: ServerSigningKeys,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
    private readonly timeoutMs = 5_000,
  ) {}

  async create(target: OperationTarget, request: Extract<OperationRequest, { action: 'create' }>): Promise<string> {
    const response = await this.post(target, request);
    const parsed = OperationCreated.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new ApiError(502, 'upstream_unavailable', 'The creditor answered something other than an operation id.');
    return parsed.data.operationId;
  }

  /** The provider's signed payload, unchanged. */
  async execute(
    target: OperationTarget,
    operationId: string,
    payloadFor: PayloadBinding,
    input?: Record<string, unknown>,
  ): Promise<string> {
    const response = await this.post(target, { action: 'execute', operationId, payloadFor, ...(input && { input }) });
    const text = (await response.text()).trim();
    if (text.length > MAX_PAYLOAD_BYTES || !COMPACT_JWS.test(text))
      throw new ApiError(502, 'upstream_unavailable', 'The creditor answered something other than a signed payload.');
    return text;
  }

  /** The party's SD-JWT VC of one category of a customer's data, signed as `credentialFor` says; checked by the caller. */
  async issue(target: OperationTarget, request: Extract<OperationRequest, { action: 'issue' }>): Promise<string> {
    const response = await this.post(target, request);
    const text = (await response.text()).trim();
    if (text.length > MAX_CREDENTIAL_BYTES || !SdJwt.safeParse(text).success)
      throw new ApiError(502, 'upstream_unavailable', 'The party answered something other than an SD-JWT VC.');
    return text;
  }

  /** A debtor's request for a payment arrangement: the creditor's signed answer (compact JWS), checked by the caller. */
  async arrangement(
    target: OperationTarget,
    request: Extract<OperationRequest, { action: 'arrangement' }>,
  ): Promise<string> {
    const response = await this.post(target, request);
    const text = (await response.text()).trim();
    if (text.length > MAX_PAYLOAD_BYTES || !COMPACT_JWS.test(text))
      throw new ApiError(502, 'upstream_unavailable', 'The creditor answered something other than a signed answer.');
    return text;
  }

  /** Tells the provider it may delete the operation; failures only mean it learns it from its event feed. */
  async drop(target: OperationTarget, operationId: string): Promise<void> {
    await this.post(target, { action: 'drop', operationId }).catch(() => undefined);
  }

  private async post(target: OperationTarget, body: OperationRequest): Promise<Response> {
    const token = await this.keys.sign(
      { jti: randomToken(12) },
      { issuer: this.publicUrl, audience: target.providerId, subject: target.tenantId, expiresInSeconds: 60 },
    );
    // Serialised before the call: a failure here is ours, never the creditor's.
    const json = JSON.stringify(body);
    let response: Response;
    try {
      response = await this.fetchImpl(target.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/jose, application/dc+sd-jwt, application/json',
          Authorization: `Bearer ${token}`,
        },
        body: json,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError')
        throw new ApiError(504, 'upstream_timeout', 'The creditor did not answer in time.');
      throw new ApiError(502, 'upstream_unavailable', 'The creditor could not be reached.');
    }
    if (!response.ok)
      throw new ApiError(502, 'upstream_unavailable', `The creditor refused the request (HTTP ${response.status}).`);
    return response;
  }
}
