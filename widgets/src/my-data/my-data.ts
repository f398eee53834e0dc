import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { MyDataClient } from '@regiekit/sdk/my-data';
import { errorText, poll, RegieApiError } from '@regiekit/sdk/http';
import type { MyDataCategory, MyDataFlowStarted, MyDataView } from '@regiekit/sdk/protocol';
import { offerDownload } from '../shared/offer-download.js';
import { RegieElement } from '../shared/regie-element.js';
import { missing, renderCorrection, renderForward, WALLET, type Panel } from './action-forms.js';
import { renderCategory, type CategoryActions } from './category-section.js';
import { myDataMessages, type MyDataMessages } from './my-data.messages.js';
import { myDataStyles } from './my-data.styles.js';

/** The window a correction or forward is confirmed in; the decision page knows it is a popup by this name. */
const WINDOW_NAME = 'regie-my-data';
const WINDOW_FEATURES = 'popup,width=560,height=980';

interface PendingFlow {
  kind: Panel['kind'];
  startUrl: string;
  recipient: string;
  /** The browser blocked the window or the customer closed it: a link opens it. */
  offerLink: boolean;
}

/**
 * For a company's own portal, where its customer is logged in: what the
 * company keeps about them (AVG art. 15), per category with why, on what
 * ground, who receives it and how long it is kept; one file to download with
 * everything, signed by the company; a correction to ask for (art. 16) and
 * data to forward to another organisation (art. 20), both confirmed with the
 * customer's passkey on regie's own page, in a window of its own. The
 * company's backend mints the single-use `view-token` for each page view.
 *
 * @summary The customer's data at a company: see, download, correct, forward (company portal).
 * @tag regie-my-data
 * @csspart download - The button that downloads everything.
 * @csspart confirm-link - The link that opens the confirmation window when the browser blocked it.
 * @cssproperty --regie-accent-color - Buttons (falls back to NL Design System tokens).
 * @cssproperty --regie-accent-text-color - Text on the accent colour.
 * @cssproperty --regie-text-color - Text colour.
 * @cssproperty --regie-surface-color - Background of outlined buttons and inputs.
 * @cssproperty --regie-focus-color - Focus outline colour.
 * @cssproperty --regie-danger-color - Errors.
 * @cssproperty --regie-border-radius - Corner radius.
 * @cssproperty --regie-font-family - Font.
 */
