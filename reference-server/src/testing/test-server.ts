import { Writable } from 'node:stream';
import { createApp, type AppDeps } from '../app.js';
import { resolveConfig, type AppConfig } from '../config/resolve-config.js';
import type { ConfigInput } from '../config/schema.js';
import { createLogger } from '../http/logger.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import type { Store } from '../storage/store.js';
import { testConnectConfig } from './test-parties.js';

/** A clock tests move by hand, so expiry is tested without waiting. */
export class ManualClock {
  constructor(public current = Date.parse('2026-11-23T10:00:00Z')) {}
  now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

export const SWITCHBOARD_SECRETS = {
  nijmegen: 'test-switchboard-secret-nijmegen-0123456789',
  arnhem: 'test-switchboard-secret-arnhem-0123456789abc',
};

export function testConfigInput(overrides: Partial<ConfigInput> = {}): ConfigInput {
  return {
    mode: 'demo',
    publicUrl: 'http://localhost:8080',
    masterKey: `test:${Buffer.alloc(32, 7).toString('base64')}`,
    irma: { type: 'demo', auth: { type: 'token', token: 'test-irma-token-0123456789abcdef0123' } },
    examples: { port: 8081 },
    logLevel: 'info',
    tenants: [
      {
        id: 'nijmegen',
        displayName: 'Gemeente Nijmegen',
        phoneNumber: '+31243299999',
        allowedOrigins: ['https://www.nijmegen.nl'],
        externalLink: { template: 'https://crm.example/persons?bsn={bsn}&src=regiekit' },
        switchboardSecret: SWITCHBOARD_SECRETS.nijmegen,
        purposes: {
          general: { label: { nl: 'Algemeen', en: 'General' } },
          taxes: {
            label: { nl: 'Belastingen', en: 'Taxes' },
            attributes: ['pbdf.gemeente.personalData.bsn', 'pbdf.gemeente.personalData.surname'],
          },
        },
        connect: testConnectConfig.nijmegen,
      },
      {
        id: 'arnhem',
        displayName: 'Gemeente Arnhem',
        phoneNumber: '+31263773911',
        switchboardSecret: SWITCHBOARD_SECRETS.arnhem,
        connect: testConnectConfig.arnhem,
      },
    ],
    ...overrides,
  };
}

export interface TestServer<S extends Store = SqliteStore> {
  app: ReturnType<typeof createApp>;
  config: AppConfig;
  store: S;
  clock: ManualClock;
  /** Every log line the server wrote, as text. */
  logs: () => string;
  close: () => Promise<void>;
}

export interface TestServerOptions {
  config?: Partial<ConfigInput>;
  deps?: Partial<AppDeps>;
  dataDir?: string;
  clock?: ManualClock;
}

/** The reference server wired up for `app.request()` tests, with a manual clock and captured logs. */
export function createTestServer(options: TestServerOptions = {}): TestServer {
  const config = resolveConfig(testConfigInput(options.config), {});
  const store = new SqliteStore({
    directory: options.dataDir ?? ':memory:',
    tenantIds: config.tenants.map((t) => t.id),
  });
  return createTestServerOn(store, options);
}

/** The same on a store the test opened (another engine, or one shared by two servers). */
export function createTestServerOn<S extends Store>(store: S, options: TestServerOptions = {}): TestServer<S> {
  const config = resolveConfig(testConfigInput(options.config), {});
  const clock = options.clock ?? new ManualClock();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = createApp(config, { store, clock, logger: createLogger('debug', sink), ...options.deps });
  return { app, config, store, clock, logs: () => lines.join(''), close: () => store.close() };
}
