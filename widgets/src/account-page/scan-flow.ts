import { html, nothing, type TemplateResult } from 'lit';
import { RegieApiError } from '@regiekit/sdk/http';
import { groupConfirmationCode, normalizeConfirmationCode } from '@regiekit/sdk/connect';
import { isTransient } from '@regiekit/sdk/http';
import type { ScanStatus, ScanView } from '@regiekit/sdk/protocol';
import { PageFlow, type PasskeyMode } from '../shared/account/page-flow.js';

type ScanPhase = 'loading' | 'ask' | 'code' | 'connected' | 'refused' | 'ended';

/**
 * Reads the connect token from the fragment (`#t=…`) and removes it from the
 * address bar, so it does not linger in history or get shared with a screenshot.
 */
function takeTokenFromFragment(): string {
  const token = new URLSearchParams(location.hash.slice(1)).get('t') ?? '';
  if (location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return token;
}

/**
 * Opened from the portal in this same tab ("connect on this device"), not from
 * a scanned QR code in a tab of its own: then the way back is the portal itself.
 */
const cameFromAnotherPage = () => history.length > 1;

/**
 * The phone's side of a connect token scanned in a creditor portal: who asks,
 * a passkey ceremony, then the confirmation code to type in the portal, until
 * the portal has confirmed it.
 */
export class ScanFlow extends PageFlow {
  private phase: ScanPhase = 'loading';
  private token = '';
  private view: ScanView | undefined;
  private code = '';
  /** Someone already signed in confirms with their passkey; making another account is not offered. */
  private signedIn = false;
  private stopWatching: (() => void) | undefined;

  start(): void {
    this.token = takeTokenFromFragment();
    if (!this.token) {
      this.end(this.text.missingToken);
      return;
    }
    const scan = this.host.client.scan(this.token);
    const account = this.host.client.account().then(
      (view) => view.signedIn,
      () => false,
    );
    Promise.all([scan, account]).then(
      ([view, signedIn]) => {
        this.view = view;
        this.signedIn = signedIn;
        this.phase = 'ask';
        this.changed();
      },
      (error: unknown) => this.end(this.tokenError(error) ?? this.host.describe(error)),
    );
  }

  override hostConnected(): void {
    if (this.phase === 'code' && !this.stopWatching) this.watch();
  }

  override hostDisconnected(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** The token's own errors end the flow: a new code has to come from the portal. */
  private tokenError(error: unknown): string | undefined {
    if (!(error instanceof RegieApiError)) return undefined;
    if (error.status === 404 || error.code === 'not_found') return this.text.invalidToken;
    if (error.status === 410 || error.code === 'token_expired') return this.text.expiredToken;
    if (error.status === 409 || error.code === 'token_used') return this.text.usedToken;
    return undefined;
  }

  /** Ends the flow; the reason stays in the alert region (shown here unless the caller shows it). */
  private end(message: string, show = true): void {
    this.hostDisconnected();
    this.phase = 'ended';
    this.changed();
    if (show) void this.host.showError(message);
  }

  private approve(view: ScanView, mode: PasskeyMode): void {
    void this.host.act(
      async () => {
        await this.host.passkey(mode);
        const approved = await this.host.client.approveScan(view.tokenId, this.token);
        this.code = approved.confirmationCode;
        this.onStatus(approved);
        if (this.phase === 'code') {
          this.host.announce(this.text.typeCode(this.host.name(view.provider)));
          this.watch();
        }
        await this.host.focusHeading();
      },
      (error) => {
        const message = this.tokenError(error);
        if (message) this.end(message, false);
        return message;
      },
    );
  }

  private refuse(): void {
    this.phase = 'refused';
    this.changed();
    this.host.announce(this.text.refused);
    void this.host.focusHeading();
  }

  private watch(): void {
    const view = this.view!;
    this.stopWatching = this.host.client.watchScan(view.tokenId, (status) => this.onStatus(status), {
      onError: (error) => {
        if (!isTransient(error)) this.end(this.tokenError(error) ?? this.text.scanFailed);
      },
    });
  }

  private onStatus({ status }: ScanStatus): void {
    if (status === 'connected') {
      this.hostDisconnected();
      this.phase = 'connected';
      this.changed();
      this.host.announce(this.text.connectedWith(this.host.name(this.view!.provider)));
    } else if (status === 'expired') {
      this.end(this.text.expiredToken);
    } else if (status === 'failed') {
      this.end(this.text.scanFailed);
    } else {
      this.phase = 'code';
      this.changed();
    }
  }

  render(): TemplateResult {
    const t = this.text;
    const view = this.view;
    const provider = view ? this.host.name(view.provider) : '';
    switch (this.phase) {
      case 'loading':
        return html`<p>${t.loading}</p>`;
      case 'ended':
        return html``;
      case 'refused':
        return html`<h2 tabindex="-1">${t.refused}</h2>`;
      case 'connected':
        return html`<h2 tabindex="-1">${t.connectedWith(provider)}</h2>
          ${cameFromAnotherPage() ? nothing : html`<p>${t.closeWhenDone}</p>`}
          <div class="actions">
            ${this.backButton(provider)}
            <a class="action secondary" href="/u/${this.host.tenant}/account">${t.toAccount}</a>
          </div>`;
      case 'code':
        return this.renderCode(provider);
      case 'ask':
        return html`
          <h2 tabindex="-1">${t.scanQuestion(provider)}</h2>
          <p>${t.scanWarning(provider)}</p>
          ${this.signedIn ? nothing : html`<p>${t.newAccountHint}</p>`}
          <div class="actions">
            <button type="button" @click=${() => this.approve(view!, 'existing')}>${t.confirmWithPasskey}</button>
            ${
              this.signedIn
                ? nothing
                : html`<button type="button" class="secondary" @click=${() => this.approve(view!, 'new-account')}>${t.newAccountWithPasskey}</button>`
            }
            <button type="button" class="secondary" @click=${() => this.refuse()}>${t.refuse}</button>
          </div>
        `;
    }
  }

  private renderCode(provider: string): TemplateResult {
    const plain = normalizeConfirmationCode(this.code);
    return html`
      <h2 tabindex="-1">${this.text.codeTitle}</h2>
      <p class="confirmation-code">
        <span part="confirmation-code" aria-hidden="true">${groupConfirmationCode(plain)}</span>
        <span class="visually-hidden">${plain.split('').join(' ')}</span>
      </p>
      <p>${this.text.typeCode(provider)}</p>
      <div class="actions">${this.backButton(provider)}</div>
    `;
  }

  /** Back to the portal in this tab, where the code is typed (and the portal page picks its token up again). */
  private backButton(provider: string): TemplateResult | typeof nothing {
    if (!cameFromAnotherPage()) return nothing;
    return html`<button type="button" @click=${() => history.back()}>${this.text.backToPortal(provider)}</button>`;
  }
}
