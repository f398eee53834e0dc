import { OpenAPIHono } from '@hono/zod-openapi';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { AppEnv } from './app-env.js';
import { validationHook } from './error-handling.js';

/**
 * One job of the server (or a part all jobs share, such as operations): its
 * routes as a sub-app that app.ts mounts at the root with `app.route()`, and
 * what it keeps only for a while. A wing makes its own services; what other
 * wings need from it, its builder returns beside this.
 */
export interface Wing {
  /**
   * The wing's routes and their OpenAPI descriptions (merged into the
   * server's document when mounted). Each wing's context has its own
   * variables (the staff member, the party), so any will do here.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly routes: OpenAPIHono<any>;
  /** Deletes what the wing keeps only until `now` in one tenant; resolves to how many records went. */
  sweep?(tenant: TenantContext, now: number): Promise<number>;
  /** Ends what keeps connections open (live streams, retries), so the server can close. */
  shutdown?(): void;
}

/**
 * A wing's sub-app. Middleware a wing adds with `use()` becomes the server's
 * when mounted, so a wing guards only paths of its own; guards of areas that
 * several wings share (the party API, the account area) are app.ts's.
 */
export function wingRoutes<Env extends AppEnv = AppEnv>(): OpenAPIHono<Env> {
  return new OpenAPIHono<Env>({ defaultHook: validationHook });
}
