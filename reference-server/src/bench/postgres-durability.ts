import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { DEMO_PERSONAS } from '../irma/demo/demo-personas.js';
import { createTestDatabase, startPostgresCluster, type StartedPostgres } from '../testing/postgres-server.js';
import { benchSchemaPrefix } from './bench-postgres.js';
import { disclosedCall, resolveCode } from './citizen-http.js';
import { describeMachine, loadAverage } from './machine.js';
import { startBenchServer, type BenchServer } from './server-process.js';
import { printTable } from './stats.js';

/**
 * What PostgreSQL keeps when things break mid-burst, on a cluster of this
 * benchmark's own (fsync on, as in production) so it can be crashed:
 * - kill -9 of an instance while 8 clients start, disclose and resolve calls;
 *   a new instance starts on the same database;
 * - PostgreSQL stopped with `pg_ctl -m immediate` (a crash: no checkpoint)
 *   mid-burst and started again, under the running instance.
 * Every call start answered 200 and every resolve answered 200 is then
 * looked up in the database: nothing acknowledged may be missing. Last, a
 * raw scan of a `pg_dump` of the deployment's schemas for what the callers
 * disclosed and the codes they typed.
 */
const WORKERS = 8;
const BURST_MS = 6000;
const BREAK_AFTER_MS = 2500;
const TENANT_SCHEMA = (prefix: string) => `${prefix}_t_nijmegen`;

interface Acknowledged {
  started: Set<string>;
  resolved: Set<string>;
  codes: Set<string>;
  refused: number;
}

/** Clients starting and resolving calls until `until`; failures (503, lost connections) are not acknowledgements. */
async function burst(server: () => BenchServer, until: number, seen: Acknowledged): Promise<void> {
  let n = 0;
  const worker = async () => {
    while (Date.now() < until) {
      try {
        const { callId, code } = await disclosedCall(server().origin);
        seen.started.add(callId);
        seen.codes.add(code);
        const answer = await resolveCode(server().origin, code, `burst-${n++}`);
        if (answer.status === 200) seen.resolved.add(callId);
        else seen.refused++;
      } catch {
        seen.refused++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}

async function missing(url: string, schema: string, seen: Acknowledged): Promise<{ calls: number; resolves: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ call_id: string; status: string }>(
      `SELECT call_id, status FROM ${schema}.calls WHERE call_id = ANY($1::text[])`,
      [[...seen.started]],
    );
    const found = new Map(rows.map((row) => [row.call_id, row.status]));
    return {
      calls: [...seen.started].filter((id) => !found.has(id)).length,
      resolves: [...seen.resolved].filter((id) => found.get(id) !== 'called').length,
    };
  } finally {
    await client.end();
  }
}

const fresh = (): Acknowledged => ({ started: new Set(), resolved: new Set(), codes: new Set(), refused: 0 });

async function killInstanceMidBurst(url: string, schemaPrefix: string) {
  const start = () => startBenchServer({ engine: 'postgres', databaseUrl: url, schemaPrefix });
  let server = await start();
  const seen = fresh();
  const until = Date.now() + BURST_MS;
  const running = burst(() => server, until, seen);
  await new Promise((resolve) => setTimeout(resolve, BREAK_AFTER_MS));
  await server.kill();
  server = await start();
  await running;
  const lost = await missing(url, TENANT_SCHEMA(schemaPrefix), seen);
  await server.stop();
  return { seen, lost };
}

async function restartPostgresMidBurst(cluster: StartedPostgres, url: string, schemaPrefix: string) {
  const server = await startBenchServer({ engine: 'postgres', databaseUrl: url, schemaPrefix });
  const seen = fresh();
  const running = burst(() => server, Date.now() + BURST_MS + 2000, seen);
  await new Promise((resolve) => setTimeout(resolve, BREAK_AFTER_MS));
  await cluster.stop('immediate');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await cluster.start();
  await running;
  const lost = await missing(url, TENANT_SCHEMA(schemaPrefix), seen);
  await server.stop();
  return { seen, lost };
}

/** How many of the disclosed values and typed codes a plain-SQL dump of every schema of the deployment holds. */
async function dumpHits(
  url: string,
  schemaPrefix: string,
  codes: Set<string>,
): Promise<{ bytes: number; hits: number }> {
  const { stdout } = await promisify(execFile)(
    'pg_dump',
    ['--dbname', url, '--schema', `${schemaPrefix}_*`, '--format', 'plain', '--no-owner'],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const persona = DEMO_PERSONAS[0]!.attributes;
  const secrets = [
    persona['pbdf.gemeente.personalData.bsn']!,
    persona['pbdf.gemeente.personalData.firstnames']!,
    persona['pbdf.gemeente.personalData.surname']!,
    ...codes,
  ];
  return { bytes: stdout.length, hits: secrets.filter((secret) => stdout.includes(secret)).length };
}

async function main(): Promise<void> {
  const cluster = await startPostgresCluster({ fsync: true });
  console.log(
    `\nPostgreSQL durability benchmark on ${describeMachine()}, ${loadAverage()} at the start, a PostgreSQL cluster of its own (fsync on) on port ${cluster.port}`,
  );
  try {
    const { url } = await createTestDatabase(cluster.url);
    const schemaPrefix = benchSchemaPrefix('dur');
    const killed = await killInstanceMidBurst(url, schemaPrefix);
    const restarted = await restartPostgresMidBurst(cluster, url, schemaPrefix);
    const row = (name: string, { seen, lost }: Awaited<ReturnType<typeof killInstanceMidBurst>>) => [
      name,
      String(seen.started.size),
      String(seen.resolved.size),
      String(seen.refused),
      String(lost.calls),
      String(lost.resolves),
    ];
    printTable(
      `${WORKERS} clients starting and resolving calls for ${BURST_MS / 1000} s or more, broken after ${BREAK_AFTER_MS / 1000} s`,
      [
        'what broke',
        'call starts answered 200',
        'resolves answered 200',
        'requests refused or cut off',
        'acknowledged calls missing',
        'acknowledged resolves missing',
      ],
      [
        row('kill -9 of the instance (a new one started)', killed),
        row('PostgreSQL crashed (immediate stop) and started', restarted),
      ],
    );
    const codes = new Set([...killed.seen.codes, ...restarted.seen.codes]);
    const dump = await dumpHits(url, schemaPrefix, codes);
    console.log(
      `\npg_dump of the deployment's schemas (${(dump.bytes / 1024).toFixed(0)} KiB): ${dump.hits} hits for the disclosed BSN, first names and surname and the ${codes.size} codes typed`,
    );
  } finally {
    await cluster.destroy();
  }
}

await main();
