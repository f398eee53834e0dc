import type { ConsoleCall, ConsoleEvent } from '../protocol/index.js';

export interface ConsoleFeedState {
  /** Calls in the order they came in. */
  calls: ConsoleCall[];
  /** The number of the last event applied. */
  seq: number;
  /** Codes are not resolved until this moment (ISO time): many wrong codes reached the tenant. */
  resolutionPausedUntil?: string;
}

export const EMPTY_FEED: ConsoleFeedState = { calls: [], seq: -1 };

/**
 * Applies one event of the live feed. A snapshot replaces everything (it is
 * sent on every (re)connection); a delta at or below the current number was
 * already in the snapshot and is skipped, so reconnecting neither loses nor
 * doubles a call.
 */
export function applyConsoleEvent(state: ConsoleFeedState, event: ConsoleEvent): ConsoleFeedState {
  if (event.type === 'snapshot')
    return {
      calls: event.calls,
      seq: event.seq,
      ...(event.resolutionPausedUntil && { resolutionPausedUntil: event.resolutionPausedUntil }),
    };
  if (event.seq <= state.seq) return state;
  switch (event.type) {
    case 'resolution-paused':
      return { ...state, seq: event.seq, resolutionPausedUntil: event.until };
    case 'call-added':
      return {
        ...state,
        seq: event.seq,
        calls: [...state.calls.filter((c) => c.callId !== event.call.callId), event.call],
      };
    case 'call-taken':
      return {
        ...state,
        seq: event.seq,
        calls: state.calls.map((c) => (c.callId === event.callId ? { ...c, takenBy: event.takenBy } : c)),
      };
    case 'call-ended':
      return { ...state, seq: event.seq, calls: state.calls.filter((c) => c.callId !== event.callId) };
  }
}

export type FeedConnection = 'connecting' | 'live' | 'reconnecting';

export interface ConsoleFeedListener {
  (state: ConsoleFeedState, event: ConsoleEvent | undefined, connection: FeedConnection): void;
}

const EVENT_TYPES = ['snapshot', 'call-added', 'call-taken', 'call-ended', 'resolution-paused'] as const;

/**
 * Follows the console's event stream with the browser's EventSource, which
 * reconnects by itself; the server starts every connection with a snapshot.
 */
export class ConsoleFeed {
  private source: EventSource | undefined;
  private state: ConsoleFeedState = EMPTY_FEED;

  constructor(
    private readonly url: string,
    private readonly listener: ConsoleFeedListener,
  ) {}

  start(): void {
    this.stop();
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    this.listener(this.state, undefined, 'connecting');
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        const event = JSON.parse((message as MessageEvent<string>).data) as ConsoleEvent;
        this.state = applyConsoleEvent(this.state, event);
        this.listener(this.state, event, 'live');
      });
    }
    source.addEventListener('error', () =>
      this.listener(this.state, undefined, source.readyState === EventSource.CLOSED ? 'connecting' : 'reconnecting'),
    );
  }

  get closed(): boolean {
    return this.source?.readyState === EventSource.CLOSED;
  }

  stop(): void {
    this.source?.close();
    this.source = undefined;
  }
}
