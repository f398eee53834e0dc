import { html, svg, type TemplateResult } from 'lit';
import type { Plan } from '@regiekit/sdk/plan';

const WIDTH = 600;
const HEIGHT = 200;
/** Distinguishable on white and for common colour-vision deficiencies; lines also differ by dash. */
const COLOURS = ['#0b5cad', '#b3541e', '#2a7a2a', '#7a2a7a', '#5c5c00', '#005c5c', '#8a1c1c', '#444444'];
const DASHES = ['', '6 3', '2 3', '10 4 2 4'];

export const chartColour = (index: number) => COLOURS[index % COLOURS.length]!;
const dash = (index: number) => DASHES[Math.floor(index / COLOURS.length) % DASHES.length]!;

/** A short stretch of a creditor's line, to find it in the chart by. */
export const lineSample = (index: number) =>
  svg`<svg class="sample" viewBox="0 0 24 8" aria-hidden="true"><line x1="0" y1="4" x2="24" y2="4" stroke=${chartColour(index)} stroke-width="3" stroke-dasharray=${dash(index)}></line></svg>`;

export interface ChartText {
  label: string;
  /** The vertical axis's name (what it counts, in euros); the legend's name of a payoff mark. */
  balance: string;
  paidOff: string;
  month: (index: number) => string;
  /** Whole euros, for the marks of the vertical axis. */
  money: (cents: number) => string;
}

/** The axis's top: the highest balance rounded up to 1, 2, 2.5 or 5 times a power of ten (in cents), so its marks read easily. */
function axisTop(cents: number): number {
  const power = 10 ** Math.floor(Math.log10(cents));
  return [1, 2, 2.5, 5, 10].find((step) => cents <= step * power)! * power;
}

/**
 * Balances over time, one line per creditor, in the plan's order, with the
 * axes named and marked (euros, months), a mark where each debt is paid off,
 * and a legend. The lines stretch with the element; the text around them is
 * HTML, so it stays readable at 320 px. For screen readers the picture is
 * one labelled image: the tables below carry the same data.
 */
export function balanceChart(plan: Plan, text: ChartText, name: (id: string) => string): TemplateResult {
  const months = plan.simulation.months;
  const highest = axisTop(Math.max(100, ...months.flatMap((month) => Object.values(month.balances))));
  const last = Math.max(1, months.length - 1);
  const x = (index: number) => (index / last) * WIDTH;
  const y = (cents: number) => HEIGHT - (cents / highest) * HEIGHT;
  const lines = plan.order.map((id, index) => {
    const points = months.map((month, m) => `${x(m).toFixed(1)},${y(month.balances[id] ?? 0).toFixed(1)}`).join(' ');
    const paidOff = plan.simulation.paidOffIn[id];
    return svg`<polyline points=${points} fill="none" stroke=${chartColour(index)} stroke-width="2.5" stroke-dasharray=${dash(index)} vector-effect="non-scaling-stroke"></polyline>
      ${paidOff === undefined ? '' : svg`<line class="paid" x1=${x(paidOff)} x2=${x(paidOff)} y1=${HEIGHT} y2=${HEIGHT - 24} stroke=${chartColour(index)} stroke-width="3" vector-effect="non-scaling-stroke"></line>`}`;
  });
  const middle = Math.floor(last / 2);
  return html`<figure class="chart">
    <p class="axis-name" aria-hidden="true">${text.balance}</p>
    <div class="plot">
      <div class="y" aria-hidden="true">
        <span>${text.money(highest)}</span><span>${text.money(highest / 2)}</span><span>${text.money(0)}</span>
      </div>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${text.label} preserveAspectRatio="none">
        ${[0, 0.5, 1].map((share) => svg`<line x1="0" x2=${WIDTH} y1=${HEIGHT * share} y2=${HEIGHT * share} stroke="#c8c8c8" vector-effect="non-scaling-stroke"></line>`)}
        ${lines}
      </svg>
      <div class="x" aria-hidden="true">
        <span>${text.month(0)}</span><span>${text.month(middle)}</span><span>${text.month(last)}</span>
      </div>
    </div>
    <figcaption aria-hidden="true">
      <ul>
        ${plan.order.map((id, index) => html`<li>${lineSample(index)}${name(id)}</li>`)}
        <li><span class="paid-mark"></span>${text.paidOff}</li>
      </ul>
    </figcaption>
  </figure>`;
}
