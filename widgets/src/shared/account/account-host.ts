import { html, type PropertyValues, type TemplateResult } from 'lit';
import { RegieApiError } from '@regiekit/sdk/http';
import { AccountClient, PasskeyError } from '@regiekit/sdk/connect';
import type { PartySummary } from '@regiekit/sdk/protocol';
import type { Language } from '../language.js';
import { RegieElement } from '../regie-element.js';
import { accountPageMessages, type AccountPageMessages } from './account.messages.js';
import { accountPageStyles } from './account.styles.js';
import { loadWebAuthn } from './load-webauthn.js';
import type { AccountPageHost, PageFlow, PasskeyMode } from './page-flow.js';

/**
 * What every element for the regiekit server's own pages shares: the account
 * API on the session cookie, passkey ceremonies, the alert and status regions,
 * and one {@link PageFlow} at a time that draws between them.
 */
export abstract class AccountHost extends RegieElement implements AccountPageHost {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = accountPageStyles;

  static override properties = {
    server: { type: String },
    tenant: { type: String },
    error: { state: true },
    notice: { state: true },
  };

  /** Origin of the regiekit server; the page's own origin when empty (the intended use). */
  declare server: string;
  /** Tenant id, e.g. `demo`. */
  declare tenant: string;
  declare protected error: string;
  declare protected notice: string;

  /** How the element leaves the page once a decision is made; replace it to navigate another way (or in tests). */
  navigate: (url: string) => void = (url) => location.assign(url);

  private accountClient!: AccountClient;
  private current: PageFlow | undefined;
  private busy = false;
  private hadFocus = false;

  constructor() {
    super();
    this.server = '';
    this.tenant = '';
    this.error = '';
    this.notice = '';
  }

  /** The account API of this element's server and tenant. */
  get client(): AccountClient {
    return this.accountClient;
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  override get language(): Language {
    return super.language;
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  get text(): AccountPageMessages {
    return accountPageMessages[this.language];
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  name(party: PartySummary): string {
    return party.displayName[this.language];
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  formatDate(iso: string): string {
    return new Date(iso).toLocaleDateString(this.locale, { day: 'numeric', month: 'long', year: 'numeric' });
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  formatDateTime(iso: string): string {
    return new Date(iso).toLocaleString(this.locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  formatList(items: string[]): string {
    return new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(items);
  }

  private get locale(): string {
    return this.language === 'en' ? 'en-GB' : 'nl-NL';
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  async passkey(mode: PasskeyMode): Promise<void> {
    this.notice = this.text.followBrowser;
    try {
      await (mode === 'existing' ? this.client.signInWithPasskey() : this.client.createAccountWithPasskey());
    } finally {
      this.notice = '';
    }
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  async act(action: () => Promise<void>, describe?: (error: unknown) => string | undefined): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = '';
    try {
      await action();
      return true;
    } catch (error) {
      await this.showError(describe?.(error) ?? this.describe(error));
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  describe(error: unknown, consumer?: string): string {
    const e = this.text.errors;
    if (error instanceof PasskeyError) {
      return {
        cancelled: e.cancelled,
        unsupported: e.unsupported,
        'already-registered': e.alreadyRegistered,
        failed: e.passkeyFailed,
      }[error.reason];
    }
    if (!(error instanceof RegieApiError)) return e.generic;
    if (error.status === 0) return e.network;
    switch (error.code) {
      case 'wrong_account':
        return e.wrongAccount(consumer);
      case 'wrong_session':
        return e.wrongSession;
      case 'token_expired':
      case 'not_found':
        return e.expired;
      case 'passkey_required':
      case 'passkey_failed':
        return e.passkeyFailed;
      case 'rate_limited':
        return e.tooManyAttempts;
      default:
        return e.generic;
    }
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  async showError(message: string): Promise<void> {
    this.error = message;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#error')?.focus();
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  announce(message: string): void {
    this.notice = message;
  }

  /** @internal Part of what the flows use (see page-flow.ts). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** The flow this element shows, given its attributes; asked again when they change. */
  protected abstract createFlow(): PageFlow;

  /** Whether a change of these properties means another flow. */
  protected flowChanged(changed: PropertyValues<this>): boolean {
    return changed.has('server') || changed.has('tenant');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.hadFocus = Boolean(this.shadowRoot?.activeElement);
    if (changed.has('server') || changed.has('tenant'))
      this.accountClient = new AccountClient({
        server: this.server,
        tenant: this.tenant,
        loadWebAuthn: () => loadWebAuthn(this.server || location.origin),
      });
    if (this.flowChanged(changed)) this.setUpFlow();
  }

  protected override updated(): void {
    // When the focused control disappears with a step, focus goes to the new step's heading.
    if (this.hadFocus && !this.shadowRoot?.activeElement) this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private setUpFlow(): void {
    if (this.current) {
      this.current.hostDisconnected();
      this.removeController(this.current);
    }
    this.error = '';
    this.notice = '';
    this.current = this.createFlow();
    this.addController(this.current);
    this.current.start();
  }

  protected override render(): TemplateResult {
    return html`
      <p class="error" id="error" role="alert" tabindex="-1">${this.error}</p>
      ${this.current?.render()}
      <p class="visually-hidden" role="status">${this.notice}</p>
    `;
  }
}
