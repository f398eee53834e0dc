import { html, type TemplateResult } from 'lit';
import type { AccountConnection } from '@regiekit/sdk/protocol';
import { Confirmation } from './confirmation.js';
import { withFreshPasskey, type AccountPageHost } from './page-flow.js';

/**
 * The user's connections, each with "end connection" behind a confirmation
 * dialog and a fresh passkey: on the account page and under the consents.
 */
export class ConnectionsSection {
  private readonly confirmation: Confirmation<AccountConnection>;

  /** `reload` fetches what the page shows again once a connection has ended. */
  constructor(
    private readonly host: AccountPageHost,
    private readonly reload: () => Promise<void>,
  ) {
    this.confirmation = new Confirmation(host, 'end-dialog', '#connections-title');
  }

  private async end(connection: AccountConnection): Promise<void> {
    const done = await this.host.act(async () => {
      await withFreshPasskey(this.host, () => this.host.client.endConnection(connection.connectionId));
      await this.reload();
    });
    if (done) {
      this.host.announce(this.host.text.ended(this.host.name(connection.provider)));
      this.host.renderRoot.querySelector<HTMLElement>('#connections-title')?.focus();
    }
  }

  render(connections: AccountConnection[]): TemplateResult {
    const t = this.host.text;
    return html`<section aria-labelledby="connections-title">
      <h3 id="connections-title" tabindex="-1">${t.connectionsTitle}</h3>
      ${
        connections.length === 0
          ? html`<p>${t.noConnections}</p>`
          : html`<ul class="items">
            ${connections.map(
              (connection, index) => html`<li class="connection">
                <div>
                  <strong id="connection-${index}">${this.host.name(connection.provider)}</strong>
                  <span>${t.connectedSince(this.host.formatDate(connection.createdAt))}</span>
                </div>
                <button
                  type="button"
                  class="danger"
                  aria-describedby="connection-${index}"
                  aria-haspopup="dialog"
                  @click=${(event: Event) => this.confirmation.ask(connection, event)}
                >
                  ${t.endConnection}
                </button>
              </li>`,
            )}
          </ul>`
      }
      ${this.confirmation.render({
        title: (connection) => t.endTitle(this.host.name(connection.provider)),
        explanation: (connection) => t.endExplanation(this.host.name(connection.provider)),
        confirm: t.endConfirm,
        cancel: t.cancel,
        onConfirm: (connection) => void this.end(connection),
      })}
    </section>`;
  }
}
