import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../reference-server/src/testing/listen.js';

/** The CLI entry `npm start` and the Docker image run. */
export const MAIN = join(import.meta.dirname, '../../reference-server/dist/main.js');

/** A master key for tests that start several processes on one store: they must share it. */
export const TEST_MASTER_KEY = `test:${Buffer.alloc(32, 9).toString('base64')}`;

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Sends the signal and resolves with the exit code (or signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * Starts the reference server as its own process (demo mode unless told
 * otherwise) on a free loopback port, and resolves once it listens.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { demo = true, port }: { demo?: boolean; port?: number } = {},
): Promise<ServerProcess> {
  const chosen = port ?? (await freePort());
  const [examplesPort, sourcePort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [MAIN, ...(demo ? ['--demo'] : [])], {
    env: {
      ...process.env,
      PORT: String(chosen),
      REGIE_EXAMPLES_PORT: String(examplesPort),
      REGIE_SOURCE_PORT: String(sourcePort),
      REGIE_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const url = `http://localhost:${chosen}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port: chosen,
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
