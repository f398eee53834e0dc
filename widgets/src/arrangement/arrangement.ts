import { html, nothing, svg, type TemplateResult } from 'lit';
import { epcPayload, type ArrangementProposals, type CreditorArrangement } from '@regiekit/sdk/arrangements';
import type { ArrangementView, Instalment } from '@regiekit/sdk/protocol';
import { RegieArrangementReplanEvent, RegieArrangementRequestEvent } from '../shared/events.js';
import { drawQrCode } from '@regiekit/sdk/qr';
import { RegieElement } from '../shared/regie-element.js';
import { tableRegion } from '../shared/table-region.js';
import { themeStyles } from '../shared/theme.styles.js';
import { arrangementMessages, type ArrangementMessages } from './arrangement.messages.js';
import { arrangementStyles } from './arrangement.styles.js';

/**
 * Payment arrangements in a debt-help app. Given `proposals` (from
 * `proposeArrangements` in @regiekit/sdk/arrangements) it shows per creditor
 * the amount each month, the term, the total, what stops and whether the
 * creditor's conditions accept it at once, with a button to ask for it. Given
 * an `arrangement` (the server's ArrangementView) it shows its state, what a
 * missed instalment leaves, the schedule with an EPC QR code per instalment
 * to pay by bank transfer, and the balance going down.
 *
 * @summary Proposals, status, schedule and payment QR codes of payment arrangements.
 * @tag regie-arrangement
 * @fires regie-arrangement-request - The debtor asks for the arrangement with one creditor (its proposal).
 * @fires regie-arrangement-replan - After a miss or a lapse: the debtor wants a new plan.
 * @cssproperty --regie-accent-color - Buttons, links and the paid part of the balance.
 * @cssproperty --regie-danger-color - Misses and what does not fit.
 * @csspart qr - The QR code of an instalment.
 */
