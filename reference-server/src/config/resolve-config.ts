import type { z } from 'zod';
import { KeyRing, parseMasterKey } from '../crypto/key-ring.js';
import { randomToken } from '../crypto/random.js';
import { demoCredentials } from './demo-credentials.js';
import {
  ConfigSchema,
  type ConnectConfig,
  type ExternalLinkConfig,
  type ParsedConfig,
  type PurposeConfig,
  type StorageConfig,
  type SwitchboardConfig,
  type TwilioConfig,
} from './schema.js';

export type Env = Record<string, string | undefined>;

/** Stops the server with one line that names the offending field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type IrmaAuthResolved = { type: 'token'; token: string } | { type: 'hmac'; requestor: string; key: string };

export interface TenantSettings {
  id: string;
  displayName: string;
  phoneNumber: string;
  purposes: Record<string, PurposeConfig>;
  allowedOrigins: string[];
  externalLink?: ExternalLinkConfig;
  switchboardSecret: string;
  /** The telephony platform, with its secrets resolved from the environment. */
  switchboard: ResolvedSwitchboard;
  connect: ConnectConfig;
}

export type ResolvedTwilio = Omit<TwilioConfig, 'authToken' | 'webhookBaseUrl' | 'voiceSdk'> & {
  authToken: string;
  webhookBaseUrl: string;
  voiceSdk?: { apiKeySid: string; apiKeySecret: string; twimlAppSid: string };
};
export type ResolvedSwitchboard = Exclude<SwitchboardConfig, { type: 'twilio' }> | ResolvedTwilio;

export interface AppConfig {
  mode: 'demo' | 'production';
  host: string;
  port: number;
  publicUrl: string;
  tls: { certFile: string; keyFile: string } | undefined;
  trustProxy: boolean;
  dataDir: string;
  storage: StorageConfig;
  keyRing: KeyRing;
  irma: { type: 'demo'; auth: IrmaAuthResolved } | { type: 'server'; url: string; auth: IrmaAuthResolved };
  calls: ParsedConfig['calls'];
  staff: ParsedConfig['staff'];
  examples: ParsedConfig['examples'];
  logLevel: ParsedConfig['logLevel'];
  metricsToken: string | undefined;
  tenants: TenantSettings[];
}

export interface ResolveOptions {
  /** Where demo mode may get a master key from when none is configured. */
  demoMasterKey?: () => string;
}

