#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { rotateTenantKeys } from './key-rotation.js';
import { TenantCrypto } from '../crypto/tenant-crypto.js';
import { loadConfig } from '../config/load-config.js';
import { ConfigError } from '../config/resolve-config.js';
import { openStorage } from '../storage/open-storage.js';

const USAGE = `Re-encrypts long-lived data (connections, consents, data references, passkeys)
under the current master key, so an older key can be retired.

  npm run rotate-keys [-- --demo]

Run it with the new key in REGIE_MASTER_KEY and the old ones still in
REGIE_PREVIOUS_MASTER_KEYS, with the same configuration as the server
(REGIE_CONFIG, REGIE_DATA_DIR, REGIE_STORAGE, ...). The server may keep running.
See docs/keys-and-retention.md.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { demo: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig(process.env, { demo: values.demo ?? false });
  const storage = await openStorage(config);
  try {
    let remaining = 0;
    for (const tenant of config.tenants) {
      const report = await rotateTenantKeys(
        storage.store.forTenant(tenant.id),
        new TenantCrypto(config.keyRing, tenant.id),
      );
      remaining += report.remaining;
      const counts = Object.entries(report.resealed)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ');
      console.log(
        `${tenant.id}: re-encrypted under key ${config.keyRing.currentKeyId}: ${counts}; left under older keys: ${report.remaining}`,
      );
    }
    if (remaining > 0) {
      console.log('Some values changed while this ran; run rotate-keys again.');
      return 1;
    }
    console.log(
      'Done. Once the retention time (at most an hour) has passed since the new key took over, the old keys can go.',
    );
    return 0;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof ConfigError ? error.message : `rotate-keys failed: ${error.message}`);
    process.exit(1);
  },
);
