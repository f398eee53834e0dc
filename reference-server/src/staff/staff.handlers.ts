import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import type { ConsoleEvent } from '@regiekit/sdk/protocol';
import { eventId, parseEventId, type FeedPosition } from '../storage/console-feed.js';
import { isStorageUnavailable } from '../storage/storage-errors.js';
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
  logger: Logger;
}

/** Keeps proxies and browsers from closing an idle event stream. */
const KEEP_ALIVE_MS = 15_000;

/** Waits `ms`, or until `early` settles if that comes first. */
const pause = (ms: number, early: Promise<void>) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void early.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });

/** An error as the log shows it: its type and message, never a stack or a request's data. */
/**
 * Each console event as JSON, written once however many consoles it goes to: the instance hands the
 * same event object to every stream of the tenant (console-service caches what it opened).
 */
const eventJson = new WeakMap<ConsoleEvent, string>();
const jsonOf = (event: ConsoleEvent): string => {
  let json = eventJson.get(event);
  if (json === undefined) {
    json = JSON.stringify(event);
    eventJson.set(event, json);
  }
  return json;
};

const errorOf = (error: unknown) =>
  error instanceof Error ? { type: error.name, message: error.message } : { type: typeof error };

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
    const logged = { tenant: tenant.settings.id, requestId: c.get('requestId') };
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      // Whatever ends the stream (the browser, a reset, revocation, shutdown, the session, an error) wakes the
      // keep-alive loop, and the listeners below go with it.
      const cleanups: (() => void)[] = [];
      let wake = () => {};
      const ended = new Promise<void>((resolve) => (wake = resolve));
      const end = () => {
        wake();
        void stream.close();
      };
      stream.onAbort(wake);
      const shown = new Set<string>();
      const recordShown = (callIds: string[]) => {
        for (const callId of callIds.filter((id) => !shown.has(id))) {
          shown.add(callId);
          deps.audit
            .record(tenant.store, 'call.shown', { actor: agent.username, subject: callId })
            .catch((error) =>
              deps.logger.warn(
                { ...logged, callId, err: errorOf(error) },
                'console stream: recording a shown call failed',
              ),
            );
        }
      };
      try {
        // Subscribe first, so nothing published meanwhile is missed; what the catch-up already holds is dropped below.
        const pending: ConsoleEvent[] = [];
        let send: (event: ConsoleEvent) => void = (event) => pending.push(event);
        cleanups.push(
          await deps.console.follow(tenant, {
            event: (event) => send(event),
            // The feed's numbering started over (Redis lost its data): end the stream, the console reconnects for a snapshot.
            reset: end,
          }),
          deps.auth.onRevoked((agentId) => {
            if (agentId === agent.agentId) end();
          }),
          deps.console.onShutdown(end),
        );
        let position: FeedPosition = { epoch: '', seq: -1 };
        const write = (event: ConsoleEvent) => {
          if (event.seq <= position.seq) return;
          position = { epoch: position.epoch, seq: event.seq };
          if (event.type === 'call-added') recordShown([event.call.callId]);
          void stream.writeSSE({ id: eventId(position), event: event.type, data: jsonOf(event) });
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
        let storeAway = false;
        while (!stream.aborted && !stream.closed) {
          await pause(KEEP_ALIVE_MS, ended);
          if (stream.aborted || stream.closed) break;
          // An expired session ends the stream, as a deleted account already did through revocation. While the
          // store is away the session cannot be checked: the stream stays open and following (a browser that
          // reconnected now would be refused, and its EventSource would give up), and the next check decides.
          const session = await deps.auth.authenticate(tenant, deps.cookie.read(c)?.token ?? '').then(
            (found) => (found ? 'valid' : 'over'),
            (error: unknown) => {
              if (!isStorageUnavailable(error)) throw error;
              if (!storeAway)
                deps.logger.warn(
                  { ...logged, err: errorOf(error) },
                  'console stream: session not checked, the store is unavailable; the stream stays open',
                );
              return 'unknown';
            },
          );
          storeAway = session === 'unknown';
          if (session === 'over') break;
          await stream.write(': keep-alive\n\n');
        }
      } catch (error) {
        // Ended cleanly instead: the browser reconnects, and gets a snapshot or what it missed.
        if (isStorageUnavailable(error))
          deps.logger.warn({ ...logged, err: errorOf(error) }, 'console stream ended: the store is unavailable');
        else deps.logger.error({ ...logged, err: errorOf(error) }, 'console stream ended by an error');
      } finally {
        for (const cleanup of cleanups) cleanup();
      }
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
