import type { Logger } from 'pino';
import type { TenantSettings } from '../config/resolve-config.js';
import type { Clock } from '../shared/clock.js';
import type { Metrics } from '../shared/metrics.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import { PartyAuthenticator } from './party-authenticator.js';
import { PartyDirectory } from './party-directory.js';
import { PartyEvents } from './party-events.js';
import { WebhookSender } from './webhooks.js';

/**
 * The organisations of every tenant (providers, consumers) and what all jobs
 * do with them: authenticate their backends, keep their event feeds and push
 * Standard Webhooks. One of the shared rooms every wing builds on.
 */
export interface Parties {
  directoryOf(tenant: TenantContext): PartyDirectory;
  authenticator: PartyAuthenticator;
  events: PartyEvents;
  webhooks: WebhookSender;
}

export interface PartiesOptions {
  tenants: readonly TenantSettings[];
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** How the server reaches parties' webhooks (tests inject one). */
  fetch?: typeof fetch;
}

export function createParties(options: PartiesOptions): Parties {
  const directories = new Map(options.tenants.map((settings) => [settings.id, new PartyDirectory(settings)]));
  const directoryOf = (tenant: TenantContext) => directories.get(tenant.settings.id)!;
  const webhooks = new WebhookSender(options.logger, options.fetch);
  return {
    directoryOf,
    authenticator: new PartyAuthenticator(options.clock, directoryOf),
    events: new PartyEvents(options.clock, directoryOf, webhooks, options.metrics),
    webhooks,
  };
}
