import type { ConsoleCall, ConsoleEvent } from '@regiekit/sdk/protocol';

type Delta =
  | { type: 'call-added'; call: ConsoleCall }
  | { type: 'call-taken'; callId: string; takenBy: { agentId: string; displayName: string } }
  | { type: 'call-ended'; callId: string };

type Listener = (event: ConsoleEvent) => void;

/**
 * The live feed of one tenant's console, numbered. Numbers let a client that
 * reconnects take a fresh snapshot and skip deltas it already has. This bus
 * lives in one process; the Redis engine will carry it between instances.
 */
export class ConsoleEventBus {
  private seq = 0;
  private readonly listeners = new Set<Listener>();

  /** The number of the last event; a snapshot taken now is current up to it. */
  get currentSeq(): number {
    return this.seq;
  }

  publish(delta: Delta): void {
    const event = { ...delta, seq: ++this.seq } as ConsoleEvent;
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
