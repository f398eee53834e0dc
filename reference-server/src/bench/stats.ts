/** Small helpers every benchmark uses to summarise and print what it measured. */

/** The value below which `p` percent of the samples fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** autocannon records latencies in whole milliseconds; 0 means under one. */
export const wholeMs = (value: number): string => (value < 1 ? '< 1 ms' : `${Math.round(value)} ms`);

export const perSecond = (value: number): string => `${Math.round(value).toLocaleString('en-US')}/s`;

/** Bytes in the unit a reader takes in at a glance (kB and MB are 1,000-based, like `ls -h --si`). */
export function bytes(value: number): string {
  const sign = value < 0 ? '-' : '';
  const size = Math.abs(value);
  if (size >= 1e6) return `${sign}${(size / 1e6).toFixed(1)} MB`;
  if (size >= 1e4) return `${sign}${(size / 1e3).toFixed(1)} kB`;
  return `${sign}${Math.round(size)} B`;
}

export const ratio = (value: number, baseline: number): string => `${(value / baseline).toFixed(2)}x`;

/** Prints a Markdown table, so the figures can go into docs/performance.md as they are. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
