import type { StateChangeEvent } from '@privacybydesign/yivi-core';
import type { CallCreated, CallStatus } from '../protocol/index.js';
import { RegieApiError } from '../http/index.js';
import { CallApi, type CallApiOptions } from './call-api.js';
import type { CallViewState } from './call-view-state.js';
import { cancelYiviSession } from './yivi-session.js';
import type { YiviDisclosure, startYiviDisclosure } from './yivi/index.js';
import { viewStateForYivi } from './yivi-state-mapping.js';

/** What `loadYivi` resolves to: the module `@regiekit/sdk/call/yivi`, or anything shaped like it. */
export interface YiviDisclosureModule {
  startYiviDisclosure: typeof startYiviDisclosure;
}

export interface CallSessionOptions extends CallApiOptions {
  purpose: string;
  /**
   * Loads the Yivi client (yivi-core + yivi-client), two thirds of a call's code: usually
   * `() => import('@regiekit/sdk/call/yivi')`, which a bundler splits off so that a page
   * loads it only when someone calls. It is asked for when the call starts, while the call
   * is being created on the server, so loading it costs no extra round trip.
   */
  loadYivi: () => Promise<YiviDisclosureModule>;
  /** How often the Yivi session status is polled (ms). */
  pollIntervalMs?: number;
  /** How often, and how many times, the server is asked for the result after Yivi reports done. */
  resultRetryMs?: number;
  resultRetries?: number;
}

export type CallStateListener = (state: CallViewState) => void;

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
 * run the Yivi disclosure headless (yivi-core + yivi-client, loaded through
 * `loadYivi`), then fetch the number and code once the server has checked the
 * proof itself.
 * A new attempt after an end state needs a new CallSession.
 */
export class CallSession {
  private readonly api: CallApi;
  private readonly listeners = new Set<CallStateListener>();
  private yivi: YiviDisclosure | undefined;
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
    // Both at once: the Yivi client loads while the server creates the call.
    const yiviModule = this.options.loadYivi();
    yiviModule.catch(() => undefined);
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
    let yivi: YiviDisclosureModule;
    try {
      yivi = await yiviModule;
    } catch {
      // cancel() has ended the call already if the citizen stopped meanwhile.
      if (this.stopped) return;
      // The call exists but cannot go on without the Yivi client: end it, and say the network failed.
      this.stopped = true;
      void cancelYiviSession(call.sessionPtr, this.options.fetch);
      void this.api.cancelCall(call.callId, call.callToken);
      this.setState({ kind: 'error', reason: 'network' });
      return;
    }
    // Stopped while the Yivi client loaded: cancel() has ended the call.
    if (this.stopped) return;

    this.yivi = yivi.startYiviDisclosure(call, {
      pollIntervalMs: this.options.pollIntervalMs ?? 1000,
      onStateChange: (event) => this.onYiviState(event, call),
    });
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
    this.yivi?.abort();
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
