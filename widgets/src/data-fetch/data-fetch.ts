import { html, nothing, type TemplateResult } from 'lit';
import { DataFetchClient } from '@regiekit/sdk/data-fetch';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import type { AttachedData, FetchStatus } from '@regiekit/sdk/protocol';
import { RegieDataAttachedEvent, RegieDataRemovedEvent } from '../shared/events.js';
import { RegieElement } from '../shared/regie-element.js';
import { signedValue, valueCount } from '../shared/signed-values.js';
import { dataFetchMessages, type DataFetchMessages } from './data-fetch.messages.js';
import { dataFetchStyles } from './data-fetch.styles.js';

/** The window the fetch is decided in; the decision page knows it is a popup by this name. */
const WINDOW_NAME = 'regie-data-fetch';
const WINDOW_FEATURES = 'popup,width=560,height=980';

type Choice = 'fetch' | 'manual' | undefined;

interface Pending {
  fetchId: string;
  startUrl: string;
  /** The browser blocked the window or the applicant closed it: a link opens it. */
  offerLink: boolean;
}

/**
 * For a form at the question that a source's data answers ("Ontvangt u
 * huurtoeslag?"): two choices of equal weight, neither chosen beforehand —
 * fetch it from the source, or add proof yourself (the form's own fields, in
 * the `manual` slot). Fetching happens in a window on regie's origin, where
 * the applicant identifies at the source and sees the data before adding it;
 * the form's backend (`request-url`, `attach-url`) holds the party
 * credential and checks the signed result. What was added shows here, signed
 * and labelled, with "Verwijderen" until the application is sent. Choosing
 * to add proof yourself is known to the form only.
 *
 * @summary Fetch an applicant's own data from a source into a form, or add proof by hand.
 * @tag regie-data-fetch
 * @slot manual - The form's own way to add proof (an upload, fields to type in).
 * @event regie-data-attached - Data was added (`attached`: what the element shows, as the form's backend checked it).
 * @event regie-data-removed - The applicant removed it before sending (`fetchId`).
 * @csspart start - The button that starts fetching.
 * @csspart remove - The button that removes what was added.
 * @cssproperty --regie-accent-color - Buttons and the frame of added data.
 * @cssproperty --regie-text-color - Text colour.
 * @cssproperty --regie-focus-color - Focus outline colour.
 * @cssproperty --regie-danger-color - Errors.
 * @cssproperty --regie-font-family - Font.
 */
