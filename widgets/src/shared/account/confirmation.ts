import { html, type TemplateResult } from 'lit';
import type { AccountPageHost } from './page-flow.js';

export interface ConfirmationView<T> {
  title: (subject: T) => string;
  explanation: (subject: T) => string;
  confirm: string;
  cancel: string;
  onConfirm: (subject: T) => void;
}

/**
 * Asks in a native modal dialog before something that cannot be undone.
 * Escape and the cancel button close it; focus goes back to the button that
 * opened it, or to `fallback` (a selector) when that button is gone.
 */
export class Confirmation<T> {
  private subject: T | undefined;
  private trigger: HTMLElement | undefined;

  constructor(
    private readonly host: AccountPageHost,
    private readonly id: string,
    private readonly fallback: string,
  ) {}

  /** Opens the dialog about `subject`; `event` is the click on the button that asked. */
  async ask(subject: T, event: Event): Promise<void> {
    this.trigger = event.currentTarget as HTMLElement;
    this.subject = subject;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.dialog?.showModal();
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector(`#${this.id}`);
  }

  private confirm(onConfirm: (subject: T) => void): void {
    const subject = this.subject;
    this.dialog?.close();
    if (subject !== undefined) onConfirm(subject);
  }

  private onClose = (): void => {
    this.subject = undefined;
    this.host.requestUpdate();
    const trigger = this.trigger;
    this.trigger = undefined;
    if (trigger?.isConnected) trigger.focus();
    else this.host.renderRoot.querySelector<HTMLElement>(this.fallback)?.focus();
  };

  render(view: ConfirmationView<T>): TemplateResult {
    const subject = this.subject;
    return html`<dialog id=${this.id} part="dialog" aria-labelledby="${this.id}-title" aria-describedby="${this.id}-explanation" @close=${this.onClose}>
      <h2 id="${this.id}-title">${subject === undefined ? '' : view.title(subject)}</h2>
      <p id="${this.id}-explanation">${subject === undefined ? '' : view.explanation(subject)}</p>
      <div class="actions">
        <button type="button" class="danger" @click=${() => this.confirm(view.onConfirm)}>${view.confirm}</button>
        <button type="button" class="secondary" autofocus @click=${() => this.dialog?.close()}>${view.cancel}</button>
      </div>
    </dialog>`;
  }
}
