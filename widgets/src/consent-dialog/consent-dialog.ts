import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isTransient } from '@regiekit/sdk/http';
import { ConsentStatusClient } from '@regiekit/sdk/consent';
import type { ConsentRequested, ConsentState } from '@regiekit/sdk/protocol';
import { RegieConsentOutcomeEvent, type ConsentOutcome } from '../shared/events.js';
import { RegieElement } from '../shared/regie-element.js';
import { consentDialogMessages, type ConsentDialogMessages } from './consent-dialog.messages.js';
import { consentDialogStyles } from './consent-dialog.styles.js';

/** What the consumer's backend received from `POST /consumer/consents` and hands to the page. */
export type ConsentDialogRequest = Pick<ConsentRequested, 'consentId' | 'startUrl' | 'statusToken'>;

type Notice = 'waiting' | 'blocked' | 'window-closed' | 'failed';

/** The window the consent page opens in; the page knows it is a popup by this name. */
const WINDOW_NAME = 'regie-consent';
// Tall enough for the whole decision, so the consent button is not below the fold.
const WINDOW_FEATURES = 'popup,width=560,height=980';

/** The element that has focus, looking into shadow roots, to give focus back to. */
function focusedElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

function outcomeOf(state: Exclude<ConsentState, 'requested'>): ConsentOutcome {
  if (state === 'accepted' || state === 'used') return 'accepted';
  if (state === 'expired') return 'expired';
  // Revoked before this page heard of the acceptance: for the consumer, there is no consent.
  return 'rejected';
}

/**
 * For a consumer's page (any origin): after its backend registered a consent
 * request, `open()` shows a modal dialog and opens regie's own consent page in
 * a popup, where the user sees who asks for which data and decides with their
 * passkey. The dialog follows the request with its status token only, and
 * closes with an outcome; the consumer's backend learns the rest from the
 * server. If the browser blocks the popup, a link opens the page instead.
 *
 * @summary Dialog that has the user decide on a consent request in regie's own window (consumer page).
 * @tag regie-consent-dialog
 * @event regie-consent-outcome - The dialog closed (`outcome`: accepted, rejected, expired or cancelled).
 * @csspart dialog - The dialog.
 * @csspart status - The live status line.
 * @csspart consent-link - The link that opens the consent page when the popup was blocked or closed.
 * @csspart same-window-link - With `same-window`: the link that continues in this tab instead.
 * @cssproperty --regie-accent-color - Buttons (falls back to NL Design System tokens).
 * @cssproperty --regie-accent-text-color - Text on the accent colour.
 * @cssproperty --regie-text-color - Text colour.
 * @cssproperty --regie-surface-color - Dialog background.
 * @cssproperty --regie-focus-color - Focus outline colour.
 * @cssproperty --regie-border-radius - Corner radius.
 * @cssproperty --regie-font-family - Font.
 */
