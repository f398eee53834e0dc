import type { TenantSettings } from '../config/resolve-config.js';
import type { TenantCrypto } from '../crypto/tenant-crypto.js';
import type { TenantStore } from '../storage/store.js';

/** Everything a request needs about the tenant it addresses, resolved once per request. */
export interface TenantContext {
  settings: TenantSettings;
  store: TenantStore;
  crypto: TenantCrypto;
}
