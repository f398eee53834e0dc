import { MAX_FETCH_MONTHS_BACK, type CreateFetchRequest, type ServiceDescription } from '@regiekit/sdk/protocol';
import { ApiError } from '../http/api-error.js';

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The fetch request is not valid.', [{ path, message }]);

/** The day as YYYY-MM-DD (UTC), and the same day `months` earlier (the last day of a shorter month). */
export function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function monthsBefore(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return isoDay(target.getTime());
}

/**
 * What a form may ask (data minimisation): fields of the source's schema
 * only, data of at most three months back, nothing of the future. The
 * request is refused as a whole; the applicant never sees an over-wide ask.
 */
export function checkFetchRequest(body: CreateFetchRequest, service: ServiceDescription, now: number): string[] {
  const known = Object.keys((service.schema.properties as object | undefined) ?? {});
  const fields = [...new Set(body.fields)];
  const unknown = fields.filter((field) => !known.includes(field));
  if (unknown.length > 0) throw invalid('fields', `not in the source's schema: ${unknown.join(', ')}`);
  const today = isoDay(now);
  const earliest = monthsBefore(today, MAX_FETCH_MONTHS_BACK);
  if (body.period.to > today) throw invalid('period.to', `data of the future cannot be fetched (today is ${today})`);
  if (body.period.from < earliest)
    throw invalid('period.from', `at most ${MAX_FETCH_MONTHS_BACK} months back: from ${earliest} on`);
  return fields;
}
