import type { MiddlewareHandler } from 'hono';
import { secretsEqual } from '../crypto/constant-time.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { EnvWith } from '../http/app-env.js';
import type { StaffAuth, AuthenticatedStaff } from './staff-auth.js';
import type { SessionCookie } from './session-cookie.js';

/** The context of staff routes: the signed-in staff member. */
export type StaffEnv = EnvWith<{ staff: AuthenticatedStaff }>;

export interface StaffGuardOptions {
  auth: StaffAuth;
  cookie: SessionCookie;
  /** The server's own origin: state-changing requests from anywhere else are refused. */
  origin: string;
}

/**
 * Requires a signed-in staff member of the tenant in the path. A session of
 * another tenant gets 404, exactly as if the resource did not exist. Writes
 * need the session's CSRF token in `X-CSRF-Token`. Until a temporary password
 * is replaced, only the account endpoints are open.
 */
export function requireStaff(
  options: StaffGuardOptions,
  { role, beforePasswordChange = false }: { role?: 'admin'; beforePasswordChange?: boolean } = {},
): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const tenant = c.get('tenant');
    const cookie = options.cookie.read(c);
    if (!cookie) throw new ApiError(401, 'unauthorized', 'Sign in first.');
    if (cookie.tenantId !== tenant.settings.id) throw notFound('resource');
    const authenticated = await options.auth.authenticate(tenant, cookie.token);
    if (!authenticated) {
      options.cookie.clear(c);
      throw new ApiError(401, 'unauthorized', 'Your session has ended; sign in again.');
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const token = c.req.header('X-CSRF-Token');
      if (!secretsEqual(token, authenticated.session.csrfToken))
        throw new ApiError(403, 'forbidden', 'Missing or wrong CSRF token.');
    }
    if (authenticated.agent.mustChangePassword && !beforePasswordChange)
      throw new ApiError(403, 'forbidden', 'Change your temporary password first.');
    if (role === 'admin' && authenticated.agent.role !== 'admin')
      throw new ApiError(403, 'forbidden', 'Only administrators may do this.');
    c.set('staff', authenticated);
    await next();
  };
}
