import type { TenantContext } from '../tenants/tenant-context.js';

/**
 * A consumer's pseudonym of a user (`sub`): made once, then always the same,
 * also after a key rotation. Signing in to a consumer makes it, and so does
 * data the user forwards to a consumer they never signed in to.
 */
export async function pairwiseSubject(
  tenant: TenantContext,
  consumerId: string,
  userId: string,
  now: number,
): Promise<string> {
  const known = await tenant.store.oauth.subjectOf(consumerId, userId);
  if (known) return known;
  const sub = tenant.crypto.pseudonym(consumerId, userId);
  await tenant.store.oauth.rememberSubject(consumerId, sub, userId, now);
  return sub;
}
