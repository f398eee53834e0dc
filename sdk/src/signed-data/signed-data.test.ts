import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compactVerify, decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { StatusList } from '@sd-jwt/jwt-status-list';
import {
  decodeSignedData,
  issueSignedData,
  issuerIdentifier,
  IssuerKeys,
  newHolderKey,
  presentSignedData,
  SignedDataFieldError,
  SignedDataVerificationError,
  splitSdJwt,
  verifySignedData,
  type VerifySignedDataOptions,
} from './index.js';
import type { CredentialTemplate } from '../protocol/index.js';

// A regiekit server (issuer metadata and status lists), an issuing company and two recipients, in memory.
const SERVER = 'https://regie.example';
const ISSUER = issuerIdentifier(SERVER, 'nijmegen', 'demo-energie');
const STATUS_URI = `${SERVER}/status-lists/nijmegen/demo-energie`;
const VCT = 'https://demo-energie.example/data/contract/v1';
const CONTRACT = { product: 'Groene stroom vast', startDate: '2024-03-01', monthlyCents: 12450, meterId: 'E-1234' };

const companyKeys = await generateKeyPair('ES256', { extractable: true });
const serverKeys = await generateKeyPair('ES256', { extractable: true });
const companyJwk = { ...(await exportJWK(companyKeys.publicKey)), kid: 'energie-1', alg: 'ES256', use: 'sig' };
const serverJwk = { ...(await exportJWK(serverKeys.publicKey)), kid: 'server-1', alg: 'ES256', use: 'sig' };
const revoked = new Set<number>();

async function statusListToken(): Promise<string> {
  const list = new StatusList(new Array<number>(1024).fill(0), 1);
  for (const index of revoked) list.setStatus(index, 1);
  return new SignJWT({ sub: STATUS_URI, status_list: { bits: 1, lst: list.compressStatusList() }, ttl: 300 })
    .setProtectedHeader({ alg: 'ES256', typ: 'statuslist+jwt', kid: 'server-1' })
    .setIssuer(SERVER)
    .setIssuedAt()
    .sign(serverKeys.privateKey);
}

const served: string[] = [];
const serverFetch: typeof fetch = async (input) => {
  const url = String(input);
  served.push(url);
  if (url === `${SERVER}/.well-known/jwt-vc-issuer/issuers/nijmegen/demo-energie`)
    return Response.json({ issuer: ISSUER, jwks: { keys: [companyJwk] } });
  if (url === `${SERVER}/.well-known/jwks.json`) return Response.json({ keys: [serverJwk] });
  if (url === STATUS_URI)
    return new Response(await statusListToken(), { headers: { 'Content-Type': 'application/statuslist+jwt' } });
  return new Response('not found', { status: 404 });
};

async function credential(index = 7, data: Record<string, unknown> = CONTRACT) {
  const holder = await newHolderKey();
  const template: CredentialTemplate = {
    issuer: ISSUER,
    vct: VCT,
    status: { status_list: { idx: index, uri: STATUS_URI } },
    holderKey: holder.publicJwk as CredentialTemplate['holderKey'],
  };
  const sdJwt = await issueSignedData(template, data, {
    privateKey: await exportJWK(companyKeys.privateKey),
    keyId: 'energie-1',
  });
  return { sdJwt, holder };
}

async function presented(
  fields = ['product', 'startDate'],
  audience = 'demo-woningcorporatie',
  nonce = 'nonce-0123456789abcdef',
) {
  const { sdJwt, holder } = await credential();
  return presentSignedData(sdJwt, { fields, holderKey: holder.privateJwk, audience, nonce });
}

const options = (overrides: Partial<VerifySignedDataOptions> = {}): VerifySignedDataOptions => ({
  trustedIssuers: [ISSUER],
  audience: 'demo-woningcorporatie',
  nonce: 'nonce-0123456789abcdef',
  vct: VCT,
  fields: ['product', 'startDate'],
  keys: new IssuerKeys(serverFetch),
  ...overrides,
});