/** Env name that carries a tenant's switchboard secret: `nijmegen-oost` -> `REGIE_SWITCHBOARD_SECRET_NIJMEGEN_OOST`. */
export function switchboardSecretEnvName(tenantId: string): string {
  return `REGIE_SWITCHBOARD_SECRET_${tenantId.toUpperCase().replaceAll('-', '_')}`;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid configuration';
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

/** Overlays the environment on the config file, validates, and derives what the server runs on. */
export function resolveConfig(fileContent: unknown, env: Env, options: ResolveOptions = {}): AppConfig {
  const raw = { ...(fileContent as Record<string, unknown>) };
  if (env.PORT) raw.port = env.PORT;
  if (env.HOST) raw.host = env.HOST;
  if (env.REGIE_PUBLIC_URL) raw.publicUrl = env.REGIE_PUBLIC_URL;
  if (env.REGIE_DATA_DIR) raw.dataDir = env.REGIE_DATA_DIR;
  if (env.REGIE_LOG_LEVEL) raw.logLevel = env.REGIE_LOG_LEVEL;
  const examples = (raw.examples ?? {}) as Record<string, unknown>;
  if (env.REGIE_EXAMPLES_PORT) raw.examples = { ...examples, port: env.REGIE_EXAMPLES_PORT };
  if (env.REGIE_SOURCE_PORT) raw.examples = { ...(raw.examples as object), sourcePort: env.REGIE_SOURCE_PORT };
  if (env.REGIE_TLS_CERT_FILE || env.REGIE_TLS_KEY_FILE)
    raw.tls = { certFile: env.REGIE_TLS_CERT_FILE ?? '', keyFile: env.REGIE_TLS_KEY_FILE ?? '' };
  if (env.REGIE_TRUST_PROXY) raw.trustProxy = env.REGIE_TRUST_PROXY === 'true';
  overlayStorageEnv(raw, env);
  overlayWebhookUrlEnv(raw, env);

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`config error: ${describeIssue(parsed.error)}`);
  const config = parsed.data;
  const isDemo = config.mode === 'demo';

  const masterKeyText = env.REGIE_MASTER_KEY ?? config.masterKey ?? (isDemo ? options.demoMasterKey?.() : undefined);
  if (!masterKeyText) throw new ConfigError('config error: masterKey: set REGIE_MASTER_KEY (32 random bytes, base64)');
  const previousText = env.REGIE_PREVIOUS_MASTER_KEYS?.split(',').filter(Boolean) ?? config.previousMasterKeys;
  let keyRing: KeyRing;
  try {
    keyRing = new KeyRing(parseMasterKey(masterKeyText), previousText.map(parseMasterKey));
  } catch (error) {
    throw new ConfigError(`config error: masterKey: ${(error as Error).message}`);
  }

  const auth = resolveIrmaAuth(config.irma.auth, env, isDemo);
  const irma =
    config.irma.type === 'demo'
      ? { type: 'demo' as const, auth }
      : { type: 'server' as const, url: config.irma.url.replace(/\/$/, ''), auth };

  // In demo mode the examples site (another origin on this machine) may embed every tenant's widgets.
  const demoOrigins = isDemo
    ? [`http://localhost:${config.examples.port}`, `http://127.0.0.1:${config.examples.port}`]
    : [];
  const tenants = config.tenants.map((tenant, index): TenantSettings => {
    const envName = switchboardSecretEnvName(tenant.id);
    const switchboardSecret = env[envName] ?? tenant.switchboardSecret;
    if (!switchboardSecret || switchboardSecret.length < 32) {
      throw new ConfigError(
        `config error: tenants.${index}.switchboardSecret: set ${envName} (at least 32 characters)`,
      );
    }
    const sourceOrigin = isDemo ? `http://localhost:${config.examples.sourcePort}` : undefined;
    const connect = withWebhookSecrets(expandExamplesOrigin(tenant.connect, demoOrigins, index, sourceOrigin), env);
    return {
      ...tenant,
      allowedOrigins: [...new Set([...tenant.allowedOrigins, ...demoOrigins])],
      switchboardSecret,
      switchboard: tenant.switchboard as ResolvedSwitchboard,
      connect,
    };
  });

  for (const [index, tenant] of tenants.entries())
    tenant.switchboard = resolveSwitchboard(
      tenant.id,
      index,
      config.tenants[index]!.switchboard,
      env,
      publicUrlOf(config, isDemo),
    );
  if (!isDemo) refuseDemoCredentials(tenants);

  const publicUrl = (config.publicUrl ?? (isDemo ? `http://localhost:${config.port}` : undefined))?.replace(/\/$/, '');
  if (!publicUrl) throw new ConfigError('config error: publicUrl: set REGIE_PUBLIC_URL to the address browsers use');
  // Production traffic is encrypted: by this server, or by a TLS proxy in front of it.
  if (!isDemo && !config.tls && !config.trustProxy && !isLoopback(config.host)) {
    throw new ConfigError(
      `config error: tls: plain HTTP on ${config.host} in production; set REGIE_TLS_CERT_FILE and REGIE_TLS_KEY_FILE, or REGIE_TRUST_PROXY=true behind a TLS proxy`,
    );
  }
  if (!isDemo && !publicUrl.startsWith('https:'))
    throw new ConfigError('config error: publicUrl: must be https in production');
  const storage = config.storage;
  if (storage.engine === 'redis') {
    if (!storage.url && !storage.sentinels && !storage.clusterNodes)
      throw new ConfigError('config error: storage.url: set REGIE_REDIS_URL (redis:// or rediss://)');
    // Traffic to storage is encrypted too, unless Redis runs on this very machine.
    if (!isDemo && !usesTls(storage))
      throw new ConfigError(
        'config error: storage.url: use rediss:// (TLS) for a Redis that is not on this machine in production',
      );
  }
  if (storage.engine === 'postgres') checkPostgresSettings(storage, isDemo);

  return {
    mode: config.mode,
    host: config.host,
    port: config.port,
    publicUrl,
    tls: config.tls,
    trustProxy: config.trustProxy,
    dataDir: config.dataDir,
    storage,
    keyRing,
    irma,
    calls: config.calls,
    staff: config.staff,
    examples: config.examples,
    logLevel: config.logLevel,
    metricsToken: env.REGIE_METRICS_TOKEN ?? config.metricsToken,
    tenants,
  };
}

