import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isTransient, RegieApiError } from '@regiekit/sdk/http';
import { ConnectTokenClient, isFinalConnectStatus, normalizeConfirmationCode } from '@regiekit/sdk/connect';
import type { ConnectTokenMinted, ConnectTokenStatus, ConnectTokenStatusName } from '@regiekit/sdk/protocol';
import { RegieConnectedEvent, RegieConnectTokenStatusEvent } from '../shared/events.js';
import { drawQrCode } from '@regiekit/sdk/qr';
import { RegieElement } from '../shared/regie-element.js';
import { connectTokenMessages, type ConnectTokenMessages } from './connect-token.messages.js';
import { connectTokenStyles } from './connect-token.styles.js';

type Phase = 'idle' | 'minting' | 'active' | 'mint-failed';

/**
 * For a creditor portal, after its own login: shows a QR code that connects
 * the signed-in customer's account to their regie account. The portal's
 * backend mints the token with its provider credential; the element follows
 * the token and asks for the confirmation code the customer's phone shows,
 * so that a QR code photographed by someone else connects nothing.
 *
 * @summary QR code and confirmation code to connect a customer account (creditor portal).
 * @tag regie-connect-token
 * @event regie-connect-token-status - The token changed status (`status`: waiting, scanned, connected, expired, failed).
 * @event regie-connected - The account is connected (once per token; carries nothing personal).
 * @csspart status - The live status line.
 * @csspart qr - The QR code.
 * @csspart connect-link - The link that opens the connect page on this device.
 * @csspart code-input - The confirmation code field.
 * @csspart new-code - The button that asks for a new code.
 * @cssproperty --regie-accent-color - Buttons (falls back to NL Design System tokens).
 * @cssproperty --regie-accent-text-color - Text on the accent colour.
 * @cssproperty --regie-text-color - Text colour.
 * @cssproperty --regie-surface-color - Background of fields.
 * @cssproperty --regie-focus-color - Focus outline colour.
 * @cssproperty --regie-danger-color - Error text.
 * @cssproperty --regie-border-radius - Corner radius.
 * @cssproperty --regie-font-family - Font.
 */
