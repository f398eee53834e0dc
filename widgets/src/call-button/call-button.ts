import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { CallSession, formatPhoneNumber, groupDtmfCode, type CallViewState } from '@regiekit/sdk/call';
import {
  RegieCallCancelEvent,
  RegieCallErrorEvent,
  RegieCallReadyEvent,
  RegieCallStartEvent,
} from '../shared/events.js';
import { reportCspBlocking } from '../shared/csp-diagnostics.js';
import { RegieElement } from '../shared/regie-element.js';
import { callButtonMessages, type CallButtonMessages } from './call-button.messages.js';
import { callButtonStyles } from './call-button.styles.js';
import { loadCallDisclosure, type CallDisclosureModule } from './load-call-disclosure.js';

/**
 * Digit groups that a narrow screen may put on separate lines, but never
 * splits: each group is unbreakable, the spaces between them are ordinary.
 */
const renderGroups = (groups: string[]) =>
  groups.map((group, index) => html`${index > 0 ? ' ' : ''}<span class="group">${group}</span>`);

/**
 * A button that starts an identified phone call: the citizen shows who they
 * are with Yivi and gets a phone number and a one-time code to call with.
 *
 * @summary Call button for ID-bellen (identified phone calls with Yivi).
 * @tag regie-call-button
 * @slot - Replaces the button text.
 * @event regie-call-start - The dialog opened and a call session is being created.
 * @event regie-call-ready - Number and code are shown (the event carries the number, not the code).
 * @event regie-call-cancel - The citizen stopped.
 * @event regie-call-error - Something went wrong (`reason`), or the session timed out.
 * @csspart button - The button on the page.
 * @csspart dialog - The dialog.
 * @csspart qr - The QR code.
 * @csspart call-link - The link that dials number and code.
 * @cssproperty --regie-accent-color - Button and link colour (falls back to NL Design System tokens).
 * @cssproperty --regie-accent-text-color - Text on the accent colour.
 * @cssproperty --regie-text-color - Text colour.
 * @cssproperty --regie-surface-color - Dialog background.
 * @cssproperty --regie-focus-color - Focus outline colour.
 * @cssproperty --regie-border-radius - Corner radius.
 * @cssproperty --regie-font-family - Font.
 */
