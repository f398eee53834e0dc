import { YiviCore, type StateChangeEvent, type YiviPluginArgs } from '@privacybydesign/yivi-core';
import { YiviClient } from '@privacybydesign/yivi-client';
import type { CallCreated, CallStatus } from '../protocol/index.js';
import { CallApi, RegieApiError, type CallApiOptions } from './call-api.js';
import type { CallViewState } from './call-view-state.js';
import { viewStateForYivi } from './yivi-state-mapping.js';

export interface CallSessionOptions extends CallApiOptions {
  purpose: string;
  /** How often the Yivi session status is polled (ms). */
  pollIntervalMs?: number;
  /** How often, and how many times, the server is asked for the result after Yivi reports done. */
  resultRetryMs?: number;
  resultRetries?: number;
}

export type CallStateListener = (state: CallViewState) => void;

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

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function errorState(error: unknown): CallViewState {
  if (error instanceof RegieApiError) {
    if (error.status === 0) return { kind: 'error', reason: 'network' };
    if (error.status >= 500) return { kind: 'error', reason: 'unavailable' };
  }
  return { kind: 'error', reason: 'rejected' };
}

/**
 * One attempt at an identified call: create the call on the regiekit server,
 * run the Yivi disclosure headless (yivi-core + yivi-client), then fetch the
 * number and code once the server has checked the proof itself.
 * A new attempt after an end state needs a new CallSession.
 */
export class CallSession {
  private readonly api: CallApi;
  private readonly listeners = new Set<CallStateListener>();
  private yivi: YiviCore | undefined;
  private current: CallViewState = { kind: 'idle' };
  private stopped = false;

  constructor(private readonly options: CallSessionOptions) {
    this.api = new CallApi(options);
  }

  get state(): CallViewState {
    return this.current;
  }

  /** Calls `listener` on every change; returns the function that unsubscribes. */
  subscribe(listener: CallStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.current.kind !== 'idle') throw new Error('a CallSession starts once; create a new one to retry');
    this.setState({ kind: 'loading' });
    let call: CallCreated;
    try {
      call = await this.api.createCall(this.options.purpose);
    } catch (error) {
      this.setState(errorState(error));
      return;
    }
    if (this.stopped) return;

    this.yivi = new YiviCore({
      [LISTENER_OPTION]: (event: StateChangeEvent) => this.onYiviState(event, call),
      session: {
        start: false,
        // The call was already created above, because the API answers 201 and carries our own token.
        mapping: { sessionPtr: () => call.sessionPtr, frontendRequest: () => call.frontendRequest },
        result: false,
      },
      state: { serverSentEvents: false, polling: { endpoint: 'status', interval: this.options.pollIntervalMs ?? 1000, startState: 'INITIALIZED' } },
    });
    this.yivi.use(YiviClient);
    this.yivi.use(StateReporter);
    // End states are reported through the listener; the promise only needs its rejection handled.
    this.yivi.start().catch(() => undefined);
  }

  /** Stops the attempt (dialog closed): the Yivi session is cancelled on the server. */
  cancel(): void {
    if (this.stopped) return;
    this.stopped = true;
    void this.yivi?.abort();
    if (this.current.kind !== 'ready' && this.current.kind !== 'error') this.setState({ kind: 'cancelled' });
  }

  private onYiviState(event: StateChangeEvent, call: CallCreated): void {
    if (this.stopped) return;
    const next = viewStateForYivi(event.newState, event.payload);
    if (next) this.setState(next);
    if (event.newState === 'Success') void this.fetchResult(call);
  }

  private async fetchResult(call: CallCreated): Promise<void> {
    const retries = this.options.resultRetries ?? 10;
    for (let attempt = 0; attempt <= retries && !this.stopped; attempt++) {
      let status: CallStatus;
      try {
        status = await this.api.callStatus(call.callId, call.callToken);
      } catch (error) {
        this.setState(errorState(error));
        return;
      }
      switch (status.status) {
        case 'disclosed': {
          const { phoneNumber, dtmfCode, telUrl, expiresAt } = status;
          this.setState({ kind: 'ready', phoneNumber, dtmfCode, telUrl, expiresAt });
          return;
        }
        case 'cancelled':
          this.setState({ kind: 'cancelled' });
          return;
        case 'expired':
        case 'called':
          this.setState({ kind: 'timed-out' });
          return;
        case 'pending':
          await delay(this.options.resultRetryMs ?? 500);
      }
    }
    if (!this.stopped) this.setState({ kind: 'error', reason: 'unavailable' });
  }

  private setState(state: CallViewState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
