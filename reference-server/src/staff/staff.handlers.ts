import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ConsoleEvent } from '@regiekit/sdk/protocol';
import { eventId, parseEventId, type FeedPosition } from '../storage/console-feed.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { AppConfig } from '../config/resolve-config.js';
import { notFound } from '../http/api-error.js';
import { clientAddress } from '../http/client-address.js';
import { wingRoutes } from '../http/wing.js';
import type { AdminService } from './admin-service.js';
import { toProfile, type StaffAuth } from './staff-auth.js';
import type { AuditLog } from './audit-log.js';
import type { ConsoleService } from './console-service.js';
import type { SessionCookie } from './session-cookie.js';
import { requireStaff, type StaffEnv } from './session-middleware.js';
import { sameOriginWrites } from '../http/same-origin.js';
import type { ConsoleLine } from './console-line.js';
import * as routes from './staff.routes.js';

export interface StaffDeps {
  config: AppConfig;
  tenants: () => TenantContext[];
  line: () => ConsoleLine;
  auth: StaffAuth;
  cookie: SessionCookie;
  console: ConsoleService;
  admin: AdminService;
  audit: AuditLog;
}

/** Keeps proxies and browsers from closing an idle event stream. */
const KEEP_ALIVE_MS = 15_000;

const actorOf = (c: Context<StaffEnv>) => {
  const { agent } = c.get('staff');
  return { agentId: agent.agentId, username: agent.username, displayName: agent.displayName };
};