export class RegieConsentDialog extends RegieElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = consentDialogStyles;

  static override properties = {
    server: { type: String },
    tenant: { type: String },
    sameWindow: { type: Boolean, attribute: 'same-window' },
    notice: { state: true },
    offerLink: { state: true },
  };

  /** Origin of the regiekit server. */
  declare server: string;
  /** Tenant id, e.g. `demo`. */
  declare tenant: string;
  /**
   * The consumer registered a return URL that takes the outcome, so the user
   * may also decide in this tab: where a passkey lives in one tab only (a
   * browser's developer tools), a new window would not have it.
   */
  declare sameWindow: boolean;
  declare protected notice: Notice;
  declare protected offerLink: boolean;

  private request: ConsentDialogRequest | undefined;
  private popup: Window | null = null;
  private stopWatching: (() => void) | undefined;
  private returnFocus: HTMLElement | undefined;
  private settle: ((outcome: ConsentOutcome) => void) | undefined;
  private hadFocus = false;

  constructor() {
    super();
    this.server = '';
    this.tenant = '';
    this.sameWindow = false;
    this.notice = 'waiting';
    this.offerLink = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page while open: follow the same request again.
    if (this.request && !this.stopWatching) this.watch(this.request);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /**
   * Opens the consent page in a popup and the dialog over this page. Call it
   * from the click that asks for consent, or the browser blocks the popup.
   * Resolves with the outcome, also sent as `regie-consent-outcome`.
   */
  open(request: ConsentDialogRequest): Promise<ConsentOutcome> {
    if (this.request) this.end('cancelled');
    this.returnFocus = focusedElement();
    this.request = request;
    // Before anything asynchronous: browsers allow popups only during the user's click.
    this.popup = window.open(request.startUrl, WINDOW_NAME, WINDOW_FEATURES);
    this.notice = this.popup ? 'waiting' : 'blocked';
    this.offerLink = !this.popup;
    this.requestUpdate();
    if (this.dialog) this.dialog.showModal();
    else void this.updateComplete.then(() => this.dialog?.showModal());
    this.watch(request);
    return new Promise((resolve) => (this.settle = resolve));
  }

  /** Closes the dialog (and the popup) without waiting for a decision: outcome `cancelled`. */
  close(): void {
    if (this.request) this.end('cancelled');
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private get messages(): ConsentDialogMessages {
    return consentDialogMessages[this.language];
  }

  private watch(request: ConsentDialogRequest): void {
    const client = new ConsentStatusClient({ server: this.server || location.origin, tenant: this.tenant });
    let seen = false;
    this.stopWatching = client.watch(
      request.consentId,
      request.statusToken,
      (state) => {
        seen = true;
        this.onState(request, state);
      },
      {
        onError: (error) => {
          if (request !== this.request || isTransient(error)) return;
          // The server forgets a request nobody decided on once it lapses: gone after being seen means expired.
          if (seen && error.status === 404) this.end('expired');
          else this.notice = 'failed';
        },
      },
    );
  }

  private onState(request: ConsentDialogRequest, state: ConsentState): void {
    if (request !== this.request) return;
    if (state !== 'requested') {
      this.end(outcomeOf(state));
    } else if (this.popup?.closed) {
      // Closed before deciding: offer the page again; the request stays open until it lapses.
      this.popup = null;
      this.notice = 'window-closed';
      this.offerLink = true;
    }
  }

  /** Ends the request: stops following it, closes popup and dialog, gives focus back, reports the outcome. */
  private end(outcome: ConsentOutcome): void {
    this.request = undefined;
    this.stopWatching?.();
    this.stopWatching = undefined;
    // A window left open could still take a decision nobody waits for.
    if (this.popup && !this.popup.closed) this.popup.close();
    this.popup = null;
    this.offerLink = false;
    this.dialog?.close();
    this.returnFocus?.focus();
    this.returnFocus = undefined;
    const settle = this.settle;
    this.settle = undefined;
    settle?.(outcome);
    this.dispatchEvent(new RegieConsentOutcomeEvent(outcome));
  }

  /** Escape, or the dialog closed some other way while a request was open. */
  private onDialogClose = (): void => {
    if (this.request) this.end('cancelled');
  };

  private onLinkOpened = (): void => {
    this.notice = 'waiting';
  };

  /** Decide in this tab: the popup goes, and the consumer's return URL brings the outcome back here. */
  private onContinueHere = (): void => {
    if (this.popup && !this.popup.closed) this.popup.close();
    this.popup = null;
    this.stopWatching?.();
    this.stopWatching = undefined;
  };

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.hadFocus = Boolean(this.shadowRoot?.activeElement);
  }

  protected override updated(): void {
    // When the focused control disappears with a status change, keep focus in the dialog.
    if (this.hadFocus && this.dialog?.open && !this.shadowRoot?.activeElement)
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  protected override render(): TemplateResult {
    const m = this.messages;
    const startUrl = this.request?.startUrl;
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="explanation" @close=${this.onDialogClose}>
      <h2 id="title" tabindex="-1" autofocus>${m.title}</h2>
      <p id="explanation">${m.explanation}</p>
      <p class="status" part="status" role="status">${this.request ? this.statusText(m) : ''}</p>
      <div class="actions">
        ${
          this.offerLink && startUrl
            ? html`<a class="action" part="consent-link" href=${startUrl} target=${WINDOW_NAME} @click=${this.onLinkOpened}>${m.openPage}</a>`
            : nothing
        }
        ${
          this.sameWindow && startUrl
            ? html`<a class="action secondary" part="same-window-link" href=${startUrl} @click=${this.onContinueHere}>${m.continueHere}</a>`
            : nothing
        }
        <button type="button" class="secondary" @click=${() => this.close()}>${m.cancel}</button>
      </div>
    </dialog>`;
  }

  private statusText(m: ConsentDialogMessages): string {
    switch (this.notice) {
      case 'waiting':
        return m.status.waiting;
      case 'blocked':
        return m.status.blocked;
      case 'window-closed':
        return m.status.windowClosed;
      case 'failed':
        return m.status.failed;
    }
  }
}
