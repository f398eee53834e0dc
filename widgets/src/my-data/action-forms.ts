import { html, nothing, type TemplateResult } from 'lit';
import type { ForwardRecipient, MyDataCategory, WalletOffer } from '@regiekit/sdk/protocol';
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
  /** A consumer's id, or {@link WALLET}. */
  recipientId: string;
  fields: Set<string>;
  errors: Set<'recipient' | 'fields'>;
  /** The credential offer for the customer's own wallet, once made. */
  offer?: WalletOffer;
}

/** The recipient that is the customer's own wallet (OpenID4VCI): no consent, no passkey, a QR code and a PIN. */
export const WALLET = 'own-wallet';

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
export function renderForward(
  panel: ForwardPanel,
  lang: Language,
  t: MyDataMessages,
  actions: PanelActions,
  formatTime: (iso: string) => string,
) {
  const category = panel.category;
  const recipients = panel.recipients;
  if (panel.offer) return renderWalletOffer(panel.offer, category.title[lang], t, actions, formatTime);
  const choice = (id: string, name: string, detail: string) => html`<label class="choice">
    <input
      type="radio"
      name="recipient"
      .checked=${panel.recipientId === id}
      @change=${() => {
        panel.recipientId = id;
        panel.errors.delete('recipient');
        actions.changed();
      }}
    />
    <span><strong>${name}</strong><br />${detail}</span>
  </label>`;
  return html`<section class="panel" aria-labelledby="panel-title">
    <h3 id="panel-title" tabindex="-1">${t.forwardTitle(category.title[lang])}</h3>
    ${
      recipients === undefined
        ? html`<p>${t.loading}</p>`
        : html`<form novalidate @submit=${actions.submit}>
              <fieldset aria-describedby=${panel.errors.has('recipient') ? 'recipient-error' : nothing}>
                <legend>${t.recipient}</legend>
                ${recipients.map((option) =>
                  choice(option.recipient.id, option.recipient.displayName[lang], option.purpose.text[lang]),
                )}
                ${choice(WALLET, t.toWallet, t.toWalletHint)}
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
                <button type="submit">${panel.recipientId === WALLET ? t.makeWalletCode : t.continueWithPasskey}</button>
                <button type="button" class="secondary" @click=${actions.cancel}>${t.cancel}</button>
              </div>
            </form>`
    }
  </section>`;
}

/** The offer for the customer's wallet: its QR code (drawn by the server), a link for a wallet on this device, the PIN. */
function renderWalletOffer(
  offer: WalletOffer,
  category: string,
  t: MyDataMessages,
  actions: PanelActions,
  formatTime: (iso: string) => string,
) {
  return html`<section class="panel" aria-labelledby="panel-title">
    <h3 id="panel-title" tabindex="-1">${t.walletTitle}</h3>
    <svg class="qr" viewBox="0 0 ${offer.qr.size} ${offer.qr.size}" role="img" aria-label=${`${t.walletTitle}: ${category}`}>
      <path d=${offer.qr.path}></path>
    </svg>
    <p><a href=${offer.offerUrl}>${t.walletOpen}</a></p>
    <p>${t.walletPin}: <strong class="pin">${offer.txCode}</strong></p>
    <p class="hint">${t.walletExpires(formatTime(offer.expiresAt))}</p>
    <div class="actions"><button type="button" @click=${actions.cancel}>${t.done}</button></div>
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