async function failure(presentation: string, overrides: Partial<VerifySignedDataOptions> = {}) {
  try {
    await verifySignedData(presentation, options(overrides));
  } catch (error) {
    if (error instanceof SignedDataVerificationError) return error.reason;
    throw error;
  }
  throw new Error('it verified');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

describe('signed data (SD-JWT VC)', () => {
  it('issues every field selectively disclosable, presents only the chosen ones, and verifies them', async () => {
    const { sdJwt } = await credential();
    const { jwt, disclosures } = splitSdJwt(sdJwt);
    expect(disclosures).toHaveLength(4);
    const payload = decodeJwt(jwt);
    expect(payload).toMatchObject({ iss: ISSUER, vct: VCT, _sd_alg: 'sha-256', status: { status_list: { idx: 7 } } });
    expect(JSON.stringify(payload)).not.toContain('Groene stroom');

    const presentation = await presented();
    const verified = await verifySignedData(presentation, options());
    expect(verified).toMatchObject({
      issuer: ISSUER,
      vct: VCT,
      fields: ['product', 'startDate'],
      data: { product: 'Groene stroom vast', startDate: '2024-03-01' },
    });
    expect(verified.data).not.toHaveProperty('monthlyCents');
    expect(presentation).not.toContain(Buffer.from('E-1234').toString('base64url').slice(0, 6));
  });

  it('verifies with the @sd-jwt verifier directly and with digests computed by hand', async () => {
    const presentation = await presented();
    const { jwt, disclosures, keyBinding } = splitSdJwt(presentation);
    // By hand: every disclosure's SHA-256 (over its base64url text) is among the signed digests.
    const signed = decodeJwt(jwt)._sd as string[];
    for (const disclosure of disclosures) expect(signed).toContain(sha256(disclosure));
    expect(disclosures.map((d) => JSON.parse(Buffer.from(d, 'base64url').toString())[1])).toEqual([
      'product',
      'startDate',
    ]);
    // The key-binding JWT's sd_hash covers exactly what was presented before it.
    expect(decodeJwt(keyBinding!).sd_hash).toBe(sha256(presentation.slice(0, presentation.lastIndexOf('~') + 1)));

    // The reference library, with plain jose for the signatures.
    const key = await importJWK(companyJwk, 'ES256');
    const library = new SDJwtVcInstance({
      hasher: async (data) =>
        new Uint8Array(
          createHash('sha256')
            .update(data as string)
            .digest(),
        ),
      verifier: async (data, signature) =>
        compactVerify(`${data}.${signature}`, key).then(
          () => true,
          () => false,
        ),
      kbVerifier: async (data, signature, payload) =>
        compactVerify(`${data}.${signature}`, await importJWK((payload.cnf as { jwk: JWK }).jwk, 'ES256')).then(
          () => true,
          () => false,
        ),
      statusListFetcher: async (uri) => (await serverFetch(uri)).text(),
      statusVerifier: async (data, signature) =>
        compactVerify(`${data}.${signature}`, await importJWK(serverJwk, 'ES256')).then(
          () => true,
          () => false,
        ),
    });
    const result = await library.verify(presentation, { keyBindingNonce: 'nonce-0123456789abcdef' });
    expect(result.kb?.payload).toMatchObject({ aud: 'demo-woningcorporatie', nonce: 'nonce-0123456789abcdef' });
    expect(await library.getClaims(presentation)).toMatchObject({ product: 'Groene stroom vast' });
  });

  it('keeps revocation in a Token Status List that decodes as the spec says', async () => {
    const token = await statusListToken();
    revoked.add(7);
    try {
      const lst = decodeJwt(await statusListToken()).status_list as { bits: number; lst: string };
      expect(lst.bits).toBe(1);
      // zlib-deflated bytes, least significant bit first: index 7 is the top bit of byte 0.
      const bytes = inflateSync(Buffer.from(lst.lst, 'base64url'));
      expect(bytes[0]).toBe(0b1000_0000);
      expect(bytes.subarray(1).every((byte) => byte === 0)).toBe(true);
      expect(await failure(await presented())).toBe('revoked');
    } finally {
      revoked.delete(7);
    }
    expect(decodeJwt(token).status_list).toMatchObject({ bits: 1 });
  });

  it('refuses tampering, replays and everything it was not asked to accept, saying which check failed', async () => {
    const good = await presented();
    const { jwt, disclosures, keyBinding } = splitSdJwt(good);

    // A disclosure with another value: its digest is not among the signed ones.
    const forged = Buffer.from(JSON.stringify(['salt-salt-salt-salt', 'product', 'Gratis stroom'])).toString(
      'base64url',
    );
    expect(await failure(`${jwt}~${forged}~${disclosures[1]}~${keyBinding}`)).toBe('digests');
    // The signed payload changed: the issuer's signature fails.
    const [header, body, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { iat: number };
    const changed = Buffer.from(JSON.stringify({ ...claims, iat: claims.iat - 86400 })).toString('base64url');
    expect(changed).not.toBe(body);
    expect(await failure(`${header}.${changed}.${signature}~${disclosures.join('~')}~${keyBinding}`)).toBe('signature');
    // The same presentation at a second recipient, or for another nonce.
    expect(await failure(good, { audience: 'another-recipient' })).toBe('audience');
    expect(await failure(good, { nonce: 'another-nonce-0123456789' })).toBe('nonce');
    // Without its key-binding JWT, or with one signed by another key.
    expect(await failure(`${jwt}~${disclosures.join('~')}~`)).toBe('key-binding');
    const other = await newHolderKey();
    const foreign = await presentSignedData(`${jwt}~${disclosures.join('~')}~`, {
      fields: ['product', 'startDate'],
      holderKey: other.privateJwk,
      audience: 'demo-woningcorporatie',
      nonce: 'nonce-0123456789abcdef',
    });
    expect(await failure(foreign)).toBe('key-binding');
    // More or fewer fields than expected; another type; an issuer not trusted; too old.
    expect(await failure(await presented(['product', 'startDate', 'meterId']))).toBe('fields');
    expect(await failure(await presented(['product']))).toBe('fields');
    expect(await failure(good, { vct: 'https://demo-energie.example/data/customer/v1' })).toBe('type');
    expect(await failure(good, { trustedIssuers: [issuerIdentifier(SERVER, 'nijmegen', 'demo-zorg')] })).toBe(
      'untrusted-issuer',
    );
    expect(await failure(good, { now: new Date(Date.now() + 3600_000) })).toBe('stale');
    expect(await failure('not.an.sd-jwt')).toBe('malformed');
  });

  it('lets an issuer sign only the fields the request allows, and no reserved claim names', async () => {
    const holder = await newHolderKey();
    const template: CredentialTemplate = {
      issuer: ISSUER,
      vct: VCT,
      status: { status_list: { idx: 1, uri: STATUS_URI } },
      holderKey: holder.publicJwk as CredentialTemplate['holderKey'],
      fields: ['product'],
    };
    const key = { privateKey: await exportJWK(companyKeys.privateKey), keyId: 'energie-1' };
    await expect(issueSignedData(template, { product: 'x', meterId: 'E-1' }, key)).rejects.toThrow(
      SignedDataFieldError,
    );
    await expect(issueSignedData({ ...template, fields: undefined }, { iss: 'x' }, key)).rejects.toThrow(
      SignedDataFieldError,
    );
    const decoded = await decodeSignedData(await issueSignedData(template, { product: 'x' }, key));
    expect(decoded).toMatchObject({ issuer: ISSUER, vct: VCT, data: { product: 'x' } });
  });

  it('finds the issuer keys through the issuer metadata once, and the status keys through the server JWKS', async () => {
    served.length = 0;
    const keys = new IssuerKeys(serverFetch);
    await verifySignedData(await presented(), options({ keys }));
    await verifySignedData(await presented(), options({ keys }));
    expect(served.filter((url) => url.includes('jwt-vc-issuer'))).toEqual([
      `${SERVER}/.well-known/jwt-vc-issuer/issuers/nijmegen/demo-energie`,
    ]);
    expect(served.filter((url) => url.endsWith('/jwks.json'))).toHaveLength(1);
  });
});
