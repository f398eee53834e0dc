import { css, html, nothing, type TemplateResult } from 'lit';
import { RegieApiError } from '@regiekit/sdk/http';
import type { AgentRole, AgentSummary, AuditEntry, TemporaryPassword } from '@regiekit/sdk/protocol';
import { StaffElement } from '../shared/staff-element.js';
import { staffErrorKey, type StaffErrorKey } from '../shared/staff-errors.js';
import type { StaffMessages } from '../shared/staff.messages.js';
import { staffStyles } from '../shared/staff.styles.js';
import { tableRegion } from '../shared/table-region.js';
import { agentAdminMessages, type AgentAdminMessages } from './agent-admin.messages.js';
import { renderAuditLog } from './audit-log-table.js';
import { auditLogMessages } from './audit-log.messages.js';

/** A status line, written when it is shown, so it follows a change of language. */
type Notice = (t: AgentAdminMessages, staff: StaffMessages) => string;

/**
 * Account management for a tenant's administrators: create and delete staff
 * accounts, reset passwords (a temporary one, changed at first sign-in), and
 * read the audit log.
 *
 * @summary Staff accounts and audit log for ID-bellen administrators.
 * @tag regie-agent-admin
 * @cssproperty --regie-accent-color - Buttons and links.
 * @cssproperty --regie-focus-color - Focus outline.
 */
export class RegieAgentAdmin extends StaffElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = [
    ...staffStyles,
    css`
      section {
        margin-block: 2rem;
      }
      .temporary {
        font-family: monospace;
        font-size: 1.25rem;
      }
    `,
  ];

  static override properties = {
    ...StaffElement.properties,
    agents: { state: true },
    auditEntries: { state: true },
    temporary: { state: true },
    notice: { state: true },
    createError: { state: true },
  };

  declare protected agents: AgentSummary[];
  declare protected auditEntries: AuditEntry[];
  declare protected temporary: (TemporaryPassword & { username: string }) | null;
  declare protected notice: Notice | undefined;
  declare protected createError: StaffErrorKey | '';

  constructor() {
    super();
    this.agents = [];
    this.auditEntries = [];
    this.temporary = null;
    this.notice = undefined;
    this.createError = '';
  }

  private get text(): AgentAdminMessages {
    return agentAdminMessages[this.language];
  }

  protected onSignedIn(): void {
    void this.refresh();
  }

  protected onSignedOut(): void {
    this.agents = [];
    this.auditEntries = [];
    this.temporary = null;
  }

  private async refresh(): Promise<void> {
    try {
      [this.agents, this.auditEntries] = await Promise.all([this.api!.agents(), this.api!.audit()]);
    } catch (error) {
      if (error instanceof RegieApiError && error.status === 401) this.sessionLost();
      else this.notice = this.failure(error);
    }
  }

  private async onCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const username = String(form.get('new-username') ?? '')
      .trim()
      .toLowerCase();
    try {
      await this.api!.createAgent({
        username,
        displayName: String(form.get('new-name') ?? '').trim(),
        role: String(form.get('new-role')) as AgentRole,
        password: String(form.get('new-password') ?? ''),
      });
      formElement.reset();
      this.createError = '';
      this.notice = (t) => t.createdAccount(username);
      await this.refresh();
    } catch (error) {
      this.createError = staffErrorKey(error, 'create-account');
    }
  }

  private async onDelete(agent: AgentSummary): Promise<void> {
    if (!confirm(this.text.confirmDelete(agent.username))) return;
    try {
      await this.api!.deleteAgent(agent.agentId);
      this.notice = (t) => t.deletedAccount(agent.username);
      await this.refresh();
    } catch (error) {
      this.notice = this.failure(error);
    }
  }

  private async onReset(agent: AgentSummary): Promise<void> {
    try {
      this.temporary = { ...(await this.api!.resetPassword(agent.agentId)), username: agent.username };
      await this.refresh();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#temporary-title')?.focus();
    } catch (error) {
      this.notice = this.failure(error);
    }
  }

  private failure(error: unknown): Notice {
    const key = staffErrorKey(error, 'action');
    return (_, staff) => staff.errors[key];
  }

  private formatTime(iso: string): string {
    return new Date(iso).toLocaleString(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      dateStyle: 'short',
      timeStyle: 'short',
    });
  }

  protected renderSignedIn(): TemplateResult {
    const t = this.text;
    return html`
      <p role="status">${this.notice?.(t, this.staffText) ?? ''}</p>
      ${
        this.temporary
          ? html`<section aria-labelledby="temporary-title">
            <h2 id="temporary-title" tabindex="-1">${t.temporaryPassword(this.temporary.username)}</h2>
            <p class="temporary">${this.temporary.temporaryPassword}</p>
            <p>${t.temporaryPasswordHint(this.formatTime(this.temporary.expiresAt))}</p>
          </section>`
          : nothing
      }
      <section>${this.renderAccounts(t)}</section>
      <section aria-labelledby="new-title">
        <h2 id="new-title">${t.newAccount}</h2>
        <form @submit=${this.onCreate}>
          ${this.createError ? html`<p class="error" role="alert">${this.staffText.errors[this.createError]}</p>` : nothing}
          <label for="new-username">${t.username}</label>
          <input id="new-username" name="new-username" autocomplete="off" required pattern="[a-z0-9][a-z0-9._\\-]{1,63}" />
          <label for="new-name">${t.displayName}</label>
          <input id="new-name" name="new-name" autocomplete="off" required />
          <label for="new-role">${t.role}</label>
          <select id="new-role" name="new-role">
            <option value="agent">${t.roles.agent}</option>
            <option value="admin">${t.roles.admin}</option>
          </select>
          <label for="new-password">${t.password}</label>
          <input id="new-password" name="new-password" type="password" autocomplete="new-password" minlength="12" required aria-describedby="new-rule" />
          <p class="hint" id="new-rule">${t.passwordRule}</p>
          <button type="submit">${t.create}</button>
        </form>
      </section>
      <section>${renderAuditLog(auditLogMessages[this.language], this.auditEntries, (iso) => this.formatTime(iso))}</section>
    `;
  }

  private renderAccounts(t: AgentAdminMessages): TemplateResult {
    const self = this.session!.agent.agentId;
    return tableRegion(
      'accounts-caption',
      html`<table class="cards" role="table">
        <caption id="accounts-caption">${t.accounts}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">${t.username}</th>
            <th scope="col" role="columnheader">${t.displayName}</th>
            <th scope="col" role="columnheader">${t.role}</th>
            <th scope="col" role="columnheader">${t.created}</th>
            <th scope="col" role="columnheader">${t.actions}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${this.agents.map(
            (agent) => html`<tr role="row">
              <th scope="row" role="rowheader">${agent.username}</th>
              <td role="cell" data-label=${t.displayName}>${agent.displayName}</td>
              <td role="cell" data-label=${t.role}>${t.roles[agent.role]}${agent.mustChangePassword ? html` (${t.mustChange})` : nothing}</td>
              <td role="cell" data-label=${t.created}>${this.formatTime(agent.createdAt)}</td>
              <td role="cell">
                ${
                  agent.agentId === self
                    ? nothing
                    : html`<div class="cell-actions">
                      <button type="button" class="secondary" @click=${() => this.onReset(agent)}>
                        ${t.resetPassword}<span class="visually-hidden">: ${agent.username}</span>
                      </button>
                      <button type="button" class="danger" @click=${() => this.onDelete(agent)}>
                        ${t.delete}<span class="visually-hidden">: ${agent.username}</span>
                      </button>
                    </div>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }
}
