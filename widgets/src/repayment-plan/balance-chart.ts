import { svg, type SVGTemplateResult } from 'lit';
import type { Plan } from '@regiekit/sdk/plan';

const WIDTH = 600;
const HEIGHT = 240;
/** Distinguishable on white and for common colour-vision deficiencies; lines also differ by dash. */
const COLOURS = ['#0b5cad', '#b3541e', '#2a7a2a', '#7a2a7a', '#5c5c00', '#005c5c', '#8a1c1c', '#444444'];
const DASHES = ['', '6 3', '2 3', '10 4 2 4'];

/**
 * Balances over time, one line per creditor, in the plan's order. The picture
 * is decorative for screen readers (the tables carry the same data); the
 * element labels it with a summary.
 */
export function balanceChart(plan: Plan, label: string): SVGTemplateResult {
  const months = plan.simulation.months;
  const highest = Math.max(1, ...months.flatMap((month) => Object.values(month.balances)));
  const x = (index: number) => (index / Math.max(1, months.length - 1)) * (WIDTH - 20) + 10;
  const y = (cents: number) => HEIGHT - 10 - (cents / highest) * (HEIGHT - 20);
  const lines = plan.order.map((id, index) => {
    const points = months.map((month, m) => `${x(m).toFixed(1)},${y(month.balances[id] ?? 0).toFixed(1)}`).join(' ');
    return svg`<polyline points=${points} fill="none" stroke=${COLOURS[index % COLOURS.length]} stroke-width="2" stroke-dasharray=${DASHES[Math.floor(index / COLOURS.length) % DASHES.length]!}></polyline>`;
  });
  return svg`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${label} preserveAspectRatio="none">
    <line x1="10" y1=${HEIGHT - 10} x2=${WIDTH - 10} y2=${HEIGHT - 10} stroke="#595959"></line>
    ${lines}
  </svg>`;
}

export const chartColour = (index: number) => COLOURS[index % COLOURS.length]!;
