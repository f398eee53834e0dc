import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import type { AccountConnection, ScanApproved, ScanStatus, ScanView } from '@regiekit/sdk/protocol';
import { ApiError } from '../http/api-error.js';
import { wingRoutes } from '../http/wing.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import * as routes from './account.routes.js';
import type { DecisionFlows } from './decision-flows.js';
import type { Passkeys } from './passkeys.js';
import type { UserSessions } from './user-sessions.js';

export interface AccountRouteDeps {
  sessions: UserSessions;
  passkeys: Passkeys;
  flows: DecisionFlows;
  /** The account's connections live in connect/; the account pages only show and end them. */
  connectionsOf: (tenant: TenantContext, userId: string) => Promise<AccountConnection[]>;
  endConnection: (tenant: TenantContext, userId: string, connectionId: string) => Promise<void>;
}

/**
 * The account API, for pages of the server's own origin only: every write
 * must come from that origin (app.ts guards the whole account area), and the
 * session cookie is HttpOnly. No CORS: an embedding page cannot call it.
 */
export function accountRoutes(deps: AccountRouteDeps, scans: ScanActions) {
  const app = wingRoutes();

  /** The session a passkey ceremony started in; the options request made it. */
  const sessionInCeremony = async (c: Context, tenant: TenantContext) => {
    const session = await deps.sessions.current(c, tenant);
    if (!session) throw new ApiError(400, 'passkey_failed', 'Start again: this browser session has ended.');
    return session;
  };

  app.openapi(routes.accountRoute, async (c) => {
    const tenant = c.get('tenant');
    const session = await deps.sessions.current(c, tenant);
    c.header('Cache-Control', 'no-store');
    if (!session?.record.userId) return c.json({ signedIn: false as const }, 200);
    const userId = session.record.userId;
    const passkeys = await tenant.store.accounts.passkeysOf(userId);
    return c.json(
      {
        signedIn: true as const,
        passkeys: passkeys.map((p) => ({
          passkeyId: p.passkeyId,
          createdAt: new Date(p.createdAt).toISOString(),
          ...(p.lastUsedAt && { lastUsedAt: new Date(p.lastUsedAt).toISOString() }),
          current: p.passkeyId === session.record.passkeyId,
          ...deps.passkeys.describe(tenant, p),
        })),
        connections: await deps.connectionsOf(tenant, userId),
      },
      200,
    );
  });
  app.openapi(routes.registrationOptionsRoute, async (c) => {
    const tenant = c.get('tenant');
    const session = await deps.sessions.ensure(c, tenant);
    // Another passkey for an existing account is a key to it: a session cookie alone is not enough.
    if (session.record.userId) await deps.sessions.freshlyVerified(c, tenant);
    return c.json(await deps.passkeys.registrationOptions(tenant, session), 200);
  });
  app.openapi(routes.registerPasskeyRoute, async (c) => {
    const tenant = c.get('tenant');
    const session = await sessionInCeremony(c, tenant);
    await deps.passkeys.verifyRegistration(
      tenant,
      session,
      c.req.valid('json').credential as unknown as RegistrationResponseJSON,
      c.req.header('User-Agent'),
    );
    return c.json({ signedIn: true as const }, 201);
  });
  app.openapi(routes.signInOptionsRoute, async (c) => {
    const tenant = c.get('tenant');
    return c.json(await deps.passkeys.authenticationOptions(tenant, await deps.sessions.ensure(c, tenant)), 200);
  });
  app.openapi(routes.signInRoute, async (c) => {
    const tenant = c.get('tenant');
    const session = await sessionInCeremony(c, tenant);
    await deps.passkeys.verifyAuthentication(
      tenant,
      session,
      c.req.valid('json').credential as unknown as AuthenticationResponseJSON,
    );
    return c.json({ signedIn: true as const }, 200);
  });
  app.openapi(routes.signOutRoute, async (c) => {
    await deps.sessions.end(c, c.get('tenant'));
    return c.body(null, 204);
  });
  app.openapi(routes.endConnectionRoute, async (c) => {
    const tenant = c.get('tenant');
    const session = await deps.sessions.freshlyVerified(c, tenant);
    await deps.endConnection(tenant, session.userId, c.req.valid('param').connectionId);
    return c.body(null, 204);
  });
  app.openapi(routes.flowRoute, async (c) =>
    c.json(await deps.flows.view(c, c.get('tenant'), c.req.valid('param').flowId), 200),
  );
  app.openapi(routes.approveFlowRoute, async (c) =>
    c.json(
      await deps.flows.approve(c, c.get('tenant'), c.req.valid('param').flowId, c.req.valid('json') ?? undefined),
      200,
    ),
  );
  app.openapi(routes.refuseFlowRoute, async (c) =>
    c.json(await deps.flows.refuse(c, c.get('tenant'), c.req.valid('param').flowId), 200),
  );
  app.openapi(routes.scanRoute, async (c) =>
    c.json(await scans.inspect(c, c.get('tenant'), c.req.valid('json').token), 200),
  );
  app.openapi(routes.approveScanRoute, async (c) =>
    c.json(await scans.approveScan(c, c.get('tenant'), c.req.valid('param').tokenId, c.req.valid('json').token), 200),
  );
  app.openapi(routes.scanStatusRoute, async (c) =>
    c.json(await scans.scanStatus(c, c.get('tenant'), c.req.valid('param').tokenId), 200),
  );
  return app;
}

/** What the account pages may do with QR connect tokens (connect/connect-tokens.ts implements it). */
export interface ScanActions {
  inspect(c: Context, tenant: TenantContext, token: string): Promise<ScanView>;
  approveScan(c: Context, tenant: TenantContext, tokenId: string, token: string): Promise<ScanApproved>;
  scanStatus(c: Context, tenant: TenantContext, tokenId: string): Promise<ScanStatus>;
}
