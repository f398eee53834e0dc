import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './listen.js';
import { makeLocalhostCertificate } from './localhost-certificate.js';

const run = promisify(execFile);

/** True when a PostgreSQL at this URL accepts a connection and answers a query. */
export async function postgresAnswers(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The newest server Debian's `postgresql` package installed, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBinDir(): string | undefined {
  if (!existsSync('/usr/lib/postgresql')) return undefined;
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((version) => existsSync(`/usr/lib/postgresql/${version}/bin/postgres`))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && `/usr/lib/postgresql/${versions[0]}/bin`;
}

/** Starts Debian's own cluster (`<version> main`) when it exists but is stopped; false when there is none. */
export async function startDebianCluster(): Promise<boolean> {
  if (!existsSync('/etc/postgresql')) return false;
  for (const version of readdirSync('/etc/postgresql')) {
    if (!existsSync(`/etc/postgresql/${version}/main`)) continue;
    try {
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
      return true;
    } catch {
      // Already running on another port, or not ours to start: a cluster of the run's own follows.
    }
  }
  return false;
}

/** A PostgreSQL cluster of this test run (its own data directory and port), which tests may stop and start. */
export interface StartedPostgres {
  /** Superuser URL on the cluster's `postgres` database. */
  url: string;
  port: number;
  /** With `tls`: the server's self-signed certificate for `localhost`, its own CA. */
  caFile?: string;
  start(): Promise<void>;
  /** Stops it; `immediate` aborts like a crash would (no checkpoint). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops it and deletes its data directory. */
  destroy(): Promise<void>;
}

/**
 * initdb and pg_ctl refuse to run as root: as root, the cluster belongs to the
 * `postgres` user that Debian's package creates.
 */
async function asServerUser(command: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
  else await run(command, args);
}

/**
 * initdb into a fresh directory and start on a free loopback port, with trust
 * authentication on loopback only. Without `fsync` (tests) a crash of the
 * process loses nothing, only a crash of the machine could; the durability
 * benchmark keeps it on, as production does.
 */
export async function startPostgresCluster({
  fsync = false,
  tls = false,
}: { fsync?: boolean; tls?: boolean } = {}): Promise<StartedPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian package postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'regiekit-pg-'));
  const owner = async (path: string) => {
    if (process.getuid?.() !== 0) return;
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    chownSync(path, Number(stdout.trim()), Number(group.trim()));
  };
  await owner(dir);
  const data = join(dir, 'data');
  const port = await freePort();
  await asServerUser(`${bin}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  let options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fsync ? '' : ' -c fsync=off'}`;
  let caFile: string | undefined;
  if (tls) {
    caFile = join(dir, 'server.crt');
    const keyFile = join(dir, 'server.key');
    makeLocalhostCertificate(caFile, keyFile);
    chmodSync(keyFile, 0o600);
    await owner(keyFile);
    await owner(caFile);
    options += ` -c ssl=on -c ssl_cert_file=${caFile} -c ssl_key_file=${keyFile}`;
  }
  const cluster: StartedPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    ...(caFile && { caFile }),
    start: () => asServerUser(`${bin}/pg_ctl`, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    stop: (mode = 'fast') => asServerUser(`${bin}/pg_ctl`, ['-D', data, '-m', mode, '-w', 'stop']),
    destroy: async () => {
      await cluster.stop('immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** Creates a database of its own on the server at `adminUrl`; returns its URL and how to drop it. */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `regiekit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // C collation: the same order of text as SQLite's, whatever the server's locale.
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
