import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the forked server under test (bench-server.ts) is started with. */
export interface BenchServerOptions {
  engine: 'sqlite' | 'redis' | 'postgres';
  /** SQLite: where the tenant files go. */
  dataDir?: string;
  redisUrl?: string;
  /** Redis: instances started with the same prefix share their state. */
  keyPrefix?: string;
  /** How many tenants the server has (benchTenants); Nijmegen and Arnhem unless more are asked. */
  tenants?: number;
  databaseUrl?: string;
  /** PostgreSQL: instances started with the same prefix share their state. */
  schemaPrefix?: string;
}

export interface MemoryReport {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** SQLite database files after a checkpoint; undefined on Redis. */
  sqliteBytes: number | undefined;
}

export type BenchServerRequest =
  | { id: number; type: 'memory' }
  | { id: number; type: 'cpu' }
  | { id: number; type: 'seed-agents'; count: number; from: number; tenant: string }
  | { id: number; type: 'stop' };

export type BenchServerReply =
  | { id: number; type: 'ready'; origin: string; pingOrigin: string }
  | { id: number; type: 'memory'; memory: MemoryReport }
  | { id: number; type: 'cpu'; micros: number }
  | { id: number; type: 'seed-agents'; cookies: string[] }
  | { id: number; type: 'stopped' }
  | { id: number; type: 'error'; message: string };

export interface BenchServer {
  /** The reference server (tenant `nijmegen`). */
  origin: string;
  /** A trivial Hono app in the same process, served the same way: GET /ping, and POST /echo (answers the JSON body it got). */
  pingOrigin: string;
  /** The process's memory after a full garbage collection. */
  memory(): Promise<MemoryReport>;
  /** CPU time (user + system) the server process has used so far, in µs: other processes do not move it. */
  cpu(): Promise<number>;
  /** Signed-in agents of the tenant (Nijmegen unless told), numbered from `from`; resolves with their session cookies. */
  seedAgents(count: number, from?: number, tenant?: string): Promise<string[]>;
  stop(): Promise<void>;
  /** kill -9: no shutdown code runs. */
  kill(): Promise<void>;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const ENTRY = fileURLToPath(new URL('./bench-server.js', import.meta.url));

/** Forks a server under test and resolves once it listens. */
export function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  // --expose-gc: memory figures are taken after a full collection, not whenever V8 last felt like one.
  const child = fork(ENTRY, [], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, REGIE_BENCH_SERVER: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (reply: BenchServerReply) => void>();
  let nextId = 1;
  const ask = (request: WithoutId<BenchServerRequest>) =>
    new Promise<BenchServerReply>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (reply) =>
        reply.type === 'error' ? reject(new Error(`bench server: ${reply.message}`)) : resolve(reply),
      );
      child.send({ ...request, id });
    });

  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before it listened`)));
    child.on('message', (reply: BenchServerReply) => {
      if (reply.type === 'ready') {
        resolve({
          origin: reply.origin,
          pingOrigin: reply.pingOrigin,
          memory: async () => ((await ask({ type: 'memory' })) as Extract<BenchServerReply, { type: 'memory' }>).memory,
          cpu: async () => ((await ask({ type: 'cpu' })) as Extract<BenchServerReply, { type: 'cpu' }>).micros,
          seedAgents: async (count, from = 0, tenant = 'nijmegen') =>
            (
              (await ask({ type: 'seed-agents', count, from, tenant })) as Extract<
                BenchServerReply,
                { type: 'seed-agents' }
              >
            ).cookies,
          stop: async () => {
            const exited = new Promise((done) => child.once('exit', done));
            await ask({ type: 'stop' });
            await exited;
          },
          kill: async () => {
            const exited = new Promise((done) => child.once('exit', done));
            child.kill('SIGKILL');
            await exited;
          },
        });
      } else {
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
      }
    });
  });
}
