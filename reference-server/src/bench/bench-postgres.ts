import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  createTestDatabase,
  postgresAnswers,
  startDebianCluster,
  startPostgresCluster,
  type StartedPostgres,
} from '../testing/postgres-server.js';

/** The PostgreSQL database the benchmarks run on (a fresh one), and how to let go of it. */
export interface BenchPostgres {
  url: string;
  version: string;
  /** Whether this run started the server (then `stop` ends it). */
  started: boolean;
  /** Drops the benchmark's database, and stops the server if this run started it. */
  stop(): Promise<void>;
}

const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh database on REGIE_BENCH_DATABASE_URL's server, else on the local
 * server on 5432 (Debian's cluster, started if it is stopped), else on a
 * cluster started on a free loopback port for this run. The database is
 * dropped at the end, so a shared server is safe.
 */
export async function findPostgres(): Promise<BenchPostgres> {
  let adminUrl = process.env.REGIE_BENCH_DATABASE_URL;
  let started: StartedPostgres | undefined;
  if (!adminUrl) {
    const local =
      (await postgresAnswers(LOCAL_ADMIN_URL)) ||
      ((await startDebianCluster()) && (await postgresAnswers(LOCAL_ADMIN_URL)));
    if (local) adminUrl = LOCAL_ADMIN_URL;
    else {
      started = await startPostgresCluster();
      adminUrl = started.url;
    }
  }
  const database = await createTestDatabase(adminUrl);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await client.end();
  return {
    url: database.url,
    version,
    started: started !== undefined,
    stop: async () => {
      await database.drop().catch(() => undefined);
      await started?.destroy();
    },
  };
}

/** A fresh schema prefix (the config allows a lowercase letter, then letters, digits and _, at most 16). */
export const benchSchemaPrefix = (name: string): string => `b${name.slice(0, 6)}${randomBytes(4).toString('hex')}`;

/**
 * Adds `count` disclosed calls straight into a tenant's table, as many callers
 * waiting would leave them: the load that the HTTP API would take minutes to
 * make. Their codes are random hashes no request will match.
 */
export async function addLiveCallRows(url: string, schema: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const now = Date.now();
    await client.query(
      `INSERT INTO ${schema}.calls (call_id, purpose, status, call_token_hash, code_hash, code_expires_at,
                                    attributes_sealed, created_at, disclosed_at, delete_at)
       SELECT 'bulk' || n, 'general', 'disclosed', md5('t' || n), md5(random()::text || n), $1::bigint + 3600000,
              md5('a' || n), $1, $1, $1::bigint + 3600000
       FROM generate_series(1, $2::int) AS n`,
      [now, count],
    );
    await client.query(`ANALYZE ${schema}.calls`);
  } finally {
    await client.end();
  }
}
