/**
 * The Yivi part of a call, headless (yivi-core + yivi-client): the largest part
 * of a call's code, and needed only once someone starts a call, so it is a
 * module of its own (`@regiekit/sdk/call/yivi`) that `CallSession` loads when
 * asked to (`loadYivi`).
 * @module @regiekit/sdk/call/yivi
 */
import { YiviCore, type StateChangeEvent, type YiviPluginArgs } from '@privacybydesign/yivi-core';
import { YiviClient } from '@privacybydesign/yivi-client';
import type { CallCreated } from '../../protocol/index.js';

export interface YiviDisclosureOptions {
  /** How often the Yivi session status is polled (ms). */
  pollIntervalMs: number;
  /** Every state change of the Yivi session, with the payload of the transition. */
  onStateChange: (event: StateChangeEvent) => void;
}

export interface YiviDisclosure {
  /** Stops following the session; yivi-core cancels it on the IRMA server once it is polling. */
  abort(): void;
}

const LISTENER_OPTION = 'regieStateListener';

/** A yivi-core plugin that only reports state changes; rendering is the widget's job. */
class StateReporter {
  private readonly listener: (event: StateChangeEvent) => void;
  constructor({ options }: YiviPluginArgs) {
    this.listener = options[LISTENER_OPTION] as (event: StateChangeEvent) => void;
  }
  stateChange(event: StateChangeEvent): void {
    this.listener(event);
  }
}

/** Follows the Yivi session of a call the regiekit server already created, until the wallet has answered. */
export function startYiviDisclosure(call: CallCreated, options: YiviDisclosureOptions): YiviDisclosure {
  const yivi = new YiviCore({
    [LISTENER_OPTION]: options.onStateChange,
    session: {
      start: false,
      // The call was already created: its answer carries our own token besides the session pointer.
      mapping: { sessionPtr: () => call.sessionPtr, frontendRequest: () => call.frontendRequest },
      result: false,
    },
    state: {
      serverSentEvents: false,
      polling: { endpoint: 'status', interval: options.pollIntervalMs, startState: 'INITIALIZED' },
    },
  });
  yivi.use(YiviClient);
  yivi.use(StateReporter);
  // End states are reported through the listener; the promise only needs its rejection handled.
  yivi.start().catch(() => undefined);
  return { abort: () => void yivi.abort() };
}
