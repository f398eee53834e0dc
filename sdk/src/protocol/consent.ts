import { z } from 'zod';
import { IsoDateTime, LocalizedText, OpaqueId, PlainText } from './common.js';
import { CustomerRef, PartyId, PartySummary, Pseudonym, ServiceMode, ServiceTypeUrl } from './connect.js';
import { CredentialTemplate } from './signed-data.js';
import { ArrangementOutcome, ArrangementProposal, PolicyHash } from './arrangement-policy.js';

/** Why the consumer wants the data: a code for machines and a text the user reads. */
export const Purpose = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'a purpose code such as debt-relief.overview'),
    text: LocalizedText,
  })
  .meta({ id: 'Purpose' });
export type Purpose = z.infer<typeof Purpose>;

export const ConsentState = z
  .enum(['requested', 'accepted', 'rejected', 'revoked', 'expired', 'used'])
  .meta({ id: 'ConsentState' });
export type ConsentState = z.infer<typeof ConsentState>;

/** Registered server-side by the consumer, like a pushed authorization request with authorization_details. */
export const CreateConsentRequest = z
  .strictObject({
    sub: Pseudonym.describe('Your pseudonym for the user.'),
    serviceType: ServiceTypeUrl,
    purpose: Purpose,
    fields: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(50)
      .describe('The fields you need: a subset of the service schema (data minimisation).'),
    providers: z
      .union([z.array(PartyId).min(1).max(50), z.literal('user-choice')])
      .describe("Which providers, or 'user-choice': every connected provider offering the service, the user picks."),
    validUntil: IsoDateTime.describe('The consent ends at this moment (at most one year ahead).'),
    mode: ServiceMode,
    returnUrl: z
      .url()
      .optional()
      .describe('For a top-level redirect instead of the dialog: one of your registered return URLs.'),
    state: PlainText(8, 512).optional(),
  })
  .meta({ id: 'CreateConsentRequest' });
export type CreateConsentRequest = z.infer<typeof CreateConsentRequest>;

export const ConsentRequested = z
  .object({
    consentId: OpaqueId,
    startUrl: z.url().describe("The decision page on the server's origin; <regie-consent-dialog> opens it."),
    statusToken: z.string().min(32).describe("Lets the consumer's page follow this consent's state and nothing else."),
    expiresAt: IsoDateTime.describe('The request lapses if the user has not decided by then.'),
  })
  .meta({ id: 'ConsentRequested' });
export type ConsentRequested = z.infer<typeof ConsentRequested>;

/** What the consumer's page learns: the outcome, nothing else. */
export const ConsentStatus = z.object({ state: ConsentState }).meta({ id: 'ConsentStatus' });
export type ConsentStatus = z.infer<typeof ConsentStatus>;

/** An opaque handle the consumer calls for data, as long as the consent holds. */
export const DataReference = z.object({ referenceId: OpaqueId, provider: PartySummary }).meta({ id: 'DataReference' });
export type DataReference = z.infer<typeof DataReference>;

export const ConsumerConsent = z
  .object({
    consentId: OpaqueId,
    state: ConsentState,
    serviceType: ServiceTypeUrl,
    purpose: Purpose,
    fields: z.array(z.string()),
    mode: ServiceMode,
    validUntil: IsoDateTime,
    references: z.array(DataReference),
    receipt: z.string().optional().describe('The signed consent receipt (compact JWS), once accepted.'),
  })
  .meta({ id: 'ConsumerConsent' });
export type ConsumerConsent = z.infer<typeof ConsumerConsent>;

export const ReuseRequest = z
  .strictObject({
    input: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Optional input for the operation (e.g. a date window).'),
  })
  .meta({ id: 'ReuseRequest' });
export type ReuseRequest = z.infer<typeof ReuseRequest>;

/** The provider's payload, unchanged: a compact JWS it signed (ES256, `kid` in its JWKS). */
export const ReuseResult = z
  .object({
    referenceId: OpaqueId,
    providerId: PartyId,
    serviceType: ServiceTypeUrl,
    jws: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a compact JWS'),
    fields: z.array(z.string()).describe('The fields the user consented to: the payload may hold these and no others.'),
  })
  .meta({ id: 'ReuseResult' });
export type ReuseResult = z.infer<typeof ReuseResult>;

export const UseLogEntry = z
  .object({
    at: IsoDateTime,
    consumer: PartySummary,
    provider: PartySummary,
    outcome: z.enum(['ok', 'refused', 'provider-error']),
  })
  .meta({ id: 'UseLogEntry' });
export type UseLogEntry = z.infer<typeof UseLogEntry>;

/** A consent as its user sees it on the overview. */
export const UserConsent = z
  .object({
    consentId: OpaqueId,
    state: ConsentState,
    consumer: PartySummary,
    providers: z.array(PartySummary),
    serviceTitle: LocalizedText,
    purpose: Purpose,
    fields: z.array(z.object({ name: z.string(), label: LocalizedText })),
    mode: ServiceMode,
    validUntil: IsoDateTime,
    decidedAt: IsoDateTime.optional(),
    uses: z.array(UseLogEntry),
  })
  .meta({ id: 'UserConsent' });
