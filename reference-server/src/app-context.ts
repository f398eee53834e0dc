import type { Logger } from 'pino';
import type { AppConfig } from './config/resolve-config.js';
import { ServerSigningKeys } from './crypto/server-signing-keys.js';
import { createLogger } from './http/logger.js';
import { IrmaRequestorClient, type FetchLike } from './irma/requestor-client.js';
import { createParties, type Parties } from './parties/parties.js';
import { memoryAttemptCounters, type AttemptCounters } from './shared/attempt-counter.js';
import { systemClock, type Clock } from './shared/clock.js';
import { Metrics } from './shared/metrics.js';
import { MemoryConsoleFeed, type ConsoleFeed } from './storage/console-feed.js';
import type { Store } from './storage/store.js';
import { ServerSigner } from './tenants/server-signer.js';
import { Tenants } from './tenants/tenants.js';

/** What the server is given from outside (main.ts, or a test): storage, and whatever a test replaces. */
export interface SharedDeps {
  store: Store;
  clock?: Clock;
  logger?: Logger;
  /** Prometheus metrics (a fresh registry per app unless given). */
  metrics?: Metrics;
  /**
   * What instances must share besides the store: attempt counters and the
   * console feed. In this process by default; from the
   * Redis engine when several instances run (storage/open-storage.ts).
   */
  counters?: AttemptCounters;
  consoleFeed?: ConsoleFeed;
  /** How the server reaches a real IRMA server (tests inject one). */
  irmaFetch?: FetchLike;
  /** How the server reaches providers' endpoints and parties' webhooks (tests inject one). */
  partyFetch?: typeof fetch;
}

/**
 * What every wing builds on: the configuration, the clock, logs and metrics,
 * the tenants with their stores and keys, the counters and feed that
 * instances share, the parties, the IRMA server, and the server's own signing
 * keys. Made once per app by createApp; a wing takes what it needs from here
 * and gets anything that another wing owns from that wing's builder.
 */
export interface AppContext {
  config: AppConfig;
  /** The server's own origin, e.g. `https://regie.example.nl`. */
  origin: string;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  store: Store;
  tenants: Tenants;
  counters: AttemptCounters;
  consoleFeed: ConsoleFeed;
  parties: Parties;
  irma: IrmaRequestorClient;
  /** The server's own keys (requests to providers) and its signatures kept verifiable (receipts, ID tokens). */
  signingKeys: ServerSigningKeys;
  signer: ServerSigner;
  partyFetch?: typeof fetch;
  /**
   * A request to this very server, in process: demo mode's IRMA server and
   * switchboard simulator speak real HTTP semantics to it without a socket.
   */
  inProcess(input: string, init?: RequestInit): Promise<Response>;
}

export function createAppContext(config: AppConfig, deps: SharedDeps, inProcess: AppContext['inProcess']): AppContext {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const metrics = deps.metrics ?? new Metrics();
  const signingKeys = new ServerSigningKeys(config.keyRing);
  const irmaBaseUrl = config.irma.type === 'demo' ? `${config.publicUrl}/demo/irma` : config.irma.url;
  const irmaFetch: FetchLike = deps.irmaFetch ?? (config.irma.type === 'demo' ? inProcess : fetch);
  return {
    config,
    origin: new URL(config.publicUrl).origin,
    clock,
    logger,
    metrics,
    store: deps.store,
    tenants: new Tenants(config, deps.store),
    counters: deps.counters ?? memoryAttemptCounters(clock),
    consoleFeed: deps.consoleFeed ?? new MemoryConsoleFeed(),
    parties: createParties({
      tenants: config.tenants,
      clock,
      logger,
      metrics,
      ...(deps.partyFetch && { fetch: deps.partyFetch }),
    }),
    irma: new IrmaRequestorClient(irmaBaseUrl, config.irma.auth, irmaFetch),
    signingKeys,
    signer: new ServerSigner(signingKeys, clock),
    ...(deps.partyFetch && { partyFetch: deps.partyFetch }),
    inProcess,
  };
}
