import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
