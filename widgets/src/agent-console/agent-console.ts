import { css, html, nothing, type TemplateResult } from 'lit';
import { isTransient, RegieApiError } from '@regiekit/sdk/http';
import {
  ConsoleFeed,
  EMPTY_FEED,
  Softphone,
  twilioVoiceModuleUrl,
  type ConsoleFeedState,
  type FeedConnection,
  type SoftphoneState,
  type VoiceDeviceConstructor,
} from '@regiekit/sdk/staff';
import type { ConsoleCall, ConsoleEvent } from '@regiekit/sdk/protocol';
import { StaffElement } from '../shared/staff-element.js';
import { staffStyles } from '../shared/staff.styles.js';
import { tableRegion } from '../shared/table-region.js';
import { agentConsoleMessages, type AgentConsoleMessages } from './agent-console.messages.js';

/** How often "identified 3 minutes ago" is brought up to date. */
const CLOCK_TICK_MS = 15_000;
/** How long a console waits before it opens a stream again that the server could not serve for a moment. */
const REOPEN_AFTER_MS = 3_000;

/**
 * The agent console of ID-bellen: identified callers appear live, an agent
 * takes a call (and gets it on their phone), sees the BSN on request, opens
 * the case file, and ends the call, after which the caller's data is gone.
 *
 * @summary Live list of identified callers for call-centre agents.
 * @tag regie-agent-console
 * @cssproperty --regie-accent-color - Buttons and links.
 * @cssproperty --regie-focus-color - Focus outline.
 */
