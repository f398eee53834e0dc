import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveConfig, switchboardSecretEnvName } from '../reference-server/src/config/resolve-config.js';

// examples/compose.yaml cannot be started here (no Docker engine), so it is read: two server
// instances on one Redis, every variable it sets is one the server reads, and the mounted
// configuration with that environment is a valid production configuration.
const ROOT = join(import.meta.dirname, '..');
const EXAMPLES = join(ROOT, 'examples');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  secrets?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(join(EXAMPLES, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
};
const servers = Object.entries(compose.services).filter(
  ([, service]) => service.build?.dockerfile === 'reference-server/Dockerfile',
);
const redis = compose.services.redis!;

/** Where the server's code reads its environment. */
const configSources = ['resolve-config.ts', 'load-config.ts']
  .map((file) => readFileSync(join(ROOT, 'reference-server/src/config', file), 'utf8'))
  .join('\n');

/** What `docker compose` makes of `${NAME:?message}` when the env file sets NAME to `value`. */
function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(:\?[^}]*)?\}/g, (_, name: string) => values[name] ?? `<${name} unset>`);
}

const SAMPLE_SECRETS: Record<string, string> = {
  REGIE_PUBLIC_URL: 'https://regie.nijmegen.example',
  REDIS_PASSWORD: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
  REGIE_MASTER_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  REGIE_IRMA_TOKEN: 'irma-token-0123456789abcdef0123456789',
  REGIE_SWITCHBOARD_SECRET_NIJMEGEN: 'switchboard-secret-0123456789abcdef01',
  REGIE_METRICS_TOKEN: 'metrics-token-0123456789abcdef01234567',
  REGIEKIT_SECRETS: '/etc/regiekit',
};

describe('examples/compose.yaml', () => {
  it('runs two instances of the reference server image on one Redis, each on its own port', () => {
    expect(servers.map(([name]) => name)).toEqual(['regiekit-1', 'regiekit-2']);
    const [first, second] = servers.map(([, service]) => service);
    expect(first!.environment).toEqual(second!.environment);
    expect(first!.image).toBe(second!.image);
    expect(first!.build!.context).toBe('..');
    expect(new Set(servers.flatMap(([, service]) => service.ports))).toHaveProperty('size', 2);
    for (const [, service] of servers) {
      expect(service.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
      expect(service.environment).toMatchObject({
        REGIE_STORAGE: 'redis',
        REGIE_REDIS_URL: expect.stringMatching(/^rediss:\/\/:\$\{REDIS_PASSWORD[^}]*\}@redis:6379$/),
      });
    }
  });

  it('sets only variables the server reads', () => {
    const names = Object.keys(servers[0]![1].environment!);
    const unread = names.filter(
      (name) => !configSources.includes(`env.${name}`) && !name.startsWith('REGIE_SWITCHBOARD_SECRET_'),
    );
    expect(unread).toEqual([]);
    const config = JSON.parse(readFileSync(join(EXAMPLES, 'compose/regiekit.json'), 'utf8')) as {
      tenants: { id: string }[];
    };
    expect(names.filter((name) => name.startsWith('REGIE_SWITCHBOARD_SECRET_'))).toEqual(
      config.tenants.map((tenant) => switchboardSecretEnvName(tenant.id)),
    );
  });

  it('keeps every secret out of the file: each comes from the environment of `docker compose`', () => {
    const environment = servers[0]![1].environment!;
    for (const name of [
      'REGIE_MASTER_KEY',
      'REGIE_IRMA_TOKEN',
      'REGIE_SWITCHBOARD_SECRET_NIJMEGEN',
      'REGIE_METRICS_TOKEN',
    ])
      expect(environment[name]).toMatch(/^\$\{\w+(:\?[^}]*)?\}$/);
    expect(redis.command).toContain('--requirepass');
    expect(redis.command![redis.command!.indexOf('--requirepass') + 1]).toMatch(/^\$\{REDIS_PASSWORD(:\?[^}]*)?\}$/);
    for (const secret of Object.values(compose.secrets)) expect(secret.file).toMatch(/^\$\{REGIEKIT_SECRETS/);
  });

  it('mounts a configuration that, with that environment, is a valid production configuration on Redis over TLS', () => {
    const [, first] = servers[0]!;
    const mount = first.volumes!.find((volume) => volume.endsWith(':/config/regiekit.json:ro'))!;
    const file = JSON.parse(readFileSync(join(EXAMPLES, mount.split(':')[0]!), 'utf8')) as unknown;
    const env = Object.fromEntries(
      Object.entries(first.environment!).map(([name, value]) => [name, interpolate(value, SAMPLE_SECRETS)]),
    );
    // The image sets these; see reference-server/Dockerfile.
    const config = resolveConfig(file, { ...env, HOST: '0.0.0.0', PORT: '8080', REGIE_DATA_DIR: '/data' });
    expect(config).toMatchObject({
      mode: 'production',
      host: '0.0.0.0',
      trustProxy: true,
      publicUrl: SAMPLE_SECRETS.REGIE_PUBLIC_URL,
      metricsToken: SAMPLE_SECRETS.REGIE_METRICS_TOKEN,
    });
    expect(config.storage).toMatchObject({
      engine: 'redis',
      url: `rediss://:${SAMPLE_SECRETS.REDIS_PASSWORD}@redis:6379`,
      caFile: '/run/secrets/redis.crt',
    });
    expect(first.secrets).toContain('redis.crt');
  });

  it('checks health the way the image does, and Redis with its password over TLS', () => {
    const dockerfile = readFileSync(join(ROOT, 'reference-server/Dockerfile'), 'utf8');
    const imageCheck = JSON.parse(/^HEALTHCHECK .*CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    for (const [, service] of servers) expect(service.healthcheck!.test).toEqual(['CMD', ...imageCheck]);
    expect(redis.healthcheck!.test.join(' ')).toMatch(/redis-cli --tls --cacert \/run\/secrets\/redis\.crt ping/);
    expect(redis.environment).toEqual({ REDISCLI_AUTH: expect.stringMatching(/^\$\{REDIS_PASSWORD/) });
  });

  it('serves Redis over TLS only, with the append-only file on a volume', () => {
    const option = (name: string) => redis.command![redis.command!.indexOf(name) + 1];
    expect(option('--port')).toBe('0');
    expect(option('--tls-port')).toBe('6379');
    expect(option('--appendonly')).toBe('yes');
    expect(redis.volumes).toContain('redis-data:/data');
    expect(compose.volumes).toHaveProperty('redis-data');
  });
});
