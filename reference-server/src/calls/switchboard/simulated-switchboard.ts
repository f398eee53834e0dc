import type { SwitchboardRouter } from '../../staff/console-line.js';
import { ConnectLine } from './simulator/connect-line.js';
import type { TwilioLine } from './simulator/twilio-line.js';

/** A phone line played in the platform's own protocol: Twilio's webhooks, or Amazon Connect's Lambda and events. */
export type SimulatedLine = TwilioLine | ConnectLine;

export interface SimulatedCall {
  switchboardCallId: string;
  tenantId: string;
  /** The call session the code resolved to, once it did. */
  sessionRef: string | null;
  startedAt: number;
  /** What the line is doing: asking for a code, waiting in the queue, talking to an agent, or over. */
  state: 'asking' | 'queued' | 'connected' | 'ended';
  connectedTo: string | null;
  ended: boolean;
  /** Who ended it: the caller (hang up), the agent (from the console), or the line (after wrong codes). */
  endedBy: 'caller' | 'agent' | 'line' | null;
  /** What the line said last, and where the next digits go (Twilio tenants); why a caller is queued unidentified. */
  said: string | null;
  action: string | null;
}

/**
 * The state of the pretend switchboard: which simulated phone calls exist,
 * and to which agent each was put through. Twilio and Amazon Connect tenants'
 * calls also keep the line that speaks that platform's contract for them.
 */
export class SimulatedSwitchboard implements SwitchboardRouter {
  private readonly calls = new Map<string, SimulatedCall>();
  readonly lines = new Map<string, SimulatedLine>();

  add(call: Omit<SimulatedCall, 'connectedTo' | 'ended' | 'endedBy'>, line?: SimulatedLine): SimulatedCall {
    const added: SimulatedCall = { ...call, connectedTo: null, ended: false, endedBy: null };
    this.calls.set(call.switchboardCallId, added);
    if (line) this.lines.set(call.switchboardCallId, line);
    // Keep the demo's memory small: only the most recent calls are listed.
    if (this.calls.size > 50) {
      const oldest = this.calls.keys().next().value!;
      this.calls.delete(oldest);
      this.lines.delete(oldest);
    }
    return added;
  }

  update(switchboardCallId: string, patch: Partial<SimulatedCall>): SimulatedCall | undefined {
    const call = this.calls.get(switchboardCallId);
    if (call) Object.assign(call, patch);
    return call;
  }

  /** A take on a generic tenant puts the caller through at once; Amazon Connect's queue flow asks for it instead. */
  routeToAgent(_tenantId: string, switchboardCallId: string, agent: { username: string }): Promise<void> {
    if (!(this.lines.get(switchboardCallId) instanceof ConnectLine))
      this.update(switchboardCallId, { state: 'connected', connectedTo: agent.username });
    return Promise.resolve();
  }

  /** The agent ended the call on our side: the simulated phone line hears it too (Connect then reports the disconnect). */
  async endCall(_tenantId: string, switchboardCallId: string): Promise<void> {
    const wasLive = this.get(switchboardCallId)?.ended === false;
    this.end(switchboardCallId, 'agent');
    const line = this.lines.get(switchboardCallId);
    if (wasLive && line instanceof ConnectLine) await line.hangUp();
  }

  end(switchboardCallId: string, by: 'caller' | 'agent' | 'line'): SimulatedCall | undefined {
    const call = this.calls.get(switchboardCallId);
    if (call && !call.ended) Object.assign(call, { ended: true, state: 'ended', endedBy: by });
    return call;
  }

  get(switchboardCallId: string): SimulatedCall | undefined {
    return this.calls.get(switchboardCallId);
  }

  list(): SimulatedCall[] {
    return [...this.calls.values()].reverse();
  }
}
