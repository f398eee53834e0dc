import { z } from 'zod';
import { IsoDateTime, PlainText, Slug } from './common.js';

/** Limits every arrangement message is checked against: a term of 0 or 1,000 months never reaches a creditor. */
export const ARRANGEMENT_LIMITS = {
  maxTermMonths: 120,
  maxPauseMonths: 12,
  maxAmountCents: 100_000_000,
  maxMissedInstalments: 12,
  maxGraceDays: 90,
  maxExclusionMonths: 120,
} as const;

const Cents = z.number().int().min(0).max(ARRANGEMENT_LIMITS.maxAmountCents);
const PositiveCents = z.number().int().min(1).max(ARRANGEMENT_LIMITS.maxAmountCents);
const Months = z.number().int().min(1).max(ARRANGEMENT_LIMITS.maxTermMonths);
/** A calendar month, `YYYY-MM`: when an arrangement's first instalment falls due. */
export const CalendarMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM')
  .meta({ id: 'CalendarMonth', example: '2027-01' });

/** An IBAN as the EPC QR code carries it: letters and digits only, the check digits right (ISO 13616). */
export const Iban = z
  .string()
  .transform((value) => value.replace(/\s+/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'an IBAN')
      .refine(ibanChecks, 'an IBAN whose check digits are right'),
  )
  .meta({ id: 'Iban', example: 'NL91ABNA0417164300' });

function ibanChecks(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const char of moved) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/**
 * A creditor's conditions for accepting a payment arrangement in advance
 * ("vooraf akkoord"). Data, not code: the same `evaluateArrangement` reads it
 * in the debtor's app and at the creditor. Amounts in euro cents.
 */
export const AcceptancePolicy = z
  .strictObject({
    providerId: Slug.describe('The creditor (a provider) whose policy this is.'),
    version: z.number().int().min(1).describe('Goes up with every change; requests cite the hash of the version.'),
    validFrom: IsoDateTime,
    term: z
      .strictObject({ minMonths: Months, maxMonths: Months })
      .refine((term) => term.minMonths <= term.maxMonths, 'minMonths at most maxMonths'),
    minimumInstalment: z
      .strictObject({
        amountCents: Cents.describe('The least any instalment but the last may be.'),
        shareOfBalanceBasisPoints: z
          .number()
          .int()
          .min(0)
          .max(10_000)
          .describe('And at least this share of the balance (100 = 1%); the higher of the two counts.'),
      })
      .describe('The last instalment may be lower: it is what remains.'),
    balance: z
      .strictObject({ minCents: Cents, maxCents: PositiveCents })
      .refine((balance) => balance.minCents <= balance.maxCents, 'minCents at most maxCents')
      .describe('The balances the policy applies to; outside them a request waits for staff.'),
    whileKept: z
      .strictObject({ interestStops: z.boolean(), collectionCostsStop: z.boolean() })
      .describe('What stops while the arrangement is kept.'),
    lapse: z
      .strictObject({
        missedInstalments: z.number().int().min(1).max(ARRANGEMENT_LIMITS.maxMissedInstalments),
        graceDays: z.number().int().min(0).max(ARRANGEMENT_LIMITS.maxGraceDays),
      })
      .describe('It lapses after this many missed instalments, each unpaid this many days after it fell due.'),
    pause: z
      .strictObject({
        allowed: z.boolean(),
        maxMonths: z.number().int().min(0).max(ARRANGEMENT_LIMITS.maxPauseMonths),
      })
      .describe('Months without instalments before the first one.'),
    exclusions: z.strictObject({
      atBailiff: z.boolean().describe('Debts already handed to a bailiff are not accepted in advance.'),
      failedWithinMonths: z
        .number()
        .int()
        .min(0)
        .max(ARRANGEMENT_LIMITS.maxExclusionMonths)
        .describe('Nor when an arrangement for the debt failed this many months before the start (0: no rule).'),
    }),
    payTo: z.strictObject({ iban: Iban, beneficiaryName: PlainText(1, 70) }),
  })
  .meta({ id: 'AcceptancePolicy' });
export type AcceptancePolicy = z.infer<typeof AcceptancePolicy>;
export type AcceptancePolicyInput = z.input<typeof AcceptancePolicy>;

/** SHA-256 of a policy version in canonical JSON, base64url: what a request and an acceptance cite. */
export const PolicyHash = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'a SHA-256 hash, base64url')
  .meta({ id: 'PolicyHash' });

/** A policy as the creditor publishes it in its service description: signed with its payload key. */
export const SignedAcceptancePolicy = z
  .strictObject({
    policy: AcceptancePolicy,
    jws: z.string().max(20_000).describe('Compact JWS (ES256) whose payload is the policy in canonical JSON.'),
    policyHash: PolicyHash,
  })
  .meta({ id: 'SignedAcceptancePolicy' });
export type SignedAcceptancePolicy = z.infer<typeof SignedAcceptancePolicy>;

/** What the creditor knows about the debt that the policy's exclusions look at. */
export const ArrangementDebtFacts = z
  .strictObject({
    atBailiff: z.boolean(),
    lastFailedArrangement: CalendarMonth.nullable().describe('The month an earlier arrangement for it failed.'),
  })
  .meta({ id: 'ArrangementDebtFacts' });
export type ArrangementDebtFacts = z.infer<typeof ArrangementDebtFacts>;

/**
 * A proposed arrangement: the balance paid in monthly instalments from
 * `startMonth`, after `pauseMonths` without. The instalments add up to the
 * balance exactly.
 */
export const ArrangementProposal = z
  .strictObject({
    balanceCents: PositiveCents,
    instalmentCents: z
      .array(PositiveCents)
      .min(1, 'a term of at least one month')
      .max(ARRANGEMENT_LIMITS.maxTermMonths, `a term of at most ${ARRANGEMENT_LIMITS.maxTermMonths} months`),
    startMonth: CalendarMonth,
    pauseMonths: z.number().int().min(0).max(ARRANGEMENT_LIMITS.maxPauseMonths),
    facts: ArrangementDebtFacts,
  })
  .refine((proposal) => sumOf(proposal.instalmentCents) === proposal.balanceCents, {
    message: 'the instalments add up to the balance',
    path: ['instalmentCents'],
  })
  .meta({ id: 'ArrangementProposal' });
export type ArrangementProposal = z.infer<typeof ArrangementProposal>;

const sumOf = (amounts: readonly number[]) => amounts.reduce((sum, amount) => sum + amount, 0);

export const ArrangementRule = z
  .enum([
    'balance-below-minimum',
    'balance-above-maximum',
    'term-too-short',
    'term-too-long',
    'instalment-too-low',
    'pause-not-allowed',
    'pause-too-long',
    'at-bailiff',
    'failed-recently',
  ])
  .meta({ id: 'ArrangementRule' });
export type ArrangementRule = z.infer<typeof ArrangementRule>;

export const ArrangementReason = z
  .object({ rule: ArrangementRule, nl: z.string(), en: z.string() })
  .meta({ id: 'ArrangementReason' });
export type ArrangementReason = z.infer<typeof ArrangementReason>;

export const ArrangementOutcome = z.enum(['accepted-in-advance', 'needs-review']).meta({ id: 'ArrangementOutcome' });
export type ArrangementOutcome = z.infer<typeof ArrangementOutcome>;
