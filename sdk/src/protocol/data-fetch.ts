import { z } from 'zod';
import { IsoDateTime, LocalizedText, OpaqueId, PlainText } from './common.js';
import { CustomerRef, PartyId, PartySummary, ServiceTypeUrl } from './connect.js';
import { Purpose } from './consent.js';
import { FetchPeriod } from './signed-data.js';

/** How far back a form may ask for data: three months (data minimisation). */
export const MAX_FETCH_MONTHS_BACK = 3;

/** A form's backend asks to fetch the applicant's own data from a source into the application. */
export const CreateFetchRequest = z
  .strictObject({
    providerId: PartyId.describe('The source.'),
    serviceType: ServiceTypeUrl,
    fields: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(50)
      .describe('The fields the question needs: a subset of the source schema.'),
    period: FetchPeriod.describe('The data of these days only, at most three months back.'),
    purpose: Purpose,
    applicationRef: PlainText(8, 200).describe(
      'Your reference of the application (or a hash of its session): the result is delivered for it alone.',
    ),
  })
  .meta({ id: 'CreateFetchRequest' });
export type CreateFetchRequest = z.infer<typeof CreateFetchRequest>;

export const FetchRequested = z
  .object({
    fetchId: OpaqueId,
    startUrl: z.url().describe("The decision page on the server's origin; <regie-data-fetch> opens it."),
    statusUrl: z.url().describe("Where the form's page follows the fetch (GET, Bearer: statusToken)."),
    statusToken: z.string().min(32).describe("Lets the form's page follow this fetch, and nothing else."),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'FetchRequested' });
export type FetchRequested = z.infer<typeof FetchRequested>;

/**
 * Where a fetch stands: waiting for the applicant (`requested`), at the source
 * (`identifying`), shown to the applicant (`fetched`), added (`approved`),
 * handed to the form (`delivered`), not added (`declined`), the source failed
 * (`failed`), or lapsed (`expired`).
 */
export const FetchState = z
  .enum(['requested', 'identifying', 'fetched', 'approved', 'delivered', 'declined', 'failed', 'expired'])
  .meta({ id: 'FetchState' });
export type FetchState = z.infer<typeof FetchState>;

/** Why a fetch failed: the source was down, too slow, or answered outside what was asked. */
export const FetchFailure = z
  .enum(['source-unavailable', 'source-timeout', 'source-answer'])
  .meta({ id: 'FetchFailure' });
export type FetchFailure = z.infer<typeof FetchFailure>;

export const FetchStatus = z
  .object({ state: FetchState, failure: FetchFailure.optional() })
  .meta({ id: 'FetchStatus', description: "What the form's page learns: the state, never the data." });
export type FetchStatus = z.infer<typeof FetchStatus>;

/** The decision page of a fetch: first what is asked, then (after the source) what was fetched. */
export const FetchDecisionView = z
  .object({
    kind: z.literal('data-fetch'),
    flowId: OpaqueId,
    step: z.enum(['ask', 'review', 'failed']),
    consumer: PartySummary,
    provider: PartySummary,
    purpose: Purpose,
    serviceTitle: LocalizedText,
    fields: z.array(z.object({ name: z.string(), label: LocalizedText })),
    period: FetchPeriod,
    data: z
      .array(z.object({ name: z.string(), label: LocalizedText, value: z.unknown() }))
      .optional()
      .describe('review: exactly what would be added, as the source signed it.'),
    itemLabels: z.record(z.string(), LocalizedText).optional(),
    failure: FetchFailure.optional(),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'FetchDecisionView' });
export type FetchDecisionView = z.infer<typeof FetchDecisionView>;

// --- The source's side ---

export const RedeemFetchTokenRequest = z
  .strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'a fetch token') })
  .meta({ id: 'RedeemFetchTokenRequest' });
export type RedeemFetchTokenRequest = z.infer<typeof RedeemFetchTokenRequest>;

/** What the source shows the person it identifies: who asks, for what, which data of which days. */
export const FetchToIdentify = z
  .object({
    fetchId: OpaqueId,
    consumer: PartySummary,
    purpose: Purpose,
    serviceType: ServiceTypeUrl,
    fields: z.array(z.string()),
    period: FetchPeriod,
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'FetchToIdentify' });
export type FetchToIdentify = z.infer<typeof FetchToIdentify>;

export const FetchIdentifiedRequest = z
  .strictObject({
    token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'a fetch token'),
    customerRef: CustomerRef.describe('Your own reference of the person you identified: never a BSN.'),
  })
  .meta({ id: 'FetchIdentifiedRequest' });
export type FetchIdentifiedRequest = z.infer<typeof FetchIdentifiedRequest>;

export const FetchIdentified = z
  .object({
    returnUrl: z.url().describe("Send the person's browser back here: the decision page shows what was fetched."),
  })
  .meta({ id: 'FetchIdentified' });
export type FetchIdentified = z.infer<typeof FetchIdentified>;

// --- The form's side ---

export const FetchResultRequest = z
  .strictObject({
    applicationRef: PlainText(8, 200).describe('The reference you gave when asking.'),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'a random nonce (base64url, 16 to 128 characters)'),
  })
  .meta({ id: 'FetchResultRequest' });
export type FetchResultRequest = z.infer<typeof FetchResultRequest>;

export const FetchedData = z
  .object({
    fetchId: OpaqueId,
    consentId: OpaqueId,
    providerId: PartyId,
    provider: PartySummary,
    serviceType: ServiceTypeUrl,
    fields: z.array(z.string()),
    period: FetchPeriod,
    presentation: z.string().describe('An SD-JWT VC presentation with a key-binding JWT (aud: you, nonce: yours).'),
    contentDigest: z
      .string()
      .describe("SHA-256 (base64url) of the signed data sent: the applicant's receipt names it."),
  })
  .meta({ id: 'FetchedData' });
export type FetchedData = z.infer<typeof FetchedData>;

/** What a form shows next to its question once the data is attached: made by the form's backend after checking. */
export const AttachedData = z
  .object({
    fetchId: OpaqueId,
    provider: PartySummary,
    serviceTitle: LocalizedText,
    fetchedAt: IsoDateTime,
    fields: z.array(z.object({ name: z.string(), label: LocalizedText, value: z.unknown() })),
    itemLabels: z.record(z.string(), LocalizedText).optional(),
    contentDigest: z.string(),
  })
  .meta({ id: 'AttachedData' });
export type AttachedData = z.infer<typeof AttachedData>;
