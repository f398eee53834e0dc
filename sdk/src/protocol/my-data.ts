import { z } from 'zod';
import { IsoDateTime, LocalizedText, OpaqueId, PlainText } from './common.js';
import { CustomerRef, PartyId, PartySummary, ServiceTypeUrl } from './connect.js';
import { PersonalDataNotice } from './personal-data.js';
import { Purpose } from './consent.js';

/** What a consumer declares it takes forwarded (art. 20): which data, for what. */
export const AcceptedData = z
  .strictObject({ serviceType: ServiceTypeUrl, purpose: Purpose })
  .meta({ id: 'AcceptedData' });
export type AcceptedData = z.infer<typeof AcceptedData>;

// --- The company's backend and the customer's view ---

export const MintViewTokenRequest = z.strictObject({ customerRef: CustomerRef }).meta({ id: 'MintViewTokenRequest' });
export type MintViewTokenRequest = z.infer<typeof MintViewTokenRequest>;

export const ViewTokenMinted = z
  .object({
    viewToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22,64}$/)
      .describe('Hand it to <regie-my-data>; it works once.'),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ViewTokenMinted' });
export type ViewTokenMinted = z.infer<typeof ViewTokenMinted>;

export const OpenViewRequest = z
  .strictObject({ viewToken: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'a view token') })
  .meta({ id: 'OpenViewRequest' });
export type OpenViewRequest = z.infer<typeof OpenViewRequest>;

export const CorrectionState = z
  .enum(['submitted', 'extended', 'accepted', 'refused', 'overdue'])
  .meta({ id: 'CorrectionState' });
export type CorrectionState = z.infer<typeof CorrectionState>;

/** A correction as the person who asked it sees it: what, when, the deadline, the answer. */
export const CorrectionSummary = z
  .object({
    correctionId: OpaqueId,
    serviceType: ServiceTypeUrl,
    field: z.string(),
    fieldLabel: LocalizedText,
    proposedValue: z.string(),
    state: CorrectionState,
    submittedAt: IsoDateTime,
    answerDueBy: IsoDateTime.describe('One month after it was received (art. 12(3)), or the extended date.'),
    answeredAt: IsoDateTime.optional(),
    answer: z.string().optional().describe("The company's reasons: for a refusal, or for needing more time."),
  })
  .meta({ id: 'CorrectionSummary' });
export type CorrectionSummary = z.infer<typeof CorrectionSummary>;

/** One category of a person's data as the element shows it: the data, labelled, with its art. 15 notice. */
export const MyDataCategory = z
  .object({
    serviceType: ServiceTypeUrl,
    title: LocalizedText,
    notice: PersonalDataNotice,
    fields: z.array(z.object({ name: z.string(), label: LocalizedText, correctable: z.boolean() })),
    schema: z.record(z.string(), z.unknown()).describe('The JSON Schema of the data (2020-12).'),
    data: z.record(z.string(), z.unknown()),
    issuedAt: IsoDateTime.describe('When the company signed it.'),
  })
  .meta({ id: 'MyDataCategory' });
export type MyDataCategory = z.infer<typeof MyDataCategory>;

export const MyDataView = z
  .object({
    viewId: OpaqueId,
    expiresAt: IsoDateTime,
    provider: PartySummary,
    categories: z.array(MyDataCategory),
    corrections: z.array(CorrectionSummary),
  })
  .meta({ id: 'MyDataView' });
export type MyDataView = z.infer<typeof MyDataView>;

export const MyDataViewOpened = MyDataView.extend({
  viewSecret: z.string().min(32).describe('Lets this page read and act on this view only, until it expires.'),
}).meta({ id: 'MyDataViewOpened' });
export type MyDataViewOpened = z.infer<typeof MyDataViewOpened>;

/** A consumer that takes a category forwarded, and what for. */
export const ForwardRecipient = z
  .object({ recipient: PartySummary, serviceType: ServiceTypeUrl, purpose: Purpose })
  .meta({ id: 'ForwardRecipient' });
export type ForwardRecipient = z.infer<typeof ForwardRecipient>;

export const ForwardRecipientList = z
  .object({ recipients: z.array(ForwardRecipient) })
  .meta({ id: 'ForwardRecipientList' });
export type ForwardRecipientList = z.infer<typeof ForwardRecipientList>;

export const ProposeCorrectionRequest = z
  .strictObject({
    serviceType: ServiceTypeUrl,
    field: z.string().min(1).max(64),
    proposedValue: PlainText(1, 1000).describe('The value as it should be, in words.'),
    reason: PlainText(1, 1000).describe('Why the current value is wrong.'),
  })
  .meta({ id: 'ProposeCorrectionRequest' });
export type ProposeCorrectionRequest = z.infer<typeof ProposeCorrectionRequest>;

export const ForwardRequest = z
  .strictObject({
    serviceType: ServiceTypeUrl,
    recipientId: PartyId,
    fields: z.array(z.string().min(1).max(64)).min(1).max(50).describe('The fields to disclose; no others go.'),
  })
  .meta({ id: 'ForwardRequest' });
export type ForwardRequest = z.infer<typeof ForwardRequest>;