export class RegieConnectToken extends RegieElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = connectTokenStyles;

  static override properties = {
    server: { type: String },
    tenant: { type: String },
    mintUrl: { type: String, attribute: 'mint-url' },
    phase: { state: true },
    minted: { state: true },
    tokenStatus: { state: true },
    attemptsLeft: { state: true },
    codeError: { state: true },
  };

  /** Origin of the regiekit server. */
  declare server: string;
  /** Tenant id, e.g. `demo`. */
  declare tenant: string;
  /** The portal's own backend endpoint that mints a token (POST, same origin, answers ConnectTokenMinted). */
  declare mintUrl: string;
  declare protected phase: Phase;
  declare protected minted: ConnectTokenMinted | undefined;
  declare protected tokenStatus: ConnectTokenStatusName;
  declare protected attemptsLeft: number;
  declare protected codeError: string;

  private client: ConnectTokenClient | undefined;
  private stopWatching: (() => void) | undefined;
  /** Counts mints, so an answer for a token that was replaced meanwhile is ignored. */
  private generation = 0;
  /** The last status announced with an event for the current token. */
  private reported: ConnectTokenStatusName | undefined;
  private confirming = false;
  private hadFocus = false;

  constructor() {
    super();
    this.server = '';
    this.tenant = '';
    this.mintUrl = '';
    this.phase = 'idle';
    this.minted = undefined;
    this.tokenStatus = 'waiting';
    this.attemptsLeft = 0;
    this.codeError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: follow the same token again rather than minting a new one.
    if (this.minted && !isFinalConnectStatus(this.tokenStatus)) this.watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /**
   * Where a token waits while this page is away: "connect on this device"
   * leaves the page in the same tab (a passkey on this device may exist in
   * this tab only), and coming back picks the same token up again.
   */
  private get pendingKey(): string {
    return `regie-connect-token:${this.tenant}:${this.mintUrl}`;
  }

  /** The token this page left for the account page in the same tab, if it is still good. */
  private pendingToken(): ConnectTokenMinted | undefined {
    try {
      const stored = JSON.parse(sessionStorage.getItem(this.pendingKey) ?? 'null') as ConnectTokenMinted | null;
      return stored && Date.parse(stored.expiresAt) > Date.now() ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  private keepPending(minted: ConnectTokenMinted | undefined): void {
    try {
      if (minted) sessionStorage.setItem(this.pendingKey, JSON.stringify(minted));
      else sessionStorage.removeItem(this.pendingKey);
    } catch {
      // Storage refused (private mode): coming back mints a new code, as before.
    }
  }

  /** Follows a token this page minted before it went to the account page in the same tab. */
  private resume(minted: ConnectTokenMinted): void {
    this.generation++;
    this.client = new ConnectTokenClient({ server: this.server || location.origin, tenant: this.tenant });
    this.minted = minted;
    this.phase = 'active';
    this.reported = undefined;
    this.setStatus('waiting');
    if (this.isConnected) this.watch();
  }

  /** Throws the current token away and mints a new one. */
  async newCode(): Promise<void> {
    this.keepPending(undefined);
    this.stopWatching?.();
    const generation = ++this.generation;
    this.phase = 'minting';
    this.minted = undefined;
    this.reported = undefined;
    this.codeError = '';
    this.client = new ConnectTokenClient({ server: this.server || location.origin, tenant: this.tenant });
    try {
      const minted = await this.client.mint(this.mintUrl);
      if (generation !== this.generation) return;
      this.minted = minted;
      this.phase = 'active';
      this.setStatus('waiting');
      if (this.isConnected) this.watch();
    } catch {
      if (generation === this.generation) this.phase = 'mint-failed';
    }
  }

  private get messages(): ConnectTokenMessages {
    return connectTokenMessages[this.language];
  }

  private watch(): void {
    const minted = this.minted!;
    this.stopWatching?.();
    this.stopWatching = this.client!.watch(
      minted.tokenId,
      minted.statusToken,
      (status) => this.onStatus(minted, status),
      {
        onError: (error) => this.onWatchError(minted, error),
      },
    );
  }

  private onStatus(minted: ConnectTokenMinted, status: ConnectTokenStatus): void {
    if (minted !== this.minted) return;
    this.attemptsLeft = status.confirmationAttemptsLeft;
    this.setStatus(status.status);
  }

  private onWatchError(minted: ConnectTokenMinted, error: RegieApiError): void {
    // Polling carries on by itself after errors that can heal; the others end this token.
    if (minted !== this.minted || isTransient(error)) return;
    this.setStatus(error.status === 410 ? 'expired' : 'failed');
  }

  private setStatus(status: ConnectTokenStatusName): void {
    this.tokenStatus = status;
    if (isFinalConnectStatus(status)) {
      this.stopWatching?.();
      this.stopWatching = undefined;
      this.keepPending(undefined);
    }
    if (status === this.reported) return;
    this.reported = status;
    this.dispatchEvent(new RegieConnectTokenStatusEvent(status));
    if (status === 'connected') this.dispatchEvent(new RegieConnectedEvent());
  }

  private async onConfirm(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const minted = this.minted;
    if (!minted || this.confirming) return;
    const m = this.messages;
    const code = normalizeConfirmationCode(new FormData(event.target as HTMLFormElement).get('code')?.toString() ?? '');
    if (!/^[A-Z0-9]{6}$/.test(code)) {
      await this.showCodeError(m.invalidCode);
      return;
    }
    this.confirming = true;
    try {
      const status = await this.client!.confirm(minted.tokenId, minted.statusToken, code);
      this.codeError = '';
      this.onStatus(minted, status);
    } catch (error) {
      if (minted === this.minted) await this.onConfirmError(minted, error);
    } finally {
      this.confirming = false;
    }
  }

  private async onConfirmError(minted: ConnectTokenMinted, error: unknown): Promise<void> {
    const m = this.messages;
    if (!(error instanceof RegieApiError) || error.status === 0) {
      await this.showCodeError(m.network);
      return;
    }
    if (error.code === 'wrong_confirmation_code') {
      // The error says only "wrong"; the status says how many tries are left (and whether the token failed).
      const status = await this.client!.status(minted.tokenId, minted.statusToken).catch(() => null);
      const attemptsLeft = status?.confirmationAttemptsLeft ?? Math.max(0, this.attemptsLeft - 1);
      if (status) this.onStatus(minted, status);
      else this.attemptsLeft = attemptsLeft;
      await this.showCodeError(m.wrongCode(attemptsLeft));
      return;
    }
    if (error.code === 'validation_failed') {
      await this.showCodeError(m.invalidCode);
      return;
    }
    this.codeError = '';
    if (error.status === 410) this.setStatus('expired');
    else if (error.status === 409)
      await this.client!.status(minted.tokenId, minted.statusToken).then(
        (status) => this.onStatus(minted, status),
        () => this.setStatus('failed'),
      );
    else this.setStatus('failed');
  }

  private async showCodeError(message: string): Promise<void> {
    this.codeError = message;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.select();
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.hadFocus = Boolean(this.shadowRoot?.activeElement);
    const configured = changed.has('mintUrl') || changed.has('tenant') || changed.has('server');
    if (configured && this.mintUrl && this.tenant) {
      const pending = this.pendingToken();
      if (pending) this.resume(pending);
      else void this.newCode();
    }
  }

  protected override updated(): void {
    // When the focused control disappears with a status change, keep focus on what comes next.
    if (this.hadFocus && !this.shadowRoot?.activeElement) {
      this.renderRoot.querySelector<HTMLElement>('#code, h2')?.focus();
    }
  }

  protected override render(): TemplateResult {
    const m = this.messages;
    const ended =
      this.phase === 'mint-failed' ||
      (this.phase === 'active' && (this.tokenStatus === 'expired' || this.tokenStatus === 'failed'));
    return html`
      <h2 tabindex="-1">${m.title}</h2>
      <p class="status" part="status" role="status">${this.statusText(m)}</p>
      ${this.renderBody(m)}
      ${
        // Once connected there is nothing to start again: a new code would only confuse.
        this.phase === 'idle' || (this.phase === 'active' && this.tokenStatus === 'connected')
          ? nothing
          : html`<div class="actions">
            <button type="button" part="new-code" class=${ended ? '' : 'secondary'} @click=${() => this.newCode()}>${m.newCode}</button>
          </div>`
      }
    `;
  }

  private statusText(m: ConnectTokenMessages): string {
    if (this.phase === 'minting') return m.minting;
    if (this.phase === 'active') return m.status[this.tokenStatus];
    return '';
  }

  private renderBody(m: ConnectTokenMessages): TemplateResult | typeof nothing {
    if (this.phase === 'mint-failed') return html`<p class="error" role="alert">${m.mintFailed}</p>`;
    if (this.phase !== 'active' || !this.minted) return nothing;
    switch (this.tokenStatus) {
      case 'waiting':
        return this.renderQr(m, this.minted);
      case 'scanned':
        return this.renderCodeForm(m);
      case 'connected':
        return html`<p>${m.connectedText}</p>`;
      case 'expired':
        return html`<p>${m.expiredText}</p>`;
      case 'failed':
        return html`<p>${m.failedText}</p>`;
    }
  }

  private renderQr(m: ConnectTokenMessages, minted: ConnectTokenMinted): TemplateResult {
    const qr = drawQrCode(minted.connectUrl);
    const until = new Date(minted.expiresAt).toLocaleTimeString(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      hour: '2-digit',
      minute: '2-digit',
    });
    return html`<p>${m.qrInstruction}</p>
      <svg class="qr" part="qr" role="img" aria-label=${m.qrAlternative} viewBox="0 0 ${qr.size} ${qr.size}">
        <path d=${qr.path}></path>
      </svg>
      <p>${m.validUntil(until)}</p>
      <p>${m.openOnThisDevice}</p>
      <a class="action secondary" part="connect-link" href=${minted.connectUrl} @click=${() => this.keepPending(minted)}>${m.openLink}</a>`;
  }

  private renderCodeForm(m: ConnectTokenMessages): TemplateResult {
    const describedBy = this.codeError ? 'code-hint code-error' : 'code-hint';
    return html`<p>${m.scannedInstruction}</p>
      <form @submit=${this.onConfirm} novalidate>
        <label for="code">${m.codeLabel}</label>
        <p class="hint" id="code-hint">${m.codeHint}</p>
        <input
          id="code"
          name="code"
          part="code-input"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="9"
          aria-describedby=${describedBy}
          aria-invalid=${this.codeError ? 'true' : 'false'}
        />
        ${this.codeError ? html`<p class="error" id="code-error" role="alert">${this.codeError}</p>` : nothing}
        <button type="submit">${m.confirm}</button>
      </form>`;
  }
}
