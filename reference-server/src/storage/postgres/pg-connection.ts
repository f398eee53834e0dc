import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { StorageConfig } from '../../config/schema.js';

export type PostgresSettings = Extract<StorageConfig, { engine: 'postgres' }>;

/** `int8` (BIGINT: times in milliseconds, sequence numbers) as a JS number; every value we keep fits in 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Requests fail fast while the database is away (a connection is waited for at
 * most 3 s, a query at most 10 s), so they get a 503 within seconds instead of
 * hanging; the pool opens fresh connections once it answers again, without a
 * restart.
 */
const FAIL_FAST = {
  connectionTimeoutMillis: 3000,
  query_timeout: 10_000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
} satisfies pg.PoolConfig;

/** The URL with its password replaced, for any message that names the database. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Connection options from the URL plus the CA file. `sslmode=verify-full` is
 * TLS with Node's own checks: the chain against the CA (the system's, or the
 * one in `caFile`, e.g. the RDS bundle) and the host name against the
 * certificate. The URL goes to the driver without its `sslmode`, so the
 * driver's own reading of libpq modes cannot weaken that.
 */
export function clientConfig(settings: PostgresSettings): pg.ClientConfig {
  const url = new URL(settings.url ?? 'postgres://localhost/regiekit');
  const sslmode = url.searchParams.get('sslmode');
  url.searchParams.delete('sslmode');
  const config: pg.ClientConfig = { connectionString: url.toString(), types, keepAlive: true };
  if (sslmode === 'verify-full') {
    config.ssl = {
      rejectUnauthorized: true,
      servername: url.hostname,
      ...(settings.caFile && { ca: readFileSync(settings.caFile, 'utf8') }),
    };
  }
  return config;
}

/**
 * A pool whose every connection works in one schema: the tenant's, or the
 * instances' shared one. `waitForDisk: false` commits without waiting for the
 * WAL to reach the disk (`synchronous_commit = off`): only for live state
 * that may lose its last milliseconds when the database crashes (attempt
 * counts, console feed entries, whose numbering then starts a new epoch),
 * never for records.
 */
export function openPool(
  settings: PostgresSettings,
  schema: string,
  max: number,
  { waitForDisk = true }: { waitForDisk?: boolean } = {},
): pg.Pool {
  const pool = new pg.Pool({
    ...clientConfig(settings),
    ...FAIL_FAST,
    max,
    // The schema is an identifier we made from checked names (schemaPrefix, tenant id), never from input.
    options: `-c search_path=${schema}${waitForDisk ? '' : ' -c synchronous_commit=off'}`,
    application_name: 'regiekit',
  });
  // A connection that breaks while idle is dropped by the pool; the event needs a listener, or Node would throw.
  pool.on('error', () => undefined);
  return pool;
}

/** The schema names: lowercase letters, digits and `_` only, so they need no quoting. */
export const schemaNames = {
  tenant(prefix: string, tenantId: string): string {
    const name = `${prefix}_t_${tenantId.replaceAll('-', '_')}`;
    // PostgreSQL cuts identifiers at 63 bytes; two tenants could then share a schema.
    if (name.length > 63)
      throw new Error(`postgres: the schema name for tenant ${tenantId} is longer than 63 characters`);
    return name;
  },
  shared: (prefix: string) => `${prefix}_shared`,
};
