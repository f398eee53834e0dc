import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { generatePolicy } from './population.js';
import { seeded } from '../plan/population.js';
import { canonicalJson, policyHash, signAcceptancePolicy, verifyAcceptancePolicy } from './policy-signing.js';

const creditor = await generateKeyPair('ES256', { extractable: true });
const stranger = await generateKeyPair('ES256');
const jwks = { keys: [{ ...(await exportJWK(creditor.publicKey)), kid: 'policy-1', alg: 'ES256' }] };
const policy = generatePolicy(seeded(7), 'demo-energie');
const signed = await signAcceptancePolicy(policy, { privateKey: creditor.privateKey, keyId: 'policy-1' });

describe('signed acceptance policies', () => {
  it('verify with the creditor’s JWKS and name the version by its hash', async () => {
    const verified = await verifyAcceptancePolicy(signed, jwks, {
      providerId: 'demo-energie',
      currentVersion: policy.version,
    });
    expect(verified.policy).toEqual(policy);
    expect(verified.policyHash).toBe(await policyHash(policy));
    expect(verified.policyHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('hash the same policy the same whatever the order of its keys', async () => {
    const reordered = Object.fromEntries(Object.entries(policy).reverse()) as typeof policy;
    expect(canonicalJson(reordered)).toBe(canonicalJson(policy));
    expect(await policyHash(reordered)).toBe(await policyHash(policy));
  });

  it.each([
    ['a signature by another key', async () => verifyAcceptancePolicy(signed, stranger.publicKey), 'signature'],
    [
      'a policy changed after signing',
      async () =>
        verifyAcceptancePolicy(
          { ...signed, policy: { ...policy, term: { ...policy.term, maxMonths: 120 } } },
          creditor.publicKey,
        ),
      'content',
    ],
    [
      'a hash of another version',
      async () => verifyAcceptancePolicy({ ...signed, policyHash: 'A'.repeat(43) }, creditor.publicKey),
      'hash',
    ],
    [
      'another creditor’s policy',
      async () => verifyAcceptancePolicy(signed, creditor.publicKey, { providerId: 'demo-zorgverzekeraar' }),
      'provider',
    ],
    [
      'an old version',
      async () => verifyAcceptancePolicy(signed, creditor.publicKey, { currentVersion: policy.version + 1 }),
      'old-version',
    ],
    ['a JWS that is not one', async () => verifyAcceptancePolicy({ ...signed, jws: 'x.y.z' }, jwks), 'signature'],
  ] as const)('refuse %s', async (_, verify, problem) => {
    await expect(verify()).rejects.toMatchObject({ name: 'PolicyVerificationError', problem });
  });
});
