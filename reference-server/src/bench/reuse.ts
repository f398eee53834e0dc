import { Hono } from 'hono';
import { generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { signPayload } from '@regiekit/sdk/party';
import { verifyPayload } from '@regiekit/sdk/consent';
import type { PayloadBinding } from '@regiekit/sdk/protocol';
import { randomToken } from '../crypto/random.js';
import { consentWorld, PAYMENT_DUE_LIST } from '../testing/consent-steps.js';
import { PAYLOAD_KEYS } from '../testing/test-parties.js';
import { PostgresStore } from '../storage/postgres/postgres-store.js';
import { benchSchemaPrefix, findPostgres } from './bench-postgres.js';
import { describeMachine } from './machine.js';
import { ms, percentile, printTable, ratio } from './stats.js';

/**
 * Reuse at the provider's pace: a consumer reading a creditor's data through
 * a data reference (the consent checked on every call, the creditor asked
 * with the server's signed request, its signed payload passed back) against
 * the consumer calling the creditor directly (the creditor checks the
 * caller's signed assertion and signs the same payload; the consumer verifies
 * it the same way). 16 calls in flight, with 10,000 other active consents in
 * the store, in one process: regiekit and the creditor are asked through
 * app.request on both paths, without sockets. The creditor's own lookup:
 * none, and 50 ms.
 *
 * On SQLite, or with REGIE_BENCH_REUSE_ENGINE=postgres on a fresh PostgreSQL
 * database (bench-postgres.ts). Also a consent read (the consumer's GET of
 * the consent) at the same time.
 */
const ENGINE = process.env.REGIE_BENCH_REUSE_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const CONCURRENCY = 16;
const CALLS = Number(process.env.REGIE_BENCH_REUSE_CALLS ?? 800);
const OTHER_CONSENTS = Number(process.env.REGIE_BENCH_REUSE_CONSENTS ?? 10_000);
const LOOKUPS_MS = [0, 50];
const DATA = {
  items: [{ description: 'Jaarafrekening', amountCents: 48250, dueDate: '2026-09-30', stage: 'aanmaning' }],
  totalCents: 48250,
};
const SCHEMA = {
  type: 'object',
  properties: { items: { type: 'array' }, totalCents: { type: 'integer' } },
};

/**
 * CPU per call of the last pool run (µs): the consumer's, regiekit's and the creditor's work together
 * (crypto in the thread pool included), which other processes on a shared machine do not move.
 */
let lastCpuPerCall = 0;

/** Runs `call` CALLS times with CONCURRENCY in flight; the latency of each. */
async function pool(call: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let started = 0;
  const cpuBefore = process.cpuUsage();
  const worker = async () => {
    while (started < CALLS) {
      started += 1;
      const begun = performance.now();
      await call();
      times.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  lastCpuPerCall = (cpu.user + cpu.system) / CALLS;
  return times;
}

const postgres = ENGINE === 'postgres' ? await findPostgres() : undefined;
const store =
  postgres &&
  (await PostgresStore.connect(
    { engine: 'postgres', url: postgres.url, schemaPrefix: benchSchemaPrefix('reuse'), poolSize: 10 },
    ['nijmegen', 'arnhem'],
  ));
const world = await consentWorld(store && { store });
const requested = await world.request({ providers: ['energie'] });
await world.accept(requested.consentId);
const consent = await world.consumer.consent(requested.consentId);
const referenceId = consent.references[0]!.referenceId;
const tenant = world.server.store.forTenant('nijmegen');

// 10,000 other active consents, each with its reference, as the consent wing stores them.
const template = (await tenant.consents.get(requested.consentId))!;
const reference = (await tenant.consents.reference(referenceId))!;
const now = world.server.clock.now();
for (let i = 0; i < OTHER_CONSENTS; i++) {
  const consentId = randomToken(16);
  const otherReference = randomToken(16);
  await tenant.consents.insert({
    ...template,
    consentId,
    state: 'requested',
    statusTokenHash: randomToken(32),
    createdAt: now,
  });
  await tenant.consents.accept(
    consentId,
    [{ ...reference, referenceId: otherReference, consentId }],
    template.receipt!,
    now,
  );
}

const jwks = { keys: [PAYLOAD_KEYS.energie.publicJwk] } as JSONWebKeySet;
const expected = { provider: 'energie', consumer: 'schuldhulp', referenceId, fields: ['items', 'totalCents'] };

async function throughRegiekit(): Promise<number[]> {
  return pool(async () => {
    const result = await world.consumer.reuse(referenceId);
    await verifyPayload(result.jws, { jwks, schema: SCHEMA, expected });
  });
}

// The direct call: the consumer proves who it is with a signed assertion; the creditor checks it and signs.
// The creditor is a small Hono app asked through app.request, as regiekit is in the other path: both paths
// pay for their HTTP exchanges the same way (in one process, without sockets).
const consumerKeys = await generateKeyPair('ES256');
function creditorApp(lookupMs: number): Hono {
  const binding: PayloadBinding = {
    consumerId: 'schuldhulp',
    referenceId,
    serviceType: PAYMENT_DUE_LIST,
    fields: ['items', 'totalCents'],
  };
  return new Hono().post('/operations', async (c) => {
    const assertion = (c.req.header('Authorization') ?? '').replace(/^Bearer /, '');
    await jwtVerify(assertion, consumerKeys.publicKey, { issuer: 'schuldhulp', audience: 'energie' });
    await c.req.json();
    if (lookupMs > 0) await new Promise((resolve) => setTimeout(resolve, lookupMs));
    const jws = await signPayload(binding, DATA, {
      providerId: 'energie',
      privateKey: PAYLOAD_KEYS.energie.privateKey,
      keyId: 'energie-payload',
    });
    return c.json({ jws });
  });
}
async function direct(lookupMs: number): Promise<number[]> {
  const creditor = creditorApp(lookupMs);
  return pool(async () => {
    const assertion = await new SignJWT({ jti: randomToken(12) })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('schuldhulp')
      .setAudience('energie')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(consumerKeys.privateKey);
    const answer = await creditor.request('/operations', {
      method: 'POST',
      headers: { Authorization: `Bearer ${assertion}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ referenceId, fields: ['items', 'totalCents'] }),
    });
    const { jws } = (await answer.json()) as { jws: string };
    await verifyPayload(jws, { jwks, schema: SCHEMA, expected });
  });
}

console.log(`\n# Reuse at the provider's pace (${describeMachine()})\n`);
const rows: string[][] = [];
const verdicts: string[] = [];
for (const lookupMs of LOOKUPS_MS) {
  world.parties.lookupMs = lookupMs;
  await pool(() => world.consumer.reuse(referenceId)); // warm-up
  const baseline = await direct(lookupMs);
  const baselineCpu = lastCpuPerCall;
  const through = await throughRegiekit();
  const throughCpu = lastCpuPerCall;
  const [p50, p99, b50, b99] = [
    percentile(through, 50),
    percentile(through, 99),
    percentile(baseline, 50),
    percentile(baseline, 99),
  ];
  rows.push(
    [
      `lookup ${lookupMs} ms: through a data reference`,
      ms(p50),
      ms(p99),
      ratio(p50, b50),
      ratio(p99, b99),
      `${Math.round(throughCpu)} µs (${ratio(throughCpu, baselineCpu)})`,
    ],
    [
      `lookup ${lookupMs} ms: the creditor called directly`,
      ms(b50),
      ms(b99),
      '1.00x',
      '1.00x',
      `${Math.round(baselineCpu)} µs`,
    ],
  );
  const met = p50 / b50 <= 1.2 && p99 / b99 <= 1.5;
  verdicts.push(
    `lookup ${lookupMs} ms: target ${met ? 'met' : 'MISSED'} (p50 ${ratio(p50, b50)}, p99 ${ratio(p99, b99)}; targets 1.2x and 1.5x)`,
  );
}
const reads = await pool(() => world.consumer.consent(requested.consentId));
rows.push([
  'consent read (the consumer GETs the consent)',
  ms(percentile(reads, 50)),
  ms(percentile(reads, 99)),
  '',
  '',
  `${Math.round(lastCpuPerCall)} µs`,
]);
printTable(
  `${CALLS} calls, ${CONCURRENCY} in flight, ${OTHER_CONSENTS.toLocaleString('en-US')} other active consents (in process, ${ENGINE === 'postgres' ? `PostgreSQL ${postgres!.version}` : 'SQLite'})`,
  ['path', 'p50', 'p99', 'p50 vs direct', 'p99 vs direct', 'CPU per call (all parties)'],
  rows,
);
for (const verdict of verdicts) console.log(verdict);
await world.server.close();
await store?.close();
await postgres?.stop();