export class RegieDataFetch extends RegieElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = dataFetchStyles;

  static override properties = {
    requestUrl: { type: String, attribute: 'request-url' },
    attachUrl: { type: String, attribute: 'attach-url' },
    sourceName: { type: String, attribute: 'source-name' },
    attached: { attribute: false },
    choice: { state: true },
    pending: { state: true },
    failure: { state: true },
    status: { state: true },
    busy: { state: true },
  };

  /** The form backend's endpoint that starts a fetch (POST, same origin). */
  declare requestUrl: string;
  /** The form backend's endpoint that takes and checks the result (POST) or drops it (DELETE). */
  declare attachUrl: string;
  /** The source as the applicant knows it, e.g. "Demo Toeslagen". */
  declare sourceName: string;
  /** What was added, as the form's backend checked it; set it again after a page reload. */
  declare attached: AttachedData | undefined;
  declare protected choice: Choice;
  declare protected pending: Pending | undefined;
  declare protected failure: string | undefined;
  declare protected status: string;
  declare protected busy: boolean;

  private popup: Window | null = null;
  private stopFollowing: (() => void) | undefined;

  constructor() {
    super();
    this.requestUrl = '';
    this.attachUrl = '';
    this.sourceName = '';
    this.status = '';
    this.busy = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFollowing?.();
  }

  private get t(): DataFetchMessages {
    return dataFetchMessages[this.language];
  }

  private get client(): DataFetchClient {
    return new DataFetchClient({ requestUrl: this.requestUrl, attachUrl: this.attachUrl });
  }

  private choose(choice: Choice): void {
    this.choice = choice;
    this.failure = undefined;
  }

  private start = (): void => {
    this.failure = undefined;
    this.status = '';
    // Before anything asynchronous: browsers allow a new window only during the applicant's click.
    this.popup = window.open('', WINDOW_NAME, WINDOW_FEATURES);
    void this.request();
  };

  private async request(): Promise<void> {
    this.busy = true;
    try {
      const requested = await this.client.start(this.language);
      if (this.popup && !this.popup.closed) this.popup.location.href = requested.startUrl;
      this.pending = { fetchId: requested.fetchId, startUrl: requested.startUrl, offerLink: !this.popup };
      this.status = this.pending.offerLink ? this.t.windowBlocked : this.t.waiting;
      this.stopFollowing?.();
      this.stopFollowing = this.client.follow(
        requested,
        (status) => void this.onStatus(status),
        (error) => (this.failure = this.describe(error)),
      );
    } catch (error) {
      this.popup?.close();
      this.failure = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  private async onStatus(status: FetchStatus): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    const t = this.t;
    if (!['approved', 'delivered', 'declined', 'failed', 'expired'].includes(status.state)) {
      if (this.popup?.closed && !pending.offerLink) this.pending = { ...pending, offerLink: true };
      return;
    }
    this.pending = undefined;
    this.popup = null;
    if (status.state === 'declined') this.status = `${t.declined} ${t.tryAgainOrManual}`;
    else if (status.state === 'expired') this.status = `${t.expired} ${t.tryAgainOrManual}`;
    else if (status.state === 'failed')
      this.status = `${t.failure[status.failure ?? 'source-unavailable'](this.sourceName)} ${t.tryAgainOrManual}`;
    else await this.attach(pending.fetchId);
  }

  private async attach(fetchId: string): Promise<void> {
    this.status = this.t.attaching;
    this.busy = true;
    try {
      this.attached = await this.client.attach(fetchId);
      this.status = '';
      this.dispatchEvent(new RegieDataAttachedEvent(this.attached));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.attached h3')?.focus();
    } catch (error) {
      this.status = '';
      this.failure = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  private removeAttached = async (): Promise<void> => {
    const attached = this.attached;
    if (!attached) return;
    this.busy = true;
    try {
      await this.client.detach(attached.fetchId);
      this.attached = undefined;
      this.status = this.t.removed;
      this.dispatchEvent(new RegieDataRemovedEvent(attached.fetchId));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('input[value="fetch"]')?.focus();
    } catch (error) {
      this.failure = this.describe(error);
    } finally {
      this.busy = false;
    }
  };

  private cancel = (): void => {
    this.stopFollowing?.();
    this.popup?.close();
    this.popup = null;
    this.pending = undefined;
    this.status = '';
  };

  private describe(error: unknown): string {
    return errorText(error instanceof RegieApiError ? error.code : 'internal', this.language);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`
      <div class="alert" role="alert">${this.failure ?? ''}</div>
      ${this.attached ? this.renderAttached(this.attached) : this.renderChoices(t)}
      <p class="status" role="status">${this.status}</p>
    `;
  }

  private renderChoices(t: DataFetchMessages): TemplateResult {
    const source = this.sourceName;
    return html`
      <fieldset>
        <legend>${t.how}</legend>
        <div class="choice">
          <input type="radio" id="fetch" name="how" value="fetch" .checked=${this.choice === 'fetch'} @change=${() => this.choose('fetch')} />
          <label for="fetch">${t.fetchChoice(source)}<span class="hint">${t.fetchHint(source)}</span></label>
        </div>
        <div class="choice">
          <input type="radio" id="manual" name="how" value="manual" .checked=${this.choice === 'manual'} @change=${() => this.choose('manual')} />
          <label for="manual">${t.manualChoice}<span class="hint">${t.manualHint}</span></label>
        </div>
      </fieldset>
      ${this.choice === 'fetch' ? this.renderFetch(t) : nothing}
      <div ?hidden=${this.choice !== 'manual'}><slot name="manual"></slot></div>
    `;
  }

  private renderFetch(t: DataFetchMessages): TemplateResult {
    const pending = this.pending;
    if (!pending)
      return html`<div class="actions">
        <button type="button" part="start" ?disabled=${this.busy} @click=${this.start}>${t.start(this.sourceName)}</button>
      </div>`;
    return html`<div class="actions">
      ${
        pending.offerLink
          ? html`<a class="action" href=${pending.startUrl} target=${WINDOW_NAME}>${t.openWindow}</a>`
          : nothing
      }
      <button type="button" class="secondary" @click=${this.cancel}>${t.cancel}</button>
    </div>`;
  }

  private renderAttached(attached: AttachedData): TemplateResult {
    const t = this.t;
    const lang = this.language;
    const source = attached.provider.displayName[lang];
    const fetchedOn = new Date(attached.fetchedAt).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nl-NL', {
      dateStyle: 'long',
    });
    const counts = attached.fields.flatMap((field) => {
      const count = valueCount(field.value);
      return count === undefined ? [] : [t.count(field.label[lang], count)];
    });
    return html`<section class="attached" aria-labelledby="attached-title">
      <h3 id="attached-title" tabindex="-1">${t.attached(source)}: ${attached.serviceTitle[lang]}</h3>
      <p>${t.signedBy(source, fetchedOn)}</p>
      ${counts.length > 0 ? html`<p><strong>${counts.join(', ')}</strong></p>` : nothing}
      ${attached.fields.map(
        (field) => html`<p>${field.label[lang]}</p>
          ${signedValue(field, lang, attached.itemLabels)}`,
      )}
      <p>${t.unchanged}</p>
      <p class="digest">SHA-256: ${attached.contentDigest}</p>
      <div class="actions">
        <button type="button" class="secondary" part="remove" ?disabled=${this.busy} @click=${() => void this.removeAttached()}>${t.remove}</button>
      </div>
    </section>`;
  }
}
