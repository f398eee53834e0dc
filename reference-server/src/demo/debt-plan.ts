import type { CreditorKind, DebtInput, PlanInput } from '@regiekit/sdk/plan';

/** One creditor's payment-due list as the debt app fetched it with consent, verified. */
export interface FetchedDebts {
  providerId: string;
  providerName: string;
  items: { description?: string; amountCents: number; dueDate: string; stage: string }[];
  totalCents: number;
  /** The provider key that signed the payload, as checked by the SDK. */
  keyId: string | undefined;
  /** The day the app read the list (YYYY-MM-DD). */
  fetchedOn: string;
}

/** What each demo creditor is, which decides how its debts grow under the planner's rules (demo-parties.ts). */
const KIND_OF_PROVIDER: Record<string, CreditorKind> = { 'demo-energie': 'energy', 'demo-zorg': 'health-insurer' };

/**
 * What the debt app suggests a household can pay towards its debts each month, until the user says otherwise.
 * € 200 rather than a rounder € 150: the demo customer's premium arrears reach the CAK's six months in the
 * plan's fourth month, and at € 150 a month the plan cannot clear them before then.
 */
export const DEFAULT_MONTHLY_ROOM_CENTS = 20_000;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The planner's input from the debts the app fetched with consent.
 *
 * One debt per creditor, not per open item: a household pays a creditor, not
 * an invoice, and a payment arrangement is made per creditor; the rules the
 * planner models (the 14-day letter, the CAK taking over health premium
 * arrears) also concern the creditor as a whole. Its amount is the sum of the
 * items, its due date the earliest one.
 *
 * Stage 'aanmaning' is the 14-day letter. The payment-due list says that it
 * was sent, not when it arrived, so the app takes the day it read the list
 * (`fetchedOn`): the latest day the letter can have arrived. Collection costs already
 * charged would be an item on the list; until they are, the plan counts them
 * as still avoidable, and so shows which creditor to pay first to keep them off.
 *
 * A health insurer's months in arrears are its unpaid premium months. The
 * list has no item type; the demo insurer names those items "Premie <maand>".
 */
export function planInputFrom(
  sources: FetchedDebts[],
  today: Date,
  monthlyRoomCents = DEFAULT_MONTHLY_ROOM_CENTS,
): PlanInput {
  const debts = sources.flatMap((source): DebtInput[] => {
    const principalCents = source.items.reduce((sum, item) => sum + item.amountCents, 0);
    if (principalCents === 0) return [];
    const kind = KIND_OF_PROVIDER[source.providerId] ?? 'other';
    const premiumMonths = source.items.filter((item) => /^premie\b/i.test(item.description ?? '')).length;
    return [
      {
        id: source.providerId,
        creditor: source.providerName,
        kind,
        principalCents,
        dueDate: source.items.map((item) => item.dueDate).sort()[0]!,
        letterReceivedOn: source.items.some((item) => item.stage === 'aanmaning') ? source.fetchedOn : null,
        ...(kind === 'health-insurer' && { monthsInArrears: premiumMonths }),
      },
    ];
  });
  // The plan starts next month: this month's money is usually spent already.
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  return { debts, monthlyRoomCents, startMonth: isoDay(start).slice(0, 7), horizonMonths: 36 };
}
