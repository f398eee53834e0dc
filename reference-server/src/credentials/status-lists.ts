import { StatusList } from '@sd-jwt/jwt-status-list';
import type { StatusReference } from '@regiekit/sdk/protocol';
import type { ServerSigner } from '../tenants/server-signer.js';
import type { TenantContext } from '../tenants/tenant-context.js';

/** Lists are whole bytes and at least this many entries, so a short list does not tell how few credentials exist. */
const MIN_ENTRIES = 8 * 1024;
/** How long a verifier may keep a list before fetching it again (the token's `ttl`). */
export const STATUS_LIST_TTL_S = 300;

/**
 * Each issuing party's Token Status List (one bit per credential: 1 is
 * revoked), kept by this server as the parties' status issuer: an index per
 * customer and type of data, revoked when a correction replaces the data,
 * published as a `statuslist+jwt` signed with the server's key.
 */
export class StatusLists {
  constructor(
    private readonly publicUrl: string,
    private readonly signer: ServerSigner,
  ) {}

  uri(tenantId: string, issuerId: string): string {
    return `${this.publicUrl}/status-lists/${tenantId}/${issuerId}`;
  }

  /** The status entry a credential for this customer and type carries now. */
  async entryFor(tenant: TenantContext, issuerId: string, customerRef: string, vct: string): Promise<StatusReference> {
    const idx = await tenant.store.credentialStatus.indexFor(
      issuerId,
      tenant.crypto.customerKey(issuerId, customerRef),
      vct,
    );
    return { status_list: { idx, uri: this.uri(tenant.settings.id, issuerId) } };
  }

  /** Revokes every credential of this type issued to this customer so far; the next one gets a fresh entry. */
  revoke(tenant: TenantContext, issuerId: string, customerRef: string, vct: string): Promise<number[]> {
    return tenant.store.credentialStatus.revokeCurrent(
      issuerId,
      tenant.crypto.customerKeys(issuerId, customerRef),
      vct,
    );
  }

  /** The list as the Token Status List draft has it: `sub` its own URI, `ttl`, `status_list` {bits, lst}. */
  async token(tenant: TenantContext, issuerId: string): Promise<string> {
    const { size, revoked } = await tenant.store.credentialStatus.statusOf(issuerId);
    const entries = Math.max(MIN_ENTRIES, Math.ceil(size / 8) * 8);
    const list = new StatusList(new Array<number>(entries).fill(0), 1);
    for (const index of revoked) if (index < entries) list.setStatus(index, 1);
    return this.signer.sign(
      tenant,
      { status_list: { bits: 1, lst: list.compressStatusList() }, ttl: STATUS_LIST_TTL_S },
      {
        issuer: this.publicUrl,
        subject: this.uri(tenant.settings.id, issuerId),
        expiresInSeconds: 24 * 3600,
        type: 'statuslist+jwt',
      },
    );
  }
}
