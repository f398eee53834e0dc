import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveConfig } from '../reference-server/src/config/resolve-config.js';
import { ROOT } from './support/docker.js';

// examples/compose-postgres.yaml as a file: two server instances on one PostgreSQL and no Redis, every
// variable it sets is one the server reads, and with that environment the mounted configuration is a
// valid production configuration with TLS to the database that checks the certificate and the name.
interface Service {
  build?: { dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  secrets?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(ROOT, 'examples/compose-postgres.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};
const servers = Object.entries(compose.services).filter(
  ([, service]) => service.build?.dockerfile === 'reference-server/Dockerfile',
);
const configSources = ['resolve-config.ts', 'load-config.ts']
  .map((file) => readFileSync(join(ROOT, 'reference-server/src/config', file), 'utf8'))
  .join('\n');
const SAMPLE: Record<string, string> = {
  REGIE_PUBLIC_URL: 'https://regie.nijmegen.example',
  POSTGRES_PASSWORD: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
  REGIE_MASTER_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  REGIE_IRMA_TOKEN: 'irma-token-0123456789abcdef0123456789',
  REGIE_SWITCHBOARD_SECRET_NIJMEGEN: 'switchboard-secret-0123456789abcdef01',
  REGIE_METRICS_TOKEN: 'metrics-token-0123456789abcdef01234567',
};
const interpolate = (text: string) =>
  text.replace(/\$\{(\w+)(:\?[^}]*)?\}/g, (_, name: string) => SAMPLE[name] ?? `<${name} unset>`);

describe('examples/compose-postgres.yaml', () => {
  it('runs two instances on one PostgreSQL, with no Redis', () => {
    expect(servers.map(([name]) => name)).toEqual(['regiekit-1', 'regiekit-2']);
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'regiekit-1', 'regiekit-2']);
    for (const [, service] of servers)
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(compose.services.postgres!.command).toEqual(expect.arrayContaining(['ssl=on']));
  });

  it('sets only variables the server reads, and takes every secret from the environment of `docker compose`', () => {
    const environment = servers[0]![1].environment!;
    const unread = Object.keys(environment).filter(
      (name) => !configSources.includes(`env.${name}`) && !name.startsWith('REGIE_SWITCHBOARD_SECRET_'),
    );
    expect(unread).toEqual([]);
    for (const name of ['REGIE_MASTER_KEY', 'REGIE_IRMA_TOKEN', 'REGIE_METRICS_TOKEN'])
      expect(environment[name]).toMatch(/^\$\{\w+(:\?[^}]*)?\}$/);
    expect(compose.services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD/);
    for (const secret of Object.values(compose.secrets)) expect(secret.file).toMatch(/^\$\{REGIEKIT_SECRETS/);
  });

  it('is a valid production configuration on PostgreSQL with sslmode=verify-full', () => {
    const [, first] = servers[0]!;
    const mount = first.volumes!.find((volume) => volume.endsWith(':/config/regiekit.json:ro'))!;
    const file = JSON.parse(readFileSync(join(ROOT, 'examples', mount.split(':')[0]!), 'utf8')) as unknown;
    const env = Object.fromEntries(
      Object.entries(first.environment!).map(([name, value]) => [name, interpolate(value)]),
    );
    const config = resolveConfig(file, { ...env, HOST: '0.0.0.0', PORT: '8080', REGIE_DATA_DIR: '/data' });
    expect(config.storage).toEqual({
      engine: 'postgres',
      url: `postgres://regie:${SAMPLE.POSTGRES_PASSWORD}@postgres:5432/regie?sslmode=verify-full`,
      caFile: '/run/secrets/postgres.crt',
      schemaPrefix: 'regie',
      poolSize: 10,
    });
    expect(first.secrets).toEqual(['postgres.crt']);
  });
});
