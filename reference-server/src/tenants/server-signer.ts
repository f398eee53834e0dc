import type { JWK } from 'jose';
import type { ServerSigningKeys } from '../crypto/server-signing-keys.js';
import type { Clock } from '../shared/clock.js';
import type { TenantContext } from './tenant-context.js';

/** How often a tenant's store hears again that a key is still signing (it keeps first and last use). */
const NOTE_EVERY_MS = 60 * 60_000;

/** A published public key, with the period it signed in when it is no longer one of the current keys. */
export type PublishedKey = JWK & { signed_from?: string; signed_until?: string };

/**
 * The server's signatures made for a tenant (consent receipts, ID tokens).
 * Each tenant's store keeps which public key signed for it and when, so that
 * a receipt stays checkable for years: when its master key is retired, the
 * key that signed it is still published, with the period it signed in.
 */
export class ServerSigner {
  private readonly noted = new Map<string, number>();

  constructor(
    private readonly keys: ServerSigningKeys,
    private readonly clock: Clock,
  ) {}

  async sign(
    tenant: TenantContext,
    payload: Record<string, unknown>,
    claims: Parameters<ServerSigningKeys['sign']>[1],
  ): Promise<string> {
    await this.note(tenant);
    return this.keys.sign(payload, { now: this.clock.now(), ...claims });
  }

  /** The current keys, and every earlier key that signed for one of `tenants`, with its period. */
  async jwks(tenants: readonly TenantContext[]): Promise<{ keys: PublishedKey[] }> {
    const current = (await this.keys.jwks()).keys;
    const retired = new Map<string, PublishedKey>();
    for (const tenant of tenants) {
      for (const record of await tenant.store.signingKeys.list()) {
        if (current.some((key) => key.kid === record.kid)) continue;
        const known = retired.get(record.kid);
        const from = Math.min(record.firstUsedAt, known?.signed_from ? Date.parse(known.signed_from) : Infinity);
        const until = Math.max(record.lastUsedAt, known?.signed_until ? Date.parse(known.signed_until) : 0);
        retired.set(record.kid, {
          ...(JSON.parse(record.jwk) as JWK),
          signed_from: new Date(from).toISOString(),
          signed_until: new Date(until).toISOString(),
        });
      }
    }
    return { keys: [...current, ...retired.values()] };
  }

  private async note(tenant: TenantContext): Promise<void> {
    const key = this.keys.current;
    const now = this.clock.now();
    const id = `${tenant.settings.id}/${key.kid}`;
    if (now - (this.noted.get(id) ?? -Infinity) < NOTE_EVERY_MS) return;
    await tenant.store.signingKeys.recordUse(key.kid, JSON.stringify(key.publicJwk), now);
    this.noted.set(id, now);
  }
}
