import { html, nothing, type TemplateResult } from 'lit';
import type { CorrectionDecisionView, ForwardDecisionView } from '@regiekit/sdk/protocol';
import type { AccountPageHost, PasskeyMode } from '../shared/account/page-flow.js';
import { myDataDecisionMessages, type MyDataDecisionMessages } from './my-data-decision.messages.js';

/** A value as a person reads it: text as is, a list as its number of lines. */
function shown(value: unknown, t: MyDataDecisionMessages): string {
  if (value === null || value === undefined || value === '') return t.empty;
  if (Array.isArray(value)) return t.items(value.length);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A correction or a forward a company's customer started in its portal, as
 * they confirm it here with their passkey: what goes to whom, and nothing
 * left out. Both act in the person's name; someone without a regie account
 * makes one with a passkey on the way.
 */
export class MyDataDecision {
  constructor(
    private readonly host: AccountPageHost,
    readonly view: CorrectionDecisionView | ForwardDecisionView,
    private readonly signedIn: boolean,
    private readonly actions: { confirm: (mode: PasskeyMode) => void; refuse: () => void },
  ) {}

  private get text(): MyDataDecisionMessages {
    return myDataDecisionMessages[this.host.language];
  }

  render(): TemplateResult {
    const t = this.text;
    const view = this.view;
    const body = view.kind === 'my-data-correction' ? this.renderCorrection(view, t) : this.renderForward(view, t);
    const confirm = view.kind === 'my-data-correction' ? t.send : t.forward;
    return html`
      ${body}
      ${this.signedIn ? nothing : html`<p>${this.host.text.newAccountHint}</p>`}
      <div class="actions">
        <button type="button" @click=${() => this.actions.confirm('existing')}>${confirm}</button>
        ${
          this.signedIn
            ? nothing
            : html`<button type="button" class="secondary" @click=${() => this.actions.confirm('new-account')}>${this.host.text.newAccountWithPasskey}</button>`
        }
        <button type="button" class="secondary" @click=${() => this.actions.refuse()}>${this.host.text.refuse}</button>
      </div>
    `;
  }

  private renderCorrection(view: CorrectionDecisionView, t: MyDataDecisionMessages): TemplateResult {
    const lang = this.host.language;
    const company = this.host.name(view.provider);
    return html`
      <h2 tabindex="-1">${t.correctionQuestion(company)}</h2>
      <p>${t.correctionIntro(company)}</p>
      <dl class="terms">
        <dt>${t.category}</dt>
        <dd>${view.serviceTitle[lang]}</dd>
        <dt>${t.field}</dt>
        <dd>${view.field.label[lang]}</dd>
        <dt>${t.currentValue}</dt>
        <dd>${shown(view.field.value, t)}</dd>
        <dt>${t.proposedValue}</dt>
        <dd><strong>${view.proposedValue}</strong></dd>
        <dt>${t.reason}</dt>
        <dd>${view.reason}</dd>
      </dl>
      <p>${t.deadline}</p>
    `;
  }

  private renderForward(view: ForwardDecisionView, t: MyDataDecisionMessages): TemplateResult {
    const lang = this.host.language;
    const company = this.host.name(view.provider);
    return html`
      <h2 tabindex="-1">${t.forwardQuestion(company, this.host.name(view.recipient))}</h2>
      <p>${t.forwardIntro(company)}</p>
      <section aria-labelledby="purpose-title">
        <h3 id="purpose-title">${t.purpose}</h3>
        <p>${view.purpose.text[lang]}</p>
      </section>
      <section aria-labelledby="fields-title">
        <h3 id="fields-title">${t.whatGoes}</h3>
        <p>${view.serviceTitle[lang]}</p>
        <dl class="terms">
          ${view.fields.map((field) => html`<dt>${field.label[lang]}</dt><dd>${shown(field.value, t)}</dd>`)}
        </dl>
      </section>
      <p>${t.deliverBy(this.host.formatDate(view.deliverBy))}</p>
      <p>${t.connects(company)}</p>
    `;
  }
}