function resolveIrmaAuth(auth: ParsedConfig['irma']['auth'], env: Env, isDemo: boolean): IrmaAuthResolved {
  if (auth.type === 'token') {
    // The demo IRMA server lives in this process, so a fresh token per start is enough.
    const token = env.REGIE_IRMA_TOKEN ?? auth.token ?? (isDemo ? randomToken() : undefined);
    if (!token) throw new ConfigError('config error: irma.auth.token: set REGIE_IRMA_TOKEN');
    return { type: 'token', token };
  }
  const key = env.REGIE_IRMA_HMAC_KEY ?? auth.key ?? (isDemo ? randomToken() : undefined);
  if (!key) throw new ConfigError('config error: irma.auth.key: set REGIE_IRMA_HMAC_KEY');
  return { type: 'hmac', requestor: auth.requestor, key };
}

/**
 * Demo parties live on the examples site, whose port is configurable: `{examples}`
 * in their URLs becomes its origin. Lists get every name of that origin
 * (localhost and 127.0.0.1), single URLs the first. `{source}` is the demo
 * source's own origin (data fetched into applications). Outside demo mode the
 * placeholders are a configuration error.
 */
function expandExamplesOrigin(
  connect: ConnectConfig,
  examplesOrigins: string[],
  tenantIndex: number,
  sourceOrigin?: string,
): ConnectConfig {
  const one = (url: string, path: string): string => {
    if (url.startsWith('{source}')) {
      if (!sourceOrigin)
        throw new ConfigError(`config error: tenants.${tenantIndex}.connect.${path}: {source} works only in demo mode`);
      return url.replace('{source}', sourceOrigin);
    }
    if (!url.startsWith('{examples}')) return url;
    if (examplesOrigins.length === 0)
      throw new ConfigError(`config error: tenants.${tenantIndex}.connect.${path}: {examples} works only in demo mode`);
    return url.replace('{examples}', examplesOrigins[0]!);
  };
  const many = (urls: string[], path: string): string[] =>
    urls
      .flatMap((url) =>
        url.startsWith('{examples}') ? examplesOrigins.map((origin) => url.replace('{examples}', origin)) : [url],
      )
      .map((url) => one(url, path));
  return {
    ...connect,
    providers: connect.providers.map((p, i) => ({
      ...p,
      logoUrl: p.logoUrl && one(p.logoUrl, `providers.${i}.logoUrl`),
      webhookUrl: p.webhookUrl && one(p.webhookUrl, `providers.${i}.webhookUrl`),
      connectPageUrl: one(p.connectPageUrl, `providers.${i}.connectPageUrl`),
      identifyPageUrl: p.identifyPageUrl && one(p.identifyPageUrl, `providers.${i}.identifyPageUrl`),
      allowedOrigins: many(p.allowedOrigins, `providers.${i}.allowedOrigins`),
    })),
    consumers: connect.consumers.map((c, i) => ({
      ...c,
      logoUrl: c.logoUrl && one(c.logoUrl, `consumers.${i}.logoUrl`),
      webhookUrl: c.webhookUrl && one(c.webhookUrl, `consumers.${i}.webhookUrl`),
      redirectUris: many(c.redirectUris, `consumers.${i}.redirectUris`),
      returnUrls: many(c.returnUrls, `consumers.${i}.returnUrls`),
      allowedOrigins: many(c.allowedOrigins, `consumers.${i}.allowedOrigins`),
    })),
  };
}