export class RegieMyData extends RegieElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = myDataStyles;

  static override properties = {
    server: { type: String },
    tenant: { type: String },
    viewToken: { type: String, attribute: 'view-token' },
    view: { state: true },
    failure: { state: true },
    status: { state: true },
    panel: { state: true },
    flow: { state: true },
    busy: { state: true },
  };

  /** Origin of the regiekit server. */
  declare server: string;
  /** Tenant id, e.g. `nijmegen`. */
  declare tenant: string;
  /** The single-use token the company's backend minted for this page view. */
  declare viewToken: string;
  declare protected view: MyDataView | undefined;
  declare protected failure: string | undefined;
  declare protected status: string;
  declare protected panel: Panel | undefined;
  declare protected flow: PendingFlow | undefined;
  declare protected busy: boolean;

  private client: MyDataClient | undefined;
  private readonly expanded = new Set<string>();
  private returnFocus: HTMLElement | undefined;
  private stopFollowing: (() => void) | undefined;
  private popup: Window | null = null;

  constructor() {
    super();
    this.server = '';
    this.tenant = '';
    this.viewToken = '';
    this.status = '';
    this.busy = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFollowing?.();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('viewToken') && this.viewToken) void this.open();
  }

  private get t(): MyDataMessages {
    return myDataMessages[this.language];
  }

  private formatDate = (iso: string): string =>
    new Date(iso).toLocaleDateString(this.language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long' });

  /** A calendar day from the data (YYYY-MM-DD), short: tables of them stay narrow. */
  private formatDay = (day: string): string =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });

  private describe(error: unknown): string {
    if (error instanceof RegieApiError && (error.code === 'token_used' || error.code === 'token_expired'))
      return `${this.t.expired} ${this.t.reload}`;
    return errorText(error instanceof RegieApiError ? error.code : 'internal', this.language);
  }

  private async open(): Promise<void> {
    this.client = new MyDataClient({ server: this.server || location.origin, tenant: this.tenant });
    this.view = undefined;
    this.failure = undefined;
    try {
      this.view = await this.client.open(this.viewToken);
    } catch (error) {
      this.failure = this.describe(error);
    }
  }

  private async refresh(): Promise<void> {
    try {
      this.view = await this.client!.refresh();
    } catch (error) {
      this.failure = this.describe(error);
    }
  }

  private async download(): Promise<void> {
    this.busy = true;
    this.failure = undefined;
    this.status = this.t.downloading;
    try {
      const file = await this.client!.download(this.language);
      offerDownload(this.renderRoot, file.fileName, file.blob);
      this.status = this.t.downloaded;
    } catch (error) {
      this.status = '';
      this.failure = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  private readonly categoryActions: CategoryActions = {
    expanded: this.expanded,
    expand: (key) => {
      this.expanded.add(key);
      this.requestUpdate();
    },
    correct: (category, trigger) =>
      this.openPanel(trigger, { kind: 'correct', category, field: '', value: '', reason: '', errors: new Set() }),
    forward: (category, trigger) => {
      const panel: Panel = {
        kind: 'forward',
        category,
        recipients: undefined,
        recipientId: '',
        fields: new Set(),
        errors: new Set(),
      };
      this.openPanel(trigger, panel);
      this.client!.recipients(category.serviceType).then(
        (list) => {
          panel.recipients = list.recipients;
          this.requestUpdate();
        },
        (error: unknown) => (this.failure = this.describe(error)),
      );
    },
  };

  private openPanel(trigger: HTMLElement, panel: Panel): void {
    this.returnFocus = trigger;
    this.panel = panel;
    this.failure = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#panel-title')?.focus());
  }

  private closePanel(): void {
    this.panel = undefined;
    const target = this.returnFocus;
    this.returnFocus = undefined;
    void this.updateComplete.then(() => (target?.isConnected ? target.focus() : undefined));
  }

  private submit = (event: Event): void => {
    event.preventDefault();
    const panel = this.panel;
    if (!panel) return;
    const errors = missing(panel);
    if (errors.size > 0) {
      panel.errors = errors as never;
      this.requestUpdate();
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], fieldset input')?.focus(),
      );
      return;
    }
    if (panel.kind === 'forward' && panel.recipientId === WALLET) {
      void this.offerToWallet(panel);
      return;
    }
    // Before anything asynchronous: browsers allow a new window only during the customer's click.
    this.popup = window.open('', WINDOW_NAME, WINDOW_FEATURES);
    void this.start(panel);
  };

  /** The customer's own wallet: no window and no passkey (nobody else gets it), a code to scan and a PIN. */
  private async offerToWallet(panel: Extract<Panel, { kind: 'forward' }>): Promise<void> {
    this.busy = true;
    try {
      panel.offer = await this.client!.walletOffer({
        serviceType: panel.category.serviceType,
        fields: [...panel.fields],
      });
      this.status = this.t.walletReady;
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#panel-title')?.focus();
    } catch (error) {
      this.failure = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  private formatTime = (iso: string): string =>
    new Date(iso).toLocaleTimeString(this.language === 'en' ? 'en-GB' : 'nl-NL', { timeStyle: 'short' });

  private async start(panel: Panel): Promise<void> {
    const client = this.client!;
    const recipient =
      panel.kind === 'forward'
        ? (panel.recipients?.find((r) => r.recipient.id === panel.recipientId)?.recipient.displayName[this.language] ??
          '')
        : '';
    let started: MyDataFlowStarted;
    try {
      started =
        panel.kind === 'correct'
          ? await client.proposeCorrection(
              {
                serviceType: panel.category.serviceType,
                field: panel.field,
                proposedValue: panel.value.trim(),
                reason: panel.reason.trim(),
              },
              this.language,
            )
          : await client.forward(
              { serviceType: panel.category.serviceType, recipientId: panel.recipientId, fields: [...panel.fields] },
              this.language,
            );
    } catch (error) {
      this.popup?.close();
      this.failure = this.describe(error);
      return;
    }
    if (this.popup && !this.popup.closed) this.popup.location.href = started.startUrl;
    this.flow = { kind: panel.kind, startUrl: started.startUrl, recipient, offerLink: !this.popup };
    this.status = this.flow.offerLink ? this.t.windowBlocked : this.t.waitingForPasskey;
    this.follow(started.flowId);
  }

  /** Follows the decision in the other window until it is confirmed or ends. */
  private follow(flowId: string): void {
    this.stopFollowing?.();
    this.stopFollowing = poll(
      () => this.client!.flowState(flowId),
      ({ state }) => {
        const flow = this.flow;
        if (!flow) return;
        if (state === 'waiting') {
          if (this.popup?.closed && !flow.offerLink) this.flow = { ...flow, offerLink: true };
          return;
        }
        this.flow = undefined;
        this.popup = null;
        if (state === 'confirmed') {
          this.status = flow.kind === 'correct' ? this.t.correctionSent : this.t.forwardSent(flow.recipient);
          this.closePanel();
          void this.refresh();
        } else this.status = this.t.notSent;
      },
      { isFinal: ({ state }) => state !== 'waiting', onError: (error) => (this.failure = this.describe(error)) },
    );
  }

  private cancel = (): void => {
    this.stopFollowing?.();
    this.flow = undefined;
    this.closePanel();
  };

  protected override render(): TemplateResult {
    const t = this.t;
    const view = this.view;
    const lang = this.language;
    return html`
      <div class="alert" role="alert">${this.failure ?? ''}</div>
      <p class="status" role="status">${this.status}</p>
      ${
        !view
          ? this.failure
            ? nothing
            : html`<p>${t.loading}</p>`
          : html`
            <h2>${t.title(view.provider.displayName[lang])}</h2>
            <p>${t.intro(view.provider.displayName[lang])}</p>
            <div class="actions">
              <button type="button" part="download" ?disabled=${this.busy} @click=${() => void this.download()}>${t.download}</button>
            </div>
            ${this.panel ? this.renderPanel(this.panel) : nothing}
            ${view.categories.map((category: MyDataCategory, index) =>
              renderCategory(category, index, lang, t, this.formatDate, this.formatDay, this.categoryActions),
            )}
            ${this.renderCorrections(view)}
            <p class="rights">${t.rights}</p>
          `
      }
    `;
  }

  private renderPanel(panel: Panel): TemplateResult {
    const actions = { changed: () => this.requestUpdate(), submit: this.submit, cancel: this.cancel };
    const form =
      panel.kind === 'correct'
        ? renderCorrection(panel, this.language, this.t, actions)
        : renderForward(panel, this.language, this.t, actions, this.formatTime);
    const flow = this.flow;
    return html`${form}
      ${
        flow?.offerLink
          ? html`<p><a class="action" part="confirm-link" href=${flow.startUrl} target=${WINDOW_NAME}>${this.t.openWindow}</a></p>`
          : nothing
      }`;
  }

  private renderCorrections(view: MyDataView): TemplateResult | typeof nothing {
    if (view.corrections.length === 0) return nothing;
    const t = this.t;
    const lang = this.language;
    const company = view.provider.displayName[lang];
    return html`<section aria-labelledby="corrections-title">
      <h3 id="corrections-title">${t.correctionsTitle}</h3>
      <ul class="corrections">
        ${view.corrections.map(
          (correction) => html`<li>
            <strong>${correction.fieldLabel[lang]}: ${correction.proposedValue}</strong>
            <span class="state state-${correction.state}">${t.state[correction.state]}</span>
            <span>${t.sentOn(this.formatDate(correction.submittedAt))}</span>
            ${
              correction.state === 'accepted' || correction.state === 'refused'
                ? nothing
                : html`<span>${t.answerBy(this.formatDate(correction.answerDueBy))}</span>`
            }
            ${correction.answer ? html`<span>${t.companyAnswer}: ${correction.answer}</span>` : nothing}
            ${correction.state === 'overdue' ? html`<span>${t.overdueAdvice(company)}</span>` : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }
}
