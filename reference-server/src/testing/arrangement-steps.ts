import type {
  AcceptancePolicy,
  ArrangementProposal,
  ConsumerConnectionList,
  SignedAcceptancePolicy,
} from '@regiekit/sdk/protocol';
import { scheduleOf, signAcceptancePolicy } from '@regiekit/sdk/arrangements';
import { expect } from 'vitest';
import type { Store } from '../storage/store.js';
import { consentWorld, type ConsentWorld } from './consent-steps.js';
import { PARTY_AUTH, partyCall, zorgAssertion } from './connect-steps.js';
import { PAYLOAD_KEYS } from './test-parties.js';

export const ARRANGEMENTS = 'https://regiekit.example/services/payment-arrangements/v1';

export const policyOf = (providerId: string, changes: Partial<AcceptancePolicy> = {}): AcceptancePolicy => ({
  providerId,
  version: 1,
  validFrom: '2026-01-01T00:00:00.000Z',
  term: { minMonths: 1, maxMonths: 12 },
  minimumInstalment: { amountCents: 2_500, shareOfBalanceBasisPoints: 0 },
  balance: { minCents: 0, maxCents: 500_000 },
  whileKept: { interestStops: true, collectionCostsStop: true },
  lapse: { missedInstalments: 2, graceDays: 14 },
  pause: { allowed: false, maxMonths: 0 },
  exclusions: { atBailiff: true, failedWithinMonths: 12 },
  payTo: { iban: 'NL91ABNA0417164300', beneficiaryName: providerId },
  ...changes,
});

export const sign = (policy: AcceptancePolicy, provider: 'energie' | 'zorg') =>
  signAcceptancePolicy(policy, { privateKey: PAYLOAD_KEYS[provider].privateKey, keyId: `${provider}-payload` });

export const proposal = (balanceCents: number, monthlyCents: number): ArrangementProposal => ({
  balanceCents,
  instalmentCents: scheduleOf(balanceCents, monthlyCents),
  startMonth: '2027-01',
  pauseMonths: 0,
  facts: { atBailiff: false, lastFailedArrangement: null },
});

/** The creditor's service description that carries its signed policy; requests go to its operation endpoint. */
export const arrangementService = (provider: string, acceptancePolicy: SignedAcceptancePolicy) => ({
  serviceType: ARRANGEMENTS,
  title: { nl: 'Betalingsregelingen', en: 'Payment arrangements' },
  schema: { type: 'object', properties: { state: { type: 'string' } } },
  fieldLabels: { state: { nl: 'Stand van de regeling', en: 'State of the arrangement' } },
  operationEndpoint: `https://${provider}.example/regiekit/operations`,
  modes: ['one-off'],
  acceptancePolicy,
});

export interface ArrangementWorld extends ConsentWorld {
  policies: { energie: SignedAcceptancePolicy; zorg: SignedAcceptancePolicy };
  connections: { energie: string; zorg: string };
  zorgAuth(): Promise<string>;
}

/**
 * The consent world (a debtor signed in to the debt app, connected to both
 * creditors) where each creditor also publishes a signed acceptance policy:
 * the energy company up to 12 months, the health insurer up to EUR 1,000.
 */
export async function arrangementWorld(store?: Store): Promise<ArrangementWorld> {
  const world = store ? await consentWorld({ store }) : await consentWorld();
  const zorgAuth = async () => `Bearer ${await zorgAssertion(world.server.clock.now())}`;
  const policies = {
    energie: await sign(policyOf('energie'), 'energie'),
    // The health insurer accepts in advance up to EUR 1,000; above that its staff review.
    zorg: await sign(
      policyOf('zorg', { balance: { minCents: 0, maxCents: 100_000 }, term: { minMonths: 1, maxMonths: 24 } }),
      'zorg',
    ),
  };
  for (const [provider, auth] of [
    ['energie', PARTY_AUTH.energie],
    ['zorg', await zorgAuth()],
  ] as const)
    expect(
      (
        await partyCall(
          world.server.app,
          auth,
          'PUT',
          '/api/v1/nijmegen/provider/services',
          arrangementService(provider, policies[provider]),
        )
      ).status,
    ).toBeLessThan(300);
  const listed = await partyCall<ConsumerConnectionList>(
    world.server.app,
    PARTY_AUTH.schuldhulp,
    'GET',
    `/api/v1/nijmegen/consumer/users/${world.sub}/connections`,
  );
  const connectionOf = (id: string) => listed.body.connections.find((c) => c.provider.id === id)!.connectionId;
  return {
    ...world,
    policies,
    connections: { energie: connectionOf('energie'), zorg: connectionOf('zorg') },
    zorgAuth,
  };
}
