import { z } from 'zod';
import { AcceptedData, LocalizedText, PartyId, PhoneNumber, PurposeId, TenantId } from '@regiekit/sdk/protocol';

/** The three attributes ID-bellen asks by default: BSN, first names and surname. */
export const DEFAULT_CALL_ATTRIBUTES = [
  'pbdf.gemeente.personalData.bsn',
  'pbdf.gemeente.personalData.firstnames',
  'pbdf.gemeente.personalData.surname',
] as const;

const YiviAttributeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){3}$/, 'a Yivi attribute id such as pbdf.gemeente.personalData.bsn');

const Origin = z
  .string()
  .regex(/^https?:\/\/[^/\s?#]+$/, 'an origin such as https://www.nijmegen.nl (scheme and host, no path)');

const Secret = z.string().min(32, 'secrets must be at least 32 characters');

const PurposeConfig = z.strictObject({
  label: z.strictObject({ nl: z.string().min(1), en: z.string().min(1) }),
  attributes: z
    .array(YiviAttributeId)
    .min(1)
    .default([...DEFAULT_CALL_ATTRIBUTES]),
});

/** A URL with exactly one `{attribute}` placeholder, e.g. `https://crm.example/persons?bsn={bsn}`. */
const ExternalLinkConfig = z.strictObject({
  template: z
    .string()
    .regex(
      /^https?:\/\/[^{}\s]*\{[a-z]+\}[^{}\s]*$/,
      'an http(s) URL with exactly one {attribute} placeholder, e.g. https://crm.example/persons?bsn={bsn}',
    ),
  label: z
    .strictObject({ nl: z.string().min(1), en: z.string().min(1) })
    .default({ nl: 'Open in het zaaksysteem', en: 'Open in the case system' }),
});

/**
 * How a party proves who it is on every API call: a client secret of which the
 * server keeps only a SHA-256 hash (`npm run party-secret` makes both), or
 * `private_key_jwt` with the party's public keys.
 */
const PartyCredential = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('client_secret'),
    secretHash: z
      .string()
      .regex(
        /^sha256:[A-Za-z0-9_-]{43}$/,
        'sha256:<base64url of the SHA-256 of the secret> (npm run party-secret prints one)',
      ),
  }),
  z.strictObject({
    type: z.literal('private_key_jwt'),
    jwks: z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }),
  }),
]);

/** An absolute URL; in demo mode `{examples}` stands for the examples site's origin, `{source}` for the demo source's. */
const PartyUrl = z
  .string()
  .regex(/^(https?:\/\/|\{examples\}|\{source\})[^\s#]*$/, 'an absolute http(s) URL without fragment');

const PartyBase = {
  id: PartyId,
  displayName: LocalizedText,
  logoUrl: PartyUrl.optional(),
  credential: PartyCredential,
  /** Events are POSTed here, signed the Standard Webhooks way with `webhookSecret`. */
  webhookUrl: PartyUrl.optional(),
  /** `whsec_<base64>`; usually from env `REGIE_WEBHOOK_SECRET_<PARTY>` (the URL may come from `REGIE_WEBHOOK_URL_<PARTY>`). */
  webhookSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{24,}$/, 'whsec_ followed by base64 of at least 18 random bytes')
    .optional(),
};

const Jwks = z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())).min(1) });

const ProviderConfig = z.strictObject({
  ...PartyBase,
  /** The provider's page where the user logs in and the token is redeemed (link flow). */
  connectPageUrl: PartyUrl,
  /** Origins of the provider's portal, whose browser follows and confirms QR tokens. */
  allowedOrigins: z.array(PartyUrl).default([]),
  /** The public keys the provider signs its payloads with (ES256, `kid` required); published as its JWKS. */
  payloadJwks: Jwks.optional(),
  /** A source of data fetched into applications: its page where a person identifies (`?fetch=<token>` follows). */
  identifyPageUrl: PartyUrl.optional(),
});

const ConsumerConfig = z.strictObject({
  ...PartyBase,
  /** OAuth redirect URIs, matched exactly. */
  redirectUris: z.array(PartyUrl).min(1),
  /** Where a connect or consent flow may send the user back to, matched exactly. */
  returnUrls: z.array(PartyUrl).default([]),
  /** Origins of the consumer's pages, whose <regie-consent-dialog> follows its consent requests. */
  allowedOrigins: z.array(PartyUrl).default([]),
  /** Data people may forward to this consumer (my data, AVG art. 20): which service type, and what it is for. */
  accepts: z.array(AcceptedData).default([]),
});