/** Env name of a party's webhook secret: `demo-energie` -> `REGIE_WEBHOOK_SECRET_DEMO_ENERGIE`. */
export function webhookSecretEnvName(partyId: string): string {
  return `REGIE_WEBHOOK_SECRET_${partyId.toUpperCase().replaceAll('-', '_')}`;
}

/** Env name of a party's webhook URL: `demo-energie` -> `REGIE_WEBHOOK_URL_DEMO_ENERGIE`. */
export function webhookUrlEnvName(partyId: string): string {
  return `REGIE_WEBHOOK_URL_${partyId.toUpperCase().replaceAll('-', '_')}`;
}

/** A party's webhook URL from the environment, before validation, so it is checked like one from the file. */
function overlayWebhookUrlEnv(raw: Record<string, unknown>, env: Env): void {
  if (!Array.isArray(raw.tenants)) return;
  raw.tenants = raw.tenants.map((tenant: Record<string, unknown>) => {
    const connect = tenant?.connect as Record<string, unknown[]> | undefined;
    if (!connect) return tenant;
    const withUrl = (party: unknown) => {
      const id = (party as { id?: unknown })?.id;
      const url = typeof id === 'string' ? env[webhookUrlEnvName(id)] : undefined;
      return url ? { ...(party as object), webhookUrl: url } : party;
    };
    return {
      ...tenant,
      connect: {
        ...connect,
        ...(Array.isArray(connect.providers) && { providers: connect.providers.map(withUrl) }),
        ...(Array.isArray(connect.consumers) && { consumers: connect.consumers.map(withUrl) }),
      },
    };
  });
}

function withWebhookSecrets(connect: ConnectConfig, env: Env): ConnectConfig {
  const secretOf = <P extends { id: string; webhookSecret?: string | undefined }>(party: P): P => {
    const secret = env[webhookSecretEnvName(party.id)] ?? party.webhookSecret;
    return secret ? { ...party, webhookSecret: secret } : party;
  };
  return { ...connect, providers: connect.providers.map(secretOf), consumers: connect.consumers.map(secretOf) };
}

