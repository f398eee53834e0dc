import { html, nothing, type TemplateResult } from 'lit';
import { StaffApi } from '@regiekit/sdk/staff';
import type { SessionInfo, TenantList } from '@regiekit/sdk/protocol';
import { RegieElement } from './regie-element.js';
import { staffErrorKey, type StaffErrorKey } from './staff-errors.js';
import { staffMessages, type StaffMessages } from './staff.messages.js';

export type StaffPhase = 'checking' | 'sign-in' | 'change-password' | 'ready';

/**
 * What the agent console and the admin page share: the tenant, the API
 * client, and the sign-in and password-change forms. Subclasses render the
 * signed-in view.
 */
export abstract class StaffElement extends RegieElement {
  static override properties = {
    server: { type: String },
    tenant: { type: String },
    phase: { state: true },
    session: { state: true },
    formError: { state: true },
    tenants: { state: true },
  };

  /** Origin of the regiekit server; the page's own origin when empty. */
  declare server: string;
  /** Tenant id; when empty, the sign-in form asks for the organisation. */
  declare tenant: string;
  declare protected phase: StaffPhase;
  declare protected session: SessionInfo | null;
  /** Kept as a key, not a sentence, so the message follows a change of language. */
  declare protected formError: StaffErrorKey | '';
  declare protected tenants: TenantList['tenants'];

  protected api: StaffApi | undefined;

  constructor() {
    super();
    this.server = '';
    this.tenant = '';
    this.phase = 'checking';
    this.session = null;
    this.formError = '';
    this.tenants = [];
  }

  protected get staffText(): StaffMessages {
    return staffMessages[this.language];
  }

  protected get serverOrigin(): string {
    return this.server || location.origin;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.restoreSession();
  }

  /** Called once a usable session exists (signed in, password not temporary). */
  protected abstract onSignedIn(): void;
  /** Called when the session ends, to stop live work. */
  protected abstract onSignedOut(): void;
  protected abstract renderSignedIn(): TemplateResult;

  private async restoreSession(): Promise<void> {
    const tenant = this.tenant || sessionStorage.getItem('regie-tenant') || '';
    if (!this.tenant) this.tenants = (await StaffApi.tenants(this.serverOrigin).catch(() => ({ tenants: [] }))).tenants;
    if (!tenant) {
      this.phase = 'sign-in';
      return;
    }
    this.api = new StaffApi({ server: this.serverOrigin, tenant });
    this.enter(await this.api.session().catch(() => null));
  }

  private enter(session: SessionInfo | null): void {
    this.session = session;
    this.formError = '';
    if (!session) {
      this.phase = 'sign-in';
      return;
    }
    if (session.agent.mustChangePassword) {
      this.phase = 'change-password';
      return;
    }
    this.phase = 'ready';
    this.onSignedIn();
  }

  /** The session ended under us (expired, account deleted): back to the sign-in form. */
  protected sessionLost(): void {
    this.onSignedOut();
    this.session = null;
    this.phase = 'sign-in';
    this.formError = 'sessionEnded';
  }

  /** The element's own sentence for a failed request, in the reader's language. */
  protected errorText(error: unknown): string {
    return this.staffText.errors[staffErrorKey(error, 'action')];
  }

  private async onSignIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const tenant = this.tenant || String(form.get('tenant') ?? '');
    this.api = new StaffApi({ server: this.serverOrigin, tenant });
    try {
      const session = await this.api.login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      if (!this.tenant) sessionStorage.setItem('regie-tenant', tenant);
      this.enter(session);
    } catch (error) {
      this.formError = staffErrorKey(error, 'sign-in');
    }
  }

  private async onChangePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      await this.api!.changePassword(String(form.get('current') ?? ''), String(form.get('next') ?? ''));
      this.enter(await this.api!.session());
    } catch (error) {
      this.formError = staffErrorKey(error, 'change-password');
    }
  }

  protected async signOut(): Promise<void> {
    this.onSignedOut();
    await this.api?.logout().catch(() => undefined);
    this.session = null;
    this.phase = 'sign-in';
  }

  protected override render(): TemplateResult {
    const m = this.staffText;
    switch (this.phase) {
      case 'checking':
        return html`<p role="status">${m.loading}</p>`;
      case 'sign-in':
        return this.renderSignIn(m);
      case 'change-password':
        return this.renderChangePassword(m);
      case 'ready':
        return html`<div class="bar">
            <span>${m.signedInAs(this.session!.agent.displayName)}</span>
            <button type="button" class="secondary" @click=${() => this.signOut()}>${m.signOut}</button>
          </div>
          ${this.renderSignedIn()}`;
    }
  }

  private renderFormError(): TemplateResult | typeof nothing {
    return this.formError
      ? html`<p class="error" id="form-error" role="alert">${this.staffText.errors[this.formError]}</p>`
      : nothing;
  }

  private renderSignIn(m: StaffMessages): TemplateResult {
    const described = this.formError ? 'form-error' : nothing;
    return html`<form @submit=${this.onSignIn} aria-describedby=${described}>
      ${this.renderFormError()}
      ${
        this.tenant
          ? nothing
          : html`<label for="tenant">${m.organisation}</label>
            <select id="tenant" name="tenant" required>
              ${this.tenants.map((t) => html`<option value=${t.id}>${t.displayName}</option>`)}
            </select>`
      }
      <label for="username">${m.username}</label>
      <input id="username" name="username" autocomplete="username" required />
      <label for="password">${m.password}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
      <button type="submit">${m.signIn}</button>
    </form>`;
  }

  private renderChangePassword(m: StaffMessages): TemplateResult {
    return html`<form @submit=${this.onChangePassword}>
      <h2>${m.changePasswordTitle}</h2>
      <p>${m.changePasswordIntro}</p>
      ${this.renderFormError()}
      <label for="current">${m.currentPassword}</label>
      <input id="current" name="current" type="password" autocomplete="current-password" required />
      <label for="next">${m.newPassword}</label>
      <input id="next" name="next" type="password" autocomplete="new-password" minlength="12" required aria-describedby="rule" />
      <p class="hint" id="rule">${m.passwordRule}</p>
      <button type="submit">${m.savePassword}</button>
    </form>`;
  }
}