/** The customer takes (some fields of) a category into their own wallet (OpenID4VCI). */
export const WalletOfferRequest = z
  .strictObject({
    serviceType: ServiceTypeUrl,
    fields: z.array(z.string().min(1).max(64)).min(1).max(50).describe('The fields the credential holds.'),
  })
  .meta({ id: 'WalletOfferRequest' });
export type WalletOfferRequest = z.infer<typeof WalletOfferRequest>;

export const WalletOffer = z
  .object({
    offerUrl: z
      .string()
      .describe(
        'An OpenID4VCI credential offer (openid-credential-offer://…, pre-authorized code): open it in a wallet.',
      ),
    qr: z
      .object({ size: z.number().int(), path: z.string() })
      .describe('The offer as a QR code: an SVG path of `size` × `size` modules.'),
    txCode: z
      .string()
      .regex(/^\d{6}$/)
      .describe('The PIN the wallet asks for: show it to the customer only.'),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'WalletOffer' });
export type WalletOffer = z.infer<typeof WalletOffer>;

/** A correction or forward to confirm on the server's origin with the passkey. */
export const MyDataFlowStarted = z
  .object({
    flowId: OpaqueId,
    startUrl: z.url().describe("The decision page on the server's origin (open it in a window of its own)."),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'MyDataFlowStarted' });
export type MyDataFlowStarted = z.infer<typeof MyDataFlowStarted>;

// --- The decision pages ---

const FieldShown = z.object({ name: z.string(), label: LocalizedText, value: z.unknown() });

export const CorrectionDecisionView = z
  .object({
    kind: z.literal('my-data-correction'),
    flowId: OpaqueId,
    provider: PartySummary,
    serviceTitle: LocalizedText,
    field: FieldShown.describe('The field with its current value.'),
    proposedValue: z.string(),
    reason: z.string(),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'CorrectionDecisionView' });
export type CorrectionDecisionView = z.infer<typeof CorrectionDecisionView>;

export const ForwardDecisionView = z
  .object({
    kind: z.literal('my-data-forward'),
    flowId: OpaqueId,
    provider: PartySummary,
    recipient: PartySummary,
    purpose: Purpose,
    serviceTitle: LocalizedText,
    fields: z.array(FieldShown).describe('Exactly what goes, signed by the provider.'),
    deliverBy: IsoDateTime.describe('Not fetched by then: deleted, nothing delivered.'),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ForwardDecisionView' });
export type ForwardDecisionView = z.infer<typeof ForwardDecisionView>;

// --- The company's side of corrections ---

export const ProviderCorrection = z
  .object({
    correctionId: OpaqueId,
    customerRef: CustomerRef,
    serviceType: ServiceTypeUrl,
    field: z.string(),
    proposedValue: z.string(),
    reason: z.string(),
    state: CorrectionState,
    submittedAt: IsoDateTime,
    answerDueBy: IsoDateTime,
    answeredAt: IsoDateTime.optional(),
    answer: z.string().optional(),
  })
  .meta({ id: 'ProviderCorrection' });
export type ProviderCorrection = z.infer<typeof ProviderCorrection>;

export const ProviderCorrectionList = z
  .object({ corrections: z.array(ProviderCorrection) })
  .meta({ id: 'ProviderCorrectionList' });
export type ProviderCorrectionList = z.infer<typeof ProviderCorrectionList>;

export const RefuseCorrectionRequest = z
  .strictObject({ reason: PlainText(1, 1000).describe('Why, for the person to read (and to take to the AP).') })
  .meta({ id: 'RefuseCorrectionRequest' });
export type RefuseCorrectionRequest = z.infer<typeof RefuseCorrectionRequest>;

export const ExtendCorrectionRequest = z
  .strictObject({
    reason: PlainText(1, 1000).describe('Why more time is needed (art. 12(3): told within the first month).'),
    answerBy: IsoDateTime.describe('At most two months after the first deadline.'),
  })
  .meta({ id: 'ExtendCorrectionRequest' });
export type ExtendCorrectionRequest = z.infer<typeof ExtendCorrectionRequest>;

/** Where a correction or forward the element started stands: waiting for the passkey, sent, or not sent. */
export const MyDataFlowState = z
  .object({ state: z.enum(['waiting', 'confirmed', 'ended']) })
  .meta({ id: 'MyDataFlowState' });
export type MyDataFlowState = z.infer<typeof MyDataFlowState>;

// --- The recipient's side of a forward ---

export const FetchForwardRequest = z
  .strictObject({
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/, 'a random nonce (base64url, 16 to 128 characters)')
      .describe("Your fresh nonce: the presentation's key-binding JWT carries it, so a replay is seen."),
  })
  .meta({ id: 'FetchForwardRequest' });
export type FetchForwardRequest = z.infer<typeof FetchForwardRequest>;

export const ForwardedData = z
  .object({
    referenceId: OpaqueId,
    providerId: PartyId,
    provider: PartySummary.describe('Who signed the data.'),
    serviceType: ServiceTypeUrl,
    fields: z
      .array(z.string())
      .describe('The fields the person chose: the presentation discloses these and no others.'),
    presentation: z.string().describe('An SD-JWT VC presentation with a key-binding JWT (aud: you, nonce: yours).'),
  })
  .meta({ id: 'ForwardedData' });
export type ForwardedData = z.infer<typeof ForwardedData>;
