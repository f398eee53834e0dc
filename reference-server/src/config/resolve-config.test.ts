import { describe, expect, it } from 'vitest';
import { testConfigInput } from '../testing/test-server.js';
import { ConfigError, resolveConfig, switchboardSecretEnvName } from './resolve-config.js';
import { DEMO_CONFIG_PATH } from './load-config.js';
import { readFileSync } from 'node:fs';

const production = () =>
  testConfigInput({
    mode: 'production',
    publicUrl: 'https://bellen.example.nl',
    masterKey: undefined,
    irma: { type: 'server', url: 'https://irma.example.nl/', auth: { type: 'token' } },
    tenants: [{ id: 'nijmegen', displayName: 'Nijmegen', phoneNumber: '+31243299999' }],
  });

const productionEnv = {
  REGIE_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
  REGIE_IRMA_TOKEN: 'irma-token-from-env-0123456789abcdef',
  REGIE_SWITCHBOARD_SECRET_NIJMEGEN: 'switchboard-secret-from-env-0123456789',
};

describe('configuration', () => {
  it('takes secrets from the environment', () => {
    const config = resolveConfig(production(), productionEnv);
    expect(config.irma).toEqual({
      type: 'server',
      url: 'https://irma.example.nl',
      auth: { type: 'token', token: productionEnv.REGIE_IRMA_TOKEN },
    });
    expect(config.tenants[0]!.switchboardSecret).toBe(productionEnv.REGIE_SWITCHBOARD_SECRET_NIJMEGEN);
    expect(config.tenants[0]!.purposes.general!.attributes).toEqual([
      'pbdf.gemeente.personalData.bsn',
      'pbdf.gemeente.personalData.firstnames',
      'pbdf.gemeente.personalData.surname',
    ]);
  });

  it.each([
    [{ ...productionEnv, REGIE_MASTER_KEY: undefined }, 'config error: masterKey: set REGIE_MASTER_KEY'],
    [{ ...productionEnv, REGIE_IRMA_TOKEN: undefined }, 'config error: irma.auth.token: set REGIE_IRMA_TOKEN'],
    [
      { ...productionEnv, REGIE_SWITCHBOARD_SECRET_NIJMEGEN: 'short' },
      'config error: tenants.0.switchboardSecret: set REGIE_SWITCHBOARD_SECRET_NIJMEGEN',
    ],
    [{ ...productionEnv, PORT: 'eighty' }, 'config error: port:'],
  ])('stops with one line naming the field (%#)', (env, message) => {
    expect(() => resolveConfig(production(), env)).toThrow(ConfigError);
    expect(() => resolveConfig(production(), env)).toThrow(message);
  });

  it('names the field of a bad tenant entry', () => {
    const input = production();
    input.tenants[0]!.phoneNumber = '024-3299999';
    expect(() => resolveConfig(input, productionEnv)).toThrow(
      /^config error: tenants\.0\.phoneNumber: an E\.164 phone number/,
    );
  });

  it('refuses the demo IRMA server outside demo mode', () => {
    expect(() => resolveConfig({ ...production(), irma: { type: 'demo' } }, productionEnv)).toThrow(
      'config error: irma.type: the demo IRMA server runs only in demo mode',
    );
  });

  it('never keeps caller data longer than 60 minutes', () => {
    expect(() => resolveConfig({ ...production(), calls: { retentionSeconds: 7200 } }, productionEnv)).toThrow(
      /calls\.retentionSeconds/,
    );
  });

  it('loads the shipped demo configuration with two tenants', () => {
    const config = resolveConfig(
      JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')),
      {},
      { demoMasterKey: () => Buffer.alloc(32, 2).toString('base64') },
    );
    expect(config.mode).toBe('demo');
    expect(config.tenants.map((t) => t.id)).toEqual(['nijmegen', 'arnhem']);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.tenants[0]!.allowedOrigins).toContain('http://localhost:8081');
  });

  it("takes a party's webhook URL and secret from the environment, the URL checked like one from the file", () => {
    const demo = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
    const options = { demoMasterKey: () => Buffer.alloc(32, 2).toString('base64') };
    const env = {
      REGIE_WEBHOOK_URL_DEMO_SCHULDHULP: 'https://schuldhulp.example/webhooks/regie',
      REGIE_WEBHOOK_SECRET_DEMO_SCHULDHULP: `whsec_${Buffer.alloc(24, 3).toString('base64')}`,
    };
    const consumer = resolveConfig(demo, env, options).tenants[0]!.connect.consumers.find(
      (c) => c.id === 'demo-schuldhulp',
    );
    expect(consumer).toMatchObject({
      webhookUrl: env.REGIE_WEBHOOK_URL_DEMO_SCHULDHULP,
      webhookSecret: env.REGIE_WEBHOOK_SECRET_DEMO_SCHULDHULP,
    });
    expect(() => resolveConfig(demo, { ...env, REGIE_WEBHOOK_URL_DEMO_SCHULDHULP: 'not a url' }, options)).toThrow(
      /webhookUrl/,
    );
  });

  it('derives the env name of a switchboard secret from the tenant id', () => {
    expect(switchboardSecretEnvName('nijmegen-oost')).toBe('REGIE_SWITCHBOARD_SECRET_NIJMEGEN_OOST');
  });

  it('refuses plain HTTP in production, unless a TLS proxy is trusted or a certificate is configured', () => {
    const exposed = { ...production(), host: '0.0.0.0' };
    expect(() => resolveConfig(exposed, productionEnv)).toThrow(
      /^config error: tls: plain HTTP on 0\.0\.0\.0 in production/,
    );
    expect(resolveConfig({ ...exposed, trustProxy: true }, productionEnv).trustProxy).toBe(true);
    expect(
      resolveConfig(exposed, {
        ...productionEnv,
        REGIE_TLS_CERT_FILE: '/etc/regie/cert.pem',
        REGIE_TLS_KEY_FILE: '/etc/regie/key.pem',
      }).tls,
    ).toEqual({
      certFile: '/etc/regie/cert.pem',
      keyFile: '/etc/regie/key.pem',
    });
    expect(() => resolveConfig({ ...production(), publicUrl: 'http://bellen.example.nl' }, productionEnv)).toThrow(
      /^config error: publicUrl: must be https in production/,
    );
  });

  it('refuses, one line each, the demo providers, consumers and switchboard secret in production', () => {
    const demo = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as {
      tenants: { connect: { providers: unknown[]; consumers: unknown[] }; switchboardSecret: string }[];
    };
    const withConnect = (connect: object) => ({
      ...production(),
      tenants: [{ id: 'nijmegen', displayName: 'Nijmegen', phoneNumber: '+31243299999', connect }],
    });
    const provider = {
      ...(demo.tenants[0]!.connect.providers[0] as object),
      connectPageUrl: 'https://energie.example/connect',
      allowedOrigins: [],
      logoUrl: undefined,
      webhookUrl: undefined,
    };
    expect(() => resolveConfig(withConnect({ providers: [provider] }), productionEnv)).toThrow(
      /^config error: tenants\.0\.connect\.providers\.0: demo-energie uses a demo credential, which is public; production refuses demo providers and consumers$/,
    );
    const jwtProvider = {
      ...(demo.tenants[0]!.connect.providers[1] as object),
      connectPageUrl: 'https://zorg.example/connect',
      allowedOrigins: [],
      logoUrl: undefined,
      webhookUrl: undefined,
    };
    expect(() => resolveConfig(withConnect({ providers: [jwtProvider] }), productionEnv)).toThrow(
      /providers\.0: demo-zorg uses a demo credential/,
    );
    expect(() =>
      resolveConfig(production(), {
        ...productionEnv,
        REGIE_SWITCHBOARD_SECRET_NIJMEGEN: demo.tenants[0]!.switchboardSecret,
      }),
    ).toThrow(
      'config error: tenants.0.switchboardSecret: the demo switchboard secret is public; production refuses it',
    );
  });

  it('reads the storage engine from the environment and refuses an unencrypted Redis elsewhere in production', () => {
    const redis = {
      ...productionEnv,
      REGIE_STORAGE: 'redis',
      REGIE_REDIS_URL: 'rediss://:pw@redis.internal:6380/0',
      REGIE_REDIS_CA_FILE: '/etc/regie/redis-ca.pem',
    };
    expect(resolveConfig(production(), redis).storage).toEqual({
      engine: 'redis',
      url: redis.REGIE_REDIS_URL,
      caFile: '/etc/regie/redis-ca.pem',
      keyPrefix: 'regie',
    });
    expect(() => resolveConfig(production(), { ...redis, REGIE_REDIS_URL: 'redis://redis.internal:6379' })).toThrow(
      /^config error: storage\.url: use rediss:\/\/ \(TLS\)/,
    );
    expect(resolveConfig(production(), { ...redis, REGIE_REDIS_URL: 'redis://127.0.0.1:6379' }).storage.engine).toBe(
      'redis',
    );
    // With Sentinel the URL carries only credentials and TLS.
    expect(
      resolveConfig(production(), {
        ...redis,
        REGIE_REDIS_SENTINELS: 's1:26379,s2:26379',
        REGIE_REDIS_SENTINEL_NAME: 'regie',
      }).storage,
    ).toMatchObject({
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      sentinelName: 'regie',
    });
    expect(() => resolveConfig(production(), { ...redis, REGIE_REDIS_URL: undefined })).toThrow(
      'config error: storage.url: set REGIE_REDIS_URL',
    );
    expect(resolveConfig(production(), productionEnv).storage).toEqual({ engine: 'sqlite' });
  });

  it('reads PostgreSQL from the environment, with TLS that checks the server, and never repeats its password', () => {
    const password = 's3cret-pw';
    const postgres = {
      ...productionEnv,
      REGIE_STORAGE: 'postgres',
      REGIE_DATABASE_URL: `postgres://regie:${password}@db.cluster-x.eu-central-1.rds.amazonaws.com:5432/regie?sslmode=verify-full`,
      REGIE_DATABASE_CA_FILE: '/etc/regie/rds-global-bundle.pem',
      REGIE_DATABASE_POOL_SIZE: '20',
    };
    expect(resolveConfig(production(), postgres).storage).toEqual({
      engine: 'postgres',
      url: postgres.REGIE_DATABASE_URL,
      caFile: '/etc/regie/rds-global-bundle.pem',
      schemaPrefix: 'regie',
      poolSize: 20,
    });
    const refusal = (env: Record<string, string | undefined>) => {
      try {
        resolveConfig(production(), env);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    const plain = refusal({
      ...postgres,
      REGIE_DATABASE_URL: `postgres://regie:${password}@db.internal/regie`,
      REGIE_DATABASE_CA_FILE: undefined,
    });
    expect(plain).toMatch(/^config error: storage\.url: use sslmode=verify-full \(TLS\)/);
    const weak = refusal({
      ...postgres,
      REGIE_DATABASE_URL: `postgres://regie:${password}@db.internal/regie?sslmode=require`,
    });
    expect(weak).toMatch(/^config error: storage\.url: sslmode=require does not check who answers/);
    for (const message of [plain, weak]) expect(message).not.toContain(password);
    expect(refusal({ ...postgres, REGIE_DATABASE_URL: 'mysql://db/regie' })).toMatch(
      /storage\.url: a postgres:\/\/ URL/,
    );
    expect(refusal({ ...postgres, REGIE_DATABASE_URL: undefined })).toBe(
      'config error: storage.url: set REGIE_DATABASE_URL (postgres://…)',
    );
    // A Redis beside it for the live feed and the counters, with TLS like the Redis engine's.
    expect(
      resolveConfig(production(), { ...postgres, REGIE_REDIS_URL: 'rediss://:pw@redis.internal:6380' }).storage,
    ).toMatchObject({ engine: 'postgres', redis: { url: 'rediss://:pw@redis.internal:6380', keyPrefix: 'regie' } });
    expect(refusal({ ...postgres, REGIE_REDIS_URL: 'redis://:pw@redis.internal:6379' })).toMatch(
      /^config error: storage\.redis\.url: use rediss:\/\/ \(TLS\)/,
    );
    // On this machine (loopback or the socket directory) TLS is not needed.
    for (const url of ['postgres://regie@127.0.0.1/regie', 'postgres:///regie?host=/run/postgresql'])
      expect(
        resolveConfig(production(), { ...postgres, REGIE_DATABASE_URL: url, REGIE_DATABASE_CA_FILE: undefined }).storage
          .engine,
      ).toBe('postgres');
  });
});
