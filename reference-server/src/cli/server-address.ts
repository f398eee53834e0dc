import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

const FILE = 'server-address';

/**
 * The demo server notes where it listens in its data directory (next to the
 * demo master key), because a CLI tool started in another terminal, without
 * the server's PORT, would otherwise print the default address.
 */
export function recordServerAddress(dataDir: string, publicUrl: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, FILE), `${publicUrl}\n`, { mode: 0o600 });
  } catch {
    // Only a convenience for the CLI tools: the server runs without it.
  }
}

/** The address the demo server last recorded in this data directory, if any. */
export function recordedServerAddress(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Where a running demo says which data directory it uses, for CLI tools started without REGIE_DATA_DIR. */
const runningDemoFile = () => join(tmpdir(), `regiekit-demo-${userInfo().uid}.json`);

/** The demo server notes its data directory, so `npm run create-admin -- --demo` in another terminal finds it. */
export function recordRunningDemo(dataDir: string): void {
  try {
    writeFileSync(runningDemoFile(), JSON.stringify({ dataDir: resolve(dataDir), pid: process.pid }), { mode: 0o600 });
  } catch {
    // A convenience only.
  }
}

/** The data directory of a demo server that is running now, if one noted it. */
export function runningDemoDataDir(): string | undefined {
  try {
    const { dataDir, pid } = JSON.parse(readFileSync(runningDemoFile(), 'utf8')) as { dataDir: string; pid: number };
    process.kill(pid, 0); // throws when that process is gone
    return dataDir;
  } catch {
    return undefined;
  }
}
