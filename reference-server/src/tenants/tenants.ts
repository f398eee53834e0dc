import type { AppConfig } from '../config/resolve-config.js';
import { TenantCrypto } from '../crypto/tenant-crypto.js';
import type { Store } from '../storage/store.js';
import type { TenantContext } from './tenant-context.js';

/** Every tenant the server serves, each with its own store and keys; no request crosses tenants. */
export class Tenants {
  private readonly contexts: Map<string, TenantContext>;

  constructor(config: Pick<AppConfig, 'tenants' | 'keyRing'>, store: Store) {
    this.contexts = new Map(
      config.tenants.map((settings) => [
        settings.id,
        { settings, store: store.forTenant(settings.id), crypto: new TenantCrypto(config.keyRing, settings.id) },
      ]),
    );
  }

  get(id: string): TenantContext | undefined {
    return this.contexts.get(id);
  }

  all(): TenantContext[] {
    return [...this.contexts.values()];
  }
}
