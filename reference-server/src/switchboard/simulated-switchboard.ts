import type { SwitchboardRouter } from './switchboard-router.js';

export interface SimulatedCall {
  switchboardCallId: string;
  tenantId: string;
  sessionRef: string;
  startedAt: number;
  connectedTo: string | null;
  ended: boolean;
}

/**
 * The state of the pretend switchboard: which simulated phone calls exist,
 * and to which agent each was put through.
 */
export class SimulatedSwitchboard implements SwitchboardRouter {
  private readonly calls = new Map<string, SimulatedCall>();

  answered(call: Omit<SimulatedCall, 'connectedTo' | 'ended'>): void {
    this.calls.set(call.switchboardCallId, { ...call, connectedTo: null, ended: false });
    // Keep the demo's memory small: only the most recent calls are listed.
    if (this.calls.size > 50) this.calls.delete(this.calls.keys().next().value!);
  }

  routeToAgent(_tenantId: string, switchboardCallId: string, agent: { username: string }): Promise<void> {
    const call = this.calls.get(switchboardCallId);
    if (call) call.connectedTo = agent.username;
    return Promise.resolve();
  }

  hangUp(switchboardCallId: string): SimulatedCall | undefined {
    const call = this.calls.get(switchboardCallId);
    if (call) call.ended = true;
    return call;
  }

  get(switchboardCallId: string): SimulatedCall | undefined {
    return this.calls.get(switchboardCallId);
  }

  list(): SimulatedCall[] {
    return [...this.calls.values()].reverse();
  }
}
