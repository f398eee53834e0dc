import { html, nothing, type TemplateResult } from 'lit';
import type { ArrangementDecisionView } from '@regiekit/sdk/protocol';
import type { AccountPageHost, PasskeyMode } from '../shared/account/page-flow.js';
import { arrangementDecisionMessages, type ArrangementDecisionMessages } from './arrangement-decision.messages.js';

const euros = (cents: number, language: 'nl' | 'en') =>
  new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );

/**
 * A payment arrangement the debtor asks for in a debt-help app, or a
 * creditor's counter-proposal, as the debtor confirms it here with the
 * passkey: the amount each month, the term, the total, what stops, and
 * whether the creditor's conditions accept it at once.
 */
export class ArrangementDecision {
  constructor(
    private readonly host: AccountPageHost,
    readonly view: ArrangementDecisionView,
    private readonly signedIn: boolean,
    private readonly actions: { confirm: (mode: PasskeyMode) => void; refuse: () => void },
  ) {}

  private get text(): ArrangementDecisionMessages {
    return arrangementDecisionMessages[this.host.language];
  }

  render(): TemplateResult {
    const t = this.text;
    const lang = this.host.language;
    const view = this.view;
    const creditor = this.host.name(view.provider);
    const counter = view.step === 'counter-proposal';
    const { proposal, whileKept } = view;
    const stops = [whileKept.interestStops && t.interestStops, whileKept.collectionCostsStop && t.costsStop].filter(
      (part): part is string => typeof part === 'string',
    );
    return html`
      <h2 tabindex="-1">${counter ? t.counterQuestion(creditor) : t.requestQuestion(creditor)}</h2>
      <p>${counter ? t.counterIntro(creditor) : t.requestIntro(creditor)}</p>
      <dl class="terms">
        <dt>${t.monthly}</dt>
        <dd><strong>${euros(proposal.instalmentCents[0]!, lang)}</strong></dd>
        <dt>${t.term}</dt>
        <dd>${t.months(proposal.instalmentCents.length)}</dd>
        <dt>${t.total}</dt>
        <dd>${euros(proposal.balanceCents, lang)}</dd>
        <dt>${t.firstInstalment}</dt>
        <dd>${this.host.formatDate(`${proposal.startMonth}-01T00:00:00Z`)}</dd>
        <dt>${t.stops}</dt>
        <dd>${stops.length > 0 ? stops.join(', ') : t.nothingStops}</dd>
      </dl>
      ${
        counter
          ? view.reason
            ? html`<p><strong>${t.creditorSays}:</strong> ${view.reason}</p>`
            : nothing
          : html`<p>${view.outcome === 'accepted-in-advance' ? t.acceptedInAdvance : t.needsReview}</p>
              ${view.reasons.length > 0 ? html`<ul>${view.reasons.map((reason) => html`<li>${reason[lang]}</li>`)}</ul>` : nothing}`
      }
      <p>${t.policyVersion(view.policyVersion)}</p>
      ${this.signedIn ? nothing : html`<p>${this.host.text.newAccountHint}</p>`}
      <div class="actions">
        <button type="button" @click=${() => this.actions.confirm('existing')}>${counter ? t.acceptCounter : t.confirm}</button>
        ${
          this.signedIn
            ? nothing
            : html`<button type="button" class="secondary" @click=${() => this.actions.confirm('new-account')}>${this.host.text.newAccountWithPasskey}</button>`
        }
        <button type="button" class="secondary" @click=${() => this.actions.refuse()}>${this.host.text.refuse}</button>
      </div>
    `;
  }
}