/** `REGIE_STORAGE=postgres` with `REGIE_DATABASE_URL`, `REGIE_DATABASE_CA_FILE`, `REGIE_DATABASE_SCHEMA_PREFIX`, `REGIE_DATABASE_POOL_SIZE`; `REGIE_STORAGE=redis` with `REGIE_REDIS_URL`, `REGIE_REDIS_CA_FILE`, `REGIE_REDIS_SENTINELS` (host:port,…) plus `REGIE_REDIS_SENTINEL_NAME`, or `REGIE_REDIS_CLUSTER_NODES`. */
function overlayStorageEnv(raw: Record<string, unknown>, env: Env): void {
  const fromFile = (raw.storage ?? {}) as Record<string, unknown>;
  const engine = env.REGIE_STORAGE ?? fromFile.engine;
  if (engine === 'postgres') {
    raw.storage = {
      ...(fromFile.engine === 'postgres' ? fromFile : {}),
      engine: 'postgres',
      ...(env.REGIE_DATABASE_URL && { url: env.REGIE_DATABASE_URL }),
      ...(env.REGIE_DATABASE_CA_FILE && { caFile: env.REGIE_DATABASE_CA_FILE }),
      ...(env.REGIE_DATABASE_SCHEMA_PREFIX && { schemaPrefix: env.REGIE_DATABASE_SCHEMA_PREFIX }),
      ...(env.REGIE_DATABASE_POOL_SIZE && { poolSize: env.REGIE_DATABASE_POOL_SIZE }),
      ...(env.REGIE_REDIS_URL && {
        redis: {
          url: env.REGIE_REDIS_URL,
          ...(env.REGIE_REDIS_CA_FILE && { caFile: env.REGIE_REDIS_CA_FILE }),
          ...(env.REGIE_REDIS_KEY_PREFIX && { keyPrefix: env.REGIE_REDIS_KEY_PREFIX }),
        },
      }),
    };
    return;
  }
  if (engine !== 'redis') {
    if (env.REGIE_STORAGE) raw.storage = { engine: env.REGIE_STORAGE };
    return;
  }
  const hostPorts = (list: string) =>
    list
      .split(',')
      .filter(Boolean)
      .map((entry) => {
        const at = entry.lastIndexOf(':');
        return { host: entry.slice(0, at), port: Number(entry.slice(at + 1)) };
      });
  raw.storage = {
    ...(fromFile.engine === 'redis' ? fromFile : {}),
    engine: 'redis',
    ...(env.REGIE_REDIS_URL && { url: env.REGIE_REDIS_URL }),
    ...(env.REGIE_REDIS_CA_FILE && { caFile: env.REGIE_REDIS_CA_FILE }),
    ...(env.REGIE_REDIS_KEY_PREFIX && { keyPrefix: env.REGIE_REDIS_KEY_PREFIX }),
    ...(env.REGIE_REDIS_SENTINELS && { sentinels: hostPorts(env.REGIE_REDIS_SENTINELS) }),
    ...(env.REGIE_REDIS_SENTINEL_NAME && { sentinelName: env.REGIE_REDIS_SENTINEL_NAME }),
    ...(env.REGIE_REDIS_CLUSTER_NODES && { clusterNodes: hostPorts(env.REGIE_REDIS_CLUSTER_NODES) }),
  };
}

/**
 * A PostgreSQL URL names its TLS the libpq way: `sslmode=verify-full` (certificate and host name checked, what
 * RDS and Aurora document) or nothing at all for a database on this machine. Weaker modes would encrypt without
 * knowing to whom, so they are refused rather than quietly accepted. Messages never repeat the URL: it holds
 * the password.
 */
function checkPostgresSettings(storage: Extract<StorageConfig, { engine: 'postgres' }>, isDemo: boolean): void {
  if (!storage.url) throw new ConfigError('config error: storage.url: set REGIE_DATABASE_URL (postgres://…)');
  let url: URL;
  try {
    url = new URL(storage.url);
  } catch {
    throw new ConfigError('config error: storage.url: not a valid postgres:// URL');
  }
  const sslmode = url.searchParams.get('sslmode') ?? 'disable';
  if (sslmode !== 'disable' && sslmode !== 'verify-full')
    throw new ConfigError(
      `config error: storage.url: sslmode=${sslmode} does not check who answers; use sslmode=verify-full (with REGIE_DATABASE_CA_FILE for a private CA)`,
    );
  if (storage.caFile && sslmode !== 'verify-full')
    throw new ConfigError('config error: storage.caFile: a CA file needs sslmode=verify-full in the URL');
  // A socket directory (`?host=/run/postgresql`) or a loopback address never leaves the machine.
  const host = url.searchParams.get('host') ?? url.hostname;
  const local = host.startsWith('/') || isLoopback(host);
  if (!isDemo && sslmode !== 'verify-full' && !local)
    throw new ConfigError(
      'config error: storage.url: use sslmode=verify-full (TLS) for a database that is not on this machine in production',
    );
  if (storage.redis && !isDemo && !usesTls({ engine: 'redis', ...storage.redis }))
    throw new ConfigError(
      'config error: storage.redis.url: use rediss:// (TLS) for a Redis that is not on this machine in production',
    );
}

