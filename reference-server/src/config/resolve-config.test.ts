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
    expect(config.irma).toEqual({ type: 'server', url: 'https://irma.example.nl', auth: { type: 'token', token: productionEnv.REGIE_IRMA_TOKEN } });
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
    [{ ...productionEnv, REGIE_SWITCHBOARD_SECRET_NIJMEGEN: 'short' }, 'config error: tenants.0.switchboardSecret: set REGIE_SWITCHBOARD_SECRET_NIJMEGEN'],
    [{ ...productionEnv, PORT: 'eighty' }, 'config error: port:'],
  ])('stops with one line naming the field (%#)', (env, message) => {
    expect(() => resolveConfig(production(), env)).toThrow(ConfigError);
    expect(() => resolveConfig(production(), env)).toThrow(message);
  });

  it('names the field of a bad tenant entry', () => {
    const input = production();
    input.tenants[0]!.phoneNumber = '024-3299999';
    expect(() => resolveConfig(input, productionEnv)).toThrow(/^config error: tenants\.0\.phoneNumber: an E\.164 phone number/);
  });

  it('refuses the demo IRMA server outside demo mode', () => {
    expect(() => resolveConfig({ ...production(), irma: { type: 'demo' } }, productionEnv)).toThrow('config error: irma.type: the demo IRMA server runs only in demo mode');
  });

  it('never keeps caller data longer than 60 minutes', () => {
    expect(() => resolveConfig({ ...production(), calls: { retentionSeconds: 7200 } }, productionEnv)).toThrow(/calls\.retentionSeconds/);
  });

  it('loads the shipped demo configuration with two tenants', () => {
    const config = resolveConfig(JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')), {}, { demoMasterKey: () => Buffer.alloc(32, 2).toString('base64') });
    expect(config.mode).toBe('demo');
    expect(config.tenants.map((t) => t.id)).toEqual(['nijmegen', 'arnhem']);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.tenants[0]!.allowedOrigins).toContain('http://localhost:8081');
  });

  it('derives the env name of a switchboard secret from the tenant id', () => {
    expect(switchboardSecretEnvName('nijmegen-oost')).toBe('REGIE_SWITCHBOARD_SECRET_NIJMEGEN_OOST');
  });

  it('refuses plain HTTP in production, unless a TLS proxy is trusted or a certificate is configured', () => {
    const exposed = { ...production(), host: '0.0.0.0' };
    expect(() => resolveConfig(exposed, productionEnv)).toThrow(/^config error: tls: plain HTTP on 0\.0\.0\.0 in production/);
    expect(resolveConfig({ ...exposed, trustProxy: true }, productionEnv).trustProxy).toBe(true);
    expect(resolveConfig(exposed, { ...productionEnv, REGIE_TLS_CERT_FILE: '/etc/regie/cert.pem', REGIE_TLS_KEY_FILE: '/etc/regie/key.pem' }).tls).toEqual({
      certFile: '/etc/regie/cert.pem',
      keyFile: '/etc/regie/key.pem',
    });
    expect(() => resolveConfig({ ...production(), publicUrl: 'http://bellen.example.nl' }, productionEnv)).toThrow(/^config error: publicUrl: must be https in production/);
  });
});
