import { LONG_LIVED_SEALED, type SealedKind } from '../storage/sealed-data.js';
import type { TenantStore } from '../storage/store.js';
import type { TenantCrypto } from '../crypto/tenant-crypto.js';

export interface RotationReport {
  tenantId: string;
  /** Values re-encrypted under the current key, per kind. */
  resealed: Record<SealedKind, number>;
  /** Values still under an older key (changed meanwhile: run again). */
  remaining: number;
}

/**
 * Re-encrypts every long-lived sealed value of one tenant under the current
 * master key. Each value is replaced only if it did not change meanwhile, so
 * the server can keep running; a value that did change was written under the
 * current key anyway.
 */
export async function rotateTenantKeys(store: TenantStore, crypto: TenantCrypto): Promise<RotationReport> {
  const resealed = Object.fromEntries(Object.keys(LONG_LIVED_SEALED).map((kind) => [kind, 0])) as Record<
    SealedKind,
    number
  >;
  let remaining = 0;
  for (const kind of Object.keys(LONG_LIVED_SEALED) as SealedKind[]) {
    for (const { recordId, sealed } of await store.sealedData.list(kind)) {
      const replacement = crypto.reseal(LONG_LIVED_SEALED[kind].purpose, sealed, recordId);
      if (replacement === undefined) continue;
      if (await store.sealedData.replace(kind, recordId, sealed, replacement)) resealed[kind] += 1;
    }
    remaining += (await store.sealedData.list(kind)).filter(({ sealed }) => crypto.isUnderOldKey(sealed)).length;
  }
  return { tenantId: store.tenantId, resealed, remaining };
}
