import { html, nothing, type TemplateResult } from 'lit';
import type { AccountView } from '@regiekit/sdk/protocol';
import { ConnectionsSection } from '../shared/account/connections-section.js';
import { PageFlow, withFreshPasskey, type PasskeyMode } from '../shared/account/page-flow.js';

type SignedIn = Extract<AccountView, { signedIn: true }>;

/**
 * The account itself: sign in or make one; then its passkeys and connections,
 * with ending a connection confirmed in a modal dialog.
 */
export class AccountOverview extends PageFlow {
  private account: AccountView | undefined;
  private readonly connections = new ConnectionsSection(this.host, () => this.reload());

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
      await withFreshPasskey(this.host, () => this.host.client.addPasskey());
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
      ${this.renderPasskeys(account)} ${this.connections.render(account.connections)}
      <div class="actions">
        <button type="button" class="secondary" @click=${() => this.signOut()}>${t.signOut}</button>
      </div>
    `;
  }

  private renderPasskeys(account: SignedIn): TemplateResult {
    const t = this.text;
    return html`<section aria-labelledby="passkeys-title">
      <h3 id="passkeys-title">${t.passkeysTitle}</h3>
      <ul class="items">
        ${account.passkeys.map(
          (passkey) => html`<li>
            <strong>${t.madeWith(passkey.device?.browser, passkey.device?.system)}</strong>
            ${passkey.synced === undefined ? nothing : html`(${passkey.synced ? t.synced : t.oneDevice})`}
            <br />
            ${t.passkey(
              this.host.formatDateTime(passkey.createdAt),
              passkey.lastUsedAt && this.host.formatDateTime(passkey.lastUsedAt),
            )}
            ${passkey.current ? html`<strong class="current">${t.currentPasskey}</strong>` : nothing}
          </li>`,
        )}
      </ul>
      <button type="button" class="secondary" @click=${() => this.addPasskey()}>${t.addPasskey}</button>
    </section>`;
  }
}
