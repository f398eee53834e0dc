import { html, nothing, type TemplateResult } from 'lit';
import type { FetchDecisionView } from '@regiekit/sdk/protocol';
import type { AccountPageHost, PasskeyMode } from '../shared/account/page-flow.js';
import { signedValue, valueCount } from '../shared/signed-values.js';
import { fetchDecisionMessages, type FetchDecisionMessages } from './fetch-decision.messages.js';

/**
 * A fetch into an application, as the applicant decides it here: first what
 * the form asks of which source (then off to the source with the passkey),
 * then exactly what the source signed, decoded and labelled, with "Toevoegen"
 * and "Niet toevoegen" of equal weight; or why fetching failed.
 */
export class FetchDecision {
  constructor(
    private readonly host: AccountPageHost,
    readonly view: FetchDecisionView,
    private readonly signedIn: boolean,
    private readonly actions: { confirm: (mode: PasskeyMode) => void; refuse: () => void },
  ) {}

  private get text(): FetchDecisionMessages {
    return fetchDecisionMessages[this.host.language];
  }

  render(): TemplateResult {
    const view = this.view;
    if (view.step === 'review') return this.renderReview(view);
    if (view.step === 'failed') return this.renderFailed(view);
    return this.renderAsk(view);
  }

  private renderAsk(view: FetchDecisionView): TemplateResult {
    const t = this.text;
    const lang = this.host.language;
    const form = this.host.name(view.consumer);
    const source = this.host.name(view.provider);
    return html`
      <h2 tabindex="-1">${t.askQuestion(form, source)}</h2>
      <p>${t.askIntro(form, source)}</p>
      <dl class="terms">
        <dt>${t.purpose}</dt>
        <dd>${view.purpose.text[lang]}</dd>
        <dt>${t.whatIsAsked}</dt>
        <dd>
          ${this.host.formatList(view.fields.map((field) => field.label[lang]))}.
          ${t.period(this.day(view.period.from), this.day(view.period.to))}
        </dd>
      </dl>
      <p>${t.onlySourceKnows(source)}</p>
      ${this.signedIn ? nothing : html`<p>${this.host.text.newAccountHint}</p>`}
      ${this.buttons(t.fetch(source), t.notFetch)}
    `;
  }

  private renderReview(view: FetchDecisionView): TemplateResult {
    const t = this.text;
    const lang = this.host.language;
    const data = view.data ?? [];
    const counts = data.flatMap((field) => {
      const count = valueCount(field.value);
      return count === undefined ? [] : [t.count(field.label[lang], count)];
    });
    return html`
      <h2 tabindex="-1">${t.reviewQuestion(this.host.name(view.consumer))}</h2>
      <p>${t.reviewIntro(this.host.name(view.provider), this.host.name(view.consumer))}</p>
      ${counts.length > 0 ? html`<p><strong>${counts.join(', ')}</strong></p>` : nothing}
      <dl class="terms">
        ${data.map((field) => html`<dt>${field.label[lang]}</dt><dd>${signedValue(field, lang, view.itemLabels)}</dd>`)}
      </dl>
      <p>${t.period(this.day(view.period.from), this.day(view.period.to))}</p>
      ${this.buttons(t.add, t.notAdd)}
    `;
  }

  private renderFailed(view: FetchDecisionView): TemplateResult {
    const t = this.text;
    const source = this.host.name(view.provider);
    return html`
      <h2 tabindex="-1">${t.failedQuestion(source)}</h2>
      <p>${t.failure[view.failure ?? 'source-unavailable'](source)}</p>
      <p>${t.manualStill}</p>
      <div class="actions">
        <button type="button" @click=${() => this.actions.refuse()}>${t.back}</button>
      </div>
    `;
  }

  /** Two answers of equal weight: the same size and style, neither chosen beforehand. */
  private buttons(yes: string, no: string): TemplateResult {
    return html`<div class="actions">
      <button type="button" @click=${() => this.actions.confirm('existing')}>${yes}</button>
      ${
        this.signedIn || this.view.step !== 'ask'
          ? nothing
          : html`<button type="button" @click=${() => this.actions.confirm('new-account')}>${this.host.text.newAccountWithPasskey}</button>`
      }
      <button type="button" @click=${() => this.actions.refuse()}>${no}</button>
    </div>`;
  }

  private day(iso: string): string {
    return new Date(`${iso}T00:00:00Z`).toLocaleDateString(this.host.language === 'en' ? 'en-GB' : 'nl-NL', {
      dateStyle: 'long',
      timeZone: 'UTC',
    });
  }
}