const ConnectConfig = z.strictObject({
  providers: z.array(ProviderConfig).default([]),
  consumers: z.array(ConsumerConfig).default([]),
  /** How long a connect token can be used. */
  tokenTtlSeconds: z.number().int().min(60).max(3600).default(600),
});

/**
 * Twilio Programmable Voice: the number's voice webhook points at
 * `<webhookBaseUrl>/api/v1/<tenant>/twilio/voice` and its status
 * callback at `…/twilio/status`. The auth token signs every webhook; usually
 * from env `REGIE_TWILIO_AUTH_TOKEN_<TENANT>`.
 */
const TwilioConfig = z.strictObject({
  type: z.literal('twilio'),
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'AC followed by 32 hex digits'),
  authToken: z.string().min(16).optional(),
  /** The base URL Twilio is configured to call, exactly (behind a proxy: the public one, with its port). Default: publicUrl. */
  webhookBaseUrl: z.url().optional(),
  /** The queue callers wait in, by its SID (for taking one exact call out of it) and its name (for <Enqueue>). */
  queueSid: z.string().regex(/^QU[0-9a-fA-F]{32}$/, 'QU followed by 32 hex digits'),
  queueName: z
    .string()
    .regex(/^[A-Za-z0-9 _-]{1,64}$/)
    .default('regiekit'),
  /** Language of the spoken prompts. */
  language: z.enum(['nl-NL', 'en-GB']).default('nl-NL'),
  /** Agents answer in the browser with the Twilio Voice JS SDK: an API key (secret from env `REGIE_TWILIO_API_KEY_SECRET_<TENANT>`) and a TwiML app. */
  voiceSdk: z
    .strictObject({
      apiKeySid: z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'SK followed by 32 hex digits'),
      apiKeySecret: z.string().min(16).optional(),
      twimlAppSid: z.string().regex(/^AP[0-9a-fA-F]{32}$/, 'AP followed by 32 hex digits'),
    })
    .optional(),
});

/**
 * Amazon Connect: a contact flow's Lambda forwards its event to the server,
 * EventBridge forwards contact events, and the customer queue flow asks who
 * took the call. All three carry the tenant's switchboard secret.
 */
const AmazonConnectConfig = z.strictObject({ type: z.literal('amazon-connect') });

/** Which telephony platform a tenant uses. The generic JSON API (resolve, ended) works for every tenant. */
const SwitchboardConfig = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('generic') }),
  TwilioConfig,
  AmazonConnectConfig,
]);

const TenantConfig = z.strictObject({
  id: TenantId,
  displayName: z.string().min(1),
  phoneNumber: PhoneNumber,
  purposes: z
    .record(PurposeId, PurposeConfig)
    .refine((purposes) => Object.keys(purposes).length > 0, 'a tenant needs at least one purpose')
    .default({
      general: { label: { nl: 'Algemene vraag', en: 'General question' }, attributes: [...DEFAULT_CALL_ATTRIBUTES] },
    }),
  allowedOrigins: z.array(Origin).default([]),
  /** Link shown with every call in the agent console; the placeholder is the last part of an attribute id. */
  externalLink: ExternalLinkConfig.optional(),
  /** Usually from env `REGIE_SWITCHBOARD_SECRET_<TENANT>`; accepted here for demo files. */
  switchboardSecret: Secret.optional(),
  switchboard: SwitchboardConfig.default({ type: 'generic' }),
  /** Creditor connect (job 2): the providers and consumers registered with this tenant. */
  connect: ConnectConfig.default({ providers: [], consumers: [], tokenTtlSeconds: 600 }),
});

const IrmaAuth = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('token'), token: Secret.optional() }),
  z.strictObject({ type: z.literal('hmac'), requestor: z.string().min(1), key: z.string().min(1).optional() }),
]);

