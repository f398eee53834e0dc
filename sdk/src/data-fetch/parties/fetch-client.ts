import type {
  AttachedData,
  Catalogue,
  CreateFetchRequest,
  FetchedData,
  FetchPeriod,
  FetchRequested,
  PartySummary,
} from '../../protocol/index.js';
import { issuerIdentifier } from '../../protocol/signed-data.js';
import { PartyRequester, type PartyClientOptions } from '../../http/party-requester.js';
import { signedContentDigest } from '../../signed-data/decode.js';
import { IssuerKeys } from '../../signed-data/issuer-keys.js';
import type { DateSchema } from '../../signed-data/period.js';
import { SignedDataVerificationError, verifySignedData, type VerifiedSignedData } from '../../signed-data/verify.js';
import { presentationNonce } from '../../signed-data/web-crypto.js';

/**
 * What a form keeps of a fetched result: enough for anyone (a caseworker,
 * later) to check it again with {@link FetchClient.check}.
 */
export interface StoredFetch {
  fetchId: string;
  providerId: string;
  serviceType: string;
  fields: string[];
  period: FetchPeriod;
  presentation: string;
  /** The nonce you gave, and when you received it: the key-binding JWT must be from just before then. */
  nonce: string;
  receivedAt: string;
}

/** A fetched result, checked: who signed it, the data, its digest (the applicant's receipt names the same). */
export interface VerifiedFetch<T = Record<string, unknown>> {
  stored: StoredFetch;
  provider: PartySummary;
  data: T;
  /** When the source signed it ("opgehaald op"). */
  fetchedAt: Date;
  contentDigest: string;
  /** What to show beside the question in the form (`<regie-data-fetch>`'s `attached`). */
  attached: AttachedData;
  verified: VerifiedSignedData;
}

const CATALOGUE_TTL_MS = 60_000;
/** How old a key-binding JWT may be when it arrives (as verifySignedData's default). */
const KEY_BINDING_MAX_AGE_S = 300;

/**
 * The form's backend side of a fetch into an application. `ask` starts a
 * fetch for one application (only when the applicant chose to fetch);
 * `take` gets what the applicant added, once, with a fresh nonce, and checks
 * it completely before returning anything: the source's signature through
 * its issuer metadata on this server, every disclosure, exactly the fields
 * asked, no date outside the period asked (by the source's schema in the
 * catalogue), a key-binding JWT for you and your nonce, not revoked, and the
 * digest the applicant's receipt names. `check` does it again later for a
 * stored result (the caseworker's page).
 */
export class FetchClient {
  private readonly requester: PartyRequester;
  private readonly partyId: string;
  private readonly issuersOf: string;
  private catalogue: { at: number; value: Catalogue } | undefined;

  constructor(
    options: PartyClientOptions,
    private readonly keys: IssuerKeys = new IssuerKeys(options.fetch),
    /** The clock key-binding JWTs are measured by (tests move their own). */
    private readonly clock: { now: () => Date } = { now: () => new Date() },
  ) {
    this.requester = new PartyRequester(options);
    this.partyId = options.credential.partyId;
    this.issuersOf = issuerIdentifier(options.server, options.tenant, '');
  }

  ask(request: CreateFetchRequest, lang: 'nl' | 'en' = 'nl'): Promise<FetchRequested> {
    return this.requester.call<FetchRequested>('POST', `/consumer/fetches?lang=${lang}`, request);
  }

  /**
   * The source's offer of the service in the catalogue (its schema says where
   * the dates are, its labels what the fields are called). Kept for a minute;
   * asked again at once when the source or the service is not in it.
   */
  private async offer(serviceType: string, providerId: string) {
    const find = (catalogue: Catalogue) => {
      const entry = catalogue.services.find((service) => service.serviceType === serviceType);
      return { entry, source: entry?.providers.find((provider) => provider.id === providerId) };
    };
    const now = Date.now();
    if (this.catalogue && now - this.catalogue.at < CATALOGUE_TTL_MS) {
      const cached = find(this.catalogue.value);
      if (cached.source) return cached;
    }
    this.catalogue = { at: now, value: await this.requester.call<Catalogue>('GET', '/catalogue') };
    return find(this.catalogue.value);
  }

  async take<T = Record<string, unknown>>(fetchId: string, applicationRef: string): Promise<VerifiedFetch<T>> {
    const ourNonce = presentationNonce();
    const fetched = await this.requester.call<FetchedData>(
      'POST',
      `/consumer/fetches/${encodeURIComponent(fetchId)}/result`,
      { applicationRef, nonce: ourNonce },
    );
    const verified = await this.check<T>({
      fetchId,
      providerId: fetched.providerId,
      serviceType: fetched.serviceType,
      fields: fetched.fields,
      period: fetched.period,
      presentation: fetched.presentation,
      nonce: ourNonce,
      receivedAt: this.clock.now().toISOString(),
    });
    if (verified.contentDigest !== fetched.contentDigest)
      throw new SignedDataVerificationError('digests', 'the digest differs from the one the receipt names');
    return verified;
  }

  async check<T = Record<string, unknown>>(stored: StoredFetch): Promise<VerifiedFetch<T>> {
    const now = this.clock.now();
    const { entry, source } = await this.offer(stored.serviceType, stored.providerId);
    if (!entry || !source)
      throw new SignedDataVerificationError('untrusted-issuer', 'the source no longer offers this service');
    const verified = await verifySignedData(stored.presentation, {
      trustedIssuers: (issuer) => issuer === `${this.issuersOf}${stored.providerId}`,
      audience: this.partyId,
      nonce: stored.nonce,
      vct: stored.serviceType,
      fields: stored.fields,
      period: { period: stored.period, schema: source.schema as DateSchema },
      keys: this.keys,
      // Checked now (the issuer's status list, the credential's validity), with the key-binding JWT
      // judged by when it was received: made at most five minutes before that.
      now,
      maxAgeSeconds: KEY_BINDING_MAX_AGE_S + Math.max(0, (now.getTime() - Date.parse(stored.receivedAt)) / 1000),
    });
    const contentDigest = await signedContentDigest(stored.presentation);
    const provider: PartySummary = {
      id: source.id,
      displayName: source.displayName,
      ...(source.logoUrl && { logoUrl: source.logoUrl }),
    };
    const labels = new Map(entry.fields.map((field) => [field.name, field.label]));
    return {
      stored,
      provider,
      data: verified.data as T,
      fetchedAt: verified.issuedAt,
      contentDigest,
      verified,
      attached: {
        fetchId: stored.fetchId,
        provider,
        serviceTitle: entry.title,
        fetchedAt: verified.issuedAt.toISOString(),
        fields: stored.fields
          .filter((name) => name in verified.data)
          .map((name) => ({ name, label: labels.get(name) ?? { nl: name, en: name }, value: verified.data[name] })),
        ...(entry.itemLabels && { itemLabels: entry.itemLabels }),
        contentDigest,
      },
    };
  }
}
