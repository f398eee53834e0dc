import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { freePort } from './listen.js';

/** A redis-server this test run started (on loopback, without persistence), and how to stop it. */
export interface StartedRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** True when something answers PING with PONG at host:port. */
export function redisAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Starts `redis-server` on a free loopback port (or the one given, to restart
 * on the same address). Nothing is written to disk unless a data directory is given.
 */
export async function startRedisServer({ port, dataDir, extraArgs = [] }: { port?: number; dataDir?: string; extraArgs?: string[] } = {}): Promise<StartedRedis> {
  const chosen = port ?? (await freePort());
  // With a data directory the server keeps an append-only file, so a restart finds its data again.
  const persistence = dataDir ? ['--appendonly', 'yes', '--dir', dataDir] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', ...persistence, '--protected-mode', 'yes', ...extraArgs], {
    stdio: 'ignore',
  });
  const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`redis-server could not start: ${error.message}`))));
  const deadline = Date.now() + 10_000;
  while (!(await Promise.race([redisAnswers(chosen), failed]))) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${chosen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
