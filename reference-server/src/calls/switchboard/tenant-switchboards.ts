import type { TenantSettings } from '../../config/resolve-config.js';
import { agentIdentity } from './twilio/agent-identity.js';
import { TwilioRest } from './twilio/twilio-rest.js';
import type { SwitchboardRouter } from '../../staff/console-line.js';

/** A call that came in through Twilio has a CallSid; one resolved through the generic API has the caller's own id. */
const isTwilioCallSid = (id: string) => /^CA[0-9a-fA-F]{32}$/.test(id);

/** A platform that pulls instead (Amazon Connect), or none configured: the take is recorded, nothing is pushed. */
export const unroutedSwitchboard: SwitchboardRouter = {
  routeToAgent: () => Promise.resolve(),
  endCall: () => Promise.resolve(),
};

/**
 * Picks each tenant's platform: Twilio tenants get the REST calls, the rest
 * go to the fallback (the simulator in demo mode, nothing otherwise).
 */
export class TenantSwitchboards implements SwitchboardRouter {
  private readonly twilio = new Map<string, TwilioRest>();

  constructor(
    private readonly tenants: (tenantId: string) => TenantSettings | undefined,
    private readonly fallback: SwitchboardRouter = unroutedSwitchboard,
    private readonly twilioFetch: typeof fetch = fetch,
  ) {}

  async routeToAgent(
    tenantId: string,
    switchboardCallId: string,
    agent: { agentId: string; username: string },
  ): Promise<void> {
    const settings = this.tenants(tenantId);
    if (settings?.switchboard.type !== 'twilio' || !isTwilioCallSid(switchboardCallId))
      return this.fallback.routeToAgent(tenantId, switchboardCallId, agent);
    const identity = agentIdentity(tenantId, agent.agentId);
    const twimlUrl = `${settings.switchboard.webhookBaseUrl}/api/v1/${tenantId}/twilio/agent-dial?identity=${identity}`;
    await this.rest(settings).dequeueTo(switchboardCallId, twimlUrl);
  }

  async endCall(tenantId: string, switchboardCallId: string): Promise<void> {
    const settings = this.tenants(tenantId);
    if (settings?.switchboard.type !== 'twilio' || !isTwilioCallSid(switchboardCallId))
      return this.fallback.endCall(tenantId, switchboardCallId);
    await this.rest(settings).complete(switchboardCallId);
  }

  private rest(settings: TenantSettings): TwilioRest {
    let rest = this.twilio.get(settings.id);
    if (!rest && settings.switchboard.type === 'twilio')
      this.twilio.set(settings.id, (rest = new TwilioRest(settings.switchboard, this.twilioFetch)));
    return rest!;
  }
}