const IrmaConfig = z.discriminatedUnion('type', [
  /** The in-process demo IRMA server (demo mode only). */
  z.strictObject({ type: z.literal('demo'), auth: IrmaAuth.default({ type: 'token' }) }),
  z.strictObject({ type: z.literal('server'), url: z.url(), auth: IrmaAuth }),
]);

const HostPort = z.strictObject({ host: z.string().min(1), port: z.number().int().min(1).max(65535) });

/**
 * Where state lives. SQLite (the default) suits one instance; Redis and
 * PostgreSQL let several instances share callers, limits and the console feed.
 * Secrets such as the Redis or database password belong in `REGIE_REDIS_URL`
 * or `REGIE_DATABASE_URL`, not in the file.
 */
const StorageConfig = z.discriminatedUnion('engine', [
  z.strictObject({ engine: z.literal('sqlite') }),
  z.strictObject({
    engine: z.literal('redis'),
    /** `redis://` or `rediss://` (TLS) with user and password; usually env `REGIE_REDIS_URL`. */
    url: z
      .string()
      .regex(/^rediss?:\/\/[^\s]+$/, 'a redis:// or rediss:// URL')
      .optional(),
    /** PEM file of the CA that signed the Redis server's certificate (rediss://); env `REGIE_REDIS_CA_FILE`. */
    caFile: z.string().min(1).optional(),
    /** Keys are `<keyPrefix>:{<tenant>}:…`; several deployments can share one Redis by prefix. */
    keyPrefix: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/, 'lowercase letters, digits and -')
      .default('regie'),
    /** Redis Sentinel: the sentinels and the name of the primary they watch (url then gives only credentials and TLS). */
    sentinels: z.array(HostPort).min(1).optional(),
    sentinelName: z.string().min(1).optional(),
    /** Redis Cluster: seed nodes (url then gives only credentials and TLS). */
    clusterNodes: z.array(HostPort).min(1).optional(),
  }),
  z.strictObject({
    engine: z.literal('postgres'),
    /**
     * `postgres://user:password@host:port/database`, with `?sslmode=verify-full` for TLS that checks the
     * certificate and the host name; usually env `REGIE_DATABASE_URL`.
     */
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'a postgres:// URL')
      .optional(),
    /** PEM file of the CA that signed the database's certificate (the RDS bundle on AWS); env `REGIE_DATABASE_CA_FILE`. */
    caFile: z.string().min(1).optional(),
    /** Each tenant is the schema `<schemaPrefix>_t_<tenant>`; several deployments can share one database by prefix. */
    schemaPrefix: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,15}$/, 'a lowercase letter, then lowercase letters, digits and _ (at most 16)')
      .default('regie'),
    /** Connections per tenant (each tenant has its own pool); env `REGIE_DATABASE_POOL_SIZE`. */
    poolSize: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * A Redis for what is live and short (the console feed and the attempt counters), with the records in
     * PostgreSQL; usually env `REGIE_REDIS_URL` (+ `REGIE_REDIS_CA_FILE`, `REGIE_REDIS_KEY_PREFIX`) beside
     * `REGIE_STORAGE=postgres`.
     */
    redis: z
      .strictObject({
        url: z.string().regex(/^rediss?:\/\/[^\s]+$/, 'a redis:// or rediss:// URL'),
        caFile: z.string().min(1).optional(),
        keyPrefix: z
          .string()
          .regex(/^[a-z0-9-]{1,32}$/, 'lowercase letters, digits and -')
          .default('regie'),
      })
      .optional(),
  }),
]);

