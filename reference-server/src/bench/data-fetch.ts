import {
  issueSignedData,
  issuerIdentifier,
  IssuerKeys,
  newHolderKey,
  presentSignedData,
  verifySignedData,
  type DateSchema,
  type IssuerKey,
} from '@regiekit/sdk/signed-data';
import type { CredentialTemplate } from '@regiekit/sdk/protocol';
import { ALLOWANCE_SERVICE, APPLICATION, dataFetchWorld, dayBefore, ORIGIN } from '../testing/data-fetch-steps.js';
import { ALLOWANCE_TYPE, PAYLOAD_KEYS } from '../testing/test-parties.js';
import { describeMachine } from './machine.js';
import { ms, percentile, printTable, ratio } from './stats.js';

/**
 * Fetch into an application, as wall time of the machine steps (the person's
 * own steps, passkeys and reading, left out): the form asking, the server
 * getting the source's signed answer and checking it, the consent on
 * "Toevoegen", and the form taking and verifying the result. Baseline from
 * the same run: the form calling the source directly for the same signed
 * data (the source signs, the form verifies the same way). Both paths pay the
 * source's own lookup, measured with none and with a typical backend's 100 ms.
 */
const RUNS = Number(process.env.REGIE_BENCH_FETCH_RUNS ?? 40);
const LOOKUPS_MS = [0, 100];
const TARGET_RATIO = 1.2;

const STEPS = [
  'the form asks',
  'the server gets and checks the source’s answer',
  '"Toevoegen": the consent',
  'the form takes and verifies it',
];

async function throughRegiekit(lookupMs: number): Promise<{ times: number[]; steps: number[][] }> {
  const world = await dataFetchWorld();
  world.parties.lookupMs = lookupMs;
  const times: number[] = [];
  const steps: number[][] = STEPS.map(() => []);
  for (let run = 0; run < RUNS + 2; run++) {
    let spent = 0;
    let step = 0;
    const timed = async <T>(work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await work();
      const took = performance.now() - started;
      spent += took;
      if (run >= 2) steps[step]!.push(took);
      step += 1;
      return result;
    };
    const requested = await timed(() => world.ask({ applicationRef: `${APPLICATION}-${run}` }));
    const toSource = await world.confirm(requested.fetchId);
    const token = new URL(toSource.body.redirectTo!).searchParams.get('fetch')!;
    await timed(() => world.source.identified(token, 'toeslagen-dossier-4711'));
    world.server.clock.advance(1);
    await world.browser.signIn(world.passkey);
    await timed(() => world.browser.json(`/api/v1/nijmegen/account/flows/${requested.fetchId}/approve`, { json: {} }));
    await timed(() => world.form.take(requested.fetchId, `${APPLICATION}-${run}`));
    if (run >= 2) times.push(spent);
  }
  await world.server.close();
  return { times, steps };
}

async function direct(lookupMs: number): Promise<number[]> {
  const world = await dataFetchWorld();
  // The source signs with its registered key, so the form verifies through the same issuer metadata.
  const key = {
    privateKey: PAYLOAD_KEYS.toeslagen.privateKey.export({ format: 'jwk' }) as IssuerKey['privateKey'],
    keyId: 'toeslagen-payload',
  };
  const keys = new IssuerKeys(world.viaApp);
  const issuer = issuerIdentifier(ORIGIN, 'nijmegen', 'toeslagen');
  const period = { from: dayBefore(world.server.clock.now(), 85), to: dayBefore(world.server.clock.now(), 0) };
  const times: number[] = [];
  for (let run = 0; run < RUNS + 2; run++) {
    const started = performance.now();
    const holder = await newHolderKey();
    if (lookupMs > 0) await new Promise((resolve) => setTimeout(resolve, lookupMs));
    const payments = world.held.payments.filter((p) => p.date >= period.from && p.date <= period.to);
    const template: CredentialTemplate = {
      issuer,
      vct: ALLOWANCE_TYPE,
      status: { status_list: { idx: run, uri: `${ORIGIN}/status-lists/nijmegen/toeslagen` } },
      holderKey: holder.publicJwk as CredentialTemplate['holderKey'],
      fields: ['payments'],
    };
    const credential = await issueSignedData(template, { payments }, key);
    const nonce = `nonce-${run}-0123456789abcdef`;
    const presentation = await presentSignedData(credential, {
      fields: ['payments'],
      holderKey: holder.privateJwk,
      audience: 'bijstand',
      nonce,
    });
    await verifySignedData(presentation, {
      trustedIssuers: [issuer],
      audience: 'bijstand',
      nonce,
      vct: ALLOWANCE_TYPE,
      fields: ['payments'],
      period: { period, schema: ALLOWANCE_SERVICE.schema as DateSchema },
      keys,
      now: new Date(world.server.clock.now()),
    });
    if (run >= 2) times.push(performance.now() - started);
  }
  await world.server.close();
  return times;
}

console.log(`\n# Fetch into an application (${describeMachine()})\n`);
const rows: string[][] = [];
const verdicts: string[] = [];
let breakdown: number[][] = [];
for (const lookupMs of LOOKUPS_MS) {
  const baseline = await direct(lookupMs);
  const { times: through, steps } = await throughRegiekit(lookupMs);
  if (lookupMs === 0) breakdown = steps;
  const p50 = percentile(through, 50);
  const base = percentile(baseline, 50);
  rows.push(
    [`source lookup ${lookupMs} ms: through regiekit`, ms(p50), ms(percentile(through, 99)), ratio(p50, base)],
    [`source lookup ${lookupMs} ms: source called directly`, ms(base), ms(percentile(baseline, 99)), '1.00x'],
  );
  verdicts.push(
    p50 / base <= TARGET_RATIO
      ? `lookup ${lookupMs} ms: target met (${ratio(p50, base)} at p50, regiekit adds ${ms(p50 - base)})`
      : `lookup ${lookupMs} ms: target MISSED (${ratio(p50, base)} at p50, regiekit adds ${ms(p50 - base)})`,
  );
}
printTable(
  `One fetch, machine steps only (${RUNS} runs each, after two warm-ups; in process, SQLite)`,
  ['path', 'p50', 'p99', 'p50 vs direct'],
  rows,
);
printTable(
  'Where regiekit’s time goes (source lookup 0 ms)',
  ['step', 'p50'],
  STEPS.map((name, index) => [name, ms(percentile(breakdown[index]!, 50))]),
);
for (const verdict of verdicts) console.log(verdict);
