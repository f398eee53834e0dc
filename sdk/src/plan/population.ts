import type { CreditorKind, DebtInput, PlanInput } from './debts.js';

/** A small seeded generator (mulberry32), so a population is the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MIX: CreditorKind[] = [
  'cjib',
  'tax',
  'health-insurer',
  'duo',
  'rent',
  'energy',
  'telecom',
  'consumer-credit',
  'water',
  'other',
];
/** A household has one home and one current health insurer: a second draw of these becomes one of the kinds that repeat. */
const ONCE = new Set<CreditorKind>(['health-insurer', 'rent']);
const REPEATING = MIX.filter((kind) => !ONCE.has(kind));

/**
 * Households shaped like the Dutch figures (NVVK, CBS): 8-25 creditors of
 * the usual kinds (several fines, tax assessments and loans; one home and one
 * current health insurer), EUR 5k-80k in total, EUR 25-500 a month to spare,
 * 36 or 60 months.
 */
export function generateHousehold(random: () => number, index: number): PlanInput {
  const count = 8 + Math.floor(random() * 18);
  const totalCents = Math.round((5_000 + random() * 75_000) * 100);
  const weights = Array.from({ length: count }, () => 0.2 + random());
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const drawn = new Set<CreditorKind>();
  const debts: DebtInput[] = weights.map((weight, i) => {
    let kind = MIX[Math.floor(random() * MIX.length)]!;
    if (drawn.has(kind) && ONCE.has(kind)) kind = REPEATING[Math.floor(random() * REPEATING.length)]!;
    drawn.add(kind);
    const principalCents = Math.max(2_500, Math.round((totalCents * weight) / weightSum));
    const dueInDays = Math.floor(random() * 120) - 60;
    const due = new Date(Date.UTC(2027, 0, 1 + dueInDays)).toISOString().slice(0, 10);
    const letter =
      random() < 0.5
        ? new Date(Date.UTC(2027, 0, 1 + Math.floor(random() * 90) - 30)).toISOString().slice(0, 10)
        : null;
    return {
      id: `h${index}-d${i}`,
      creditor: `${kind} ${i}`,
      kind,
      principalCents: kind === 'cjib' ? Math.min(principalCents, 60_000) : principalCents,
      dueDate: due,
      letterReceivedOn: letter,
      // The home's rent arrears: a month or five of them (three or more put the home at risk), and an arrangement.
      ...(kind === 'rent' && {
        minimumPaymentCents: Math.min(5_000, principalCents),
        monthsInArrears: 1 + Math.floor(random() * 5),
      }),
      // Some energy suppliers agreed an arrangement, which is kept like the rent.
      ...(kind === 'energy' && random() < 0.3 && { minimumPaymentCents: Math.min(2_500, principalCents) }),
      ...(kind === 'health-insurer' && { monthsInArrears: Math.floor(random() * 6) }),
      // Some households carry debts from a business of their own (a self-employed past).
      ...(kind === 'other' && random() < 0.3 && { commercial: true }),
    };
  });
  return {
    debts,
    monthlyRoomCents: Math.round((25 + random() * 475) * 100),
    startMonth: '2027-01',
    horizonMonths: random() < 0.5 ? 36 : 60,
  };
}
