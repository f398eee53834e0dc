import { html, nothing, type TemplateResult } from 'lit';
import { RegieApiError } from '@regiekit/sdk/http';
import type { AccountConnection, UserConsent } from '@regiekit/sdk/protocol';
import { Confirmation } from '../shared/account/confirmation.js';
import { ConnectionsSection } from '../shared/account/connections-section.js';
import { consentMessages, type ConsentMessages } from '../shared/account/consent.messages.js';
import { PageFlow, withFreshPasskey, type AccountPageHost } from '../shared/account/page-flow.js';
import { offerDownload } from '../shared/offer-download.js';

type Overview = { signedIn: false } | { signedIn: true; consents: UserConsent[]; connections: AccountConnection[] };

/** Still in force, or still waiting for the user: listed first, open. */
const isCurrent = (consent: UserConsent): boolean => consent.state === 'accepted' || consent.state === 'requested';

/** A receipt exists once the user gave consent, also after it ended. */
const hasReceipt = (consent: UserConsent): boolean =>
  consent.state === 'accepted' ||
  consent.state === 'used' ||
  consent.state === 'revoked' ||
  (consent.state === 'expired' && consent.decidedAt !== undefined);

/**
 * The consents page: every consent with what it covers and its use log,
 * the signed receipt to keep, revoking behind a confirmation and a fresh
 * passkey; below, the connections the consents draw on.
 */
export class ConsentOverviewFlow extends PageFlow {
  private overview: Overview | undefined;
  private readonly connections = new ConnectionsSection(this.host, () => this.reload());
  private readonly revocation = new Confirmation<UserConsent>(this.host, 'revoke-dialog', '#active-title');

  constructor(
    host: AccountPageHost,
    /** The server's pages for this tenant, `{server}/u/{tenant}`. */
    private readonly pagesUrl: string,
  ) {
    super(host);
  }

  start(): void {
    void this.reload().catch((error: unknown) => this.host.showError(this.host.describe(error)));
  }

  private get consentText(): ConsentMessages {
    return consentMessages[this.host.language];
  }

  private async reload(): Promise<void> {
    const signedOut = (error: unknown) => {
      if (error instanceof RegieApiError && error.status === 401) return undefined;
      throw error;
    };
    const [account, list] = await Promise.all([
      this.host.client.account(),
      this.host.client.consents().catch(signedOut),
    ]);
    this.overview =
      account.signedIn && list
        ? { signedIn: true, consents: list.consents, connections: account.connections }
        : { signedIn: false };
    this.changed();
  }

  private async signIn(): Promise<void> {
    const done = await this.host.act(async () => {
      await this.host.passkey('existing');
      await this.reload();
    });
    if (done) {
      this.host.announce(this.text.signedIn);
      await this.host.focusHeading();
    }
  }

  private async revoke(consent: UserConsent): Promise<void> {
    const done = await this.host.act(async () => {
      await withFreshPasskey(this.host, () => this.host.client.revokeConsent(consent.consentId));
      await this.reload();
    });
    if (done) {
      this.host.announce(this.consentText.revoked(this.host.name(consent.consumer)));
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('#active-title')?.focus();
    }
  }

  private async downloadReceipt(consent: UserConsent): Promise<void> {
    const done = await this.host.act(
      async () => {
        const receipt = await this.host.client.consentReceipt(consent.consentId);
        offerDownload(
          this.host.renderRoot,
          `consent-${consent.consentId}.jws`,
          new Blob([receipt], { type: 'application/jose' }),
        );
      },
      (error) => (error instanceof RegieApiError && error.status === 404 ? this.consentText.noReceipt : undefined),
    );
    if (done) this.host.announce(this.consentText.receiptDownloaded);
  }

