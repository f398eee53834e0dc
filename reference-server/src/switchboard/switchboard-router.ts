/**
 * The seam to a telephony platform for the agent side: put a waiting caller
 * through to the agent who took the call, and end a phone call the agent
 * ended on our side. Twilio (queue member redirect, call update) and the
 * simulator implement it; for Amazon Connect the customer queue flow asks the
 * server who took the call, so there is nothing to push.
 */
export interface SwitchboardRouter {
  routeToAgent(
    tenantId: string,
    switchboardCallId: string,
    agent: { agentId: string; username: string },
  ): Promise<void>;
  endCall(tenantId: string, switchboardCallId: string): Promise<void>;
}

/** A platform that pulls instead (Amazon Connect), or none configured: the take is recorded, nothing is pushed. */
export const unroutedSwitchboard: SwitchboardRouter = {
  routeToAgent: () => Promise.resolve(),
  endCall: () => Promise.resolve(),
};
