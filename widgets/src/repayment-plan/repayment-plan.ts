import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { planRepayment, type Plan, type PlanInput } from '@regiekit/sdk/plan';
import { RegieElement } from '../shared/regie-element.js';
import { tableRegion } from '../shared/table-region.js';
import { themeStyles } from '../shared/theme.styles.js';
import { balanceChart, lineSample } from './balance-chart.js';
import { planProblem, type PlanProblem } from './plan-problem.js';
import { repaymentPlanMessages, type RepaymentPlanMessages, type RuleOfThumb } from './repayment-plan.messages.js';

/**
 * A creditor's colour in the chart, next to its name. Painted by an SVG fill
 * attribute, not a style attribute: a page whose Content-Security-Policy has
 * no 'unsafe-inline' for styles refuses those.
 */
/**
 * How long the element's own planning may search for a better order. The
 * search runs on the page's main thread, so it stays short; a few debts are
 * done well within it.
 */
const SEARCH_BUDGET_MS = 300;

/**
 * A repayment plan as a picture and as tables: the balance of every debt over
 * time, the order of payment with the month each debt is paid off and why it
 * sits there, and (on request) the balance per month. Give it a plan from
 * `planRepayment` (@regiekit/sdk/plan) as its `plan` property, or the debts
 * themselves as its `input` property and it makes the plan in the browser,
 * so a page with only the CDN script can use it. Input the planner refuses
 * is named in an alert instead.
 *
 * @summary Shows a repayment plan: chart, order, reasons, balances per month.
 * @tag regie-repayment-plan
 * @cssproperty --regie-accent-color - Links and focus.
 * @cssproperty --regie-danger-color - The alert when no plan can be made.
 * @csspart problem - The alert when no plan can be made.
 */
