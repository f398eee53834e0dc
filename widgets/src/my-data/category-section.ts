import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizedText, MyDataCategory } from '@regiekit/sdk/protocol';
import type { Language } from '../shared/language.js';
import type { MyDataMessages } from './my-data.messages.js';

/** A list longer than this shows its first rows, and a button for the rest. */
export const ROWS_SHOWN = 20;

type Row = Record<string, unknown>;
const isTable = (value: unknown): value is Row[] =>
  Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item));

export function valueText(value: unknown, t: MyDataMessages): string {
  if (value === null || value === undefined || value === '') return t.empty;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

type Schema = { format?: string; properties?: Record<string, Schema>; items?: Schema };

/** A value as the schema describes it: a `date` in the reader's words, anything else as text. */
function shown(value: unknown, schema: Schema | undefined, t: MyDataMessages, formatDay: (iso: string) => string) {
  return schema?.format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? formatDay(value)
    : valueText(value, t);
}

export interface CategoryActions {
  /** Lists whose every row is shown (the customer asked for all). */
  expanded: Set<string>;
  expand(key: string): void;
  correct(category: MyDataCategory, trigger: HTMLElement): void;
  forward(category: MyDataCategory, trigger: HTMLElement): void;
}

function table(
  key: string,
  caption: string,
  rows: Row[],
  labels: Record<string, LocalizedText>,
  field: string,
  lang: Language,
  t: MyDataMessages,
  actions: CategoryActions,
  itemSchema: Schema | undefined,
  formatDay: (iso: string) => string,
): TemplateResult {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const visible = actions.expanded.has(key) ? rows : rows.slice(0, ROWS_SHOWN);
  return html`<div class="table-region" role="region" aria-label=${caption} tabindex="0">
      <table>
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          <tr>${columns.map((column) => html`<th scope="col">${labels[`${field}.${column}`]?.[lang] ?? column}</th>`)}</tr>
        </thead>
        <tbody>
          ${visible.map(
            (row) =>
              html`<tr>${columns.map((column) => html`<td>${shown(row[column], itemSchema?.properties?.[column], t, formatDay)}</td>`)}</tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      visible.length < rows.length
        ? html`<button type="button" class="secondary" @click=${() => actions.expand(key)}>${t.showAll(rows.length)}</button>`
        : nothing
    }`;
}

/**
 * One category as the customer reads it: every field with its label, lists
 * as tables, when the company signed it, why and how long it keeps it (AVG
 * art. 15(1)), and what the customer can do with it.
 */
export function renderCategory(
  category: MyDataCategory,
  index: number,
  lang: Language,
  t: MyDataMessages,
  formatDate: (iso: string) => string,
  formatDay: (iso: string) => string,
  actions: CategoryActions,
): TemplateResult {
  const notice = category.notice;
  const properties = (category.schema as Schema).properties ?? {};
  const labels = notice.itemLabels ?? {};
  const titleId = `category-${index}`;
  const correctable = category.fields.some((field) => field.correctable);
  return html`<section class="category" aria-labelledby=${titleId}>
    <h3 id=${titleId}>${category.title[lang]}</h3>
    <p class="signed">${t.signedOn(formatDate(category.issuedAt))}</p>
    <dl class="data">
      ${category.fields.map((field) => {
        const value = category.data[field.name];
        return html`<dt>${field.label[lang]}</dt>
          <dd>
            ${
              isTable(value)
                ? table(
                    `${index}.${field.name}`,
                    field.label[lang],
                    value,
                    labels,
                    field.name,
                    lang,
                    t,
                    actions,
                    properties[field.name]?.items,
                    formatDay,
                  )
                : shown(value, properties[field.name], t, formatDay)
            }
          </dd>`;
      })}
    </dl>
    <details>
      <summary>${t.noticeTitle}</summary>
      <dl class="notice">
        <dt>${t.purposes}</dt>
        <dd>${notice.purposes[lang]}</dd>
        <dt>${t.basis}</dt>
        <dd>${t.basisText[notice.legalBasis]}${notice.legalBasisDetail ? `: ${notice.legalBasisDetail[lang]}` : ''}</dd>
        <dt>${t.recipients}</dt>
        <dd>${notice.recipients[lang]}</dd>
        <dt>${t.retention}</dt>
        <dd>${notice.retention[lang]}</dd>
        <dt>${t.source}</dt>
        <dd>${notice.source[lang]}</dd>
        <dt>${t.automated}</dt>
        <dd>${notice.automatedDecisions?.[lang] ?? t.noAutomated}</dd>
      </dl>
    </details>
    ${
      correctable || notice.portable
        ? html`<div class="actions">
            ${
              correctable
                ? html`<button type="button" class="secondary" aria-describedby=${titleId} @click=${(e: Event) => actions.correct(category, e.currentTarget as HTMLElement)}>${t.correct}</button>`
                : nothing
            }
            ${
              notice.portable
                ? html`<button type="button" class="secondary" aria-describedby=${titleId} @click=${(e: Event) => actions.forward(category, e.currentTarget as HTMLElement)}>${t.forward}</button>`
                : nothing
            }
          </div>`
        : nothing
    }
  </section>`;
}
