import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, DEFAULT_CDN_DIR } from '../app.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { ConfigInput } from '../config/schema.js';
import { createExamplesSite, DEFAULT_EXAMPLES_DIR, readCdnManifest } from '../demo/examples-site.js';
import { createLogger } from '../http/logger.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import { freePort, listenOn } from '../testing/listen.js';
import { testConfigInput } from '../testing/test-server.js';

const DEMO_CONFIG_FILE = new URL('../../config/demo.json', import.meta.url);

/** The demo's creditors and debt app (config/demo.json) for tenant nijmegen, as `npm start` has them. */
function withDemoParties(input: ConfigInput): ConfigInput {
  const demo = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8')) as { tenants: { id: string; connect?: unknown }[] };
  const connect = demo.tenants.find((tenant) => tenant.id === 'nijmegen')?.connect;
  return {
    ...input,
    tenants: input.tenants.map((tenant) =>
      tenant.id === 'nijmegen' ? { ...tenant, connect } : tenant,
    ) as ConfigInput['tenants'],
  };
}

export interface BenchDemoStack {
  serverOrigin: string;
  examplesOrigin: string;
  stop(): Promise<void>;
}

/**
 * The demo as `npm start` runs it (server, demo IRMA server, and the examples
 * on a second origin under their strict CSP), on loopback, with SQLite files
 * in a temporary directory. `extraPages` adds files to a copy of examples/
 * (a benchmark's baseline pages), served the same way as the real ones.
 */
export async function startBenchDemoStack(extraPages: Record<string, string> = {}): Promise<BenchDemoStack> {
  const [serverPort, examplesPort] = [await freePort(), await freePort()];
  const serverOrigin = `http://localhost:${serverPort}`;
  const examplesOrigin = `http://127.0.0.1:${examplesPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-bench-'));
  const examplesDir = join(dataDir, 'examples');
  cpSync(DEFAULT_EXAMPLES_DIR, examplesDir, { recursive: true });
  for (const [path, text] of Object.entries(extraPages)) writeFileSync(join(examplesDir, path), text);
  const config = resolveConfig(
    withDemoParties(testConfigInput({ publicUrl: serverOrigin, logLevel: 'silent', examples: { port: examplesPort } })),
    {},
  );
  const store = new SqliteStore({ directory: dataDir, tenantIds: config.tenants.map((t) => t.id) });
  const app = createApp(config, { store, logger: createLogger('silent') });
  const site = createExamplesSite({
    serverOrigin,
    siteOrigin: examplesOrigin,
    examplesDir,
    cdnManifest: () => readCdnManifest(DEFAULT_CDN_DIR),
  });
  const stopServer = await listenOn(app.fetch, serverPort);
  const stopSite = await listenOn(site.fetch, examplesPort);
  await site.registerDemoServices();
  return {
    serverOrigin,
    examplesOrigin,
    async stop() {
      await Promise.all([stopServer(), stopSite()]);
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
