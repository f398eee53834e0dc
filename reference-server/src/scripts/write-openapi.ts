import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApp } from '../app.js';
import { resolveConfig } from '../config/resolve-config.js';
import { createLogger } from '../http/logger.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';

/**
 * Writes the OpenAPI document generated from the routes (docs/openapi.json).
 * Uses a throwaway in-memory configuration: the document does not depend on tenants.
 */
const target = process.argv[2] ?? 'docs/openapi.json';
const config = resolveConfig(
  {
    mode: 'production',
    publicUrl: 'https://regiekit.example',
    masterKey: Buffer.alloc(32).toString('base64'),
    irma: { type: 'server', url: 'https://irma.example', auth: { type: 'token', token: 'x'.repeat(32) } },
    tenants: [
      { id: 'example', displayName: 'Example', phoneNumber: '+31200000000', switchboardSecret: 'x'.repeat(32) },
    ],
  },
  {},
);
const store = new SqliteStore({ directory: ':memory:', tenantIds: ['example'] });
const app = createApp(config, { store, logger: createLogger('silent') });
const document = await (await app.request('/openapi.json')).json();
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
await store.close();
console.log(`OpenAPI document written to ${target}`);
