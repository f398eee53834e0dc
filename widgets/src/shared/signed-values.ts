import { css, html, type TemplateResult } from 'lit';
import type { LocalizedText } from '@regiekit/sdk/protocol';
import type { Language } from './language.js';

type Row = Record<string, unknown>;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (YYYY-MM-DD) in the reader's words; other values as text. */
export function valueWords(value: unknown, lang: Language): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string' && DAY.test(value))
    return new Date(`${value}T00:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nl-NL', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });
  if (typeof value === 'number') return value.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const isRows = (value: unknown): value is Row[] =>
  Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item));

/**
 * One field of signed data as a person reads it before it goes anywhere: a
 * list of records as a table whose columns carry the source's labels
 * (`itemLabels`, "field.property"), anything else as words.
 */
export function signedValue(
  field: { name: string; label: LocalizedText; value: unknown },
  lang: Language,
  itemLabels: Record<string, LocalizedText> = {},
): TemplateResult {
  const { value } = field;
  if (!isRows(value) || value.length === 0) return html`${valueWords(value, lang)}`;
  const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
  return html`<div class="table-region" role="region" aria-label=${field.label[lang]} tabindex="0">
    <table>
      <caption class="visually-hidden">${field.label[lang]}</caption>
      <thead>
        <tr>${columns.map((column) => html`<th scope="col">${itemLabels[`${field.name}.${column}`]?.[lang] ?? column}</th>`)}</tr>
      </thead>
      <tbody>
        ${value.map((row) => html`<tr>${columns.map((column) => html`<td>${valueWords(row[column], lang)}</td>`)}</tr>`)}
      </tbody>
    </table>
  </div>`;
}

/** "3 payments" for a list, the value for anything else: the short line above the details. */
export function valueCount(value: unknown): number | undefined {
  return Array.isArray(value) ? value.length : undefined;
}

/** Tables of signed data: scroll sideways inside their region on a narrow screen, never the page. */
export const signedValueStyles = css`
  .table-region {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
  }
  th,
  td {
    border: 1px solid #8a8a8a;
    padding: 0.125rem 0.5rem;
    text-align: left;
  }
`;
