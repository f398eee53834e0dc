import { CompactSign, createLocalJWKSet, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import type { PayloadBinding } from '@regiekit/sdk/protocol';
import { signPayload } from '@regiekit/sdk/party';
import {
  issueSignedData,
  SignedDataIssuer,
  type DateSchema,
  type IssueRequest,
  type IssuerKey,
} from '@regiekit/sdk/signed-data';
import { signArrangementAnswer } from '@regiekit/sdk/arrangements';
import type { KeyObject } from 'node:crypto';

export type ProviderBehaviour =
  | 'ok'
  | 'down'
  | 'slow'
  | 'garbage'
  | 'tampered'
  | 'off-schema'
  /** Signs, by hand, data of every day it holds, whatever period was asked. */
  | 'extra-days'
  /** Signs bare data, as providers did before payloads were bound to their call. */
  | 'unbound'
  /** Binds the payload to another consumer. */
  | 'other-audience'
  /** Signs, by hand, a field the user did not consent to. */
  | 'extra-field'
  /** Signs an hour before the call. */
  | 'old';

type RequestApp = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/**
 * Stands in for the providers' operation endpoints and the consumers' webhook
 * receivers while the server runs in `app.request()` tests: the server's
 * outgoing requests (its `partyFetch`) arrive here.
 */
export class FakeParties {
  readonly calls: { url: string; body: Record<string, unknown>; verified: boolean }[] = [];
  readonly webhooks: { headers: Record<string, string>; body: string }[] = [];
  behaviour: ProviderBehaviour = 'ok';
  private readonly operations = new Map<string, string>();
  private serverKeys: ReturnType<typeof createLocalJWKSet> | undefined;
  private readonly issuers = new Map<string, SignedDataIssuer>();
  /** My data: what each provider holds per customer reference and service type. */
  readonly personalData = new Map<string, Record<string, unknown>>();
  /** How long the providers' own systems take to find a customer's data (benchmarks: a real backend). */
  lookupMs = 0;
  /** The schemas of services whose data is asked by period (fetch into an application), for the issuer kit. */
  readonly schemas: Record<string, DateSchema> = {};

  constructor(
    private readonly app: RequestApp,
    private readonly keys: Record<string, { privateKey: KeyObject; publicJwk: Record<string, unknown> }>,
    /** What the providers hand out (before each one keeps what the consent allows). */
    public data: Record<string, unknown> = {
      items: [{ description: 'Jaarafrekening', amountCents: 48250, dueDate: '2026-09-30', stage: 'aanmaning' }],
      totalCents: 48250,
    },
  ) {}

  fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    if (url.includes('/webhooks/')) {
      this.webhooks.push({ headers, body: String(init?.body) });
      return new Response(null, { status: 204 });
    }
    const provider = new URL(url).hostname.split('.')[0]!;
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    const verified = await this.signedByServer(headers.authorization, provider);
    this.calls.push({ url, body, verified });
    if (this.behaviour === 'down') throw new TypeError('fetch failed');
    if (this.behaviour === 'slow')
      await new Promise((resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      );
    if (this.behaviour === 'garbage') return new Response('<html>oops</html>', { status: 200 });
    if (body.action === 'create') {
      const operationId = `op-${provider}-${this.operations.size + 1}`;
      this.operations.set(operationId, provider);
      return Response.json({ operationId });
    }
    if (body.action === 'drop') return new Response(null, { status: 204 });
    if (body.action === 'issue') return this.issue(provider, headers.authorization, body);
    if (body.action === 'arrangement') return this.answerArrangement(provider, body);
    const signer = this.operations.get(String(body.operationId));
    if (!signer) return new Response('unknown', { status: 404 });
    if (this.lookupMs > 0) await new Promise((resolve) => setTimeout(resolve, this.lookupMs));
    const data = this.behaviour === 'off-schema' ? { items: 'not a list' } : this.data;
    const jws = await this.sign(signer, body.payloadFor as PayloadBinding, data);
    if (this.behaviour !== 'tampered') return new Response(jws, { headers: { 'Content-Type': 'application/jose' } });
    const [header, , signature] = jws.split('.');
    const forged = Buffer.from(JSON.stringify({ ...this.data, totalCents: 1 })).toString('base64url');
    return new Response(`${header}.${forged}.${signature}`, { headers: { 'Content-Type': 'application/jose' } });
  }) as typeof fetch;

  /** Arrangements: within policy the creditor accepts at once, citing the policy hash; otherwise its staff review. */
  private async answerArrangement(provider: string, body: Record<string, unknown>): Promise<Response> {
    const jws = await signArrangementAnswer(
      {
        arrangementId: String(body.arrangementId),
        decision: body.outcome === 'accepted-in-advance' ? 'accepted' : 'review',
        policyHash: String(body.policyHash),
      },
      { privateKey: this.keys[provider]!.privateKey, keyId: `${provider}-payload` },
    );
    return new Response(jws, { headers: { 'Content-Type': 'application/jose' } });
  }

  /** My data: what `customerRef` has of `serviceType` at `provider`. */
  holds(provider: string, customerRef: string, serviceType: string, data: Record<string, unknown>): void {
    this.personalData.set(`${provider}|${customerRef}|${serviceType}`, data);
  }

  /** The provider's SD-JWT VC of a customer's category, through the SDK's issuer kit (or broken on purpose). */
  private async issue(provider: string, authorization: string | undefined, body: unknown): Promise<Response> {
    const { privateKey } = this.keys[provider]!;
    const key = {
      privateKey: privateKey.export({ format: 'jwk' }) as IssuerKey['privateKey'],
      keyId: `${provider}-payload`,
    };
    let issuer = this.issuers.get(provider);
    if (!issuer) {
      issuer = new SignedDataIssuer({
        server: 'http://localhost:8080',
        tenant: 'nijmegen',
        partyId: provider,
        key,
        schemas: this.schemas,
        fetch: (input, init) => Promise.resolve(this.app.request(String(input), init)),
      });
      this.issuers.set(provider, issuer);
    }
    const load = async (ask: IssueRequest) => {
      if (this.lookupMs > 0) await new Promise((resolve) => setTimeout(resolve, this.lookupMs));
      const held = this.personalData.get(`${provider}|${ask.customerRef}|${ask.serviceType}`);
      if (!held) return undefined;
      const asked = ask.fields
        ? Object.fromEntries(Object.entries(held).filter(([field]) => ask.fields!.includes(field)))
        : held;
      return ask.period ? withinPeriod(asked, ask.period) : asked;
    };
    let credential: string;
    try {
      if (this.behaviour === 'extra-days') {
        // Signed by hand, past the kit: every day it holds, whatever period was asked.
        const ask = await issuer.verify(authorization, body);
        const held = this.personalData.get(`${provider}|${ask.customerRef}|${ask.serviceType}`) ?? {};
        const asked = Object.fromEntries(Object.entries(held).filter(([field]) => ask.fields?.includes(field) ?? true));
        credential = await issueSignedData(ask.template, asked, key);
      } else if (this.behaviour === 'extra-field') {
        // Signed by hand, past the kit: every field, whatever was asked.
        const ask = await issuer.verify(authorization, body);
        const held = this.personalData.get(`${provider}|${ask.customerRef}|${ask.serviceType}`) ?? {};
        credential = await issueSignedData({ ...ask.template, fields: undefined }, { ...held, bsn: '999999990' }, key);
      } else credential = await issuer.answer(authorization, body, load);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      return new Response(String((error as Error).message), { status });
    }
    if (this.behaviour === 'off-schema') {
      const ask = await issuer.verify(authorization, body);
      credential = await issueSignedData(ask.template, { readings: 'not a list', email: 42 }, key);
    }
    if (this.behaviour === 'tampered') {
      const [jwt, first, ...rest] = credential.split('~');
      const forged = Buffer.from(JSON.stringify(['salt', 'email', 'forged@example.com'])).toString('base64url');
      credential = [jwt, first ? forged : first, ...rest].join('~');
    }
    return new Response(credential, { headers: { 'Content-Type': 'application/dc+sd-jwt' } });
  }

  /** The provider's payload, as each behaviour signs it. */
  private async sign(provider: string, binding: PayloadBinding, data: Record<string, unknown>): Promise<string> {
    const { privateKey } = this.keys[provider]!;
    const key = { providerId: provider, privateKey, keyId: `${provider}-payload` };
    if (this.behaviour === 'unbound')
      return new CompactSign(new TextEncoder().encode(JSON.stringify(data)))
        .setProtectedHeader({ alg: 'ES256', kid: key.keyId })
        .sign(privateKey);
    if (this.behaviour === 'extra-field')
      return new SignJWT({
        ref: binding.referenceId,
        service: binding.serviceType,
        fields: [...binding.fields, 'bsn'],
        data: { ...data, bsn: '999999990' },
      })
        .setProtectedHeader({ alg: 'ES256', kid: key.keyId, typ: 'regiekit-payload+jwt' })
        .setIssuer(provider)
        .setAudience(binding.consumerId)
        .setIssuedAt()
        .sign(privateKey);
    if (this.behaviour === 'other-audience') return signPayload({ ...binding, consumerId: 'budgetcoach' }, data, key);
    if (this.behaviour === 'old') return signPayload(binding, data, key, new Date(Date.now() - 3600_000));
    return signPayload(binding, data, key);
  }

  private async signedByServer(authorization: string | undefined, provider: string): Promise<boolean> {
    // Fetched and imported once, as a creditor's JOSE library keeps the server's keys (jose's remote JWKS caches).
    this.serverKeys ??= createLocalJWKSet(
      (await (await this.app.request('http://localhost:8080/.well-known/jwks.json')).json()) as JSONWebKeySet,
    );
    try {
      await jwtVerify((authorization ?? '').replace(/^Bearer /, ''), this.serverKeys, {
        issuer: 'http://localhost:8080',
        audience: provider,
      });
      return true;
    } catch {
      return false;
    }
  }
}

/** A source keeps to the period asked: list items with a `date` outside it are left out. */
function withinPeriod(data: Record<string, unknown>, period: { from: string; to: string }): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([field, value]) => [
      field,
      Array.isArray(value)
        ? value.filter((item: { date?: string }) => !item.date || (item.date >= period.from && item.date <= period.to))
        : value,
    ]),
  );
}
