import { css, html, nothing, type TemplateResult } from 'lit';
import type { Plan } from '@regiekit/sdk/plan';
import { RegieElement } from '../shared/regie-element.js';
import { tableRegion } from '../shared/table-region.js';
import { themeStyles } from '../shared/theme.styles.js';
import { balanceChart, chartColour } from './balance-chart.js';
import { repaymentPlanMessages, type RepaymentPlanMessages } from './repayment-plan.messages.js';

/**
 * A repayment plan as a picture and as tables: the balance of every debt over
 * time, the order of payment with the month each debt is paid off and why it
 * sits there, and (on request) the balance per month. Give it a plan from
 * `planRepayment` (@regiekit/sdk/plan) as its `plan` property.
 *
 * @summary Shows a repayment plan: chart, order, reasons, balances per month.
 * @tag regie-repayment-plan
 * @cssproperty --regie-accent-color - Links and focus.
 */
export class RegieRepaymentPlan extends RegieElement {
  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
        font: inherit;
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
      .swatch {
        display: inline-block;
        width: 0.9em;
        height: 0.9em;
        margin-inline-end: 0.4em;
        vertical-align: -0.1em;
        border-radius: 2px;
      }
      .amount {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  static override properties = {
    plan: { attribute: false },
  };

  /** The plan to show (from `planRepayment`). */
  declare plan: Plan | undefined;

  private get text(): RepaymentPlanMessages {
    return repaymentPlanMessages[this.language];
  }

  private money(cents: number): string {
    return new Intl.NumberFormat(this.language === 'en' ? 'en-GB' : 'nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
  }

  override render(): TemplateResult {
    const t = this.text;
    const plan = this.plan;
    if (!plan) return html`<p>${t.noPlan}</p>`;
    const months = plan.simulation.months;
    const name = (id: string) => plan.creditors[id] ?? id;
    const paidTo = (id: string) => months.reduce((sum, month) => sum + (month.payments[id] ?? 0), 0);
    return html`
      <p>${t.summary(this.money(plan.costCents), this.money(Math.max(0, plan.rulesOfThumb.avalanche - plan.costCents)))}</p>
      ${balanceChart(plan, t.chartLabel(plan.order.length, months.length))}
      ${tableRegion(
        'order-caption',
        html`<table>
          <caption id="order-caption">${t.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">${t.order}</th>
              <th scope="col">${t.creditor}</th>
              <th scope="col">${t.paidOff}</th>
              <th scope="col">${t.totalPaid}</th>
              <th scope="col">${t.why}</th>
            </tr>
          </thead>
          <tbody>
            ${plan.order.map((id, index) => {
              const month = plan.simulation.paidOffIn[id];
              return html`<tr>
                <td>${index + 1}</td>
                <th scope="row"><span class="swatch" style="background:${chartColour(index)}" aria-hidden="true"></span>${name(id)}</th>
                <td>${month === undefined ? t.notPaidOff : html`${t.month(month)} <span class="when">(${months[month]!.month})</span>`}</td>
                <td class="amount">${this.money(paidTo(id))}</td>
                <td class="reason">${plan.reasons[id]?.[this.language] ?? nothing}</td>
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
