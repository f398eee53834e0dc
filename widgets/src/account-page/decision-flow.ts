import { html, nothing, type TemplateResult } from 'lit';
import type { ApproveFlowRequest, FlowOutcome, FlowView } from '@regiekit/sdk/protocol';
import type { ArrangementDecision, ConsentDecision, FetchDecision, MyDataDecision } from './decisions.js';
import { loadDecisions, type DecisionsModule } from './load-decisions.js';
import { PageFlow, type AccountPageHost, type PasskeyMode } from '../shared/account/page-flow.js';

/** The window name `<regie-consent-dialog>` opens the consent page under (also its link's target). */
const CONSENT_WINDOW = 'regie-consent';
/** The window name `<regie-my-data>` opens a correction or forward under. */
const MY_DATA_WINDOW = 'regie-my-data';
/** The window name `<regie-data-fetch>` opens a fetch under. */
const DATA_FETCH_WINDOW = 'regie-data-fetch';
/** The window name a debt-help app opens an arrangement's decision page under. */
const ARRANGEMENT_WINDOW = 'regie-arrangement';

/**
 * The secret the provider's redirect carried back (`#r=…`, finishing a
 * connection). Read once and taken out of the address bar, so it is neither
 * bookmarked nor shown; the server insists on it, so only the browser the
 * provider sent back can finish.
 */
