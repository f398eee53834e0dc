import type { AuthenticatedAgent } from '../agents/agent-auth.js';
import type { Party } from '../parties/party-directory.js';
import type { TenantContext } from '../tenants/tenant-context.js';

/** Variables that middleware puts on the Hono context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    tenant: TenantContext;
    /** The signed-in staff member, on console and admin routes. */
    staff: AuthenticatedAgent;
    /** The authenticated provider or consumer, on party routes. */
    party: Party;
  };
}