function usesTls(storage: Extract<StorageConfig, { engine: 'redis' }>): boolean {
  if (storage.url?.startsWith('rediss://')) return true;
  const hosts = storage.sentinels ?? storage.clusterNodes ?? [];
  if (hosts.length > 0) return hosts.every((node) => isLoopback(node.host));
  return storage.url !== undefined && isLoopback(new URL(storage.url.replace(/^redis:/, 'http:')).hostname);
}

function publicUrlOf(config: ParsedConfig, isDemo: boolean): string {
  return (config.publicUrl ?? (isDemo ? `http://localhost:${config.port}` : 'https://invalid.example')).replace(
    /\/$/,
    '',
  );
}

/** Env name of a per-tenant secret: (`REGIE_TWILIO_AUTH_TOKEN`, `nijmegen-oost`) -> `REGIE_TWILIO_AUTH_TOKEN_NIJMEGEN_OOST`. */
export function tenantEnvName(prefix: string, tenantId: string): string {
  return `${prefix}_${tenantId.toUpperCase().replaceAll('-', '_')}`;
}

function resolveSwitchboard(
  tenantId: string,
  index: number,
  switchboard: SwitchboardConfig,
  env: Env,
  publicUrl: string,
): ResolvedSwitchboard {
  if (switchboard.type !== 'twilio') return switchboard;
  const tokenEnv = tenantEnvName('REGIE_TWILIO_AUTH_TOKEN', tenantId);
  const authToken = env[tokenEnv] ?? switchboard.authToken;
  if (!authToken) throw new ConfigError(`config error: tenants.${index}.switchboard.authToken: set ${tokenEnv}`);
  let voiceSdk: ResolvedTwilio['voiceSdk'];
  if (switchboard.voiceSdk) {
    const secretEnv = tenantEnvName('REGIE_TWILIO_API_KEY_SECRET', tenantId);
    const apiKeySecret = env[secretEnv] ?? switchboard.voiceSdk.apiKeySecret;
    if (!apiKeySecret)
      throw new ConfigError(`config error: tenants.${index}.switchboard.voiceSdk.apiKeySecret: set ${secretEnv}`);
    voiceSdk = { ...switchboard.voiceSdk, apiKeySecret };
  }
  return {
    ...switchboard,
    authToken,
    webhookBaseUrl: (switchboard.webhookBaseUrl ?? publicUrl).replace(/\/$/, ''),
    voiceSdk,
  };
}

/** Production refuses the demo parties and secrets: their private halves are published in this repository. */
function refuseDemoCredentials(tenants: TenantSettings[]): void {
  const published = demoCredentials();
  tenants.forEach((tenant, t) => {
    if (published.has(tenant.switchboardSecret))
      throw new ConfigError(
        `config error: tenants.${t}.switchboardSecret: the demo switchboard secret is public; production refuses it`,
      );
    if (tenant.switchboard.type === 'twilio' && published.has(tenant.switchboard.authToken)) {
      throw new ConfigError(
        `config error: tenants.${t}.switchboard.authToken: the demo Twilio auth token is public; production refuses it`,
      );
    }
    for (const [group, parties] of [
      ['providers', tenant.connect.providers],
      ['consumers', tenant.connect.consumers],
    ] as const) {
      parties.forEach((party, p) => {
        const credential = party.credential;
        const values =
          credential.type === 'client_secret'
            ? [credential.secretHash]
            : credential.jwks.keys.flatMap((key) => [key.x, key.n].filter((v): v is string => typeof v === 'string'));
        if (party.webhookSecret) values.push(party.webhookSecret);
        if (values.some((value) => published.has(value))) {
          throw new ConfigError(
            `config error: tenants.${t}.connect.${group}.${p}: ${party.id} uses a demo credential, which is public; production refuses demo providers and consumers`,
          );
        }
      });
    }
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
