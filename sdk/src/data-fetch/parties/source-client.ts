import type { FetchIdentified, FetchToIdentify } from '../../protocol/index.js';
import { PartyRequester, type PartyClientOptions } from '../../http/party-requester.js';

/**
 * The source's backend side of a fetch into an application. Its identify
 * page receives `?fetch=<token>`: `redeem` says what is asked (by whom, which
 * fields, which days) to show while the source identifies the person its own
 * way; `identified` hands over the source's own customer reference (never a
 * BSN) and answers where to send the browser back. The data itself the
 * server then asks at the source's operation endpoint, which answers with
 * `SignedDataIssuer` of `@regiekit/sdk/signed-data` (give it `schemas`, so it
 * keeps to the period asked).
 */
export class SourceClient {
  private readonly requester: PartyRequester;

  constructor(options: PartyClientOptions) {
    this.requester = new PartyRequester(options);
  }

  redeem(token: string): Promise<FetchToIdentify> {
    return this.requester.call<FetchToIdentify>('POST', '/provider/fetches/redeem', { token });
  }

  identified(token: string, customerRef: string): Promise<FetchIdentified> {
    return this.requester.call<FetchIdentified>('POST', '/provider/fetches/identified', { token, customerRef });
  }
}
