import { YiviCore, type StateChangeEvent, type YiviPluginArgs } from '@privacybydesign/yivi-core';
import { YiviClient } from '@privacybydesign/yivi-client';
import type { CallCreated, CallStatus } from '../protocol/index.js';
import { RegieApiError } from '../http/index.js';
import { CallApi, type CallApiOptions } from './call-api.js';
import type { CallViewState } from './call-view-state.js';
import { cancelYiviSession } from './yivi-session.js';
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
    if (error.status === 0) return { kind: 'error', reason: error.code === 'unreachable' ? 'unreachable' : 'network' };
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
  /** The call on the server, once created; its Yivi session must end with this attempt. */
  private call: CallCreated | undefined;
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
      if (!this.stopped) this.setState(errorState(error));
      return;
    }
    this.call = call;
    // Stopped while the call was being created: nobody will show its QR code, so no wallet may answer it.
    if (this.stopped) {
      void cancelYiviSession(call.sessionPtr, this.options.fetch);
      void this.api.cancelCall(call.callId, call.callToken);
      return;
    }

    this.yivi = new YiviCore({
      [LISTENER_OPTION]: (event: StateChangeEvent) => this.onYiviState(event, call),
      session: {
        start: false,
        // The call was already created above: its answer carries our own token besides the session pointer.
        mapping: { sessionPtr: () => call.sessionPtr, frontendRequest: () => call.frontendRequest },
        result: false,
      },
      state: {
        serverSentEvents: false,
        polling: { endpoint: 'status', interval: this.options.pollIntervalMs ?? 1000, startState: 'INITIALIZED' },
      },
    });
    this.yivi.use(YiviClient);
    this.yivi.use(StateReporter);
    // End states are reported through the listener; the promise only needs its rejection handled.
    this.yivi.start().catch(() => undefined);
  }

  /**
   * Stops the attempt (dialog closed, element removed, page left). Unless the
   * number and code are already shown, the call is ended on the server and its
   * Yivi session cancelled on the IRMA server, so no wallet can disclose to it
   * any more. A call still being created is cancelled as soon as it exists.
   */
  cancel(): void {
    if (this.stopped) return;
    this.stopped = true;
    // yivi-core only cancels on the server once it is polling; the request below covers every earlier moment too.
    void this.yivi?.abort();
    if (this.call && this.current.kind !== 'ready') {
      void cancelYiviSession(this.call.sessionPtr, this.options.fetch);
      void this.api.cancelCall(this.call.callId, this.call.callToken);
    }
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
