import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { freePort } from './listen.js';

/** A redis-server this test run started on loopback, and how to stop it. */
export interface StartedRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** True when something answers PING with PONG at host:port (over TLS when a CA is given). */
export function redisAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000, tlsCa?: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = tlsCa ? tlsConnect({ port, host, ca: tlsCa, servername: 'localhost' }) : new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    if (tlsCa) socket.once('secureConnect', () => socket.write('PING\r\n'));
    else socket.connect(port, host, () => socket.write('PING\r\n'));
  });
}

/** Spawns redis-server with these arguments and waits until `ready` says it answers. */
async function spawnRedis(
  args: string[],
  port: number,
  ready: () => Promise<boolean>,
  scheme = 'redis',
): Promise<StartedRedis> {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`redis-server could not start: ${error.message}`))),
  );
  const deadline = Date.now() + 10_000;
  while (!(await Promise.race([ready(), failed]))) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `${scheme}://${scheme === 'rediss' ? 'localhost' : '127.0.0.1'}:${port}`,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Starts `redis-server` on a free loopback port (or the one given, to restart
 * on the same address). Nothing is written to disk unless a data directory is given.
 */
export async function startRedisServer({
  port,
  dataDir,
  extraArgs = [],
}: { port?: number; dataDir?: string; extraArgs?: string[] } = {}): Promise<StartedRedis> {
  const chosen = port ?? (await freePort());
  // With a data directory the server keeps an append-only file, so a restart finds its data again.
  const persistence = dataDir ? ['--appendonly', 'yes', '--dir', dataDir] : ['--appendonly', 'no'];
  const args = [
    '--port',
    String(chosen),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    ...persistence,
    '--protected-mode',
    'yes',
    ...extraArgs,
  ];
  return spawnRedis(args, chosen, () => redisAnswers(chosen));
}

/** A Redis that speaks only TLS, with the given certificate (clients need not present one). */
export async function startTlsRedisServer(certFile: string, keyFile: string, ca: Buffer): Promise<StartedRedis> {
  const port = await freePort();
  const args = [
    '--port',
    '0',
    '--tls-port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--tls-cert-file',
    certFile,
    '--tls-key-file',
    keyFile,
    '--tls-ca-cert-file',
    certFile,
    '--tls-auth-clients',
    'no',
  ];
  return spawnRedis(args, port, () => redisAnswers(port, '127.0.0.1', 1000, ca), 'rediss');
}

/** A Sentinel watching `primaryPort` under `name`; its config file lives in `dir` (Sentinel rewrites it). */
export async function startSentinel(dir: string, name: string, primaryPort: number): Promise<StartedRedis> {
  const { writeFileSync } = await import('node:fs');
  const port = await freePort();
  const file = `${dir}/sentinel-${port}.conf`;
  writeFileSync(
    file,
    [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 1`, ''].join(
      '\n',
    ),
  );
  return spawnRedis([file, '--sentinel'], port, () => redisAnswers(port));
}

/** Three primaries made into a Redis Cluster (no replicas), on loopback, without persistence. */
export async function startRedisCluster(
  dir: string,
): Promise<{ nodes: { host: string; port: number }[]; stop(): Promise<void> }> {
  const servers = await Promise.all(
    [0, 1, 2].map(async () => {
      const port = await freePort();
      return startRedisServer({
        port,
        extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--dir', dir],
      });
    }),
  );
  const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
  await promisify(execFile)('redis-cli', [
    '--cluster',
    'create',
    ...addresses,
    '--cluster-replicas',
    '0',
    '--cluster-yes',
  ]);
  const deadline = Date.now() + 15_000;
  for (const server of servers) {
    for (;;) {
      const { stdout } = await promisify(execFile)('redis-cli', ['-p', String(server.port), 'cluster', 'info']);
      if (stdout.includes('cluster_state:ok')) break;
      if (Date.now() > deadline) throw new Error('the cluster did not come up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })),
    stop: async () => void (await Promise.all(servers.map((server) => server.stop()))),
  };
}
