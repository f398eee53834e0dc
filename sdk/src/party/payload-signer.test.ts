import { decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { PayloadFieldError, signPayload } from './payload-signer.js';

const binding = {
  consumerId: 'schuldhulp',
  referenceId: 'ref-0000000000000001',
  serviceType: 'https://regiekit.example/services/payment-due-list/v1',
  fields: ['items'],
};

describe('the provider kit', () => {
  it('signs the data bound to its call: issuer, audience, reference, service, fields, time', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jws = await signPayload(
      binding,
      { items: [] },
      { providerId: 'energie', privateKey, keyId: 'k1' },
      new Date('2026-12-01T10:00:00Z'),
    );
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'ES256', kid: 'k1', typ: 'regiekit-payload+jwt' });
    const { payload } = await jwtVerify(jws, publicKey, {
      issuer: 'energie',
      audience: 'schuldhulp',
      currentDate: new Date('2026-12-01T10:00:10Z'),
    });
    expect(payload).toMatchObject({
      iat: Date.parse('2026-12-01T10:00:00Z') / 1000,
      ref: binding.referenceId,
      service: binding.serviceType,
      fields: ['items'],
      data: { items: [] },
    });
  });

  it('refuses to sign a field the user did not consent to', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expect(
      signPayload(binding, { items: [], totalCents: 1 }, { providerId: 'energie', privateKey, keyId: 'k1' }),
    ).rejects.toBeInstanceOf(PayloadFieldError);
    expect(() => {
      throw new PayloadFieldError(['totalCents']);
    }).toThrow(/totalCents/);
  });
});