export class RegieAgentConsole extends StaffElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = [
    ...staffStyles,
    css`
      .caller-id {
        display: block;
        font-weight: normal;
        font-size: 0.875em;
      }
      .phone {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin: 0 0 1rem;
      }
      .paused {
        margin: 0 0 1rem;
        padding: 0.75rem 1rem;
        border-inline-start: 6px solid var(--_regie-danger);
        background: var(--_regie-surface);
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    ...StaffElement.properties,
    feed: { state: true },
    connection: { state: true },
    revealed: { state: true },
    announcement: { state: true },
    now: { state: true },
    phone: { state: true },
  };

  declare protected feed: ConsoleFeedState;
  declare protected connection: FeedConnection;
  declare protected revealed: ReadonlyMap<string, string>;
  declare protected announcement: string;
  declare protected now: number;
  declare protected phone: SoftphoneState;

  /**
   * How the Twilio Voice SDK is fetched: lazily, from the server's CDN, and
   * only when the tenant's calls ring in the browser (tests replace it).
   */
  loadVoiceDevice: () => Promise<VoiceDeviceConstructor> = () =>
    import(/* @vite-ignore */ twilioVoiceModuleUrl(this.serverOrigin)).then(
      (module: { Device: VoiceDeviceConstructor }) => module.Device,
    );
  private softphone: Softphone | undefined;

  private stream: ConsoleFeed | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** Brings the console up to date the moment a pause of code resolution ends, so its banner goes. */
  private pauseEnd: ReturnType<typeof setTimeout> | undefined;
  private reopen: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.feed = EMPTY_FEED;
    this.connection = 'connecting';
    this.revealed = new Map();
    this.announcement = '';
    this.now = Date.now();
    this.phone = { kind: 'off' };
  }

  private get text(): AgentConsoleMessages {
    return agentConsoleMessages[this.language];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.onSignedOut();
  }

  protected onSignedIn(): void {
    this.stream = new ConsoleFeed(this.api!.eventsUrl, (state, event, connection) =>
      this.onFeed(state, event, connection),
    );
    this.stream.start();
    this.ticker = setInterval(() => (this.now = Date.now()), CLOCK_TICK_MS);
    this.softphone = new Softphone(this.api!, this.loadVoiceDevice, (state) => (this.phone = state));
    void this.softphone.start();
  }

  protected onSignedOut(): void {
    this.stream?.stop();
    this.stream = undefined;
    this.softphone?.stop();
    this.softphone = undefined;
    this.phone = { kind: 'off' };
    clearInterval(this.ticker);
    clearTimeout(this.pauseEnd);
    clearTimeout(this.reopen);
    this.feed = EMPTY_FEED;
    this.revealed = new Map();
  }

  private async onFeed(
    state: ConsoleFeedState,
    event: ConsoleEvent | undefined,
    connection: FeedConnection,
  ): Promise<void> {
    const before = this.feed;
    this.feed = state;
    this.connection = connection;
    this.now = Date.now();
    if (state.resolutionPausedUntil !== before.resolutionPausedUntil) this.followPause(state.resolutionPausedUntil);
    if (event) this.announce(before, event);
    if (this.stream?.closed) await this.afterStreamClosed();
  }

  /**
   * The browser gave the stream up: the session is over (expired, account deleted), or the server
   * could not answer for a moment (its store away, an instance stopping). Only the first signs the
   * agent out; the second opens the stream again shortly, and the snapshot brings the console back.
   */
  private async afterStreamClosed(): Promise<void> {
    const session = await this.api!.session().catch((error: unknown) =>
      error instanceof RegieApiError && isTransient(error) ? 'unknown' : null,
    );
    if (!session) {
      this.sessionLost();
      return;
    }
    clearTimeout(this.reopen);
    this.reopen = setTimeout(() => this.stream?.start(), REOPEN_AFTER_MS);
  }

  private announce(before: ConsoleFeedState, event: ConsoleEvent): void {
    const t = this.text;
    const nameOf = (callId: string) => {
      const call = before.calls.find((c) => c.callId === callId) ?? this.feed.calls.find((c) => c.callId === callId);
      return call ? this.nameOf(call) : t.unknownName;
    };
    if (event.type === 'call-added') this.announcement = t.newCaller(this.nameOf(event.call));
    if (event.type === 'call-taken') this.announcement = t.callTaken(nameOf(event.callId), event.takenBy.displayName);
    if (event.type === 'call-ended') this.announcement = t.callEnded(nameOf(event.callId));
  }

  private followPause(until: string | undefined): void {
    clearTimeout(this.pauseEnd);
    const remaining = until ? Date.parse(until) - Date.now() : 0;
    // setTimeout cannot wait longer than about 24 days; a pause is minutes.
    if (remaining > 0) this.pauseEnd = setTimeout(() => (this.now = Date.now()), Math.min(remaining + 50, 2 ** 31 - 1));
  }

  private nameOf(call: ConsoleCall): string {
    return [call.firstNames, call.surname].filter(Boolean).join(' ') || this.text.unknownName;
  }

  private async act(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (error instanceof RegieApiError && error.status === 401) return this.sessionLost();
      this.announcement =
        error instanceof RegieApiError && error.status === 409 ? this.text.alreadyTaken : this.errorText(error);
    }
  }

  private reveal(call: ConsoleCall): Promise<void> {
    return this.act(async () => {
      const bsn = await this.api!.revealBsn(call.callId);
      this.revealed = new Map(this.revealed).set(call.callId, bsn);
    });
  }

  protected renderSignedIn(): TemplateResult {
    const t = this.text;
    const calls = this.feed.calls;
    const status =
      this.connection === 'live'
        ? t.callers(calls.length)
        : this.connection === 'reconnecting'
          ? t.reconnecting
          : t.connecting;
    return html`
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.renderPause(t)} ${this.renderPhone(t)}
      ${tableRegion(
        'callers-caption',
        html`<table class="cards" role="table">
          <caption id="callers-caption">${status}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">${t.name}</th>
              <th scope="col" role="columnheader">${t.bsn}</th>
              <th scope="col" role="columnheader">${t.purpose}</th>
              <th scope="col" role="columnheader">${t.waiting}</th>
              <th scope="col" role="columnheader">${t.status}</th>
              <th scope="col" role="columnheader">${t.actions}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${calls.length === 0 ? html`<tr role="row"><td role="cell" colspan="6">${t.noCallers}</td></tr>` : calls.map((call) => this.renderRow(t, call))}
          </tbody>
        </table>`,
      )}
    `;
  }

  /** The phone in the browser (Twilio tenants): its state, and answering a call put through to this agent. */
  private renderPhone(t: AgentConsoleMessages): TemplateResult | typeof nothing {
    const phone = this.phone;
    if (phone.kind === 'off') return nothing;
    return html`<div class="phone" role="status">
      <span>${t.phone[phone.kind]}</span>
      ${
        phone.kind === 'ringing'
          ? html`<button type="button" @click=${phone.accept}>${t.answer}</button>
            <button type="button" class="secondary" @click=${phone.reject}>${t.decline}</button>`
          : phone.kind === 'in-call'
            ? html`<button type="button" class="danger" @click=${phone.hangUp}>${t.hangUp}</button>`
            : nothing
      }
    </div>`;
  }

  /** The banner while codes are not resolved; gone by itself once the pause is over. */
  private renderPause(t: AgentConsoleMessages): TemplateResult | typeof nothing {
    const until = this.feed.resolutionPausedUntil;
    if (!until || Date.parse(until) <= this.now) return nothing;
    const time = new Date(until).toLocaleTimeString(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      hour: '2-digit',
      minute: '2-digit',
    });
    return html`<p class="paused" role="alert">${t.resolutionPaused(time)}</p>`;
  }

  private renderRow(t: AgentConsoleMessages, call: ConsoleCall): TemplateResult {
    const name = this.nameOf(call);
    const mine = call.takenBy?.agentId === this.session?.agent.agentId;
    const bsn = this.revealed.get(call.callId);
    const minutes = Math.floor((this.now - Date.parse(call.disclosedAt)) / 60_000);
    const relative = new Intl.RelativeTimeFormat(this.language, { numeric: 'auto' });
    const since = minutes < 1 ? relative.format(0, 'second') : relative.format(-minutes, 'minute');
    return html`<tr role="row" data-call=${call.callId}>
      <th scope="row" role="rowheader">${name}${call.callerId ? html`<span class="caller-id">${t.callerId(call.callerId)}</span>` : nothing}</th>
      <td role="cell" data-label=${t.bsn}>
        ${
          bsn
            ? html`<span class="bsn">${bsn}</span>`
            : call.bsnMasked
              ? html`<span class="bsn" aria-hidden="true">${call.bsnMasked}</span>
                <button type="button" class="secondary" @click=${() => this.reveal(call)}>
                  ${t.revealBsn}<span class="visually-hidden">: ${name}</span>
                </button>`
              : nothing
        }
      </td>
      <td role="cell" data-label=${t.purpose}>${call.purposeLabel[this.language]}</td>
      <td role="cell" data-label=${t.waiting}><time datetime=${call.disclosedAt}>${since}</time></td>
      <td role="cell" data-label=${t.status}>${mine ? t.takenByYou : call.takenBy ? t.takenBy(call.takenBy.displayName) : nothing}</td>
      <td role="cell">
        <div class="cell-actions">
          ${
            call.takenBy
              ? nothing
              : html`<button type="button" @click=${() => this.act(() => this.api!.take(call.callId))}>
                ${t.take}<span class="visually-hidden">: ${name}</span>
              </button>`
          }
          ${
            call.hasExternalLink
              ? html`<a class="action secondary" href=${this.api!.linkUrl(call.callId)} target="_blank" rel="noopener noreferrer">
                ${t.externalLink}<span class="visually-hidden">: ${name} ${t.opensInNewTab}</span>
              </a>`
              : nothing
          }
          ${
            mine || !call.takenBy
              ? html`<button type="button" class="danger" @click=${() => this.act(() => this.api!.end(call.callId))}>
                ${t.end}<span class="visually-hidden">: ${name}</span>
              </button>`
              : nothing
          }
        </div>
      </td>
    </tr>`;
  }
}
