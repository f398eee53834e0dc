import { PartyRequester, type PartyClientOptions } from '../http/party-requester.js';
import type {
  ArrangementFlowStarted,
  ArrangementList,
  ArrangementPolicyList,
  ArrangementView,
  RequestArrangementRequest,
} from '../protocol/arrangements.js';
import type { ArrangementProposal } from '../protocol/arrangement-policy.js';

const path = (arrangementId: string) => `/${encodeURIComponent(arrangementId)}`;

/**
 * The arrangement API for a party's backend, with its party credential: a
 * debt-help app reads the creditors' policies and asks for arrangements; a
 * creditor lists them, answers (accept, counter-propose, refuse) and reports
 * each instalment. Never in a browser: the credential stays in the backend.
 */
export class ArrangementsClient {
  private readonly requester: PartyRequester;

  constructor(options: PartyClientOptions) {
    this.requester = new PartyRequester(options);
  }

  // --- the debt-help app ---

  /** Every creditor's current policy, signed: verify with `verifyAcceptancePolicy` before relying on it. */
  policies(): Promise<ArrangementPolicyList> {
    return this.requester.call('GET', '/consumer/arrangements/policies');
  }

  /** Asks; open `startUrl` in a window of its own, where the debtor confirms with the passkey. */
  request(body: RequestArrangementRequest): Promise<ArrangementFlowStarted> {
    return this.requester.call('POST', '/consumer/arrangements', body);
  }

  /** Every arrangement you asked for this debtor (your pseudonym `sub`), oldest first. */
  arrangementsOf(sub: string): Promise<ArrangementList> {
    return this.requester.call('GET', `/consumer/users/${encodeURIComponent(sub)}/arrangements`);
  }

  arrangement(arrangementId: string): Promise<ArrangementView> {
    return this.requester.call('GET', `/consumer/arrangements${path(arrangementId)}`);
  }

  // --- the creditor ---

  list(): Promise<ArrangementList> {
    return this.requester.call('GET', '/provider/arrangements');
  }

  forCreditor(arrangementId: string): Promise<ArrangementView> {
    return this.requester.call('GET', `/provider/arrangements${path(arrangementId)}`);
  }

  accept(arrangementId: string): Promise<ArrangementView> {
    return this.requester.call('POST', `/provider/arrangements${path(arrangementId)}/accept`);
  }

  counter(arrangementId: string, counterProposal: ArrangementProposal, reason: string): Promise<ArrangementView> {
    return this.requester.call('POST', `/provider/arrangements${path(arrangementId)}/counter`, {
      counterProposal,
      reason,
    });
  }

  refuse(arrangementId: string, reason: string): Promise<ArrangementView> {
    return this.requester.call('POST', `/provider/arrangements${path(arrangementId)}/refuse`, { reason });
  }

  /** Paid or missed, once per instalment (numbered from 1). */
  report(arrangementId: string, number: number, outcome: 'paid' | 'missed'): Promise<ArrangementView> {
    return this.requester.call('POST', `/provider/arrangements${path(arrangementId)}/instalments/${number}`, {
      outcome,
    });
  }
}
