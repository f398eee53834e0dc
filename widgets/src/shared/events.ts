import type { CallErrorReason } from '@regiekit/sdk/call';
import type { AttachedData, ConnectTokenStatusName } from '@regiekit/sdk/protocol';
import type { CreditorArrangement } from '@regiekit/sdk/arrangements';

const init = { bubbles: true, composed: true } as const;

/** The citizen opened the call dialog and a call session is being created. */
export class RegieCallStartEvent extends Event {
  static readonly type = 'regie-call-start';
  constructor() {
    super(RegieCallStartEvent.type, init);
  }
}

/** Number and code are on screen. Carries no code: the page does not need it. */
export class RegieCallReadyEvent extends Event {
  static readonly type = 'regie-call-ready';
  constructor(
    readonly phoneNumber: string,
    readonly expiresAt: string,
  ) {
    super(RegieCallReadyEvent.type, init);
  }
}

/** The citizen stopped, in the dialog or in the Yivi app. */
export class RegieCallCancelEvent extends Event {
  static readonly type = 'regie-call-cancel';
  constructor() {
    super(RegieCallCancelEvent.type, init);
  }
}

export class RegieCallErrorEvent extends Event {
  static readonly type = 'regie-call-error';
  constructor(readonly reason: CallErrorReason | 'timed-out') {
    super(RegieCallErrorEvent.type, init);
  }
}

/** The connect token in the portal changed status (a new token starts at `waiting`). */
export class RegieConnectTokenStatusEvent extends Event {
  static readonly type = 'regie-connect-token-status';
  constructor(readonly status: ConnectTokenStatusName) {
    super(RegieConnectTokenStatusEvent.type, init);
  }
}

/**
 * The customer's account is connected, once per token. Carries nothing: the
 * portal's backend learns the connection from the server, not from the page.
 */
export class RegieConnectedEvent extends Event {
  static readonly type = 'regie-connected';
  constructor() {
    super(RegieConnectedEvent.type, init);
  }
}

/**
 * How a consent request ended, as far as the consumer's page may know:
 * `accepted` (given; the consumer's backend learns what from the server),
 * `rejected`, `expired` (the request lapsed), or `cancelled` (closed here).
 */
export type ConsentOutcome = 'accepted' | 'rejected' | 'expired' | 'cancelled';

/** The consent dialog closed with an outcome. Carries nothing else: which data, from whom, stays between the user and the server. */
export class RegieConsentOutcomeEvent extends Event {
  static readonly type = 'regie-consent-outcome';
  constructor(readonly outcome: ConsentOutcome) {
    super(RegieConsentOutcomeEvent.type, init);
  }
}

/** What a fetch added to the form, as the form's backend checked it and the element shows it. */
export class RegieDataAttachedEvent extends Event {
  static readonly type = 'regie-data-attached';
  constructor(readonly attached: AttachedData) {
    super(RegieDataAttachedEvent.type, init);
  }
}

/** The applicant removed what a fetch added, before sending the application. */
export class RegieDataRemovedEvent extends Event {
  static readonly type = 'regie-data-removed';
  constructor(readonly fetchId: string) {
    super(RegieDataRemovedEvent.type, init);
  }
}

/** The debtor asks one creditor for the arrangement proposed: the page's backend sends the request and opens its page. */
export class RegieArrangementRequestEvent extends Event {
  static readonly type = 'regie-arrangement-request';
  constructor(readonly arrangement: CreditorArrangement) {
    super(RegieArrangementRequestEvent.type, init);
  }
}

/** After a missed instalment or a lapse the debtor asks for a new plan instead of waiting. */
export class RegieArrangementReplanEvent extends Event {
  static readonly type = 'regie-arrangement-replan';
  constructor(readonly arrangementId: string) {
    super(RegieArrangementReplanEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'regie-call-start': RegieCallStartEvent;
    'regie-call-ready': RegieCallReadyEvent;
    'regie-call-cancel': RegieCallCancelEvent;
    'regie-call-error': RegieCallErrorEvent;
    'regie-connect-token-status': RegieConnectTokenStatusEvent;
    'regie-connected': RegieConnectedEvent;
    'regie-consent-outcome': RegieConsentOutcomeEvent;
    'regie-data-attached': RegieDataAttachedEvent;
    'regie-data-removed': RegieDataRemovedEvent;
    'regie-arrangement-request': RegieArrangementRequestEvent;
    'regie-arrangement-replan': RegieArrangementReplanEvent;
  }
}