/** Sign-in, the agent console API and the admin API. */
export function staffRoutes(deps: StaffDeps) {
  const app = wingRoutes<StaffEnv>();
  const guard = { auth: deps.auth, cookie: deps.cookie, origin: new URL(deps.config.publicUrl).origin };
  const sessionSeconds = deps.config.staff.sessionAbsoluteHours * 3600;

  for (const area of ['auth', 'console', 'admin']) app.use(`/api/v1/:tenant/${area}/*`, sameOriginWrites(guard.origin));
  app.use('/api/v1/:tenant/auth/session', requireStaff(guard, { beforePasswordChange: true }));
  app.use('/api/v1/:tenant/auth/logout', requireStaff(guard, { beforePasswordChange: true }));
  app.use('/api/v1/:tenant/auth/password', requireStaff(guard, { beforePasswordChange: true }));
  app.use('/api/v1/:tenant/console/*', requireStaff(guard));
  app.use('/api/v1/:tenant/admin/*', requireStaff(guard, { role: 'admin' }));

  app.openapi(routes.listTenantsRoute, (c) =>
    c.json({ tenants: deps.tenants().map((t) => ({ id: t.settings.id, displayName: t.settings.displayName })) }, 200),
  );

  app.openapi(routes.loginRoute, async (c) => {
    const tenant = c.get('tenant');
    const { username, password } = c.req.valid('json');
    const { sessionToken, csrfToken, agent } = await deps.auth.login(
      tenant,
      username,
      password,
      clientAddress(c, deps.config.trustProxy),
    );
    deps.cookie.write(c, tenant.settings.id, sessionToken, sessionSeconds);
    c.header('Cache-Control', 'no-store');
    return c.json({ agent: toProfile(tenant.settings.id, agent), csrfToken }, 200);
  });

  app.openapi(routes.sessionRoute, (c) => {
    const { agent, session } = c.get('staff');
    c.header('Cache-Control', 'no-store');
    return c.json({ agent: toProfile(c.get('tenant').settings.id, agent), csrfToken: session.csrfToken }, 200);
  });

  app.openapi(routes.logoutRoute, async (c) => {
    await deps.auth.logout(c.get('tenant'), c.get('staff'));
    deps.cookie.clear(c);
    return c.body(null, 204);
  });

  app.openapi(routes.changePasswordRoute, async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    await deps.auth.changePassword(c.get('tenant'), c.get('staff'), currentPassword, newPassword);
    return c.body(null, 204);
  });

  app.openapi(routes.consoleEventsRoute, (c) => {
    const tenant = c.get('tenant');
    const { agent } = c.get('staff');
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      const shown = new Set<string>();
      const recordShown = (callIds: string[]) => {
        for (const callId of callIds.filter((id) => !shown.has(id))) {
          shown.add(callId);
          void deps.audit.record(tenant.store, 'call.shown', { actor: agent.username, subject: callId });
        }
      };
      // Subscribe first, so nothing published meanwhile is missed; what the catch-up already holds is dropped below.
      const pending: ConsoleEvent[] = [];
      let send: (event: ConsoleEvent) => void = (event) => pending.push(event);
      const unsubscribe = await deps.console.follow(tenant, {
        event: (event) => send(event),
        // The feed's numbering started over (Redis lost its data): end the stream, the console reconnects for a snapshot.
        reset: () => void stream.close(),
      });
      const stopRevocation = deps.auth.onRevoked((agentId) => {
        if (agentId === agent.agentId) void stream.close();
      });
      const stopOnShutdown = deps.console.onShutdown(() => void stream.close());
      let position: FeedPosition = { epoch: '', seq: -1 };
      const write = (event: ConsoleEvent) => {
        if (event.seq <= position.seq) return;
        position = { epoch: position.epoch, seq: event.seq };
        if (event.type === 'call-added') recordShown([event.call.callId]);
        void stream.writeSSE({ id: eventId(position), event: event.type, data: JSON.stringify(event) });
      };
      // A console that reconnects (to this or another instance) names the last event it has: it gets what it
      // missed, if the feed still holds it in the same numbering, and a fresh snapshot otherwise.
      const resumeFrom = parseEventId(c.req.header('Last-Event-ID'));
      const missed = resumeFrom ? await deps.console.missedSince(tenant, resumeFrom) : undefined;
      if (resumeFrom && missed) {
        position = resumeFrom;
        await stream.write('retry: 2000\n\n');
        for (const event of missed) write(event);
      } else {
        const snapshot = await deps.console.snapshot(tenant);
        recordShown(snapshot.calls.map((call) => call.callId));
        position = snapshot.position;
        const data = {
          type: 'snapshot',
          seq: snapshot.position.seq,
          calls: snapshot.calls,
          ...(snapshot.resolutionPausedUntil && { resolutionPausedUntil: snapshot.resolutionPausedUntil }),
        };
        await stream.writeSSE({ id: eventId(position), event: 'snapshot', data: JSON.stringify(data), retry: 2000 });
      }
      for (const event of pending) write(event);
      send = write;
      stream.onAbort(() => {
        unsubscribe();
        stopRevocation();
        stopOnShutdown();
      });
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(KEEP_ALIVE_MS);
        if (stream.aborted || stream.closed) break;
        // An expired session ends the stream, as a deleted account already did through revocation.
        if (!(await deps.auth.authenticate(tenant, deps.cookie.read(c)?.token ?? ''))) break;
        await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
      stopRevocation();
      stopOnShutdown();
    });
  });

  app.openapi(routes.voiceTokenRoute, async (c) => {
    const token = await deps.line().softphoneToken(c.get('tenant'), c.get('staff').agent.agentId);
    // No phone in the browser for this tenant: 204 (not an error the console's browser would log).
    if (!token) return c.body(null, 204);
    c.header('Cache-Control', 'no-store');
    return c.json(token, 200);
  });

  app.openapi(routes.takeCallRoute, async (c) => {
    await deps.console.take(c.get('tenant'), actorOf(c), c.req.valid('param').callId);
    return c.body(null, 204);
  });

  app.openapi(routes.endCallRoute, async (c) => {
    if (
      !(await deps.console.end(
        c.get('tenant'),
        c.req.valid('param').callId,
        c.get('staff').agent.username,
        'ended by agent',
      ))
    )
      throw notFound('call');
    return c.body(null, 204);
  });

  app.openapi(routes.revealBsnRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ bsn: await deps.console.revealBsn(c.get('tenant'), actorOf(c), c.req.valid('param').callId) }, 200);
  });

  app.openapi(routes.externalLinkRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.redirect(await deps.console.externalLink(c.get('tenant'), actorOf(c), c.req.valid('param').callId), 302);
  });

  app.openapi(routes.listAgentsRoute, async (c) => c.json({ agents: await deps.admin.list(c.get('tenant')) }, 200));

  app.openapi(routes.createAgentRoute, async (c) =>
    c.json(await deps.admin.create(c.get('tenant'), c.req.valid('json'), c.get('staff').agent.username), 201),
  );

  app.openapi(routes.deleteAgentRoute, async (c) => {
    await deps.admin.delete(c.get('tenant'), c.req.valid('param').agentId, c.get('staff'));
    return c.body(null, 204);
  });

  app.openapi(routes.resetPasswordRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(
      await deps.admin.resetPassword(c.get('tenant'), c.req.valid('param').agentId, c.get('staff').agent.username),
      200,
    );
  });

  app.openapi(routes.auditRoute, async (c) => {
    const { limit, before } = c.req.valid('query');
    return c.json({ entries: await deps.admin.auditPage(c.get('tenant'), limit, before) }, 200);
  });
  return app;
}
