import type { z } from 'zod';

/** A stored value that no longer matches its schema: the store was changed outside the server. */
export class StoredDataError extends Error {
  override name = 'StoredDataError';
}

type JsonColumns<R> = { [K in keyof R]?: z.ZodType<R[K]> };

/** A record as an engine keeps it: its JSON columns (`K`) as text. */
export type Stored<R, K extends PropertyKey> = Omit<R, K & keyof R> & { [P in K & keyof R]: string };

/**
 * The fields of a record that an engine keeps as JSON text (a purpose, a list
 * of fields, a service description). Both engines encode on the way in and
 * decode on the way out, checked against the field's schema, so services
 * only ever see typed values and a tampered row fails loudly, not later.
 */
export function jsonColumns<R extends object>() {
  return <C extends JsonColumns<R>>(columns: C) => ({
    /** The record (or a part of it, such as a record before the engine numbers it) as the engine keeps it. */
    encode<T extends Partial<R>>(record: T): Stored<T, keyof C> {
      const stored: Record<string, unknown> = { ...record };
      for (const key of Object.keys(columns)) if (key in stored) stored[key] = JSON.stringify(stored[key]);
      return stored as Stored<T, keyof C>;
    },
    /** A record as read from the engine (where nothing is typed yet), checked. */
    decode(stored: object): R {
      const record: Record<string, unknown> = { ...stored };
      for (const [key, schema] of Object.entries(columns) as [string, z.ZodType][]) {
        if (!(key in record)) continue;
        const parsed = schema.safeParse(JSON.parse(record[key] as string));
        if (!parsed.success) throw new StoredDataError(`A stored ${key} does not match its schema.`);
        record[key] = parsed.data;
      }
      return record as R;
    },
  });
}
