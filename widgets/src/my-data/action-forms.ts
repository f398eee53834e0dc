import { html, nothing, type TemplateResult } from 'lit';
import type { ForwardRecipient, MyDataCategory } from '@regiekit/sdk/protocol';
import type { Language } from '../shared/language.js';
import { valueText } from './category-section.js';
import type { MyDataMessages } from './my-data.messages.js';

export interface CorrectionPanel {
  kind: 'correct';
  category: MyDataCategory;
  field: string;
  value: string;
  reason: string;
  /** Which inputs the last attempt found empty. */
  errors: Set<'field' | 'value' | 'reason'>;
}

export interface ForwardPanel {
  kind: 'forward';
  category: MyDataCategory;
  /** Loaded when the panel opens. */
  recipients: ForwardRecipient[] | undefined;
  recipientId: string;
  fields: Set<string>;
  errors: Set<'recipient' | 'fields'>;
}

export type Panel = CorrectionPanel | ForwardPanel;

export interface PanelActions {
  changed(): void;
  submit(event: Event): void;
  cancel(): void;
}

const input = (event: Event) => (event.target as HTMLInputElement).value;

function fieldError(id: string, message: string, shown: boolean): TemplateResult | typeof nothing {
  return shown ? html`<p class="field-error" id=${id}>${message}</p>` : nothing;
}

/** The correction form: one field, the value it should have, and why. */
export function renderCorrection(panel: CorrectionPanel, lang: Language, t: MyDataMessages, actions: PanelActions) {
  const category = panel.category;
  const correctable = category.fields.filter((field) => field.correctable);
  const current = panel.field ? valueText(category.data[panel.field], t) : '';
  const invalid = (name: 'field' | 'value' | 'reason') => (panel.errors.has(name) ? 'true' : 'false');
  return html`<section class="panel" aria-labelledby="panel-title">
    <h3 id="panel-title" tabindex="-1">${t.correctionTitle(category.title[lang])}</h3>
    <form novalidate @submit=${actions.submit}>
      <label for="correct-field">${t.fieldToCorrect}</label>
      <select
        id="correct-field"
        aria-invalid=${invalid('field')}
        aria-describedby="correct-field-now correct-field-error"
        @change=${(event: Event) => {
          panel.field = input(event);
          panel.errors.delete('field');
          actions.changed();
        }}
      >
        <option value="" ?selected=${!panel.field}></option>
        ${correctable.map((field) => html`<option value=${field.name} ?selected=${panel.field === field.name}>${field.label[lang]}</option>`)}
      </select>
      <p class="hint" id="correct-field-now">${panel.field ? t.currentValue(current) : ''}</p>
      ${fieldError('correct-field-error', t.fillIn, panel.errors.has('field'))}
      <label for="correct-value">${t.newValue}</label>
      <input
        id="correct-value"
        maxlength="1000"
        autocomplete="off"
        .value=${panel.value}
        aria-invalid=${invalid('value')}
        aria-describedby="correct-value-error"
        @input=${(event: Event) => {
          panel.value = input(event);
          panel.errors.delete('value');
        }}
      />
      ${fieldError('correct-value-error', t.fillIn, panel.errors.has('value'))}
      <label for="correct-reason">${t.reason}</label>
      <textarea
        id="correct-reason"
        maxlength="1000"
        rows="3"
        .value=${panel.reason}
        aria-invalid=${invalid('reason')}
        aria-describedby="correct-reason-hint correct-reason-error"
        @input=${(event: Event) => {
          panel.reason = input(event);
          panel.errors.delete('reason');
        }}
      ></textarea>
      <p class="hint" id="correct-reason-hint">${t.reasonHint}</p>
      ${fieldError('correct-reason-error', t.fillIn, panel.errors.has('reason'))}
      <div class="actions">
        <button type="submit">${t.continueWithPasskey}</button>
        <button type="button" class="secondary" @click=${actions.cancel}>${t.cancel}</button>
      </div>
    </form>
  </section>`;
}

/** The forward form: the recipient (each with what it uses the data for) and the fields, none ticked beforehand. */
export function renderForward(panel: ForwardPanel, lang: Language, t: MyDataMessages, actions: PanelActions) {
  const category = panel.category;
  const recipients = panel.recipients;
  return html`<section class="panel" aria-labelledby="panel-title">
    <h3 id="panel-title" tabindex="-1">${t.forwardTitle(category.title[lang])}</h3>
    ${
      recipients === undefined
        ? html`<p>${t.loading}</p>`
        : recipients.length === 0
          ? html`<p>${t.noRecipients}</p>
              <div class="actions"><button type="button" class="secondary" @click=${actions.cancel}>${t.cancel}</button></div>`
          : html`<form novalidate @submit=${actions.submit}>
              <fieldset aria-describedby=${panel.errors.has('recipient') ? 'recipient-error' : nothing}>
                <legend>${t.recipient}</legend>
                ${recipients.map(
                  (option) => html`<label class="choice">
                    <input
                      type="radio"
                      name="recipient"
                      .checked=${panel.recipientId === option.recipient.id}
                      @change=${() => {
                        panel.recipientId = option.recipient.id;
                        panel.errors.delete('recipient');
                        actions.changed();
                      }}
                    />
                    <span><strong>${option.recipient.displayName[lang]}</strong><br />${option.purpose.text[lang]}</span>
                  </label>`,
                )}
                ${fieldError('recipient-error', t.chooseRecipient, panel.errors.has('recipient'))}
              </fieldset>
              <fieldset aria-describedby="fields-hint ${panel.errors.has('fields') ? 'fields-error' : ''}">
                <legend>${t.fieldsToSend}</legend>
                <p class="hint" id="fields-hint">${t.fieldsHint}</p>
                ${category.fields.map(
                  (field) => html`<label class="choice">
                    <input
                      type="checkbox"
                      .checked=${panel.fields.has(field.name)}
                      @change=${(event: Event) => {
                        if ((event.target as HTMLInputElement).checked) panel.fields.add(field.name);
                        else panel.fields.delete(field.name);
                        panel.errors.delete('fields');
                        actions.changed();
                      }}
                    />
                    <span>${field.label[lang]}: ${valueText(category.data[field.name], t)}</span>
                  </label>`,
                )}
                ${fieldError('fields-error', t.chooseField, panel.errors.has('fields'))}
              </fieldset>
              <div class="actions">
                <button type="submit">${t.continueWithPasskey}</button>
                <button type="button" class="secondary" @click=${actions.cancel}>${t.cancel}</button>
              </div>
            </form>`
    }
  </section>`;
}

/** The empty inputs of a panel, so the element can say which to fill in (and nothing is sent). */
export function missing(panel: Panel): Panel['errors'] {
  if (panel.kind === 'correct') {
    const errors = new Set<'field' | 'value' | 'reason'>();
    if (!panel.field) errors.add('field');
    if (!panel.value.trim()) errors.add('value');
    if (!panel.reason.trim()) errors.add('reason');
    return errors;
  }
  const errors = new Set<'recipient' | 'fields'>();
  if (!panel.recipientId) errors.add('recipient');
  if (panel.fields.size === 0) errors.add('fields');
  return errors;
}
