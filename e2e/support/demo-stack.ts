import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, DEFAULT_CDN_DIR } from '../../reference-server/src/app.js';
import { resolveConfig, type AppConfig } from '../../reference-server/src/config/resolve-config.js';
import { newDtmfCode } from '../../reference-server/src/calls/dtmf-code.js';
import { createAllowanceSource } from '../../reference-server/src/demo/allowance-source.js';
import { createExamplesSite, readCdnManifest } from '../../reference-server/src/demo/examples-site.js';
import { createLogger } from '../../reference-server/src/http/logger.js';
import { SqliteStore } from '../../reference-server/src/storage/sqlite/sqlite-store.js';
import { freePort, listenOn } from '../../reference-server/src/testing/listen.js';
import { testConfigInput } from '../../reference-server/src/testing/test-server.js';
import type { ConfigInput } from '../../reference-server/src/config/schema.js';

const DEMO_CONFIG_FILE = new URL('../../reference-server/config/demo.json', import.meta.url);

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

/** Real time plus an offset the test can move, so Yivi time-outs happen without waiting. */
export class ShiftableClock {
  offset = 0;
  now = (): number => Date.now() + this.offset;
}

export interface DemoStack {
  serverOrigin: string;
  examplesOrigin: string;
  /** Demo Toeslagen, the source of data fetched into applications, on a third origin. */
  sourceOrigin: string;
  config: AppConfig;
  store: SqliteStore;
  dataDir: string;
  clock: ShiftableClock;
  /** Codes handed out before random ones, e.g. one with leading zeros. */
  nextCodes: string[];
  stop(): Promise<void>;
}

/**
 * The demo as `npm start` runs it (server, demo IRMA server, simulator, and the
 * examples on a second origin under a strict CSP), on free loopback ports and
 * with SQLite files in a temporary directory.
 */
export async function startDemoStack(): Promise<DemoStack> {
  const [serverPort, examplesPort, sourcePort] = [await freePort(), await freePort(), await freePort()];
  const serverOrigin = `http://localhost:${serverPort}`;
  const examplesOrigin = `http://127.0.0.1:${examplesPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-e2e-'));
  const config = resolveConfig(
    withDemoParties(testConfigInput({ publicUrl: serverOrigin, examples: { port: examplesPort, sourcePort } })),
    {},
  );
  const store = new SqliteStore({ directory: dataDir, tenantIds: config.tenants.map((t) => t.id) });
  const clock = new ShiftableClock();
  const nextCodes: string[] = [];
  const app = createApp(config, {
    store,
    clock,
    logger: createLogger('warn'),
    newDtmfCode: () => nextCodes.shift() ?? newDtmfCode(),
  });
  const site = createExamplesSite({
    serverOrigin,
    siteOrigin: examplesOrigin,
    cdnManifest: () => readCdnManifest(DEFAULT_CDN_DIR),
  });
  const sourceOrigin = `http://localhost:${sourcePort}`;
  const source = createAllowanceSource({
    serverOrigin,
    siteOrigin: sourceOrigin,
    irma: { baseUrl: `${serverOrigin}/demo/irma`, auth: config.irma.auth },
  });
  const stopServer = await listenOn(app.fetch, serverPort);
  const stopSite = await listenOn(site.fetch, examplesPort);
  const stopSource = await listenOn(source.fetch, sourcePort);
  await Promise.all([site.registerDemoServices(), source.registerServices()]);
  return {
    serverOrigin,
    examplesOrigin,
    sourceOrigin,
    config,
    store,
    dataDir,
    clock,
    nextCodes,
    async stop() {
      await Promise.all([stopServer(), stopSite(), stopSource()]);
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
