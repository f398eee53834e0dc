import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveConfig, switchboardSecretEnvName } from '../reference-server/src/config/resolve-config.js';
import { freePort } from '../reference-server/src/testing/listen.js';
import {
  buildServerImage,
  composeCommand,
  docker,
  ensureBaseImages,
  IMAGE_BUILD_TIMEOUT_MS,
  ROOT,
  run,
  waitHealthy,
} from './support/docker.js';
import { resolveCode } from './support/instance-steps.js';
import { createStaff, identifiedCall, signInAt, takeCallAs, type ProductionAgent } from './support/production-steps.js';

// examples/compose.yaml, first as a file: two server instances on one Redis, every variable it
// sets is one the server reads, and the mounted configuration with that environment is a valid
// production configuration. Then brought up with Docker Compose, as docs/deployment.md says.
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

describe('examples/compose.yaml, brought up with Docker Compose', () => {
  // Two instances of this checkout's image on Redis over TLS, set up as docs/deployment.md says:
  // a certificate made with its openssl line and the secrets in an env file, in a directory only
  // root reads. One thing differs: the IRMA server. Production has no demo IRMA server, so a fake
  // one (e2e/support/fake-irma-server.mjs) joins the Compose network, and the mounted
  // configuration points there; an override file adds it and runs this checkout's image.
  const project = `regiekit-e2e-${randomBytes(4).toString('hex')}`;
  let compose: string[];
  let composeEnv: Record<string, string>;
  let secretsDir: string;
  let values: Record<string, string>;
  let urls: [string, string];
  let publicUrl: string;

  /** `docker compose -p <project> --env-file … -f examples/compose.yaml -f <override> <args>`. */
  const composeRun = (args: string[], timeoutMs = 120_000) => {
    const [program, ...prefix] = compose;
    return run(
      program!,
      [
        ...prefix,
        '--project-name',
        project,
        '--env-file',
        join(secretsDir, 'compose.env'),
        '--file',
        join(EXAMPLES, 'compose.yaml'),
        '--file',
        join(secretsDir, 'compose.override.json'),
        ...args,
      ],
      { env: composeEnv, inheritEnv: false, timeoutMs },
    );
  };
  const composeOk = async (args: string[], timeoutMs?: number) => {
    const result = await composeRun(args, timeoutMs);
    if (result.status !== 0) throw new Error(`compose ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
    return result.stdout.trim();
  };
  const containerOf = (service: string) => composeOk(['ps', '-q', service]);

  beforeAll(async () => {
    const image = await buildServerImage();
    await ensureBaseImages({ redis: redis.image! });
    compose = await composeCommand();

    secretsDir = mkdtempSync(join(tmpdir(), 'regiekit-compose-'));
    chmodSync(secretsDir, 0o700);
    // docs/deployment.md's certificate: for the name `redis`, its own CA; the key readable in the container.
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
        ...['-subj', '/CN=redis', '-addext', 'subjectAltName=DNS:redis,DNS:localhost,IP:127.0.0.1'],
        ...['-keyout', join(secretsDir, 'redis.key'), '-out', join(secretsDir, 'redis.crt')],
      ],
      { stdio: 'ignore' },
    );
    chmodSync(join(secretsDir, 'redis.key'), 0o644);
    const ports = [await freePort(), await freePort()];
    publicUrl = 'https://regie.nijmegen.example';
    values = {
      REGIEKIT_SECRETS: secretsDir,
      REDIS_PASSWORD: randomBytes(32).toString('hex'),
      REGIE_PUBLIC_URL: publicUrl,
      REGIE_MASTER_KEY: `k1:${randomBytes(32).toString('base64')}`,
      REGIE_IRMA_TOKEN: randomBytes(32).toString('hex'),
      REGIE_SWITCHBOARD_SECRET_NIJMEGEN: randomBytes(32).toString('hex'),
      REGIE_METRICS_TOKEN: randomBytes(32).toString('hex'),
      REGIEKIT_PORT_1: String(ports[0]),
      REGIEKIT_PORT_2: String(ports[1]),
    };
    writeFileSync(
      join(secretsDir, 'compose.env'),
      Object.entries(values)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
      { mode: 0o600 },
    );
    // Only what Compose itself needs from this process: the values come from the env file.
    composeEnv = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => /^(PATH|HOME|DOCKER_\w+)$/.test(entry[0]) && entry[1] !== undefined,
      ),
    );

    const exampleConfig = JSON.parse(readFileSync(join(EXAMPLES, 'compose/regiekit.json'), 'utf8')) as {
      irma: { url: string };
    };
    const irmaPort = 8088;
    writeFileSync(
      join(secretsDir, 'regiekit.json'),
      JSON.stringify({ ...exampleConfig, irma: { ...exampleConfig.irma, url: `http://irma:${irmaPort}` } }),
      { mode: 0o644 },
    );
    const server = { image: image.tag, volumes: [`${join(secretsDir, 'regiekit.json')}:/config/regiekit.json:ro`] };
    writeFileSync(
      join(secretsDir, 'compose.override.json'),
      JSON.stringify({
        services: {
          ...Object.fromEntries(servers.map(([name]) => [name, server])),
          irma: {
            image: image.tag,
            command: ['node', '/fake/irma.mjs'],
            environment: { IRMA_TOKEN: '${REGIE_IRMA_TOKEN}', PORT: String(irmaPort) },
            volumes: [`${join(ROOT, 'e2e/support/fake-irma-server.mjs')}:/fake/irma.mjs:ro`],
            healthcheck: {
              test: [
                'CMD',
                'node',
                '-e',
                `fetch('http://127.0.0.1:${irmaPort}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
              ],
              interval: '2s',
              timeout: '3s',
              retries: 15,
            },
          },
        },
      }),
    );

    const started = Date.now();
    await composeOk(['up', '--detach', '--no-build'], 180_000);
    const ids = await Promise.all([...servers.map(([name]) => containerOf(name)), containerOf('irma')]);
    await Promise.all(ids.map((id) => waitHealthy(id, started, 90_000)));
    console.log(`compose project ${project} up and healthy in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    urls = [`http://127.0.0.1:${ports[0]}`, `http://127.0.0.1:${ports[1]}`];
  }, IMAGE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (compose && secretsDir) {
      const down = await composeRun(['down', '--volumes', '--remove-orphans', '--timeout', '10']);
      if (down.status !== 0) console.error(`compose down failed:\n${down.stderr}`);
    }
    if (secretsDir) rmSync(secretsDir, { recursive: true, force: true });
  });

  it('serves both instances from one Redis, over TLS and with its password', async () => {
    for (const url of urls) {
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
      const metrics = await fetch(`${url}/metrics`, {
        headers: { Authorization: `Bearer ${values.REGIE_METRICS_TOKEN}` },
      });
      expect(metrics.status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(404);
    }
    // Redis answers over TLS to a client with the password (REDISCLI_AUTH), and not in plain text.
    const redisId = await containerOf('redis');
    expect(await docker(['exec', redisId, 'redis-cli', '--tls', '--cacert', '/run/secrets/redis.crt', 'ping'])).toBe(
      'PONG',
    );
    const plain = await run('docker', ['exec', redisId, 'redis-cli', 'ping']);
    expect(plain.stdout + plain.stderr).not.toContain('PONG');
  });

  let anna: ProductionAgent;
  let bram: ProductionAgent;

  it('lets an administrator made with the CLI in one instance sign in at the other and add agents', async () => {
    const password = 'beheer-met-een-lange-zin';
    const created = await composeOk([
      'exec',
      '-T',
      '-e',
      `REGIE_ADMIN_PASSWORD=${password}`,
      'regiekit-1',
      ...['node', 'reference-server/dist/cli/create-admin.js', '--tenant', 'nijmegen', '--username', 'beheerder'],
    ]);
    expect(created).toBe(`admin beheerder created for nijmegen; sign in at ${publicUrl}/admin`);
    const admin = await signInAt(urls[1], publicUrl, 'beheerder', { password });
    expect(admin.role).toBe('admin');
    await createStaff(admin, 'anna');
    await createStaff(admin, 'bram');
    anna = await signInAt(urls[0], publicUrl, 'anna');
    bram = await signInAt(urls[1], publicUrl, 'bram');
    expect([anna.role, bram.role]).toEqual(['agent', 'agent']);
  });

  it('lets exactly one of two agents on the two instances take each called call', async () => {
    const races = 100;
    const callIds: string[] = [];
    for (let i = 0; i < races; i++) {
      // The citizen starts on one instance, the switchboard's request lands on the other.
      const { created, code } = await identifiedCall(urls[i % 2]!);
      const resolved = await resolveCode(
        urls[(i + 1) % 2]!,
        code,
        `compose-race-${i}`,
        'nijmegen',
        values.REGIE_SWITCHBOARD_SECRET_NIJMEGEN,
      );
      expect(resolved.status).toBe(200);
      callIds.push(created.callId);
    }
    let annaWins = 0;
    for (const callId of callIds) {
      const [a, b] = await Promise.all([takeCallAs(anna, callId), takeCallAs(bram, callId)]);
      expect([a.status, b.status].sort()).toEqual([204, 409]);
      if (a.status === 204) annaWins += 1;
    }
    // Each instance wins some races: the lock is in Redis, not in either process.
    expect(annaWins).toBeGreaterThan(0);
    expect(annaWins).toBeLessThan(races);
  });
});