export class RegieArrangement extends RegieElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = [themeStyles, arrangementStyles];

  static override properties = {
    proposals: { attribute: false },
    arrangement: { attribute: false },
  };

  /** Proposals to show, one per creditor (from `proposeArrangements`). */
  declare proposals: ArrangementProposals | undefined;
  /** An arrangement to follow (the server's view of it, as the app's backend read it). */
  declare arrangement: ArrangementView | undefined;

  private get text(): ArrangementMessages {
    return arrangementMessages[this.language];
  }

  private money(cents: number): string {
    return new Intl.NumberFormat(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      style: 'currency',
      currency: 'EUR',
    }).format(cents / 100);
  }

  private monthName(month: string): string {
    return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }

  override render(): TemplateResult {
    const t = this.text;
    const arrangement = this.arrangement;
    return html`<p role="status" class=${arrangement ? '' : 'visually-hidden'}>
        ${arrangement ? t.state[arrangement.state] : ''}
      </p>
      ${arrangement ? this.arrangementView(arrangement) : nothing}
      ${this.proposals ? this.proposalList(this.proposals) : nothing}
      ${!arrangement && !this.proposals ? html`<p>${t.nothing}</p>` : nothing}`;
  }

  private stops(interest: boolean, costs: boolean): string {
    const t = this.text;
    const parts = [interest && t.interestStops, costs && t.costsStop].filter((p): p is string => typeof p === 'string');
    return parts.length > 0 ? parts.join(', ') : t.nothingStops;
  }

  private proposalList(proposals: ArrangementProposals): TemplateResult {
    const t = this.text;
    return html`<section aria-labelledby="proposals-title">
      <h2 id="proposals-title">${t.proposalsTitle}</h2>
      <ul class="cards">
        ${proposals.creditors.map((creditor) => this.proposalCard(creditor))}
      </ul>
    </section>`;
  }

  private proposalCard(creditor: CreditorArrangement): TemplateResult {
    const t = this.text;
    const lang = this.language;
    const proposal = creditor.proposal;
    return html`<li class="card">
      <h3>${creditor.creditor}</h3>
      <p class=${creditor.status}>${t.outcome[creditor.status]}</p>
      ${
        proposal
          ? html`<dl>
              <dt>${t.monthly}</dt>
              <dd class="amount">${this.money(creditor.monthlyCents)}</dd>
              <dt>${t.term}</dt>
              <dd>${t.months(creditor.termMonths)}</dd>
              <dt>${t.total}</dt>
              <dd class="amount">${this.money(creditor.totalCents)}</dd>
              <dt>${t.startsIn}</dt>
              <dd>${this.monthName(proposal.startMonth)}</dd>
              <dt>${t.stops}</dt>
              <dd>${this.stops(creditor.interestStops, creditor.collectionCostsStop)}</dd>
            </dl>`
          : nothing
      }
      ${creditor.note ? html`<p>${creditor.note[lang]}</p>` : nothing}
      ${creditor.evaluation && creditor.status === 'needs-review' ? html`<ul>${creditor.evaluation.reasons.map((r) => html`<li>${r[lang]}</li>`)}</ul>` : nothing}
      ${
        proposal
          ? html`<button type="button" @click=${() => this.dispatchEvent(new RegieArrangementRequestEvent(creditor))}>
              ${t.request(creditor.creditor)}
            </button>`
          : nothing
      }
    </li>`;
  }

  private arrangementView(view: ArrangementView): TemplateResult {
    const t = this.text;
    const creditor = view.provider.displayName[this.language];
    const left = view.lapse.missedInstalments - view.missedCount - 1;
    // While countered, the terms on offer are the creditor's.
    const terms = view.state === 'countered' && view.counterProposal ? view.counterProposal : view.proposal;
    return html`<section aria-labelledby="arrangement-title">
      <h2 id="arrangement-title">${t.statusTitle(creditor)}</h2>
      ${view.state === 'missed' ? html`<p class="alert">${t.graceLeft(Math.max(0, left), view.lapse.graceDays)}</p>` : nothing}
      ${view.state === 'lapsed' ? html`<p class="alert">${t.lapsedHelp}</p>` : nothing}
      ${
        view.state === 'missed' || view.state === 'lapsed'
          ? html`<button type="button" class="secondary" @click=${() => this.dispatchEvent(new RegieArrangementReplanEvent(view.arrangementId))}>${t.replan}</button>`
          : nothing
      }
      ${
        view.state === 'countered' && view.counterFlowUrl
          ? html`<p>${t.counterOffered}</p>
              <a class="action" href=${view.counterFlowUrl} target="regie-arrangement">${t.reviewCounter}</a>`
          : nothing
      }
      ${view.reason ? html`<p><strong>${t.creditorSays}:</strong> ${view.reason}</p>` : nothing}
      <dl>
        <dt>${t.monthly}</dt>
        <dd class="amount">${this.money(terms.instalmentCents[0]!)}</dd>
        <dt>${t.term}</dt>
        <dd>${t.months(terms.instalmentCents.length)}</dd>
        <dt>${t.total}</dt>
        <dd class="amount">${this.money(terms.balanceCents)}</dd>
        <dt>${t.stops}</dt>
        <dd>${this.stops(view.whileKept.interestStops, view.whileKept.collectionCostsStop)}</dd>
      </dl>
      ${view.instalments.length > 0 ? this.balancePicture(view) : nothing}
      ${view.instalments.length > 0 ? this.schedule(view) : nothing}
    </section>`;
  }

  /** One bar per instalment: what is left after it; the paid part in the accent colour. */
  private balancePicture(view: ArrangementView): TemplateResult {
    const t = this.text;
    const total = view.proposal.balanceCents;
    let left = total;
    let paidSoFar = 0;
    const bars = view.instalments.map((instalment) => {
      left -= instalment.amountCents;
      if (instalment.state === 'paid') paidSoFar += instalment.amountCents;
      return { left, paid: instalment.state === 'paid' };
    });
    const width = 100 / bars.length;
    return html`<h3>${t.balanceTitle}</h3>
      <svg class="balance" viewBox="0 0 100 50" preserveAspectRatio="none" role="img"
        aria-label=${t.balanceLabel(this.money(total), this.money(total - paidSoFar))}>
        ${bars.map(({ left: after, paid }, k) => {
          const height = Math.max(0.5, (after / total) * 50);
          return svg`<rect class=${paid ? 'paid' : 'left'} x=${k * width + width * 0.1} y=${50 - height} width=${width * 0.8} height=${height}></rect>`;
        })}
      </svg>`;
  }

  private schedule(view: ArrangementView): TemplateResult {
    const t = this.text;
    return tableRegion(
      'schedule-caption',
      html`<table class="schedule">
        <caption id="schedule-caption">${t.scheduleCaption}</caption>
        <thead>
          <tr><th scope="col">${t.number}</th><th scope="col">${t.month}</th><th scope="col">${t.amount}</th><th scope="col">${t.status}</th></tr>
        </thead>
        <tbody>
          ${view.instalments.map(
            (instalment) => html`<tr>
              <th scope="row" data-label=${t.number}>${instalment.number}</th>
              <td data-label=${t.month}>${this.monthName(instalment.dueMonth)}</td>
              <td class="amount" data-label=${t.amount}>${this.money(instalment.amountCents)}</td>
              <td data-label=${t.status}>${t.instalmentState[instalment.state]}${instalment.state === 'due' && (view.state === 'active' || view.state === 'missed') ? this.payment(view, instalment) : nothing}</td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }

  /** The EPC QR code ("betaalverzoek") of one instalment, with the same data in words next to it. */
  private payment(view: ArrangementView, instalment: Instalment): TemplateResult {
    const t = this.text;
    const reference = `${view.paymentReference} termijn ${instalment.number}`;
    const amount = this.money(instalment.amountCents);
    const qr = drawQrCode(
      epcPayload({
        beneficiaryName: view.payTo.beneficiaryName,
        iban: view.payTo.iban,
        amountCents: instalment.amountCents,
        remittance: reference,
      }),
    );
    return html`<details>
      <summary>${t.payWithQr}</summary>
      <svg class="qr" part="qr" role="img" aria-label=${t.qrLabel(amount, this.monthName(instalment.dueMonth))} viewBox="0 0 ${qr.size} ${qr.size}">
        <path d=${qr.path}></path>
      </svg>
      <p>${t.payTo(view.payTo.beneficiaryName, view.payTo.iban, amount, reference)}</p>
    </details>`;
  }
}
