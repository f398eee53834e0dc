import type {
  AcceptancePolicy,
  ArrangementProposal,
  ArrangementReason,
  ArrangementRule,
} from '../protocol/arrangement-policy.js';

type Language = 'nl' | 'en';
const LANGUAGES: readonly Language[] = ['nl', 'en'];

export const euros = (cents: number, language: Language): string =>
  new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );

const months = (count: number, language: Language) =>
  language === 'nl' ? `${count} ${count === 1 ? 'maand' : 'maanden'}` : `${count} ${count === 1 ? 'month' : 'months'}`;

const minimumOf = (policy: AcceptancePolicy, language: Language) => {
  const { amountCents, shareOfBalanceBasisPoints } = policy.minimumInstalment;
  const share = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(shareOfBalanceBasisPoints / 10_000);
  if (shareOfBalanceBasisPoints === 0) return euros(amountCents, language);
  if (amountCents === 0) return language === 'nl' ? `${share} van het saldo` : `${share} of the balance`;
  return language === 'nl'
    ? `${euros(amountCents, language)} of ${share} van het saldo als dat meer is`
    : `${euros(amountCents, language)}, or ${share} of the balance if that is more`;
};

type Texts = Record<ArrangementRule, (policy: AcceptancePolicy, proposal: ArrangementProposal, l: Language) => string>;

const TEXTS: Record<Language, Texts> = {
  nl: {
    'balance-below-minimum': (p, _, l) => `Het saldo is lager dan ${euros(p.balance.minCents, l)}.`,
    'balance-above-maximum': (p, _, l) => `Het saldo is hoger dan ${euros(p.balance.maxCents, l)}.`,
    'term-too-short': (p, _, l) => `De looptijd is korter dan ${months(p.term.minMonths, l)}.`,
    'term-too-long': (p, _, l) => `De looptijd is langer dan ${months(p.term.maxMonths, l)}.`,
    'instalment-too-low': (p, _, l) => `Een termijn is lager dan ${minimumOf(p, l)}.`,
    'pause-not-allowed': () => 'Uitstel voor de eerste termijn is niet mogelijk.',
    'pause-too-long': (p, _, l) => `Het uitstel is langer dan ${months(p.pause.maxMonths, l)}.`,
    'at-bailiff': () => 'De schuld ligt al bij de deurwaarder.',
    'failed-recently': (p, _, l) =>
      `Een eerdere regeling voor deze schuld is minder dan ${months(p.exclusions.failedWithinMonths, l)} geleden mislukt.`,
  },
  en: {
    'balance-below-minimum': (p, _, l) => `The balance is below ${euros(p.balance.minCents, l)}.`,
    'balance-above-maximum': (p, _, l) => `The balance is above ${euros(p.balance.maxCents, l)}.`,
    'term-too-short': (p, _, l) => `The term is shorter than ${months(p.term.minMonths, l)}.`,
    'term-too-long': (p, _, l) => `The term is longer than ${months(p.term.maxMonths, l)}.`,
    'instalment-too-low': (p, _, l) => `An instalment is below ${minimumOf(p, l)}.`,
    'pause-not-allowed': () => 'No pause before the first instalment is possible.',
    'pause-too-long': (p, _, l) => `The pause is longer than ${months(p.pause.maxMonths, l)}.`,
    'at-bailiff': () => 'The debt is already with a bailiff.',
    'failed-recently': (p, _, l) =>
      `An earlier arrangement for this debt failed less than ${months(p.exclusions.failedWithinMonths, l)} ago.`,
  },
};

export function reasonText(
  rule: ArrangementRule,
  policy: AcceptancePolicy,
  proposal: ArrangementProposal,
): ArrangementReason {
  return { rule, nl: TEXTS.nl[rule](policy, proposal, 'nl'), en: TEXTS.en[rule](policy, proposal, 'en') };
}

/**
 * The policy in plain language, one sentence per condition, in Dutch and
 * English: what a debtor reads before asking.
 */
export function policyInWords(policy: AcceptancePolicy): Record<Language, string[]> {
  const sentences = (l: Language): string[] => {
    const nl = l === 'nl';
    const stops = [
      policy.whileKept.interestStops && (nl ? 'de rente' : 'interest'),
      policy.whileKept.collectionCostsStop && (nl ? 'de incassokosten' : 'collection costs'),
    ].filter((part): part is string => typeof part === 'string');
    const { missedInstalments, graceDays } = policy.lapse;
    return [
      nl
        ? `Vooraf akkoord voor een saldo van ${euros(policy.balance.minCents, l)} tot ${euros(policy.balance.maxCents, l)}.`
        : `Accepted in advance for a balance of ${euros(policy.balance.minCents, l)} to ${euros(policy.balance.maxCents, l)}.`,
      nl
        ? `Looptijd van ${months(policy.term.minMonths, l)} tot ${months(policy.term.maxMonths, l)}.`
        : `A term of ${months(policy.term.minMonths, l)} to ${months(policy.term.maxMonths, l)}.`,
      nl
        ? `Elke termijn behalve de laatste is minstens ${minimumOf(policy, l)}.`
        : `Every instalment but the last is at least ${minimumOf(policy, l)}.`,
      stops.length > 0
        ? nl
          ? `Zolang u de regeling nakomt, stoppen ${stops.join(' en ')}.`
          : `While you keep the arrangement, ${stops.join(' and ')} stop.`
        : nl
          ? 'Rente en kosten lopen door tijdens de regeling.'
          : 'Interest and costs continue during the arrangement.',
      nl
        ? `De regeling vervalt na ${missedInstalments} gemiste ${missedInstalments === 1 ? 'termijn' : 'termijnen'}, elk ${graceDays} dagen na de vervaldag nog niet betaald.`
        : `The arrangement lapses after ${missedInstalments} missed ${missedInstalments === 1 ? 'instalment' : 'instalments'}, each unpaid ${graceDays} days after it fell due.`,
      policy.pause.allowed
        ? nl
          ? `Uitstel van de eerste termijn kan tot ${months(policy.pause.maxMonths, l)}.`
          : `The first instalment can be put off for up to ${months(policy.pause.maxMonths, l)}.`
        : nl
          ? 'Uitstel van de eerste termijn kan niet.'
          : 'The first instalment cannot be put off.',
      ...(policy.exclusions.atBailiff
        ? [nl ? 'Niet voor schulden die al bij de deurwaarder liggen.' : 'Not for debts already with a bailiff.']
        : []),
      ...(policy.exclusions.failedWithinMonths > 0
        ? [
            nl
              ? `Niet als een regeling voor dezelfde schuld in de laatste ${months(policy.exclusions.failedWithinMonths, l)} is mislukt.`
              : `Not when an arrangement for the same debt failed in the last ${months(policy.exclusions.failedWithinMonths, l)}.`,
          ]
        : []),
    ];
  };
  return Object.fromEntries(LANGUAGES.map((l) => [l, sentences(l)])) as Record<Language, string[]>;
}
