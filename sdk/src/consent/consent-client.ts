import type { JSONWebKeySet } from 'jose';
import type {
  Catalogue,
  ConsentRequested,
  ConsumerConsent,
  CreateConsentRequest,
  ReuseResult,
} from '../protocol/index.js';
import { PartyRequester, type PartyClientOptions } from '../http/party-requester.js';
import { verifyPayload, type VerifiedPayload } from './verify-payload.js';

/** How strict {@link ConsentClient.fetchVerified} is about a payload's age and binding. */
export interface PayloadPolicy {
  /** How old a payload may be when it arrives (default 300 s). */
  maxAgeSeconds?: number;
  /**
   * Accept payloads of providers that do not bind them to the call yet, until
   * UNBOUND_PAYLOADS_ACCEPTED_UNTIL (default true; set false to refuse them now).
   */
  allowUnbound?: boolean;
}

export interface VerifiedReuse<T = unknown> extends VerifiedPayload<T> {
  providerId: string;
  referenceId: string;
  /** The provider's JWS as received: forward it, and the receiver can check it too. */
  jws: string;
}

/**
 * A consumer backend's side of consent and data reuse: register a consent
 * request, read it (with its data references and receipt), revoke it, and call
 * references. `fetchVerified` checks every payload against the provider's
 * JWKS and schema, and that it was signed for this consumer, this reference
 * and the consented fields, recently; anything else throws, it is never returned.
 */
export class ConsentClient {
  private readonly requester: PartyRequester;
  private readonly jwksCache = new Map<string, Promise<JSONWebKeySet>>();
  private catalogue: Promise<Catalogue> | undefined;

  private readonly consumerId: string;

  constructor(
    options: PartyClientOptions,
    private readonly payloads: PayloadPolicy = {},
  ) {
    this.requester = new PartyRequester(options);
    this.consumerId = options.credential.partyId;
  }

  /** Hand `consentId`, `startUrl` and `statusToken` to `<regie-consent-dialog>`. */
  requestConsent(request: CreateConsentRequest): Promise<ConsentRequested> {
    return this.requester.call('POST', '/consumer/consents', request);
  }

  consent(consentId: string): Promise<ConsumerConsent> {
    return this.requester.call('GET', `/consumer/consents/${encodeURIComponent(consentId)}`);
  }

  revoke(consentId: string): Promise<void> {
    return this.requester.call('POST', `/consumer/consents/${encodeURIComponent(consentId)}/revoke`);
  }

  /** The raw answer: the provider's JWS, not yet verified. Prefer `fetchVerified`. */
  reuse(referenceId: string, input?: Record<string, unknown>): Promise<ReuseResult> {
    return this.requester.call(
      'POST',
      `/consumer/references/${encodeURIComponent(referenceId)}`,
      input ? { input } : {},
    );
  }

  async fetchVerified<T = unknown>(referenceId: string, input?: Record<string, unknown>): Promise<VerifiedReuse<T>> {
    const result = await this.reuse(referenceId, input);
    const [jwks, schema] = await Promise.all([
      this.jwksOf(result.providerId),
      this.schemaOf(result.serviceType, result.providerId),
    ]);
    const verified = await verifyPayload<T>(result.jws, {
      jwks,
      schema,
      expected: {
        provider: result.providerId,
        consumer: this.consumerId,
        referenceId,
        fields: result.fields,
        maxAgeSeconds: this.payloads.maxAgeSeconds,
        allowUnbound: this.payloads.allowUnbound ?? true,
      },
    });
    return { ...verified, providerId: result.providerId, referenceId, jws: result.jws };
  }

  private jwksOf(providerId: string): Promise<JSONWebKeySet> {
    let jwks = this.jwksCache.get(providerId);
    if (!jwks) {
      jwks = this.requester.get<JSONWebKeySet>(`/providers/${encodeURIComponent(providerId)}/jwks.json`);
      jwks.catch(() => this.jwksCache.delete(providerId));
      this.jwksCache.set(providerId, jwks);
    }
    return jwks;
  }

  private async schemaOf(serviceType: string, providerId: string): Promise<Record<string, unknown>> {
    this.catalogue ??= this.requester.call<Catalogue>('GET', '/catalogue');
    const entry = (await this.catalogue).services.find((service) => service.serviceType === serviceType);
    const schema = entry?.providers.find((provider) => provider.id === providerId)?.schema;
    if (!schema) {
      this.catalogue = undefined;
      throw new Error(`No schema of ${serviceType} by ${providerId} in the catalogue.`);
    }
    return schema;
  }
}
