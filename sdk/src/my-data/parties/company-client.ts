import type {
  ExtendCorrectionRequest,
  ProviderCorrection,
  ProviderCorrectionList,
  ViewTokenMinted,
} from '../../protocol/index.js';
import { PartyRequester, type PartyClientOptions } from '../../http/party-requester.js';

/**
 * A company's backend side of "my data": mint a view token for the customer
 * logged in to its portal (hand it to `<regie-my-data>`), and answer the
 * corrections its customers ask for. To sign the data itself, answer the
 * server's `issue` requests with `SignedDataIssuer` from
 * `@regiekit/sdk/signed-data`.
 */
export class MyDataCompanyClient {
  private readonly requester: PartyRequester;

  constructor(options: PartyClientOptions) {
    this.requester = new PartyRequester(options);
  }

  /** A single-use token for five minutes: mint it per page view, in the backend, never cache it. */
  mintViewToken(customerRef: string): Promise<ViewTokenMinted> {
    return this.requester.call('POST', '/provider/my-data/view-tokens', { customerRef });
  }

  async corrections(): Promise<ProviderCorrection[]> {
    return (await this.requester.call<ProviderCorrectionList>('GET', '/provider/my-data/corrections')).corrections;
  }

  correction(correctionId: string): Promise<ProviderCorrection> {
    return this.requester.call('GET', `/provider/my-data/corrections/${encodeURIComponent(correctionId)}`);
  }

  /** Accept after changing the data: the old data's credentials show as revoked from now on. */
  accept(correctionId: string): Promise<ProviderCorrection> {
    return this.requester.call('POST', `/provider/my-data/corrections/${encodeURIComponent(correctionId)}/accept`, {});
  }

  refuse(correctionId: string, reason: string): Promise<ProviderCorrection> {
    return this.requester.call('POST', `/provider/my-data/corrections/${encodeURIComponent(correctionId)}/refuse`, {
      reason,
    });
  }

  extend(correctionId: string, request: ExtendCorrectionRequest): Promise<ProviderCorrection> {
    return this.requester.call(
      'POST',
      `/provider/my-data/corrections/${encodeURIComponent(correctionId)}/extend`,
      request,
    );
  }
}
