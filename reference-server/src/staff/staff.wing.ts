import type { AppContext } from '../app-context.js';
import { documentSecuritySchemes } from '../http/openapi-helpers.js';
import type { Wing } from '../http/wing.js';
import { AdminService } from './admin-service.js';
import { StaffAuth } from './staff-auth.js';
import { AuditLog } from './audit-log.js';
import type { ConsoleLine } from './console-line.js';
import { ConsoleService } from './console-service.js';
import { SessionCookie } from './session-cookie.js';
import { staffPage } from './staff-pages.js';
import { staffRoutes } from './staff.handlers.js';

export interface StaffWing extends Wing {
  /** The live console of identified callers: the calls wing announces callers and ends calls on it. */
  console: ConsoleService;
}

/**
 * The staff of a tenant (agents and administrators): sign-in, the live agent
 * console, account management and the audit log, with the /agent and /admin
 * pages around their elements. `line` is the telephony side (the calls wing),
 * asked at run time because that wing is built after the console it uses.
 */
export function buildStaffWing(context: AppContext, { line }: { line: () => ConsoleLine }): StaffWing {
  const { config, clock, logger, metrics } = context;
  const audit = new AuditLog(clock);
  const auth = new StaffAuth({ settings: config.staff, clock, audit, counters: context.counters });
  const admin = new AdminService({ clock, audit, auth });
  const console = new ConsoleService({ clock, audit, logger, metrics, feed: context.consoleFeed, line });

  const routes = staffRoutes({
    config,
    tenants: () => context.tenants.all(),
    line,
    auth,
    cookie: new SessionCookie(config.publicUrl.startsWith('https:')),
    console,
    admin,
    audit,
    logger,
  });
  documentSecuritySchemes(routes, {
    staffSession: {
      type: 'apiKey',
      in: 'cookie',
      name: 'regie_session',
      description: 'Staff session cookie (`__Host-regie_session` under TLS); writes also need X-CSRF-Token',
    },
  });
  routes.get('/agent', (c) => c.html(staffPage('agent', c.req.query('lang'))));
  routes.get('/admin', (c) => c.html(staffPage('admin', c.req.query('lang'))));

  return { routes, console, shutdown: () => console.closeStreams() };
}
