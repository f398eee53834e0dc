import { html, nothing, type TemplateResult } from 'lit';
import type { ApproveFlowRequest, ConsentDecisionView } from '@regiekit/sdk/protocol';
import { consentMessages, type ConsentMessages } from '../shared/account/consent.messages.js';
import type { AccountPageHost } from '../shared/account/page-flow.js';

/**
 * A consumer's consent request, as the user decides on it: who asks, what
 * for, which data from whom (the user may untick sources, not add them), and
 * for how long. Giving consent takes a fresh passkey ceremony, which the
 * decision flow runs.
 */
export class ConsentDecision {
  private readonly ticked: Set<string>;
  private noSourceChosen = false;

  constructor(
    private readonly host: AccountPageHost,
    readonly view: ConsentDecisionView,
    private readonly actions: { give: (body: ApproveFlowRequest) => void; refuse: () => void },
  ) {
    this.ticked = new Set(view.sources.filter((source) => source.requested).map((source) => source.connectionId));
  }

  private get text(): ConsentMessages {
    return consentMessages[this.host.language];
  }

  private toggle(connectionId: string, event: Event): void {
    if ((event.target as HTMLInputElement).checked) this.ticked.add(connectionId);
    else this.ticked.delete(connectionId);
    if (this.ticked.size > 0) this.noSourceChosen = false;
    this.host.requestUpdate();
  }

  private async give(): Promise<void> {
    if (this.ticked.size === 0) {
      this.noSourceChosen = true;
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
      return;
    }
    // In the order the server listed them, so the request does not depend on the order of clicks.
    const connections = this.view.sources
      .filter((source) => this.ticked.has(source.connectionId))
      .map((source) => source.connectionId);
    this.actions.give({ connections });
  }

  render(): TemplateResult {
    const t = this.text;
    const view = this.view;
    const lang = this.host.language;
    return html`
      <h2 tabindex="-1">${t.question(this.host.name(view.consumer))}</h2>
      <section aria-labelledby="purpose-title">
        <h3 id="purpose-title">${t.purposeTitle}</h3>
        <p>${view.purpose.text[lang]}</p>
      </section>
      <section aria-labelledby="fields-title">
        <h3 id="fields-title">${t.fieldsTitle}</h3>
        <p>${t.fieldsFrom(view.serviceTitle[lang])}</p>
        <ul>
          ${view.fields.map((field) => html`<li>${field.label[lang]}</li>`)}
        </ul>
      </section>
      ${view.sources.length === 0 ? this.renderNoSources(t) : this.renderSources(t)}
      <section aria-labelledby="duration-title">
        <h3 id="duration-title">${t.durationTitle}</h3>
        <dl class="terms">
          <dt>${t.untilLabel}</dt>
          <dd>${this.host.formatDate(view.validUntil)}</dd>
          <dt>${t.modeLabel}</dt>
          <dd>${t.mode[view.mode]}</dd>
        </dl>
        <p>${t.revokeAnyTime}</p>
      </section>
      <div class="actions">
        ${view.sources.length === 0 ? nothing : html`<button type="button" @click=${() => this.give()}>${t.give}</button>`}
        <button type="button" class="secondary" @click=${() => this.actions.refuse()}>${this.host.text.refuse}</button>
      </div>
    `;
  }

  private renderNoSources(t: ConsentMessages): TemplateResult {
    return html`<section aria-labelledby="sources-title">
      <h3 id="sources-title">${t.sourcesTitle}</h3>
      <p>${t.noSources}</p>
    </section>`;
  }

  private renderSources(t: ConsentMessages): TemplateResult {
    const describedBy = this.noSourceChosen ? 'sources-hint sources-error' : 'sources-hint';
    return html`<fieldset class="sources" aria-describedby=${describedBy}>
      <legend><h3>${t.sourcesTitle}</h3></legend>
      <p id="sources-hint">${t.sourcesHint}</p>
      ${this.view.sources.map(
        (source) => html`<label class="choice">
          <input type="checkbox" .checked=${this.ticked.has(source.connectionId)} @change=${(event: Event) => this.toggle(source.connectionId, event)} />
          <span>${this.host.name(source.provider)}</span>
        </label>`,
      )}
      ${this.noSourceChosen ? html`<p class="field-error" id="sources-error" role="alert">${t.chooseSource}</p>` : nothing}
    </fieldset>`;
  }
}
