import { compactVerify, createLocalJWKSet, exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import {
  issueSignedData,
  IssuerKeys,
  newHolderKey,
  presentSignedData,
  splitSdJwt,
  verifySignedData,
} from '@regiekit/sdk/signed-data';
import type { CredentialTemplate, MyDataViewOpened } from '@regiekit/sdk/protocol';
import { CUSTOMER, myDataWorld, ORIGIN } from '../testing/my-data-steps.js';
import { MY_DATA_TYPES } from '../testing/test-parties.js';
import { describeMachine } from './machine.js';
import { ms, percentile, printTable, ratio } from './stats.js';

/**
 * My data, measured where people wait: the download of a customer with
 * 10,000 records (the company signing them, the server checking them, the
 * ZIP), the first view a customer opens, and a recipient verifying one
 * forwarded presentation. Everything runs in this process (the company
 * answers through the server's own fetch), so the figures are the work, not
 * a network. Baselines from the same run: one plain ES256 JWS verification
 * for the presentation, and the company's signing for the download.
 */
const RECORDS = Number(process.env.REGIE_BENCH_MY_DATA_RECORDS ?? 10_000);
const DOWNLOADS = 5;
const VERIFICATIONS = 1_000;
/** The issue's targets. */
const TARGET_DOWNLOAD_MS = 5_000;

const readings = (count: number) => ({
  readings: Array.from({ length: count }, (_, i) => ({
    date: new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    kWh: 10_000 + i * 7,
  })),
});

async function downloads() {
  const world = await myDataWorld();
  world.parties.holds('energie', CUSTOMER, MY_DATA_TYPES.readings, readings(RECORDS));
  const view = (await world.openView()).body as MyDataViewOpened;
  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < DOWNLOADS + 1; run++) {
    const started = performance.now();
    const response = await world.server.app.request(`${ORIGIN}/api/v1/nijmegen/my-data/views/${view.viewId}/download`, {
      headers: { Authorization: `Bearer ${view.viewSecret}` },
    });
    size = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`download answered ${response.status}`);
    // The first run warms the JIT and compiles the schemas; it is not counted.
    if (run > 0) times.push(performance.now() - started);
  }
  // The company's part alone: signing the 10,000 records as one SD-JWT VC.
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const template: CredentialTemplate = {
    issuer: `${ORIGIN}/issuers/nijmegen/energie`,
    vct: MY_DATA_TYPES.readings,
    status: { status_list: { idx: 0, uri: `${ORIGIN}/status-lists/nijmegen/energie` } },
  };
  const signing: number[] = [];
  for (let run = 0; run < DOWNLOADS; run++) {
    const started = performance.now();
    await issueSignedData(template, readings(RECORDS), { privateKey: await exportJWK(privateKey), keyId: 'k' });
    signing.push(performance.now() - started);
  }
  // What a customer waits for when the page opens: the view of four categories (the big one included).
  const opens: number[] = [];
  for (let run = 0; run < DOWNLOADS; run++) {
    const started = performance.now();
    const opened = await world.openView();
    if (opened.status !== 200) throw new Error(`opening answered ${opened.status}`);
    opens.push(performance.now() - started);
  }
  await world.server.close();
  return { times, signing, opens, size };
}

async function verifications() {
  const world = await myDataWorld();
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256' }] };
  // A presentation as a recipient gets one, verified against in-process issuer metadata and status list.
  const issuer = `${ORIGIN}/issuers/nijmegen/energie`;
  const served = new Map<string, () => Promise<Response>>([
    [`${ORIGIN}/.well-known/jwt-vc-issuer/issuers/nijmegen/energie`, async () => Response.json({ issuer, jwks })],
  ]);
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = String(input);
    const local = served.get(url);
    return local ? local() : world.server.app.request(url);
  }) as typeof fetch;
  const holder = await newHolderKey();
  const credential = await issueSignedData(
    {
      issuer,
      vct: MY_DATA_TYPES.contract,
      status: { status_list: { idx: 3, uri: `${ORIGIN}/status-lists/nijmegen/energie` } },
      holderKey: holder.publicJwk as CredentialTemplate['holderKey'],
    },
    { product: 'Groene stroom vast', startDate: '2024-03-01', monthlyAmount: 124.5 },
    { privateKey: await exportJWK(privateKey), keyId: 'bench' },
  );
  const presentation = await presentSignedData(credential, {
    fields: ['product', 'startDate'],
    holderKey: holder.privateJwk,
    audience: 'woning',
    nonce: 'bench-nonce-0123456789',
  });
  const keys = new IssuerKeys(fetchImpl);
  const options = {
    trustedIssuers: [issuer],
    audience: 'woning',
    nonce: 'bench-nonce-0123456789',
    fields: ['product', 'startDate'],
    keys,
    now: new Date(),
  };
  await verifySignedData(presentation, options);
  const times: number[] = [];
  for (let run = 0; run < VERIFICATIONS; run++) {
    const started = performance.now();
    await verifySignedData(presentation, options);
    times.push(performance.now() - started);
  }
  // Baseline: verifying the issuer's JWT alone with jose, the least any check must do.
  const jwt = splitSdJwt(presentation).jwt;
  const localKeys = createLocalJWKSet(jwks);
  const baseline: number[] = [];
  for (let run = 0; run < VERIFICATIONS; run++) {
    const started = performance.now();
    await compactVerify(jwt, localKeys);
    baseline.push(performance.now() - started);
  }
  await world.server.close();
  return { times, baseline };
}

const median = (values: number[]) => percentile(values, 50);

console.log(`\n# My data (${describeMachine()})\n`);
const download = await downloads();
printTable(
  `Download of a customer with ${RECORDS.toLocaleString('en-US')} records (${DOWNLOADS} runs, after one warm-up)`,
  ['what', 'median', 'max', 'target'],
  [
    [
      'whole request: company signs, server checks, ZIP',
      ms(median(download.times)),
      ms(Math.max(...download.times)),
      `< ${ms(TARGET_DOWNLOAD_MS)}`,
    ],
    [
      'of which the company signing the 10,000 records',
      ms(median(download.signing)),
      ms(Math.max(...download.signing)),
      '',
    ],
    ['the customer opening the page (4 categories)', ms(median(download.opens)), ms(Math.max(...download.opens)), ''],
    ['ZIP size', `${(download.size / 1e6).toFixed(2)} MB`, '', ''],
  ],
);
console.log(
  median(download.times) < TARGET_DOWNLOAD_MS
    ? `Target met: ${ratio(median(download.times), TARGET_DOWNLOAD_MS)} of the 5 s budget.`
    : `Target MISSED by ${ms(median(download.times) - TARGET_DOWNLOAD_MS)}.`,
);
const verify = await verifications();
printTable(
  `A recipient verifying one forwarded presentation (${VERIFICATIONS} times, keys cached, status list fetched each time)`,
  ['what', 'p50', 'p99', 'p50 vs one ES256 JWS'],
  [
    [
      'verifySignedData',
      ms(percentile(verify.times, 50)),
      ms(percentile(verify.times, 99)),
      ratio(percentile(verify.times, 50), percentile(verify.baseline, 50)),
    ],
    ['one ES256 JWS (jose)', ms(percentile(verify.baseline, 50)), ms(percentile(verify.baseline, 99)), '1.00x'],
  ],
);
