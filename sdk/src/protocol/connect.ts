import { z } from 'zod';
import { IsoDateTime, LocalizedText, OpaqueId, PlainText, Slug } from './common.js';
import { PersonalDataNotice } from './personal-data.js';
import { SignedAcceptancePolicy } from './arrangement-policy.js';

export const PartyId = Slug.meta({
  id: 'PartyId',
  description: 'A provider (creditor) or consumer (debt-help app) registered with the tenant.',
  example: 'demo-energie',
});

/**
 * A pairwise pseudonym: the same user or connection gets a different one for
 * every party, and the same one for that party every time.
 */
export const Pseudonym = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,64}$/, 'a pseudonym issued by this server')
  .meta({ id: 'Pseudonym' });

/**
 * The provider's own reference for its customer. Opaque to regiekit and
 * sealed at rest; put no name, BSN or customer number in clear here unless
 * you accept that the server keeps it (encrypted).
 */
export const CustomerRef = PlainText(1, 256).meta({ id: 'CustomerRef', example: 'cust-7f3a9c' });

/** A connect token as it travels: 128 random bits, base64url. */
export const ConnectTokenValue = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,64}$/, 'a connect token')
  .meta({ id: 'ConnectTokenValue' });

export const PartySummary = z.object({ id: PartyId, displayName: LocalizedText, logoUrl: z.url().optional() }).meta({
  id: 'PartySummary',
  description: 'How an organisation is shown to the user: its verified, registered name.',
});
export type PartySummary = z.infer<typeof PartySummary>;

// --- Connect tokens (QR in the creditor portal) ---

export const MintConnectTokenRequest = z
  .strictObject({ customerRef: CustomerRef })
  .meta({ id: 'MintConnectTokenRequest' });
export type MintConnectTokenRequest = z.infer<typeof MintConnectTokenRequest>;

export const ConnectTokenMinted = z
  .object({
    tokenId: OpaqueId.describe('Names the token in status requests; not a secret.'),
    connectUrl: z.url().describe("What the QR code encodes: a page on the server's origin, the token in the fragment."),
    statusToken: z
      .string()
      .min(32)
      .describe("Lets the portal's browser follow and confirm this token only; hand it to <regie-connect-token>."),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ConnectTokenMinted' });
export type ConnectTokenMinted = z.infer<typeof ConnectTokenMinted>;

export const ConnectTokenStatusName = z
  .enum(['waiting', 'scanned', 'connected', 'expired', 'failed'])
  .meta({ id: 'ConnectTokenStatusName' });
export type ConnectTokenStatusName = z.infer<typeof ConnectTokenStatusName>;

export const ConnectTokenStatus = z
  .object({ status: ConnectTokenStatusName, expiresAt: IsoDateTime, confirmationAttemptsLeft: z.number().int().min(0) })
  .meta({
    id: 'ConnectTokenStatus',
    description: 'scanned: a phone signed in and shows a confirmation code that must be typed in the portal.',
  });
export type ConnectTokenStatus = z.infer<typeof ConnectTokenStatus>;

/** Letters and digits that cannot be mistaken for each other when read from a phone. */
export const CONFIRMATION_CODE_ALPHABET = 'ACDEFHJKLMNPRTUVWXY34679';
export const ConfirmationCode = z
  .string()
  .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[ACDEFHJKLMNPRTUVWXY34679]{6}$/, 'the six characters the phone shows'))
  .meta({ id: 'ConfirmationCode', example: 'K7R-4MX' });

export const ConfirmConnectTokenRequest = z
  .strictObject({ code: ConfirmationCode })
  .meta({ id: 'ConfirmConnectTokenRequest' });
export type ConfirmConnectTokenRequest = z.input<typeof ConfirmConnectTokenRequest>;

// --- Connect requests (link with return_url, started by the consumer) ---

export const CreateConnectRequest = z
  .strictObject({
    providerId: PartyId,
    sub: Pseudonym.describe('Your pseudonym for the signed-in user; only that user can finish the flow.'),
    returnUrl: z.url().describe('Must be one of your registered return URLs, exactly.'),
    state: PlainText(8, 512).describe('Comes back unchanged on the return URL; bind it to your own session.'),
  })
  .meta({ id: 'CreateConnectRequest' });
