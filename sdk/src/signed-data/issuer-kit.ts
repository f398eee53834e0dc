import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { FetchLike } from '../http/request.js';
import { OperationRequest, type CredentialTemplate } from '../protocol/index.js';
import { issuerIdentifier } from '../protocol/signed-data.js';
import { issueSignedData, SignedDataPeriodError, type IssuerKey } from './issue.js';
import { datesOutside, type DateSchema } from './period.js';

/** What the server asked: sign this customer's data of this type, with at most these fields. */
export interface IssueRequest {
  customerRef: string;
  serviceType: string;
  /** The fields to include; undefined: every field of the type. */
  fields?: string[];
  /** Only data of these days (fetch into an application); undefined: all of it. */
  period?: { from: string; to: string };
  template: CredentialTemplate;
}

/** Why the kit did not answer: the caller turns it into 401 (not the server), 400 (not an issue request) or 404. */
export class IssueRequestError extends Error {
  override name = 'IssueRequestError';
  constructor(
    readonly status: 400 | 401 | 404,
    message: string,
  ) {
    super(message);
  }
}

export interface SignedDataIssuerOptions {
  /** Origin of the regiekit server. */
  server: string;
  tenant: string;
  /** Your party id (the server's requests are addressed to it). */
  partyId: string;
  /** Your signing key: the private half of a key in the JWKS you registered (payloadJwks). */
  key: IssuerKey;
  /** How to fetch the server's JWKS (default: the global fetch, cached by jose). */
  fetch?: FetchLike;
  /**
   * The JSON Schemas of your services by service type, as you registered
   * them: where a request asks for a period (fetch into an application), the
   * kit finds the dates in them (`format: date`) and refuses to sign any day
   * outside it.
   */
  schemas?: Record<string, DateSchema>;
}

/**
 * A party's backend side of the signed-data format: answers the server's
 * `issue` requests at its operation endpoint. It accepts only requests the
 * server signed (checked against the server's published keys, addressed to
 * this party for this tenant), hands `load` the customer, type and fields
 * asked, and signs what `load` returns exactly as the request's template says
 * — refusing anything outside the asked fields (and, given `schemas`, any
 * day outside an asked period), so more than was asked can never leave.
 *
 * ```ts
 * const issuer = new SignedDataIssuer({ server, tenant: 'nijmegen', partyId: 'demo-energie', key });
 * app.post('/regiekit/operations', async (req, res) => {
 *   const credential = await issuer.answer(req.headers.authorization, req.body, (ask) => recordsOf(ask));
 *   res.type('application/dc+sd-jwt').send(credential);
 * });
 * ```
 */
export class SignedDataIssuer {
  private readonly serverKeys: JWTVerifyGetKey;
  private readonly server: string;

  constructor(private readonly options: SignedDataIssuerOptions) {
    this.server = options.server.replace(/\/$/, '');
    const jwksUrl = `${this.server}/.well-known/jwks.json`;
    const fetchImpl = options.fetch;
    if (!fetchImpl) this.serverKeys = createRemoteJWKSet(new URL(jwksUrl));
    else {
      // Fetched again whenever a key is not found: the server rotates its keys.
      let local: Promise<JWTVerifyGetKey> | undefined;
      const load = () => fetchImpl(jwksUrl).then(async (r) => createLocalJWKSet((await r.json()) as JSONWebKeySet));
      this.serverKeys = async (header, token) => {
        local ??= load();
        try {
          return await (
            await local
          )(header, token);
        } catch {
          local = load();
          return (await local)(header, token);
        }
      };
    }
  }

  /** Whether the body is the server's `issue` request (the other actions belong to consent operations). */
  static isIssueRequest(body: unknown): boolean {
    return typeof body === 'object' && body !== null && (body as { action?: unknown }).action === 'issue';
  }

  async answer(
    authorization: string | undefined,
    body: unknown,
    load: (request: IssueRequest) => Promise<Record<string, unknown> | undefined>,
  ): Promise<string> {
    const request = await this.verify(authorization, body);
    const data = await load(request);
    if (!data) throw new IssueRequestError(404, 'no such customer');
    if (request.period) {
      const schema = this.options.schemas?.[request.serviceType];
      if (!schema)
        throw new IssueRequestError(400, `a period was asked: give the kit the schema of ${request.serviceType}`);
      const outside = datesOutside(data, schema, request.period);
      if (outside.length > 0) throw new SignedDataPeriodError(outside);
    }
    return issueSignedData(request.template, data, this.options.key);
  }

  /** Checks the request came from the server, for this party and tenant, and names this party as issuer. */
  async verify(authorization: string | undefined, body: unknown): Promise<IssueRequest> {
    try {
      await jwtVerify((authorization ?? '').replace(/^Bearer /, ''), this.serverKeys, {
        issuer: this.server,
        audience: this.options.partyId,
        subject: this.options.tenant,
      });
    } catch {
      throw new IssueRequestError(401, 'not signed by the regiekit server');
    }
    const parsed = OperationRequest.safeParse(body);
    if (!parsed.success || parsed.data.action !== 'issue') throw new IssueRequestError(400, 'not an issue request');
    const template = parsed.data.credentialFor;
    if (template.issuer !== issuerIdentifier(this.server, this.options.tenant, this.options.partyId))
      throw new IssueRequestError(400, 'the template names another issuer');
    return {
      customerRef: parsed.data.customerRef,
      serviceType: template.vct,
      ...(template.fields && { fields: template.fields }),
      ...(template.period && { period: template.period }),
      template,
    };
  }
}