export class RegieCallButton extends RegieElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = callButtonStyles;

  static override properties = {
    server: { type: String },
    tenant: { type: String },
    purpose: { type: String },
    view: { state: true },
    copied: { state: true },
    drawQrCode: { state: true },
  };

  /** Origin of the regiekit server. */
  declare server: string;
  /** Tenant id, e.g. `nijmegen`. */
  declare tenant: string;
  /** Purpose id as configured for the tenant; decides which attributes are asked. */
  declare purpose: string;
  declare protected view: CallViewState;
  declare protected copied: boolean;
  /** The QR encoder, once the call's lazily loaded part is here. */
  declare protected drawQrCode: CallDisclosureModule['drawQrCode'] | undefined;

  private session: CallSession | undefined;

  constructor() {
    super();
    this.server = '';
    this.tenant = '';
    this.purpose = 'general';
    this.view = { kind: 'idle' };
    this.copied = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.onPageHide);
  }

  /** Removed from the page: an unfinished call must not stay open for a wallet to answer. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.onPageHide);
    this.session?.cancel();
  }

  /** Leaving the page (or the tab closing) is a way out too; the request that cancels is sent with keepalive. */
  private onPageHide = (): void => {
    this.session?.cancel();
  };

  private get serverOrigin(): string {
    return this.server || location.origin;
  }

  /**
   * The Yivi client and the QR encoder, two thirds of the element's code, load only when
   * someone is about to call: on hover, focus or press of the button (so they are usually
   * here by the click), at the latest on the click, while the server creates the call.
   */
  private loadDisclosure = (): Promise<CallDisclosureModule> => {
    const loading = loadCallDisclosure(this.serverOrigin);
    loading.then(
      (module) => (this.drawQrCode = module.drawQrCode),
      () => undefined,
    );
    return loading;
  };

  private prefetch = (): void => {
    this.loadDisclosure().catch(() => undefined);
  };

  /** Opens the dialog and starts a call session. */
  open(): void {
    this.dialog?.showModal();
    this.startSession();
  }

  /** Closes the dialog; a session that has not finished is cancelled. */
  close(): void {
    this.dialog?.close();
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private get messages(): CallButtonMessages {
    return callButtonMessages[this.language];
  }

  private startSession(): void {
    this.session?.cancel();
    this.copied = false;
    const server = this.serverOrigin;
    reportCspBlocking(new URL(server, location.href).origin, 'regie-call-button');
    const session = new CallSession({
      server,
      tenant: this.tenant,
      purpose: this.purpose,
      loadYivi: this.loadDisclosure,
    });
    this.session = session;
    session.subscribe((state) => {
      if (this.session === session) this.onState(state);
    });
    this.dispatchEvent(new RegieCallStartEvent());
    void session.start();
  }

  private onState(state: CallViewState): void {
    this.view = state;
    if (state.kind === 'ready') this.dispatchEvent(new RegieCallReadyEvent(state.phoneNumber, state.expiresAt));
    if (state.kind === 'cancelled') this.dispatchEvent(new RegieCallCancelEvent());
    if (state.kind === 'timed-out') this.dispatchEvent(new RegieCallErrorEvent('timed-out'));
    if (state.kind === 'error') this.dispatchEvent(new RegieCallErrorEvent(state.reason));
  }

  private onDialogClose = (): void => {
    // Cancelling an unfinished session reports `cancelled`, which sends regie-call-cancel (see onState).
    this.session?.cancel();
    this.session = undefined;
    this.view = { kind: 'idle' };
    // Focus goes back to the button that opened the dialog.
    this.renderRoot.querySelector<HTMLButtonElement>('button[part="button"]')?.focus();
  };

  private async copyCode(code: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      this.copied = true;
    } catch {
      this.copied = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    // When the element that had focus disappears with a state change, keep focus inside the dialog.
    if (changed.has('view') && this.dialog?.open && !this.shadowRoot?.activeElement) {
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    }
  }

  protected override render(): TemplateResult {
    const m = this.messages;
    return html`
      <button
        type="button"
        part="button"
        aria-haspopup="dialog"
        @pointerenter=${this.prefetch}
        @pointerdown=${this.prefetch}
        @focus=${this.prefetch}
        @click=${() => this.open()}
      >
        <slot>${m.button}</slot>
      </button>
      <dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose}>
        <div class="header">
          <h2 id="title" tabindex="-1" autofocus>${m.dialogTitle}</h2>
          <button type="button" class="close" aria-label=${m.close} @click=${() => this.close()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        ${this.renderBody(m)}
        <p class="visually-hidden" role="status">${this.announcement(m)}</p>
      </dialog>
    `;
  }

  /** Short text for the live region, so screen reader users hear each step. */
  private announcement(m: CallButtonMessages): string {
    const view = this.view;
    switch (view.kind) {
      case 'ready':
        return this.copied ? m.codeCopied : m.readyTitle;
      case 'cancelled':
        return m.cancelled;
      case 'timed-out':
        return m.timedOut;
      case 'error':
        return m.errors[view.reason];
      case 'continue-in-app':
        return m.continueInApp;
      case 'checking':
        return m.checking;
      default:
        return '';
    }
  }

  private renderBody(m: CallButtonMessages): TemplateResult | typeof nothing {
    const view = this.view;
    switch (view.kind) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<p>${m.loading}</p>`;
      case 'qr':
        return this.renderQr(m, view.qrPayload, view.appUrl);
      case 'open-app':
        return html`<p>${m.openAppInstruction}</p>
          <div class="actions"><a class="action" href=${view.appUrl}>${m.openApp}</a></div>`;
      case 'continue-in-app':
        return html`<p>${m.continueInApp}</p>`;
      case 'checking':
        return html`<p>${m.checking}</p>`;
      case 'ready':
        return this.renderReady(m, view);
      case 'cancelled':
        return this.renderRetry(m.cancelled);
      case 'timed-out':
        return this.renderRetry(m.timedOut);
      case 'error':
        return this.renderRetry(m.errors[view.reason]);
    }
  }

  private renderQr(m: CallButtonMessages, payload: string, appUrl: string): TemplateResult {
    // The session reaches this state only after the encoder's module loaded; its .then may just not have run yet.
    if (!this.drawQrCode) return html`<p>${m.loading}</p>`;
    const qr = this.drawQrCode(payload);
    return html`<p>${m.qrInstruction}</p>
      <svg class="qr" part="qr" role="img" aria-label=${m.qrAlternative} viewBox="0 0 ${qr.size} ${qr.size}">
        <path d=${qr.path}></path>
      </svg>
      <p>${m.openAppOnThisDevice} <a href=${appUrl}>${m.openApp}</a></p>`;
  }

  private renderReady(m: CallButtonMessages, view: Extract<CallViewState, { kind: 'ready' }>): TemplateResult {
    const number = formatPhoneNumber(view.phoneNumber);
    const until = new Date(view.expiresAt).toLocaleTimeString(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      hour: '2-digit',
      minute: '2-digit',
    });
    return html`<p>${m.readyInstruction}</p>
      <dl>
        <dt>${m.phoneNumberLabel}</dt>
        <dd class="number">${renderGroups(number.split(' '))}</dd>
        <dt>${m.codeLabel}</dt>
        <dd>
          <span class="code" aria-hidden="true">${renderGroups(groupDtmfCode(view.dtmfCode))}</span>
          <span class="visually-hidden" data-code=${view.dtmfCode}>${view.dtmfCode.split('').join(' ')}</span>
        </dd>
      </dl>
      <p>${m.validUntil(until)}</p>
      <div class="actions">
        <a class="action" part="call-link" href=${view.telUrl}>${m.callNow(number)}</a>
        ${
          navigator.clipboard
            ? html`<button type="button" class="secondary" @click=${() => this.copyCode(view.dtmfCode)}>${m.copyCode}</button>`
            : nothing
        }
      </div>`;
  }

  private renderRetry(message: string): TemplateResult {
    return html`<p>${message}</p>
      <div class="actions">
        <button type="button" @click=${() => this.startSession()}>${this.messages.retry}</button>
        <button type="button" class="secondary" @click=${() => this.close()}>${this.messages.close}</button>
      </div>`;
  }
}