function takeReturnSecret(): string | undefined {
  const secret = new URLSearchParams(location.hash.slice(1)).get('r') ?? undefined;
  if (location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return secret;
}

/** Whether this page was opened beside the consumer's page, which waits for the outcome on its own. */
function openedAsPopup(): boolean {
  return (
    Boolean(window.opener) ||
    [CONSENT_WINDOW, MY_DATA_WINDOW, DATA_FETCH_WINDOW, ARRANGEMENT_WINDOW].includes(window.name)
  );
}

/**
 * A decision a consumer or provider sent the user here for: sign in with the
 * regie account, start or finish a connection, or give consent. Approving
 * takes a fresh passkey ceremony; either answer sends the browser on to
 * `redirectTo`, except a consent decided in a popup, which just says so and
 * closes its window.
 */
export class DecisionFlow extends PageFlow {
  private view: FlowView | undefined;
  private consent: ConsentDecision | undefined;
  private myData: MyDataDecision | undefined;
  private dataFetch: FetchDecision | undefined;
  private arrangement: ArrangementDecision | undefined;
  /** The decisions and their texts, loaded with the flow. */
  private decisions: DecisionsModule | undefined;
  private loading = true;
  /** Someone already signed in confirms with their passkey; making another account is not offered. */
  private signedIn = false;
  private leaving = false;
  /** What the page says once a decision taken in a popup is done. */
  private done: string | undefined;
  private readonly returnSecret = takeReturnSecret();

  constructor(
    host: AccountPageHost,
    private readonly flowId: string,
  ) {
    super(host);
  }

  start(): void {
    const flow = this.host.client.flow(this.flowId);
    const account = this.host.client.account().then(
      (view) => view.signedIn,
      () => false,
    );
    // Loaded while the server answers: the decisions cost no round trip of their own.
    const decisions = loadDecisions(this.host.server || location.origin);
    Promise.all([flow, account, decisions]).then(
      ([view, signedIn, decisions]) => {
        this.view = view;
        this.signedIn = signedIn;
        this.decisions = decisions;
        const { ConsentDecision, MyDataDecision, FetchDecision, ArrangementDecision } = decisions;
        if (view.kind === 'consent') {
          this.consent = new ConsentDecision(this.host, view, {
            give: (body) => this.decide(view, 'existing', body),
            refuse: () => this.decide(view, 'refuse'),
          });
        }
        if (view.kind === 'my-data-correction' || view.kind === 'my-data-forward') {
          this.myData = new MyDataDecision(this.host, view, signedIn, {
            confirm: (mode) => this.decide(view, mode),
            refuse: () => this.decide(view, 'refuse'),
          });
        }
        if (view.kind === 'data-fetch') {
          this.dataFetch = new FetchDecision(this.host, view, signedIn, {
            confirm: (mode) => this.decide(view, mode),
            refuse: () => this.decide(view, 'refuse'),
          });
        }
        if (view.kind === 'arrangement') {
          this.arrangement = new ArrangementDecision(this.host, view, signedIn, {
            confirm: (mode) => this.decide(view, mode),
            refuse: () => this.decide(view, 'refuse'),
          });
        }
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

  private decide(view: FlowView, mode: PasskeyMode | 'refuse', body?: ApproveFlowRequest): void {
    const client = this.host.client;
    void this.host.act(
      async () => {
        let outcome: FlowOutcome;
        if (mode === 'refuse') {
          outcome = await client.refuseFlow(view.flowId);
        } else {
          await this.host.passkey(mode);
          outcome = await client.approveFlow(
            view.flowId,
            view.kind === 'connect-finish' && this.returnSecret ? { ...body, returnSecret: this.returnSecret } : body,
          );
        }
        // Going to a source to fetch data is a step on the way, in this same window.
        const onTheWay = view.kind === 'data-fetch' && view.step === 'ask' && mode !== 'refuse';
        if (view.kind !== 'sign-in' && !view.kind.startsWith('connect') && !onTheWay && openedAsPopup()) {
          this.finishPopup(this.doneSaying(view, mode === 'refuse'));
          return;
        }
        this.leaving = true;
        this.changed();
        this.host.announce(this.text.redirecting);
        this.host.navigate(outcome.redirectTo);
      },
      (error) => this.host.describe(error, 'consumer' in view ? this.host.name(view.consumer) : undefined),
    );
  }

  /** What a popup says once done; the decisions were loaded before any decision could be taken. */
  private doneSaying(view: FlowView, refused: boolean): string {
    const texts = this.decisions!;
    const language = this.host.language;
    if (view.kind === 'consent') return texts.consentMessages[language].done;
    if (view.kind === 'data-fetch') {
      const t = texts.fetchDecisionMessages[language];
      return refused ? t.notAdded : t.added;
    }
    if (view.kind === 'arrangement') return texts.arrangementDecisionMessages[language].done;
    return texts.myDataDecisionMessages[language].done;
  }

  /** The page that opened this window learns the outcome from the server; this window only has to go. */
  private finishPopup(saying: string): void {
    this.done = saying;
    this.changed();
    this.host.announce(saying);
    window.close();
  }

  render(): TemplateResult {
    const t = this.text;
    if (this.loading) return html`<p>${t.loading}</p>`;
    const view = this.view;
    if (!view) return html``;
    if (this.done) return html`<h2 tabindex="-1">${this.done}</h2>`;
    if (this.leaving) return html`<p>${t.redirecting}</p>`;
    if (view.kind === 'consent') return this.consent?.render() ?? html``;
    if (view.kind === 'my-data-correction' || view.kind === 'my-data-forward') return this.myData?.render() ?? html``;
    if (view.kind === 'data-fetch') return this.dataFetch?.render() ?? html``;
    if (view.kind === 'arrangement') return this.arrangement?.render() ?? html``;
    const consumer = this.host.name(view.consumer);
    const [question, detail] = this.wording(view, consumer);
    return html`
      <h2 tabindex="-1">${question}</h2>
      <p>${detail}</p>
      ${view.kind === 'connect-finish' || this.signedIn ? nothing : html`<p>${t.newAccountHint}</p>`}
      <div class="actions">
        <button type="button" @click=${() => this.decide(view, 'existing')}>${t.confirmWithPasskey}</button>
        ${
          view.kind === 'connect-finish' || this.signedIn
            ? nothing
            : html`<button type="button" class="secondary" @click=${() => this.decide(view, 'new-account')}>${t.newAccountWithPasskey}</button>`
        }
        <button type="button" class="secondary" @click=${() => this.decide(view, 'refuse')}>${t.refuse}</button>
      </div>
    `;
  }

  private wording(
    view: Extract<FlowView, { kind: 'sign-in' | 'connect-start' | 'connect-finish' }>,
    consumer: string,
  ): [string, string] {
    const t = this.text;
    switch (view.kind) {
      case 'sign-in':
        return [t.signInQuestion(consumer), t.signInDetail(consumer)];
      case 'connect-start':
        return [
          t.connectStartQuestion(consumer, this.host.name(view.provider)),
          t.connectStartDetail(this.host.name(view.provider)),
        ];
      case 'connect-finish':
        return [t.connectFinishQuestion(this.host.name(view.provider)), t.connectFinishDetail];
    }
  }
}
