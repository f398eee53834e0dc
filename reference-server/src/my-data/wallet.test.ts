import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import {
  clientAuthenticationAnonymous,
  setGlobalConfig,
  type CallbackContext,
  type JwtSigner,
} from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import type { MyDataViewOpened, WalletOffer } from '@regiekit/sdk/protocol';
import { IssuerKeys, verifySignedCredential } from '@regiekit/sdk/signed-data';
import { myDataWorld, ORIGIN, type MyDataWorld } from '../testing/my-data-steps.js';
import { MY_DATA_TYPES } from '../testing/test-parties.js';

// A wallet takes a customer's contract by OpenID4VCI, driven by @openid4vc/openid4vci: a client
// library this project does not use to issue. The test server speaks http on localhost.
setGlobalConfig({ allowInsecureUrls: true });
const ISSUER = `${ORIGIN}/issuers/nijmegen/energie`;

let world: MyDataWorld;
beforeEach(async () => {
  world = await myDataWorld();
});
afterEach(() => world.server.close());

async function offer(fields = ['product', 'startDate']): Promise<{ status: number; body: WalletOffer }> {
  const opened = (await world.openView()).body as MyDataViewOpened;
  return world.asElement<WalletOffer>(opened, '/wallet-offers', {
    json: { serviceType: MY_DATA_TYPES.contract, fields },
  });
}

/** A wallet: its own key, and the library's callbacks (fetch through the test server, jose to sign). */
async function wallet() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = (await exportJWK(publicKey)) as JWK;
  const callbacks: Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'> = {
    fetch: world.viaApp,
    hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
    generateRandom: (length) => new Uint8Array(randomBytes(length)),
    clientAuthentication: clientAuthenticationAnonymous(),
    signJwt: async (_signer: JwtSigner, { header, payload }) => ({
      jwt: await new SignJWT(payload).setProtectedHeader({ ...header, alg: 'ES256' } as never).sign(privateKey),
      signerJwk: publicJwk as never,
    }),
  };
  return { client: new Openid4vciClient({ callbacks }), publicJwk };
}

async function takeIntoWallet(offerUrl: string, pin: string) {
  const { client, publicJwk } = await wallet();
  const credentialOffer = await client.resolveCredentialOffer(offerUrl);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer,
    issuerMetadata,
    txCode: pin,
  });
  const configurationId = credentialOffer.credential_configuration_ids[0]!;
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata,
    credentialConfigurationId: configurationId,
    signer: { method: 'jwk', alg: 'ES256', publicJwk: publicJwk as never },
    issuedAt: new Date(world.server.clock.now()),
  });
  const response = await client.retrieveCredentials({
    issuerMetadata,
    accessToken: accessTokenResponse.access_token,
    credentialConfigurationId: configurationId,
    proof: { proof_type: 'jwt', jwt },
  });
  return { response, publicJwk };
}

describe('my data into the customer’s own wallet (OpenID4VCI, pre-authorized code)', () => {
  it('offers the chosen fields; a wallet takes them with the PIN, bound to its own key, signed by the company', async () => {
    const offered = await offer();
    expect(offered.status).toBe(201);
    expect(offered.body.offerUrl).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(offered.body.qr.size).toBeGreaterThan(20);
    expect(offered.body.txCode).toMatch(/^\d{6}$/);

    const { response, publicJwk } = await takeIntoWallet(offered.body.offerUrl, offered.body.txCode);
    const body = response.credentialResponse as { credentials?: { credential: string }[]; credential?: string };
    const credential = body.credentials?.[0]?.credential ?? body.credential!;
    const checked = await verifySignedCredential(credential, {
      trustedIssuers: [ISSUER],
      vct: MY_DATA_TYPES.contract,
      keys: new IssuerKeys(world.viaApp),
      now: new Date(world.server.clock.now()),
    });
    expect(checked.data).toEqual({ product: 'Groene stroom vast', startDate: '2024-03-01' });
    expect(checked.holderKey).toMatchObject({ x: publicJwk.x, y: publicJwk.y });
    expect(world.server.logs()).not.toContain(offered.body.txCode);
  });

  it('refuses a wrong PIN (five at most), a code used twice, a token used twice and a proof for another issuer', async () => {
    const offered = await offer();
    const code = decodeURIComponent(offered.body.offerUrl.split('credential_offer=')[1]!);
    const preAuthorized = (JSON.parse(code) as { grants: Record<string, { 'pre-authorized_code': string }> }).grants[
      'urn:ietf:params:oauth:grant-type:pre-authorized_code'
    ]!['pre-authorized_code'];
    const token = (pin: string) =>
      world.server.app.request(`${ISSUER}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
          'pre-authorized_code': preAuthorized,
          tx_code: pin,
        }),
      });
    const wrong = offered.body.txCode === '000000' ? '111111' : '000000';
    const refused = await token(wrong);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
    const granted = await token(offered.body.txCode);
    expect(granted.status).toBe(200);
    const { access_token: accessToken } = (await granted.json()) as { access_token: string };
    expect((await token(offered.body.txCode)).status).toBe(400);

    const credential = (proof: string) =>
      world.server.app.request(`${ISSUER}/credential`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          credential_configuration_id: MY_DATA_TYPES.contract,
          proof: { proof_type: 'jwt', jwt: proof },
        }),
      });
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const proofFor = async (aud: string) =>
      new SignJWT({ aud, iat: Math.floor(world.server.clock.now() / 1000) })
        .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: await exportJWK(publicKey) })
        .sign(privateKey);
    const elsewhere = await credential(await proofFor('https://elders.example'));
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({ error: 'invalid_proof' });
    expect((await credential(await proofFor(ISSUER))).status).toBe(200);
    expect((await credential(await proofFor(ISSUER))).status).toBe(401);

    // Five wrong PINs void an offer, even with the right one after.
    const other = await offer();
    const otherCode = (
      JSON.parse(decodeURIComponent(other.body.offerUrl.split('credential_offer=')[1]!)) as {
        grants: Record<string, { 'pre-authorized_code': string }>;
      }
    ).grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code'];
    const tryPin = (pin: string) =>
      world.server.app.request(`${ISSUER}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
          'pre-authorized_code': otherCode,
          tx_code: pin,
        }),
      });
    const otherWrong = other.body.txCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await tryPin(otherWrong)).status).toBe(400);
    expect((await tryPin(other.body.txCode)).status).toBe(400);
  });

  it('offers only portable categories and known fields, and describes them in the issuer metadata', async () => {
    const opened = (await world.openView()).body as MyDataViewOpened;
    const refused = await world.asElement(opened, '/wallet-offers', {
      json: { serviceType: MY_DATA_TYPES.readings, fields: ['readings'] },
    });
    expect(refused.status).toBe(400);
    expect((await offer(['product', 'iban'])).status).toBe(400);
    const metadata = await world.server.app.request(
      `${ORIGIN}/.well-known/openid-credential-issuer/issuers/nijmegen/energie`,
    );
    const body = (await metadata.json()) as { credential_configurations_supported: Record<string, { format: string }> };
    expect(Object.keys(body.credential_configurations_supported)).toEqual([
      MY_DATA_TYPES.customer,
      MY_DATA_TYPES.contract,
    ]);
    expect(body.credential_configurations_supported[MY_DATA_TYPES.contract]).toMatchObject({ format: 'dc+sd-jwt' });
  });
});
