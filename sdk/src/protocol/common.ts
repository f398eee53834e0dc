import { z } from 'zod';

/** Tenants and purposes are named in URLs, so they are kept to lower-case slugs. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, at most 63')
  .meta({ example: 'nijmegen' });

export const TenantId = Slug.meta({ id: 'TenantId', description: 'Municipality or service that owns the data.' });
export const PurposeId = Slug.meta({
  id: 'PurposeId',
  description: 'Why the attributes are asked, as configured per tenant.',
  example: 'general',
});

/** Random, URL-safe identifier minted by the server (base64url, 128 bits or more). */
export const OpaqueId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'an opaque identifier');

/** Control characters (NUL among them) and halves of a surrogate pair: nothing a person types or reads. */
const UNREADABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text that others store, show or sign: no control characters (tab and line
 * breaks allowed) and no lone surrogates, which databases, JSON encoders and
 * signatures treat differently.
 */
export const PlainText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((text) => !UNREADABLE.test(text), 'text without control characters or unpaired surrogates');

/** Text shown to people, in both languages the elements speak. */
export const LocalizedText = z.object({ nl: PlainText(1, 500), en: PlainText(1, 500) }).meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const IsoDateTime = z.iso.datetime({ offset: true }).meta({ example: '2026-11-23T16:30:00.000Z' });

export const PhoneNumber = z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 phone number such as +31243299999')
  .meta({ id: 'PhoneNumber', example: '+31243299999' });
