import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEMO_CONFIG_PATH } from './demo-config-path.js';
import { ConfigError, resolveConfig, type AppConfig, type Env } from './resolve-config.js';

export { DEMO_CONFIG_PATH };

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`config error: cannot read config file ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config error: ${path} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Demo mode keeps its master key in the data directory so data written by one
 * `npm start` can be read by the next. Production must pass REGIE_MASTER_KEY.
 */
function demoMasterKeyIn(dataDir: string): () => string {
  return () => {
    const file = join(dataDir, 'demo-master.key');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const key = `demo:${randomBytes(32).toString('base64')}`;
    writeFileSync(file, key, { mode: 0o600 });
    return key;
  };
}

export function loadConfig(env: Env, { demo = false }: { demo?: boolean } = {}): AppConfig {
  const path = env.REGIE_CONFIG ?? (demo ? DEMO_CONFIG_PATH : undefined);
  if (!path) throw new ConfigError('config error: REGIE_CONFIG: name a config file (or start with --demo)');
  const content = readJson(path) as Record<string, unknown>;
  const dataDir = env.REGIE_DATA_DIR ?? (content.dataDir as string | undefined) ?? './data';
  return resolveConfig(content, env, { demoMasterKey: demoMasterKeyIn(dataDir) });
}
