import { describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  issuerIdentifier,
  IssuerKeys,
  IssueRequestError,
  issueSignedData,
  newHolderKey,
  presentSignedData,
  SignedDataFieldError,
  SignedDataIssuer,
  SignedDataPeriodError,
  SignedDataVerificationError,
  signedContentDigest,
  verifySignedData,
  type DateSchema,
} from '../signed-data/index.js';
import type { CredentialTemplate, FetchPeriod } from '../protocol/index.js';

// The minimisation contract of a fetch into an application, on both sides: the source's issuer kit
// refuses to sign a field or a day that was not asked for, and the form's verification refuses a
// presentation that holds one. Either side alone keeps more than was asked from reaching the form.
const SERVER = 'https://regie.example';
const SOURCE = 'demo-toeslagen';
const ISSUER = issuerIdentifier(SERVER, 'nijmegen', SOURCE);
const VCT = 'https://regiekit.example/services/rent-allowance-payments/v1';
const PERIOD: FetchPeriod = { from: '2026-09-07', to: '2026-12-06' };
const SCHEMA: DateSchema = {
  properties: {
    payments: { items: { properties: { date: { format: 'date' } } } },
    decision: {},
  },
};
const IN_PERIOD = [
  { date: '2026-11-20', amount: 264 },
  { date: '2026-10-20', amount: 264 },
];
const OLDER = { date: '2026-08-20', amount: 264 };

const sourceKeys = await generateKeyPair('ES256', { extractable: true });
const serverKeys = await generateKeyPair('ES256', { extractable: true });
const sourceJwk = { ...(await exportJWK(sourceKeys.publicKey)), kid: 'toeslagen-1', alg: 'ES256', use: 'sig' };
const serverJwk = { ...(await exportJWK(serverKeys.publicKey)), kid: 'server-1', alg: 'ES256', use: 'sig' };
const key = { privateKey: await exportJWK(sourceKeys.privateKey), keyId: 'toeslagen-1' };

const serverFetch: typeof fetch = async (input) => {
  const url = String(input);
  if (url === `${SERVER}/.well-known/jwks.json`) return Response.json({ keys: [serverJwk] });
  if (url === `${SERVER}/.well-known/jwt-vc-issuer/issuers/nijmegen/${SOURCE}`)
    return Response.json({ issuer: ISSUER, jwks: { keys: [sourceJwk] } });
  return new Response('not found', { status: 404 });
};

/** The server's `issue` request for the payments of the period, as it reaches the source's operation endpoint. */
async function issueRequest(holderKey: JsonWebKey) {
  const authorization = `Bearer ${await new SignJWT({ jti: 'j-1' })
    .setProtectedHeader({ alg: 'ES256', kid: 'server-1' })
    .setIssuer(SERVER)
    .setAudience(SOURCE)
    .setSubject('nijmegen')
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(serverKeys.privateKey)}`;
  const template: CredentialTemplate = {
    issuer: ISSUER,
    vct: VCT,
    status: { status_list: { idx: 3, uri: `${SERVER}/status-lists/nijmegen/${SOURCE}` } },
    holderKey: holderKey as CredentialTemplate['holderKey'],
    fields: ['payments'],
    period: PERIOD,
  };
  return { authorization, body: { action: 'issue', customerRef: 'TS-1', credentialFor: template }, template };
}

const kit = (schemas?: Record<string, DateSchema>) =>
  new SignedDataIssuer({
    server: SERVER,
    tenant: 'nijmegen',
    partyId: SOURCE,
    key,
    fetch: serverFetch,
    ...(schemas && { schemas }),
  });

async function reason(presentation: string): Promise<string> {
  try {
    await verifySignedData(presentation, {
      trustedIssuers: [ISSUER],
      audience: 'gemeente-nijmegen-bijstand',
      nonce: 'nonce-0123456789abcdef',
      vct: VCT,
      fields: ['payments'],
      period: { period: PERIOD, schema: SCHEMA },
      keys: new IssuerKeys(serverFetch),
      // The status list is not served here: the checks before it are the point.
    });
  } catch (error) {
    if (error instanceof SignedDataVerificationError) return error.reason;
    throw error;
  }
  throw new Error('it verified');
}

describe('minimisation of a fetch into an application', () => {
  it('the source’s kit signs exactly the fields and days asked, and refuses anything more', async () => {
    const holder = await newHolderKey();
    const { authorization, body } = await issueRequest(holder.publicJwk);
    const issuer = kit({ [VCT]: SCHEMA });

    const signed = await issuer.answer(authorization, body, async (ask) => {
      expect(ask).toMatchObject({ customerRef: 'TS-1', fields: ['payments'], period: PERIOD });
      return { payments: IN_PERIOD };
    });
    expect(signed.split('~')).toHaveLength(3);

    await expect(
      issuer.answer(authorization, body, async () => ({ payments: IN_PERIOD, decision: 'x' })),
    ).rejects.toThrow(SignedDataFieldError);
    await expect(issuer.answer(authorization, body, async () => ({ payments: [...IN_PERIOD, OLDER] }))).rejects.toThrow(
      SignedDataPeriodError,
    );
    // A kit that cannot tell where the dates are does not sign a request for a period at all.
    await expect(kit().answer(authorization, body, async () => ({ payments: IN_PERIOD }))).rejects.toThrow(
      IssueRequestError,
    );
  });

  it('the form’s verification refuses a presentation with a field or a day not asked for', async () => {
    const holder = await newHolderKey();
    const { template } = await issueRequest(holder.publicJwk);
    const present = async (data: Record<string, unknown>, fields: string[]) => {
      // Signed by hand, past the kit: a source that does not keep to the request.
      const credential = await issueSignedData({ ...template, fields: undefined }, data, key);
      return presentSignedData(credential, {
        fields,
        holderKey: holder.privateJwk,
        audience: 'gemeente-nijmegen-bijstand',
        nonce: 'nonce-0123456789abcdef',
      });
    };
    expect(await reason(await present({ payments: IN_PERIOD, decision: 'x' }, ['payments', 'decision']))).toBe(
      'fields',
    );
    expect(await reason(await present({ payments: [...IN_PERIOD, OLDER] }, ['payments']))).toBe('period');
    // Within the request, it gets as far as the issuer's revocation status (not served in this test).
    expect(await reason(await present({ payments: IN_PERIOD }, ['payments']))).toBe('status-unavailable');
  });

  it('names what was sent by one digest, the same for the credential and its presentation', async () => {
    const holder = await newHolderKey();
    const { template } = await issueRequest(holder.publicJwk);
    const credential = await issueSignedData(template, { payments: IN_PERIOD }, key);
    const presentation = await presentSignedData(credential, {
      fields: ['payments'],
      holderKey: holder.privateJwk,
      audience: 'gemeente-nijmegen-bijstand',
      nonce: 'nonce-0123456789abcdef',
    });
    expect(await signedContentDigest(presentation)).toBe(await signedContentDigest(credential));
    const other = await issueSignedData(template, { payments: IN_PERIOD.slice(1) }, key);
    expect(await signedContentDigest(other)).not.toBe(await signedContentDigest(credential));
  });
});