  render(): TemplateResult {
    const t = this.consentText;
    const overview = this.overview;
    if (!overview) return html`<p>${this.text.loading}</p>`;
    if (!overview.signedIn) {
      return html`
        <h2 tabindex="-1">${t.overviewTitle}</h2>
        <p>${t.signedOutIntro}</p>
        <div class="actions">
          <button type="button" @click=${() => this.signIn()}>${this.text.signIn}</button>
        </div>
        ${this.renderAccountLink()}
      `;
    }
    const current = overview.consents.filter(isCurrent);
    const ended = overview.consents.filter((consent) => !isCurrent(consent));
    return html`
      <h2 tabindex="-1">${t.overviewTitle}</h2>
      <p>${t.overviewIntro}</p>
      <section aria-labelledby="active-title">
        <h3 id="active-title" tabindex="-1">${t.activeTitle}</h3>
        ${current.length === 0 ? html`<p>${t.noActive}</p>` : this.renderList(current, 'current')}
      </section>
      ${
        ended.length === 0
          ? nothing
          : html`<section aria-labelledby="ended-title">
            <h3 id="ended-title">${t.endedTitle}</h3>
            <details>
              <summary>${t.showEnded(ended.length)}</summary>
              ${this.renderList(ended, 'ended')}
            </details>
          </section>`
      }
      ${this.connections.render(overview.connections)} ${this.renderAccountLink()}
      ${this.revocation.render({
        title: (consent) => t.revokeTitle(this.host.name(consent.consumer)),
        explanation: (consent) => t.revokeExplanation(this.host.name(consent.consumer)),
        confirm: t.revokeConfirm,
        cancel: this.text.cancel,
        onConfirm: (consent) => void this.revoke(consent),
      })}
    `;
  }

  /** A page of the server, in the language this element speaks. */
  private pageUrl(path: string): string {
    return `${this.pagesUrl}/${path}${this.host.language === 'en' ? '?lang=en' : ''}`;
  }

  private renderAccountLink(): TemplateResult {
    return html`<p class="actions"><a class="action secondary" href=${this.pageUrl('account')}>${this.consentText.accountLink}</a></p>`;
  }

  private renderList(consents: UserConsent[], group: string): TemplateResult {
    return html`<ul class="consents">
      ${consents.map((consent, index) => this.renderConsent(consent, `${group}-${index}`))}
    </ul>`;
  }

  private renderConsent(consent: UserConsent, key: string): TemplateResult {
    const t = this.consentText;
    const lang = this.host.language;
    const titleId = `consent-${key}`;
    const providers = this.host.formatList(consent.providers.map((provider) => this.host.name(provider)));
    return html`<li class="consent">
      <h4 id=${titleId}>${this.host.name(consent.consumer)}</h4>
      <p>${t.serviceFrom(consent.serviceTitle[lang], providers)}</p>
      <p>${consent.purpose.text[lang]}</p>
      <dl class="terms">
        <dt>${t.stateLabel}</dt>
        <dd class="state">${t.state[consent.state]}</dd>
        <dt>${t.fieldsTitle}</dt>
        <dd>${this.host.formatList(consent.fields.map((field) => field.label[lang]))}</dd>
        <dt>${t.untilLabel}</dt>
        <dd>${this.host.formatDate(consent.validUntil)}</dd>
        <dt>${t.modeLabel}</dt>
        <dd>${t.mode[consent.mode]}</dd>
      </dl>
      ${
        consent.uses.length === 0
          ? html`<p>${t.notUsed}</p>`
          : html`<table class="uses">
            <caption>
              ${t.useTitle}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t.useWhen}</th>
                <th scope="col">${t.useProvider}</th>
                <th scope="col">${t.useOutcomeLabel}</th>
              </tr>
            </thead>
            <tbody>
              ${consent.uses.map(
                (use) => html`<tr>
                  <td>${this.host.formatDateTime(use.at)}</td>
                  <td>${this.host.name(use.provider)}</td>
                  <td>${t.useOutcome[use.outcome]}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
      <div class="actions">
        ${
          hasReceipt(consent)
            ? html`<a class="action secondary" aria-describedby=${titleId} href=${this.pageUrl(`receipts/${encodeURIComponent(consent.consentId)}`)}>${t.viewReceipt}</a>
              <button type="button" class="secondary" aria-describedby=${titleId} @click=${() => this.downloadReceipt(consent)}>${t.downloadReceipt}</button>`
            : nothing
        }
        ${
          consent.state === 'accepted'
            ? html`<button
              type="button"
              class="danger"
              aria-describedby=${titleId}
              aria-haspopup="dialog"
              @click=${(event: Event) => this.revocation.ask(consent, event)}
            >
              ${t.revoke}
            </button>`
            : nothing
        }
      </div>
    </li>`;
  }
}