export class RegieRepaymentPlan extends RegieElement {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
        font: inherit;
        /* The order table's layout follows the element's own width (see the container query below). */
        container-type: inline-size;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        max-height: 16rem;
      }
      .table-region {
        overflow-x: auto;
        max-width: 100%;
      }
      .table-region:focus-visible {
        outline: 3px solid var(--regie-focus-color, #0b5cad);
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      caption {
        text-align: start;
        font-weight: 600;
        padding-block-end: 0.25rem;
      }
      /* Keep a creditor's colour with its name, and a month with its date. */
      tbody th,
      .when {
        white-space: nowrap;
      }
      /* A reason squeezed into a narrow column would make every row very tall: it keeps a readable width and the region scrolls. */
      .reason {
        min-width: 16rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.4rem 0.5rem;
        border-bottom: 1px solid #8a8a8a;
        vertical-align: top;
      }
      svg.sample {
        display: inline-block;
        width: 1.5em;
        height: 0.5em;
        margin-inline-end: 0.4em;
      }
      figure {
        margin: 0 0 1rem;
      }
      .axis-name {
        margin: 0 0 0.25rem;
      }
      .plot {
        display: grid;
        grid-template-columns: auto 1fr;
        column-gap: 0.5rem;
        font-size: 0.8rem;
      }
      .plot svg {
        height: 12rem;
      }
      .y {
        display: flex;
        flex-direction: column;
        justify-content: space-between;
        text-align: end;
        white-space: nowrap;
      }
      .x {
        grid-column: 2;
        display: flex;
        justify-content: space-between;
      }
      figcaption ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        margin: 0.5rem 0 0;
        padding: 0;
        list-style: none;
      }
      .paid-mark {
        display: inline-block;
        width: 3px;
        height: 1em;
        margin-inline-end: 0.4em;
        background: currentColor;
      }
      .amount {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      /*
       * On a narrow screen each creditor of the order becomes a card: the place, the payoff month, the
       * amount and the reason under the creditor's name, each with its column's name. The table keeps
       * its semantics through explicit roles, which CSS display values cannot take away.
       */
      @container (max-width: 40rem) {
        table.order,
        .order caption,
        .order tbody,
        .order tr,
        .order th,
        .order td {
          display: block;
        }
        .order thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
        .order tr {
          padding-block: 0.5rem;
          border-bottom: 1px solid #8a8a8a;
        }
        .order th,
        .order td {
          border: 0;
          padding: 0.1rem 0;
        }
        .order td[data-label]::before {
          content: attr(data-label) ': ';
          font-weight: 600;
        }
        .order .reason {
          min-width: 0;
        }
      }
      .problem {
        margin: 0 0 1rem;
        padding: 0.75rem 1rem;
        border-inline-start: 4px solid var(--_regie-danger);
      }
      .problem strong {
        display: block;
        color: var(--_regie-danger);
      }
    `,
  ];

  static override properties = {
    plan: { attribute: false },
    input: { attribute: false },
  };

  /** The plan to show (from `planRepayment`). When set, it is shown and `input` is not planned. */
  declare plan: Plan | undefined;

  /**
   * The debts and the monthly room to plan with (see `PlanInput` in
   * @regiekit/sdk/plan), used when `plan` is not set. Assign a new object to
   * plan again: a change inside the same object is not seen.
   */
  declare input: PlanInput | undefined;

  /** The plan made from `input`, or why none could be made; for the input it was made from. */
  private planned: { input: PlanInput; plan: Plan } | { input: PlanInput; problem: PlanProblem } | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.plan || !this.input || this.planned?.input === this.input) return;
    const input = this.input;
    try {
      this.planned = { input, plan: planRepayment(input, { searchBudgetMs: SEARCH_BUDGET_MS }) };
    } catch (error) {
      const problem = planProblem(error, input);
      // Not a refusal of the planner: the page passed something else than a PlanInput, or the planner failed. Its author needs the cause.
      if (problem.kind === 'unreadable')
        console.error('<regie-repayment-plan>: no plan could be made from this input', error);
      this.planned = { input, problem };
    }
  }

  /** The plan on show: the one given, else the one made from `input`. */
  private get shownPlan(): Plan | undefined {
    if (this.plan) return this.plan;
    return this.input && this.planned?.input === this.input && 'plan' in this.planned ? this.planned.plan : undefined;
  }

  private get problem(): PlanProblem | undefined {
    if (this.plan || !this.input || this.planned?.input !== this.input) return undefined;
    return 'problem' in this.planned ? this.planned.problem : undefined;
  }

  private get text(): RepaymentPlanMessages {
    return repaymentPlanMessages[this.language];
  }

  private money(cents: number, digits = 2): string {
    return new Intl.NumberFormat(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    }).format(cents / 100);
  }

  override render(): TemplateResult {
    const t = this.text;
    const plan = this.shownPlan;
    const problem = this.problem;
    const summary = plan ? this.summary(plan) : problem ? '' : t.noPlan;
    // One template whatever there is to show, so the status region stays the same element from the first
    // render on, and a plan made later (a new input) is announced.
    return html`<p role="status">${summary}</p>
      ${problem ? html`<div class="problem" part="problem" role="alert"><p><strong>${t.noPlanPossible}</strong> ${t.problem(problem)}</p></div>` : nothing}
      ${plan ? this.planView(plan) : nothing}`;
  }

  /** What the plan costs, what it saves against each rule of thumb that costs at least a euro more, what is left at the end, and whether the agreed minimums fit. */
  private summary(plan: Plan): string {
    const saved: Partial<Record<RuleOfThumb, string>> = {};
    for (const [rule, cost] of Object.entries(plan.rulesOfThumb) as [RuleOfThumb, number][])
      if (cost - plan.costCents >= 100) saved[rule] = this.money(cost - plan.costCents);
    const { remainingCents, months } = plan.simulation;
    const summary = this.text.summary(
      this.money(plan.costCents),
      saved,
      remainingCents > 0 ? { amount: this.money(remainingCents), months: months.length } : undefined,
    );
    return plan.minimumsOverRoomCents > 0
      ? `${summary} ${this.text.minimumsOverRoom(this.money(plan.minimumsOverRoomCents))}`
      : summary;
  }

  private planView(plan: Plan): TemplateResult {
    const t = this.text;
    const months = plan.simulation.months;
    const name = (id: string) => plan.creditors[id] ?? id;
    const paidTo = (id: string) => months.reduce((sum, month) => sum + (month.payments[id] ?? 0), 0);
    return html`
      ${balanceChart(
        plan,
        {
          label: t.chartLabel(plan.order.length, months.length),
          balance: t.chartBalance,
          paidOff: t.paidOffMark,
          month: t.month,
          money: (cents) => this.money(cents, 0),
        },
        name,
      )}
      ${tableRegion(
        'order-caption',
        html`<table class="order" role="table">
          <caption id="order-caption">${t.tableCaption}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">${t.order}</th>
              <th scope="col" role="columnheader">${t.creditor}</th>
              <th scope="col" role="columnheader">${t.paidOff}</th>
              <th scope="col" role="columnheader">${t.totalPaid}</th>
              <th scope="col" role="columnheader">${t.why}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${plan.order.map((id, index) => {
              const month = plan.simulation.paidOffIn[id];
              return html`<tr role="row">
                <td role="cell" data-label=${t.order}>${index + 1}</td>
                <th scope="row" role="rowheader">${lineSample(index)}${name(id)}</th>
                <td role="cell" data-label=${t.paidOff}>${month === undefined ? t.notPaidOff : html`${t.month(month)} <span class="when">(${months[month]!.month})</span>`}</td>
                <td role="cell" class="amount" data-label=${t.totalPaid}>${this.money(paidTo(id))}</td>
                <td role="cell" class="reason" data-label=${t.why}>${plan.reasons[id]?.[this.language] ?? nothing}</td>
              </tr>`;
            })}
          </tbody>
        </table>`,
      )}
      <details>
        <summary>${t.showMonths}</summary>
        ${tableRegion(
          'months-caption',
          html`<table>
            <caption id="months-caption">${t.monthsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">${t.creditor}</th>
                ${months.map((month) => html`<th scope="col">${month.month}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${plan.order.map(
                (id) => html`<tr>
                  <th scope="row">${name(id)}</th>
                  ${months.map((month) => html`<td class="amount">${this.money(month.balances[id] ?? 0)}</td>`)}
                </tr>`,
              )}
            </tbody>
          </table>`,
        )}
      </details>
    `;
  }
}
