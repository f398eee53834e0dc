import { html, nothing, type TemplateResult } from 'lit';
import { RegieApiError } from '@regiekit/sdk/call';
import type { AccountConnection, AccountView } from '@regiekit/sdk/protocol';
import { PageFlow, type PasskeyMode } from './page-flow.js';

type SignedIn = Extract<AccountView, { signedIn: true }>;

/**
 * The account itself: sign in or make one; then its passkeys and connections,
 * with ending a connection confirmed in a modal dialog.
 */
export class AccountOverview extends PageFlow {
  private account: AccountView | undefined;
  private ending: AccountConnection | undefined;
  /** The button that opened the dialog, to give focus back to. */
  private trigger: HTMLElement | undefined;

  start(): void {
    void this.reload().catch((error: unknown) => this.host.showError(this.host.describe(error)));
  }

  private async reload(): Promise<void> {
    this.account = await this.host.client.account();
    this.changed();
  }

  private async enter(mode: PasskeyMode): Promise<void> {
    const done = await this.host.act(async () => {
      await this.host.passkey(mode);
      await this.reload();
    });
    if (done) {
      this.host.announce(this.text.signedIn);
      await this.host.focusHeading();
    }
  }

  private async addPasskey(): Promise<void> {
    const done = await this.host.act(async () => {
      await this.withFreshPasskey(() => this.host.client.addPasskey());
      await this.reload();
    });
    if (done) this.host.announce(this.text.passkeyAdded);
  }

  private async signOut(): Promise<void> {
    const done = await this.host.act(async () => {
      await this.host.client.signOut();
      await this.reload();
    });
    if (done) {
      this.host.announce(this.text.signedOut);
      await this.host.focusHeading();
    }
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }

  private async askToEnd(connection: AccountConnection, event: Event): Promise<void> {
    this.trigger = event.currentTarget as HTMLElement;
    this.ending = connection;
    this.changed();
    await this.host.updateComplete;
    this.dialog?.showModal();
  }

  private async confirmEnd(): Promise<void> {
    const connection = this.ending;
    if (!connection) return;
    this.dialog?.close();
    const done = await this.host.act(async () => {
      await this.withFreshPasskey(() => this.host.client.endConnection(connection.connectionId));
      await this.reload();
    });
    if (done) {
      this.host.announce(this.text.ended(this.host.name(connection.provider)));
      this.host.renderRoot.querySelector<HTMLElement>('#connections-title')?.focus();
    }
  }

  /** Runs `action`; when the server wants a passkey ceremony first, asks for one and tries once more. */
  private async withFreshPasskey(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof RegieApiError && error.code === 'passkey_required')) throw error;
      await this.host.passkey('existing');
      await action();
    }
  }

  private onDialogClose = (): void => {
    this.ending = undefined;
    this.changed();
    // Back to the button that opened the dialog; when its connection is gone, to the list's heading.
    const trigger = this.trigger;
    this.trigger = undefined;
    if (trigger?.isConnected) trigger.focus();
    else this.host.renderRoot.querySelector<HTMLElement>('#connections-title')?.focus();
  };

  render(): TemplateResult {
    const t = this.text;
    const account = this.account;
    if (!account) return html`<p>${t.loading}</p>`;
    if (!account.signedIn) {
      return html`
        <h2 tabindex="-1">${t.accountTitle}</h2>
        <p>${t.signedOutIntro}</p>
        <p>${t.privacy}</p>
        <div class="actions">
          <button type="button" @click=${() => this.enter('existing')}>${t.signIn}</button>
          <button type="button" class="secondary" @click=${() => this.enter('new-account')}>${t.newAccountWithPasskey}</button>
        </div>
      `;
    }
    return html`
      <h2 tabindex="-1">${t.accountTitle}</h2>
      <p>${t.privacy}</p>
      ${this.renderPasskeys(account)} ${this.renderConnections(account)}
      <div class="actions">
        <button type="button" class="secondary" @click=${() => this.signOut()}>${t.signOut}</button>
      </div>
      ${this.renderDialog()}
    `;
  }

  private renderPasskeys(account: SignedIn): TemplateResult {
    const t = this.text;
    return html`<section aria-labelledby="passkeys-title">
      <h3 id="passkeys-title">${t.passkeysTitle}</h3>
      <ul class="items">
        ${account.passkeys.map(
          (passkey) => html`<li>
            ${t.passkey(this.host.formatDate(passkey.createdAt), passkey.lastUsedAt && this.host.formatDate(passkey.lastUsedAt))}
            ${passkey.current ? html`<strong class="current">${t.currentPasskey}</strong>` : nothing}
          </li>`,
        )}
      </ul>
      <button type="button" class="secondary" @click=${() => this.addPasskey()}>${t.addPasskey}</button>
    </section>`;
  }

  private renderConnections(account: SignedIn): TemplateResult {
    const t = this.text;
    return html`<section aria-labelledby="connections-title">
      <h3 id="connections-title" tabindex="-1">${t.connectionsTitle}</h3>
      ${account.connections.length === 0
        ? html`<p>${t.noConnections}</p>`
        : html`<ul class="items">
            ${account.connections.map(
              (connection, index) => html`<li class="connection">
                <div>
                  <strong id="connection-${index}">${this.host.name(connection.provider)}</strong>
                  <span>${t.connectedSince(this.host.formatDate(connection.createdAt))}</span>
                </div>
                <button type="button" class="danger" aria-describedby="connection-${index}" aria-haspopup="dialog" @click=${(event: Event) => this.askToEnd(connection, event)}>
                  ${t.endConnection}
                </button>
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  private renderDialog(): TemplateResult {
    const t = this.text;
    const provider = this.ending ? this.host.name(this.ending.provider) : '';
    return html`<dialog part="dialog" aria-labelledby="end-title" @close=${this.onDialogClose}>
      <h2 id="end-title">${this.ending ? t.endTitle(provider) : ''}</h2>
      <p>${this.ending ? t.endExplanation(provider) : ''}</p>
      <div class="actions">
        <button type="button" class="danger" @click=${() => this.confirmEnd()}>${t.endConfirm}</button>
        <button type="button" class="secondary" autofocus @click=${() => this.dialog?.close()}>${t.cancel}</button>
      </div>
    </dialog>`;
  }
}
