import type { FetchPeriod } from '../protocol/signed-data.js';

/** The part of a JSON Schema that says where the dates are. */
export interface DateSchema {
  format?: string;
  properties?: Record<string, DateSchema>;
  items?: DateSchema;
}

/**
 * The dates in `data` that lie outside `period`: every value the schema marks
 * `format: date`, in nested objects and lists too. Data of other days than
 * asked was not asked for (data minimisation); a form refuses it.
 */
export function datesOutside(data: unknown, schema: DateSchema | undefined, period: FetchPeriod): string[] {
  if (!schema || data === null || data === undefined) return [];
  if (schema.format === 'date' && typeof data === 'string') return data < period.from || data > period.to ? [data] : [];
  if (Array.isArray(data)) return data.flatMap((item) => datesOutside(item, schema.items, period));
  if (typeof data === 'object' && schema.properties)
    return Object.entries(data as Record<string, unknown>).flatMap(([name, value]) =>
      datesOutside(value, schema.properties![name], period),
    );
  return [];
}
