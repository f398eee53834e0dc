import type pg from 'pg';
import type { Store, TenantStore } from '../store.js';
import {
  PgAccountRepository,
  PgOAuthRepository,
  PgOnceIdRepository,
  PgSigningKeyRepository,
  PgUserSessionRepository,
} from './pg-account-repositories.js';
import { PgAgentRepository, PgAgentSessionRepository, PgAuditRepository } from './pg-agent-repositories.js';
import { PgArrangementRepository } from './pg-arrangement-repository.js';
import { PgCallRepository } from './pg-call-repository.js';
import {
  PgConnectionRepository,
  PgConnectRequestRepository,
  PgConnectTokenRepository,
  PgPartyEventRepository,
  PgServiceRepository,
} from './pg-connect-repositories.js';
import { openPool, redactedUrl, schemaNames, type PostgresSettings } from './pg-connection.js';
import { PgConsentRepository } from './pg-consent-repository.js';
import { PgFetchRepository } from './pg-fetch-repository.js';
import { migrate } from './pg-migrations.js';
import {
  PgCorrectionRepository,
  PgCredentialStatusRepository,
  PgForwardRepository,
  PgMyDataViewRepository,
} from './pg-my-data-repositories.js';
import { PgSealedDataRepository } from './pg-sealed-data.js';
import { PgPool } from './pg-sql.js';

/** The connections for what is live (attempt counters, the console feed), beside the tenants' own: short statements. */
const LIVE_POOL_SIZE = 6;

/**
 * The durable shared engine: several instances on one PostgreSQL database
 * see the same records. Each tenant is a schema of its own, reached through a
 * pool whose connections have only that schema on their search path, so (as
 * with SQLite's file per tenant and Redis's key prefix) no statement can name
 * another tenant's tables, and an operator backs up, restores or drops one
 * tenant with `pg_dump -n` / `DROP SCHEMA`. No row-level-security policy has
 * to be remembered on each new table.
 */
export class PostgresStore implements Store {
  private readonly tenants = new Map<string, { db: PgPool; store: TenantStore }>();

  private constructor(
    readonly settings: PostgresSettings,
    /**
     * Live state: the shared schema's attempt counters and each tenant's console feed, committed without
     * waiting for the disk (no fsync per guess or per announced caller; see openPool).
     */
    readonly live: PgPool,
    tenantIds: readonly string[],
  ) {
    for (const tenantId of tenantIds) {
      const db = new PgPool(openPool(settings, this.schemaOf(tenantId), settings.poolSize));
      this.tenants.set(tenantId, { db, store: tenantStore(tenantId, db) });
    }
  }

  /**
   * Connects, brings every schema up to date (one instance at a time) and
   * returns the store; a database that does not answer stops the start-up with
   * one line that names it without its password.
   */
  static async connect(settings: PostgresSettings, tenantIds: readonly string[]): Promise<PostgresStore> {
    const sharedSchema = schemaNames.shared(settings.schemaPrefix);
    const live = new PgPool(openPool(settings, sharedSchema, LIVE_POOL_SIZE, { waitForDisk: false }));
    const store = new PostgresStore(settings, live, tenantIds);
    const migrating = openPool(settings, sharedSchema, 1);
    try {
      await migrate(migrating, {
        shared: sharedSchema,
        tenants: tenantIds.map((tenantId) => store.schemaOf(tenantId)),
      });
    } catch (error) {
      await store.close();
      const reason = error instanceof Error ? error.message : String(error);
      const failure = new Error(`postgres: not reachable at ${redactedUrl(settings.url ?? '')} (${reason})`);
      Object.assign(failure, { code: (error as { code?: unknown }).code });
      throw failure;
    } finally {
      await migrating.end();
    }
    return store;
  }

  /** The schema that holds a tenant's tables (for operators and the raw-scan tests). */
  schemaOf(tenantId: string): string {
    return schemaNames.tenant(this.settings.schemaPrefix, tenantId);
  }

  /** The pool of a tenant's schema (for tests and benchmarks that look at its tables). */
  dbOf(tenantId: string): PgPool {
    const entry = this.tenants.get(tenantId);
    if (!entry) throw new Error(`no store for tenant ${tenantId}`);
    return entry.db;
  }

  forTenant(tenantId: string): TenantStore {
    const entry = this.tenants.get(tenantId);
    if (!entry) throw new Error(`no store for tenant ${tenantId}`);
    return entry.store;
  }

  async ping(): Promise<void> {
    if (this.tenants.size === 0) throw new Error('store closed');
    await Promise.all([...this.tenants.values()].map(({ db }) => db.rows('SELECT 1')));
  }

  async close(): Promise<void> {
    const pools: pg.Pool[] = [...this.tenants.values()].map(({ db }) => db.pool);
    this.tenants.clear();
    await Promise.all([...pools, this.live.pool].map((pool) => (pool.ended ? undefined : pool.end())));
  }
}

function tenantStore(tenantId: string, db: PgPool): TenantStore {
  return {
    tenantId,
    calls: new PgCallRepository(db),
    agents: new PgAgentRepository(db),
    sessions: new PgAgentSessionRepository(db),
    audit: new PgAuditRepository(db),
    accounts: new PgAccountRepository(db),
    userSessions: new PgUserSessionRepository(db),
    oauth: new PgOAuthRepository(db),
    onceIds: new PgOnceIdRepository(db),
    signingKeys: new PgSigningKeyRepository(db),
    connectTokens: new PgConnectTokenRepository(db),
    connectRequests: new PgConnectRequestRepository(db),
    connections: new PgConnectionRepository(db),
    services: new PgServiceRepository(db),
    partyEvents: new PgPartyEventRepository(db),
    consents: new PgConsentRepository(db),
    credentialStatus: new PgCredentialStatusRepository(db),
    myDataViews: new PgMyDataViewRepository(db),
    corrections: new PgCorrectionRepository(db),
    forwards: new PgForwardRepository(db),
    fetches: new PgFetchRepository(db),
    arrangements: new PgArrangementRepository(db),
    sealedData: new PgSealedDataRepository(db),
  };
}