export type CreateConnectRequest = z.infer<typeof CreateConnectRequest>;

export const ConnectRequestCreated = z
  .object({
    requestId: OpaqueId,
    startUrl: z.url().describe("Send the user's browser here (top-level navigation, not a frame)."),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ConnectRequestCreated' });
export type ConnectRequestCreated = z.infer<typeof ConnectRequestCreated>;

export const RedeemConnectTokenRequest = z.strictObject({ token: ConnectTokenValue, customerRef: CustomerRef }).meta({
  id: 'RedeemConnectTokenRequest',
  description: 'The provider, after its own login, binds the token to its customer.',
});
export type RedeemConnectTokenRequest = z.infer<typeof RedeemConnectTokenRequest>;

export const ConnectTokenRedeemed = z
  .object({
    returnUrl: z
      .url()
      .describe("Send the user's browser back here; the server finishes the flow with the user's passkey."),
  })
  .meta({ id: 'ConnectTokenRedeemed' });
export type ConnectTokenRedeemed = z.infer<typeof ConnectTokenRedeemed>;

// --- Connections ---

export const ConnectionStatus = z.enum(['active', 'ended']).meta({ id: 'ConnectionStatus' });

export const ProviderConnection = z
  .object({
    connectionId: Pseudonym.describe('Your pseudonym for this connection.'),
    customerRef: CustomerRef.optional().describe('Gone once the connection has ended.'),
    status: ConnectionStatus,
    createdAt: IsoDateTime,
    endedAt: IsoDateTime.optional(),
  })
  .meta({ id: 'ProviderConnection' });
export type ProviderConnection = z.infer<typeof ProviderConnection>;

export const ConsumerConnection = z
  .object({
    connectionId: Pseudonym.describe('Your pseudonym for this connection.'),
    provider: PartySummary,
    status: ConnectionStatus,
    createdAt: IsoDateTime,
    endedAt: IsoDateTime.optional(),
  })
  .meta({ id: 'ConsumerConnection' });
export type ConsumerConnection = z.infer<typeof ConsumerConnection>;

export const ProviderConnectionList = z
  .object({ connections: z.array(ProviderConnection) })
  .meta({ id: 'ProviderConnectionList' });
export type ProviderConnectionList = z.infer<typeof ProviderConnectionList>;
export const ConsumerConnectionList = z
  .object({ connections: z.array(ConsumerConnection) })
  .meta({ id: 'ConsumerConnectionList' });
export type ConsumerConnectionList = z.infer<typeof ConsumerConnectionList>;

// --- Service catalogue ---

export const ServiceMode = z.enum(['one-off', 'recurring']).meta({ id: 'ServiceMode' });
export type ServiceMode = z.infer<typeof ServiceMode>;

export const ServiceTypeUrl = z
  .url()
  .meta({ id: 'ServiceTypeUrl', example: 'https://regiekit.example/services/payment-due-list/v1' });

export const ServiceDescriptionInput = z
  .strictObject({
    serviceType: ServiceTypeUrl,
    title: LocalizedText,
    schema: z
      .record(z.string(), z.unknown())
      .describe('JSON Schema (2020-12) of the data; its top-level properties are the fields a consent can ask for.'),
    fieldLabels: z
      .record(z.string(), LocalizedText)
      .describe('A label per top-level property of the schema, shown to the user.'),
    operationEndpoint: z
      .url()
      .describe('Where the server asks for operations and data (next issue: consent and reuse).'),
    modes: z.array(ServiceMode).min(1).max(2),
    personalData: PersonalDataNotice.optional().describe(
      'Makes the service a category of "my data": what the person is told about it (AVG art. 15(1)).',
    ),
    acceptancePolicy: SignedAcceptancePolicy.optional().describe(
      'Your conditions for payment arrangements accepted in advance, signed with your payload key; requests go to operationEndpoint (action "arrangement").',
    ),
  })
  .meta({ id: 'ServiceDescriptionInput' });
export type ServiceDescriptionInput = z.infer<typeof ServiceDescriptionInput>;

export const ServiceDescription = ServiceDescriptionInput.extend({
  providerId: PartyId,
  version: z.number().int().min(1).describe('Goes up by one with every change; earlier versions stay readable.'),
  registeredAt: IsoDateTime,
}).meta({ id: 'ServiceDescription' });
export type ServiceDescription = z.infer<typeof ServiceDescription>;

export const ServiceDescriptionList = z
  .object({ services: z.array(ServiceDescription) })
  .meta({ id: 'ServiceDescriptionList' });
export type ServiceDescriptionList = z.infer<typeof ServiceDescriptionList>;

export const CatalogueEntry = z
  .object({
    serviceType: ServiceTypeUrl,
    title: LocalizedText,
    fields: z.array(z.object({ name: z.string(), label: LocalizedText })),
    itemLabels: z
      .record(z.string(), LocalizedText)
      .optional()
      .describe('Labels of the properties of list items, as "field.property" (from the personal-data notice).'),
    modes: z.array(ServiceMode),
    providers: z.array(
      PartySummary.extend({
        version: z.number().int(),
        schema: z
          .record(z.string(), z.unknown())
          .describe("This provider's JSON Schema of the data: check payloads against it."),
        jwksUrl: z.url().describe('The keys this provider signs its payloads with.'),
      }),
    ),
  })
  .meta({ id: 'CatalogueEntry' });
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

export const Catalogue = z.object({ services: z.array(CatalogueEntry), providers: z.array(PartySummary) }).meta({
  id: 'Catalogue',
  description: 'Every provider of the tenant, and per service type the providers that offer it.',
});
export type Catalogue = z.infer<typeof Catalogue>;

// --- Events for parties (pollable feed) ---

export const PartyEventType = z
  .enum([
    'connection.created',
    'connection.ended',
    'consent.accepted',
    'consent.rejected',
    'consent.revoked',
    'consent.expired',
    'consent.used',
    'operation.dropped',
    'data.forwarded',
    'correction.requested',
    'arrangement.requested',
    'arrangement.accepted',
    'arrangement.countered',
    'arrangement.refused',
    'arrangement.active',
    'arrangement.missed',
    'arrangement.lapsed',
    'arrangement.completed',
    'arrangement.instalment-paid',
  ])
  .meta({ id: 'PartyEventType' });
export type PartyEventType = z.infer<typeof PartyEventType>;

export const PartyEvent = z
  .object({
    id: z.string().describe('Increasing; pass the last one you processed as `after`.'),
    type: PartyEventType,
    at: IsoDateTime,
    data: z.object({
      connectionId: Pseudonym.optional().describe('Your pseudonym for the connection.'),
      providerId: PartyId.optional(),
      sub: Pseudonym.optional().describe('Consumers: your pseudonym for the user.'),
      endedBy: z.enum(['user', 'provider', 'consumer']).optional(),
      consentId: z.string().optional(),
      references: z
        .array(z.object({ referenceId: z.string(), providerId: PartyId }))
        .optional()
        .describe('consent.accepted: the data references to call; data.forwarded: the forward to fetch.'),
      operationId: z.string().optional().describe('Providers, operation.dropped: the operation you may delete.'),
      revokedBy: z.enum(['user', 'consumer', 'connection-ended']).optional(),
      fetchId: z
        .string()
        .optional()
        .describe('Consumers, consent.accepted of a fetch: the fetch to take the result of.'),
      correctionId: z
        .string()
        .optional()
        .describe('Providers, correction.*: the correction to read at /provider/my-data/corrections/{id}.'),
      arrangementId: z.string().optional().describe('arrangement.*: the arrangement to read at …/arrangements/{id}.'),
      instalment: z.number().int().optional().describe('arrangement.instalment-paid and .missed: which instalment.'),
    }),
  })
  .meta({ id: 'PartyEvent' });
export type PartyEvent = z.infer<typeof PartyEvent>;

export const PartyEventPage = z
  .object({ events: z.array(PartyEvent), cursor: z.string() })
  .meta({ id: 'PartyEventPage' });
export type PartyEventPage = z.infer<typeof PartyEventPage>;
