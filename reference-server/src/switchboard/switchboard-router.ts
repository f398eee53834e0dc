/**
 * The seam to a telephony platform for the agent side: put a waiting caller
 * through to the agent who took the call. Twilio (queue member redirect) and
 * Amazon Connect (queue flow asks who claimed the call) implement it in their
 * adapters; the simulator implements it for demo and tests.
 */
export interface SwitchboardRouter {
  routeToAgent(tenantId: string, switchboardCallId: string, agent: { agentId: string; username: string }): Promise<void>;
}

/** Production without a configured adapter: the take is recorded, the call is not moved. */
export const unroutedSwitchboard: SwitchboardRouter = {
  routeToAgent: () => Promise.resolve(),
};