export const ConfigSchema = z
  .strictObject({
    mode: z.enum(['demo', 'production']).default('production'),
    host: z.string().default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    /** The address browsers and the Yivi app use to reach this server. */
    publicUrl: z.url().optional(),
    /** HTTPS: PEM files of the certificate (chain) and its key; usually env `REGIE_TLS_CERT_FILE` / `REGIE_TLS_KEY_FILE`. */
    tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
    /** A TLS-terminating proxy is in front: plain HTTP behind it is fine, and X-Forwarded-For names the client. */
    trustProxy: z.boolean().default(false),
    dataDir: z.string().default('./data'),
    storage: StorageConfig.default({ engine: 'sqlite' }),
    /** `id:base64` of 32 bytes; from env `REGIE_MASTER_KEY` in production. */
    masterKey: z.string().optional(),
    previousMasterKeys: z.array(z.string()).default([]),
    irma: IrmaConfig,
    calls: z
      .strictObject({
        /** How long a DTMF code can be dialled after the call session starts. */
        codeTtlSeconds: z.number().int().min(60).max(3600).default(600),
        /** Hard upper bound on keeping anything of a caller; the law of the pilot says 60 minutes. */
        retentionSeconds: z.number().int().min(60).max(3600).default(3600),
        /** How long the citizen has to scan and disclose. */
        disclosureTimeoutSeconds: z.number().int().min(30).max(900).default(300),
      })
      .default({ codeTtlSeconds: 600, retentionSeconds: 3600, disclosureTimeoutSeconds: 300 }),
    /** Staff accounts (agents and administrators): their sessions and the lock after failed sign-ins. */
    staff: z
      .strictObject({
        sessionIdleMinutes: z.number().int().min(1).max(240).default(30),
        sessionAbsoluteHours: z.number().int().min(1).max(24).default(12),
        lockAfterFailures: z.number().int().min(3).max(20).default(5),
        lockMinutes: z.number().int().min(1).max(1440).default(15),
      })
      .default({ sessionIdleMinutes: 30, sessionAbsoluteHours: 12, lockAfterFailures: 5, lockMinutes: 15 }),
    examples: z
      .strictObject({
        port: z.coerce.number().int().min(0).max(65535).default(8081),
        /** The demo source (data fetched into applications) runs on an origin of its own. */
        sourcePort: z.coerce.number().int().min(0).max(65535).default(8082),
      })
      .default({ port: 8081, sourcePort: 8082 }),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
    /** Bearer token for GET /metrics; usually from env `REGIE_METRICS_TOKEN`. Without one, /metrics is open in demo mode only. */
    metricsToken: Secret.optional(),
    tenants: z.array(TenantConfig).min(1),
  })
  .superRefine((config, ctx) => {
    if (config.irma.type === 'demo' && config.mode !== 'demo') {
      ctx.addIssue({ code: 'custom', path: ['irma', 'type'], message: 'the demo IRMA server runs only in demo mode' });
    }
    const seen = new Set<string>();
    config.tenants.forEach((tenant, index) => {
      if (seen.has(tenant.id))
        ctx.addIssue({ code: 'custom', path: ['tenants', index, 'id'], message: `duplicate tenant id ${tenant.id}` });
      seen.add(tenant.id);
      const parties = new Set<string>();
      [...tenant.connect.providers, ...tenant.connect.consumers].forEach((party) => {
        if (parties.has(party.id))
          ctx.addIssue({
            code: 'custom',
            path: ['tenants', index, 'connect'],
            message: `duplicate party id ${party.id}`,
          });
        parties.add(party.id);
      });
    });
    if (config.storage.engine === 'redis') {
      if (config.storage.sentinels && !config.storage.sentinelName)
        ctx.addIssue({
          code: 'custom',
          path: ['storage', 'sentinelName'],
          message: 'name the primary the sentinels watch',
        });
      if (config.storage.sentinels && config.storage.clusterNodes)
        ctx.addIssue({ code: 'custom', path: ['storage'], message: 'choose sentinels or clusterNodes, not both' });
    }
    if (config.calls.codeTtlSeconds > config.calls.retentionSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['calls', 'codeTtlSeconds'],
        message: 'must not exceed calls.retentionSeconds',
      });
    }
  });

export type ConfigInput = z.input<typeof ConfigSchema>;
export type ParsedConfig = z.output<typeof ConfigSchema>;
export type TenantConfig = z.output<typeof TenantConfig>;
export type PurposeConfig = z.output<typeof PurposeConfig>;
export type ExternalLinkConfig = z.output<typeof ExternalLinkConfig>;
export type IrmaConfig = z.output<typeof IrmaConfig>;
export type StorageConfig = z.output<typeof StorageConfig>;
export type SwitchboardConfig = z.output<typeof SwitchboardConfig>;
export type TwilioConfig = z.output<typeof TwilioConfig>;
export type ConnectConfig = z.output<typeof ConnectConfig>;
export type ProviderConfig = z.output<typeof ProviderConfig>;
export type ConsumerConfig = z.output<typeof ConsumerConfig>;
