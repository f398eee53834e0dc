import type { VoiceToken } from '@regiekit/sdk/protocol';
import type { TenantContext } from '../tenants/tenant-context.js';

/**
 * The console's seam to a telephony platform (calls/switchboard/ implements it): put a waiting caller
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

/**
 * Everything the console needs from the telephony side, which the calls wing
 * provides: the switchboard, whether code resolution is paused (many wrong
 * codes), and the token of an agent's softphone in the browser.
 */
export interface ConsoleLine {
  switchboard: SwitchboardRouter;
  /** When code resolution for the tenant resumes, if it is paused now. */
  pausedUntil(tenantId: string): Promise<number | undefined>;
  /** A softphone token for the agent, or undefined when the tenant's calls do not ring in the browser. */
  softphoneToken(tenant: TenantContext, agentId: string): Promise<VoiceToken | undefined>;
}
