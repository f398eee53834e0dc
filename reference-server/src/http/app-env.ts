import type { Logger } from 'pino';
import type { TenantContext } from '../calls/tenant-context.js';

/** Variables that middleware puts on the Hono context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    tenant: TenantContext;
  };
}
