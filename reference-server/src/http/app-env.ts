import type { TenantContext } from '../tenants/tenant-context.js';

/** Variables that the shared middleware puts on every request's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The tenant in the path (`/api/v1/{tenant}/…`), resolved once. */
    tenant: TenantContext;
  };
}

/** The context of a wing whose own guard adds variables (the signed-in staff member, the party). */
export interface EnvWith<Extra extends object> {
  Variables: AppEnv['Variables'] & Extra;
}
