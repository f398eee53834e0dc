import type { ForwardedData, PartySummary } from '../../protocol/index.js';
import { issuerIdentifier } from '../../protocol/signed-data.js';
import { PartyRequester, type PartyClientOptions } from '../../http/party-requester.js';
import { IssuerKeys } from '../../signed-data/issuer-keys.js';
import { verifySignedData, type VerifiedSignedData } from '../../signed-data/verify.js';
import { presentationNonce } from '../../signed-data/web-crypto.js';

/** A forward as its recipient may use it: checked, with who signed it. */
export interface VerifiedForward<T = Record<string, unknown>> {
  referenceId: string;
  /** The company that signed the data ("ondertekend door Demo Energie"). */
  provider: PartySummary;
  serviceType: string;
  data: T;
  /** When the company signed it. */
  issuedAt: Date;
  /** The presentation as received: keep it, and anyone can check it again later. */
  presentation: string;
  verified: VerifiedSignedData;
}

/**
 * A recipient's backend side of forwarded data (my data, AVG art. 20): when
 * the `data.forwarded` event names a reference, `fetch` gets it once with a
 * fresh nonce and checks it completely — the company's signature through its
 * issuer metadata on this server, every disclosure, exactly the fields the
 * person chose, a key-binding JWT for you and your nonce, and that the
 * company has not revoked it — before returning anything.
 */
export class ForwardedDataClient {
  private readonly requester: PartyRequester;
  private readonly partyId: string;
  private readonly issuersOf: string;

  constructor(
    options: PartyClientOptions,
    private readonly keys: IssuerKeys = new IssuerKeys(options.fetch),
    /** The clock the key-binding JWT's age is measured by (tests move their own). */
    private readonly clock: { now: () => Date } = { now: () => new Date() },
  ) {
    this.requester = new PartyRequester(options);
    this.partyId = options.credential.partyId;
    // Only the companies of this tenant on this server: their issuer identifiers share this prefix.
    this.issuersOf = issuerIdentifier(options.server, options.tenant, '');
  }

  async fetch<T = Record<string, unknown>>(referenceId: string): Promise<VerifiedForward<T>> {
    const ourNonce = presentationNonce();
    const forwarded = await this.requester.call<ForwardedData>(
      'POST',
      `/consumer/forwards/${encodeURIComponent(referenceId)}`,
      { nonce: ourNonce },
    );
    const verified = await verifySignedData(forwarded.presentation, {
      trustedIssuers: (issuer) => issuer === `${this.issuersOf}${forwarded.providerId}`,
      audience: this.partyId,
      nonce: ourNonce,
      vct: forwarded.serviceType,
      fields: forwarded.fields,
      keys: this.keys,
      now: this.clock.now(),
    });
    return {
      referenceId,
      provider: forwarded.provider,
      serviceType: forwarded.serviceType,
      data: verified.data as T,
      issuedAt: verified.issuedAt,
      presentation: forwarded.presentation,
      verified,
    };
  }
}
