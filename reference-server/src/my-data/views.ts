import type { Context } from 'hono';
import type { ViewTokenMinted } from '@regiekit/sdk/protocol';
import { hashToken, tokenMatches } from '../crypto/key-ring.js';
import { randomToken } from '../crypto/random.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { PartyDirectory } from '../parties/party-directory.js';
import type { Clock } from '../shared/clock.js';
import type { MyDataViewRecord } from '../storage/my-data-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import { bearerToken } from '../http/bearer-token.js';

/** The company's backend hands the token to its page at once: a short life is enough. */
const TOKEN_TTL_MS = 5 * 60_000;
/** How long the page may read and act on the customer's data after opening. */
export const VIEW_TTL_MS = 30 * 60_000;

/** A view the element opened, with the company's customer reference it is for. */
export interface OpenView {
  record: MyDataViewRecord;
  customerRef: string;
}

/**
 * The customer's view of their data in the company's own portal. The company
 * already knows who is logged in there, so no regie account is needed: its
 * backend mints a short-lived, single-use view token for that customer (with
 * its party credential, never in the page's source), the element opens the
 * view with it once and gets a secret that lets that page read and act on
 * this view only, for half an hour.
 */
export class MyDataViews {
  constructor(private readonly deps: { clock: Clock; directoryOf: (tenant: TenantContext) => PartyDirectory }) {}

  async mint(tenant: TenantContext, providerId: string, customerRef: string): Promise<ViewTokenMinted> {
    const now = this.deps.clock.now();
    const viewToken = randomToken(24);
    const viewId = randomToken(16);
    await tenant.store.myDataViews.insert({
      viewId,
      providerId,
      customerRefSealed: tenant.crypto.sealPersonalData(customerRef, viewId),
      tokenHash: hashToken(viewToken),
      tokenExpiresAt: now + TOKEN_TTL_MS,
      secretHash: null,
      expiresAt: now + TOKEN_TTL_MS,
      createdAt: now,
    });
    return { viewToken, expiresAt: new Date(now + TOKEN_TTL_MS).toISOString() };
  }

  /**
   * Opens the view once, from a page of the company that minted the token:
   * a token used before, expired, or brought to another company's page opens
   * nothing.
   */
  async open(c: Context, tenant: TenantContext, viewToken: string): Promise<OpenView & { secret: string }> {
    const now = this.deps.clock.now();
    const secret = randomToken(32);
    const record = await tenant.store.myDataViews.open(hashToken(viewToken), hashToken(secret), now + VIEW_TTL_MS, now);
    if (!record)
      throw new ApiError(
        401,
        'token_used',
        'This view token was used before, has expired, or is unknown: reload the page.',
      );
    const origin = c.req.header('Origin');
    const portal = this.deps.directoryOf(tenant).provider(record.providerId)?.allowedOrigins ?? [];
    if (origin !== undefined && !portal.includes(origin))
      throw new ApiError(403, 'forbidden', "This view token belongs to another company's portal.");
    return { record, secret, customerRef: tenant.crypto.openPersonalData(record.customerRefSealed, record.viewId) };
  }

  /** The view the request's bearer secret opens, while it lasts. */
  async authorize(c: Context, tenant: TenantContext, viewId: string): Promise<OpenView> {
    const record = await tenant.store.myDataViews.get(viewId);
    const secret = bearerToken(c.req.header('Authorization'));
    if (!record || !record.secretHash || !secret || !tokenMatches(secret, record.secretHash)) throw notFound('view');
    if (record.expiresAt <= this.deps.clock.now())
      throw new ApiError(401, 'token_expired', 'This view has ended: reload the page to see your data again.');
    return { record, customerRef: tenant.crypto.openPersonalData(record.customerRefSealed, record.viewId) };
  }
}
