import Database from 'better-sqlite3';
import { SqliteFetchRepository } from './sqlite-fetch-repository.js';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store, TenantStore } from '../store.js';
import { migrate } from './migrations.js';
import { prepareOnce } from './prepared-once.js';
import { SqliteSealedDataRepository } from './sqlite-sealed-data.js';
import {
  SqliteAgentRepository,
  SqliteAgentSessionRepository,
  SqliteAuditRepository,
} from './sqlite-agent-repositories.js';
import { SqliteCallRepository } from './sqlite-call-repository.js';
import { SqliteConsentRepository } from './sqlite-consent-repository.js';
import {
  SqliteAccountRepository,
  SqliteOAuthRepository,
  SqliteOnceIdRepository,
  SqliteSigningKeyRepository,
  SqliteUserSessionRepository,
} from './sqlite-account-repositories.js';
import {
  SqliteConnectionRepository,
  SqliteConnectRequestRepository,
  SqliteConnectTokenRepository,
  SqlitePartyEventRepository,
  SqliteServiceRepository,
} from './sqlite-connect-repositories.js';
import {
  SqliteCorrectionRepository,
  SqliteCredentialStatusRepository,
  SqliteForwardRepository,
  SqliteMyDataViewRepository,
} from './sqlite-my-data-repositories.js';
import { SqliteArrangementRepository } from './sqlite-arrangement-repository.js';

export interface SqliteStoreOptions {
  /** Directory for one `<tenant>.sqlite` file per tenant; `:memory:` keeps everything in memory (tests). */
  directory: string;
  tenantIds: readonly string[];
}

/** The database and its WAL hold sealed personal data: readable by the service user only. */
function makePrivate(file: string): void {
  if (file === ':memory:') return;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  // With WAL, NORMAL syncs at checkpoints instead of every commit: a crashed process loses nothing
  // (the kill -9 test shows it); only a power cut can lose the last commits, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  // Deleted rows are overwritten with zeros, so nothing of a caller lingers in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  migrate(db);
  makePrivate(file);
  return prepareOnce(db);
}

/** The embedded default: every tenant gets its own database file, so no query can cross tenants. */
export class SqliteStore implements Store {
  private readonly tenants = new Map<string, { db: Database.Database; store: TenantStore }>();

  constructor(private readonly options: SqliteStoreOptions) {
    if (options.directory !== ':memory:') {
      mkdirSync(join(options.directory, 'tenants'), { recursive: true, mode: 0o700 });
      chmodSync(options.directory, 0o700);
      chmodSync(join(options.directory, 'tenants'), 0o700);
    }
    for (const tenantId of options.tenantIds) this.open(tenantId);
  }

  /** Path of a tenant's database file (for operators and tests that inspect it). */
  fileOf(tenantId: string): string {
    return this.options.directory === ':memory:'
      ? ':memory:'
      : join(this.options.directory, 'tenants', `${tenantId}.sqlite`);
  }

  forTenant(tenantId: string): TenantStore {
    const entry = this.tenants.get(tenantId);
    if (!entry) throw new Error(`no store for tenant ${tenantId}`);
    return entry.store;
  }

  async ping(): Promise<void> {
    if (this.tenants.size === 0) throw new Error('store closed');
    for (const { db } of this.tenants.values()) db.prepare('SELECT 1').get();
  }

  /** Folds the write-ahead log back into the main file, so deleted data leaves the WAL too. */
  checkpoint(): void {
    for (const { db } of this.tenants.values()) db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    for (const { db } of this.tenants.values()) db.close();
    this.tenants.clear();
  }

  private open(tenantId: string): void {
    const db = openDatabase(this.fileOf(tenantId));
    this.tenants.set(tenantId, {
      db,
      store: {
        tenantId,
        calls: new SqliteCallRepository(db),
        agents: new SqliteAgentRepository(db),
        sessions: new SqliteAgentSessionRepository(db),
        audit: new SqliteAuditRepository(db),
        accounts: new SqliteAccountRepository(db),
        userSessions: new SqliteUserSessionRepository(db),
        oauth: new SqliteOAuthRepository(db),
        onceIds: new SqliteOnceIdRepository(db),
        signingKeys: new SqliteSigningKeyRepository(db),
        connectTokens: new SqliteConnectTokenRepository(db),
        connectRequests: new SqliteConnectRequestRepository(db),
        connections: new SqliteConnectionRepository(db),
        services: new SqliteServiceRepository(db),
        partyEvents: new SqlitePartyEventRepository(db),
        consents: new SqliteConsentRepository(db),
        credentialStatus: new SqliteCredentialStatusRepository(db),
        myDataViews: new SqliteMyDataViewRepository(db),
        corrections: new SqliteCorrectionRepository(db),
        forwards: new SqliteForwardRepository(db),
        fetches: new SqliteFetchRepository(db),
        arrangements: new SqliteArrangementRepository(db),
        sealedData: new SqliteSealedDataRepository(db),
      },
    });
  }
}
