import { html, nothing, type TemplateResult } from 'lit';
import type { FlowView } from '@regiekit/sdk/protocol';
import { PageFlow, type PasskeyMode } from './page-flow.js';

/**
 * A decision a consumer or provider sent the user here for: sign in with the
 * regie account, or start or finish a connection. Approving takes a fresh
 * passkey ceremony; either answer sends the browser on to `redirectTo`.
 */
export class DecisionFlow extends PageFlow {
  private view: FlowView | undefined;
  private loading = true;
  private leaving = false;

  start(): void {
    this.host.client.flow(this.host.flowId).then(
      (view) => {
        this.view = view;
        this.loading = false;
        this.changed();
      },
      (error: unknown) => {
        this.loading = false;
        this.changed();
        void this.host.showError(this.host.describe(error));
      },
    );
  }

  private decide(view: FlowView, mode: PasskeyMode | 'refuse'): void {
    const client = this.host.client;
    void this.host.act(
      async () => {
        let outcome;
        if (mode === 'refuse') {
          outcome = await client.refuseFlow(view.flowId);
        } else {
          await this.host.passkey(mode);
          outcome = await client.approveFlow(view.flowId);
        }
        this.leaving = true;
        this.changed();
        this.host.announce(this.text.redirecting);
        this.host.navigate(outcome.redirectTo);
      },
      (error) => this.host.describe(error, this.host.name(view.consumer)),
    );
  }

  render(): TemplateResult {
    const t = this.text;
    if (this.loading) return html`<p>${t.loading}</p>`;
    const view = this.view;
    if (!view) return html``;
    if (this.leaving) return html`<p>${t.redirecting}</p>`;
    const consumer = this.host.name(view.consumer);
    const [question, detail] = this.wording(view, consumer);
    return html`
      <h2 tabindex="-1">${question}</h2>
      <p>${detail}</p>
      ${view.kind === 'connect-finish' ? nothing : html`<p>${t.newAccountHint}</p>`}
      <div class="actions">
        <button type="button" @click=${() => this.decide(view, 'existing')}>${t.confirmWithPasskey}</button>
        ${view.kind === 'connect-finish'
          ? nothing
          : html`<button type="button" class="secondary" @click=${() => this.decide(view, 'new-account')}>${t.newAccountWithPasskey}</button>`}
        <button type="button" class="secondary" @click=${() => this.decide(view, 'refuse')}>${t.refuse}</button>
      </div>
    `;
  }

  private wording(view: FlowView, consumer: string): [string, string] {
    const t = this.text;
    switch (view.kind) {
      case 'sign-in':
        return [t.signInQuestion(consumer), t.signInDetail(consumer)];
      case 'connect-start':
        return [t.connectStartQuestion(consumer, this.host.name(view.provider)), t.connectStartDetail(this.host.name(view.provider))];
      case 'connect-finish':
        return [t.connectFinishQuestion(this.host.name(view.provider)), t.connectFinishDetail];
    }
  }
}