export type UserConsent = z.infer<typeof UserConsent>;

export const UserConsentList = z.object({ consents: z.array(UserConsent) }).meta({ id: 'UserConsentList' });
export type UserConsentList = z.infer<typeof UserConsentList>;

/** The decision page's view of a consent request: everything the user must see before deciding. */
export const ConsentDecisionView = z
  .object({
    kind: z.literal('consent'),
    flowId: OpaqueId,
    consumer: PartySummary,
    serviceTitle: LocalizedText,
    purpose: Purpose,
    fields: z.array(z.object({ name: z.string(), label: LocalizedText })),
    /** The user's connections that can give this data; `requested` ones start ticked. */
    sources: z.array(z.object({ connectionId: OpaqueId, provider: PartySummary, requested: z.boolean() })),
    mode: ServiceMode,
    validUntil: IsoDateTime,
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ConsentDecisionView' });
export type ConsentDecisionView = z.infer<typeof ConsentDecisionView>;

/** Accepting names the sources the user left ticked (at least one). */
export const ApproveFlowRequest = z
  .strictObject({
    connections: z.array(OpaqueId).min(1).max(50).optional(),
    returnSecret: z
      .string()
      .min(16)
      .max(128)
      .optional()
      .describe("Finishing a connection: the secret from the return URL's fragment (#r=…)."),
  })
  .meta({ id: 'ApproveFlowRequest' });
export type ApproveFlowRequest = z.infer<typeof ApproveFlowRequest>;

/**
 * Whom and what a provider's payload is for: the server passes it with every
 * data call, and the provider signs it into the payload, so the payload is
 * worth nothing to another consumer, for another reference, or with fields
 * the user did not consent to.
 */
export const PayloadBinding = z
  .object({
    consumerId: PartyId.describe("The consumer the data goes to: the payload's `aud`."),
    referenceId: OpaqueId.describe("The data reference called: the payload's `ref`."),
    serviceType: ServiceTypeUrl,
    fields: z
      .array(z.string())
      .min(1)
      .describe("The consented fields: the payload's `fields`, and all its data may hold."),
  })
  .meta({ id: 'PayloadBinding' });
export type PayloadBinding = z.infer<typeof PayloadBinding>;

/** The claims of a provider's signed payload (a JWT, `typ` `regiekit-payload+jwt`, ES256). */
export const PayloadClaims = z
  .object({
    iss: PartyId.describe('The provider that signed.'),
    aud: PartyId.describe('The consumer it is for.'),
    iat: z.number().int().describe('When it was signed (seconds).'),
    ref: OpaqueId.describe('The data reference it answers.'),
    service: ServiceTypeUrl,
    fields: z.array(z.string()).describe('The consented fields; `data` holds no others.'),
    data: z.record(z.string(), z.unknown()).describe('The data, as the service schema describes it.'),
  })
  .meta({ id: 'PayloadClaims' });
export type PayloadClaims = z.infer<typeof PayloadClaims>;

export { PAYLOAD_JWT_TYPE } from './payload-type.js';

/** What the server asks a provider's operation endpoint (signed by the server, see the JWKS). */
export const OperationRequest = z
  .discriminatedUnion('action', [
    z.object({
      action: z.literal('create'),
      connectionId: Pseudonym,
      serviceType: ServiceTypeUrl,
      fields: z.array(z.string()),
      mode: ServiceMode,
      validUntil: IsoDateTime,
    }),
    z.object({
      action: z.literal('execute'),
      operationId: z.string().min(1).max(256),
      input: z.record(z.string(), z.unknown()).optional(),
      payloadFor: PayloadBinding.describe('What the signed payload must say about itself (see PayloadClaims).'),
    }),
    z.object({ action: z.literal('drop'), operationId: z.string().min(1).max(256) }),
    z.object({
      action: z.literal('issue'),
      customerRef: CustomerRef.describe('Your reference of the customer, as you gave it when you opened the view.'),
      credentialFor: CredentialTemplate.describe(
        'Sign the data as an SD-JWT VC exactly so (see @regiekit/sdk/signed-data); answer with it as text.',
      ),
    }),
    z.object({
      action: z.literal('arrangement'),
      arrangementId: OpaqueId,
      connectionId: Pseudonym,
      proposal: ArrangementProposal,
      policyHash: PolicyHash.describe('The policy version the request was evaluated against.'),
      outcome: ArrangementOutcome.describe('What evaluateArrangement says: run it yourself, it must agree.'),
    }),
  ])
  .meta({ id: 'OperationRequest' });
export type OperationRequest = z.infer<typeof OperationRequest>;

export const OperationCreated = z.object({ operationId: z.string().min(1).max(256) }).meta({ id: 'OperationCreated' });
export type OperationCreated = z.infer<typeof OperationCreated>;
