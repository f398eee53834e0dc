import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleStream } from './support/instance-steps.js';
import { signInAt } from './support/production-steps.js';
import {
  buildServerImage,
  docker,
  IMAGE_BUILD_TIMEOUT_MS,
  publishedUrl,
  ROOT,
  run,
  waitHealthy,
  type BuiltImage,
} from './support/docker.js';

// The image itself: built from this checkout with reference-server/Dockerfile, run in production
// with a configuration file, secrets in the environment and data in a volume, as
// docs/deployment.md tells an operator to run it.
const PUBLIC_URL = 'https://regie.nijmegen.example';
const ADMIN_PASSWORD = 'beheer-met-een-lange-zin';

interface ImageConfig {
  User: string;
  WorkingDir: string;
  Env: string[];
  Cmd: string[];
  ExposedPorts: Record<string, object>;
  Volumes: Record<string, object>;
  Healthcheck: { Test: string[]; Interval: number; StartPeriod: number };
}

let image: BuiltImage;
let config: ImageConfig;
let workDir: string;
/** The operator's environment; passed to `docker run` as `-e NAME`, so no secret is on its command line. */
let secrets: Record<string, string>;
const containers: string[] = [];
/** The server all but the refusals talk to, started by the first test that needs it. */
let server: { name: string; url: string; startedAt: number; healthyAfter: number } | undefined;

beforeAll(async () => {
  image = await buildServerImage();
  config = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .Config}}', image.tag])) as ImageConfig;
  workDir = mkdtempSync(join(tmpdir(), 'regiekit-image-'));
  // Mounted read-only for the server's user, like /etc/regiekit/regiekit.json on a host.
  writeFileSync(
    join(workDir, 'regiekit.json'),
    JSON.stringify({
      irma: { type: 'server', url: 'https://irma.nijmegen.invalid', auth: { type: 'token' } },
      tenants: [{ id: 'nijmegen', displayName: 'Gemeente Nijmegen', phoneNumber: '+31243299999' }],
    }),
    { mode: 0o644 },
  );
  secrets = {
    REGIE_PUBLIC_URL: PUBLIC_URL,
    REGIE_TRUST_PROXY: 'true',
    REGIE_MASTER_KEY: `k1:${randomBytes(32).toString('base64')}`,
    REGIE_IRMA_TOKEN: randomBytes(24).toString('base64url'),
    REGIE_SWITCHBOARD_SECRET_NIJMEGEN: randomBytes(24).toString('base64url'),
  };
}, IMAGE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  for (const name of containers) await run('docker', ['rm', '--force', '--volumes', name]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** `docker run` of the image with the configuration mounted and `env` passed by name; extra `args` before the image. */
function runArgs(env: Record<string, string>, args: string[] = []): string[] {
  return [
    '--volume',
    `${join(workDir, 'regiekit.json')}:/config/regiekit.json:ro`,
    ...Object.keys(env).flatMap((name) => ['--env', name]),
    ...args,
    image.tag,
  ];
}

/** Starts a detached container publishing port 8080 on a free loopback port. */
async function startContainer(env: Record<string, string>, args: string[] = []) {
  const name = `regiekit-e2e-${randomBytes(4).toString('hex')}`;
  containers.push(name);
  const startedAt = Date.now();
  await docker(['run', '--detach', '--name', name, '--publish', '127.0.0.1::8080', ...runArgs(env, args)], { env });
  return { name, url: await publishedUrl(name), startedAt };
}

async function runningServer() {
  if (!server) {
    const started = await startContainer(secrets);
    const healthyAfter = await waitHealthy(started.name, started.startedAt, 60_000);
    server = { ...started, healthyAfter };
  }
  return server;
}

/** `docker exec` in the running server, as the server's user. */
const exec = async (...args: string[]) => docker(['exec', (await runningServer()).name, ...args]);

/** Every file and symlink under `directory`, relative to it; symlinks are listed, not followed. */
function filesUnder(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const relative = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(join(directory, entry.name), relative) : [relative];
  });
}

describe('the Docker image', () => {
  it('runs the server in production from /app as node, with data in a volume and a health check', () => {
    expect(config.User).toBe('node');
    expect(config.WorkingDir).toBe('/app');
    expect(config.Env).toEqual(
      expect.arrayContaining([
        'NODE_ENV=production',
        'HOST=0.0.0.0',
        'PORT=8080',
        'REGIE_CONFIG=/config/regiekit.json',
        'REGIE_DATA_DIR=/data',
      ]),
    );
    expect(Object.keys(config.ExposedPorts)).toEqual(['8080/tcp']);
    expect(Object.keys(config.Volumes)).toEqual(['/data']);
    expect(config.Cmd).toEqual(['node', 'reference-server/dist/main.js']);
    expect(config.Healthcheck.Test).toEqual(['CMD', 'node', 'reference-server/docker/healthcheck.mjs']);
  });

  it('turns healthy within the start period of its HEALTHCHECK, and serves', async () => {
    const { url, healthyAfter } = await runningServer();
    console.log(`healthy ${healthyAfter.toFixed(1)} s after docker run`);
    // Docker runs the first check one interval after the start: that must fall inside the start period.
    expect(config.Healthcheck.Interval).toBeLessThan(config.Healthcheck.StartPeriod);
    expect(healthyAfter).toBeLessThanOrEqual(config.Healthcheck.StartPeriod / 1e9);

    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
    const manifest = JSON.parse(await exec('cat', 'widgets/dist/cdn/manifest.json')) as Record<
      string,
      { integrity: string }
    >;
    const bundle = await fetch(`${url}/cdn/regiekit.js`);
    expect(bundle.status).toBe(200);
    const digest = createHash('sha384')
      .update(Buffer.from(await bundle.arrayBuffer()))
      .digest('base64');
    expect(`sha384-${digest}`).toBe(manifest['regiekit.js']!.integrity);
    // Production mode: no demo pages in the image.
    expect((await fetch(`${url}/demo/switchboard`)).status).toBe(404);
    expect((await exec('ls', '/data/tenants')).split('\n')).toContain('nijmegen.sqlite');
  });

  it('runs Node.js as PID 1 under uid 1000, which can write /data (mode 0700) and nothing in /app', async () => {
    expect(await exec('id', '-u')).toBe('1000');
    const pid1 = await exec('cat', '/proc/1/status');
    expect(pid1).toMatch(/^Uid:\s+1000\s+1000\s+1000\s+1000$/m);
    expect((await exec('cat', '/proc/1/cmdline')).split('\0').filter(Boolean)).toEqual(config.Cmd);
    expect(await exec('stat', '--format', '%a %u:%g', '/data')).toBe('700 1000:1000');
    expect(await exec('find', '/app', '/config', '-writable')).toBe('');
    const write = await run('docker', ['exec', server!.name, 'node', '-e', "require('fs').writeFileSync('probe', '')"]);
    expect(write.status).not.toBe(0);
    expect(write.stderr).toMatch(/EACCES: permission denied, open 'probe'/);
  });

  const refusals: [string, Record<string, string | undefined>, RegExp][] = [
    ['without a master key', { REGIE_MASTER_KEY: undefined }, /^config error: masterKey: set REGIE_MASTER_KEY\b/],
    [
      'with plain HTTP on 0.0.0.0 and neither a TLS proxy nor a certificate',
      { REGIE_TRUST_PROXY: undefined },
      /^config error: tls: plain HTTP on 0\.0\.0\.0 in production/,
    ],
  ];
  it.each(refusals)('refuses to start %s: one line, exit code 1', async (_, change, message) => {
    const env = Object.fromEntries(
      Object.entries({ ...secrets, ...change }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const refused = await run('docker', ['run', '--rm', ...runArgs(env)], { env });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr.trim()).toMatch(message);
  });

  it('creates the first administrator with the command docs/deployment.md gives, through docker exec', async () => {
    const docs = readFileSync(join(ROOT, 'docs/deployment.md'), 'utf8');
    const documented = /`docker exec -it regiekit (node reference-server\/dist\/cli\/create-admin\.js [^`]+)`/.exec(
      docs,
    );
    expect(documented, 'the create-admin command in docs/deployment.md').not.toBeNull();
    const command = documented![1]!.split(' ');
    expect(command).toEqual(expect.arrayContaining(['--tenant', 'nijmegen', '--username', 'beheerder']));
    // As typed at a terminal (-it), the password answers the prompt; here it comes on standard input.
    const { name, url } = await runningServer();
    const created = await run('docker', ['exec', '--interactive', name, ...command], { input: `${ADMIN_PASSWORD}\n` });
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe(
      `admin beheerder created for nijmegen (data in /data); sign in at ${PUBLIC_URL}/admin`,
    );
    expect(created.status).toBe(0);
    // It wrote to the store the running server reads.
    const admin = await signInAt(url, PUBLIC_URL, 'beheerder', { password: ADMIN_PASSWORD });
    expect(admin.role).toBe('admin');
  });

  it('holds no dev dependency, no sources and no tests', async () => {
    const extracted = join(workDir, 'image');
    const created = await docker(['create', image.tag]);
    try {
      execFileSync('mkdir', ['-p', extracted]);
      execFileSync('sh', ['-c', `docker cp ${created}:/app - | tar -x -C ${extracted}`]);
      const rootEntries = await docker(['run', '--rm', image.tag, 'ls', '/']);
      expect(rootEntries.split('\n'), 'the build stage stays behind').not.toContain('src');
    } finally {
      await docker(['rm', '--volumes', created]);
    }
    const appDir = join(extracted, 'app');

    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.entries(lock.packages).filter(
      ([path, entry]) => entry.dev && path.startsWith('node_modules/'),
    );
    expect(devOnly.map(([path]) => path)).toEqual(
      expect.arrayContaining(['node_modules/vitest', 'node_modules/typescript', 'node_modules/playwright-core']),
    );
    expect(devOnly.map(([path]) => path).filter((path) => existsSync(join(appDir, path)))).toEqual([]);

    const files = filesUnder(appDir);
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => file.includes('.test.') || file.includes('.contract.'))).toEqual([]);
    const ours = files.filter((file) => !file.startsWith('node_modules/'));
    // Test code is what imports a test library: none of our own modules in the image may.
    const testLibrary = /\bfrom\s*['"](vitest|playwright-core|axe-core|jsdom)['"]/;
    expect(
      ours.filter((file) => /\.m?js$/.test(file) && testLibrary.test(readFileSync(join(appDir, file), 'utf8'))),
    ).toEqual([]);
    expect(ours.filter((file) => /\.(ts|map)$/.test(file) && !file.startsWith('widgets/dist/cdn/'))).toEqual([]);
    for (const absent of [
      'reference-server/src',
      'sdk/src',
      'widgets/src',
      'reference-server/dist/testing',
      'e2e',
      'examples',
      'scripts',
    ])
      expect(existsSync(join(appDir, absent)), absent).toBe(false);
    expect(ours.filter((file) => file.startsWith('widgets/') && !file.startsWith('widgets/dist/cdn/'))).toEqual([
      'widgets/package.json',
    ]);
  });

  it('links the SDK workspace inside the image and loads the native modules built for it', async () => {
    const probe = await docker([
      'run',
      '--rm',
      image.tag,
      'node',
      '-e',
      "const fs = require('fs'); const D = require('better-sqlite3'); const db = new D(':memory:'); require('@node-rs/argon2'); console.log(fs.realpathSync('node_modules/@regiekit/sdk'), require.resolve('better-sqlite3'), db.prepare('select sqlite_version() as v').get().v)",
    ]);
    expect(probe).toMatch(/^\/app\/sdk \/app\/node_modules\/better-sqlite3\/\S+ 3\.\d+\.\d+$/);
  });

  it('has its HEALTHCHECK ask over HTTPS when the server has a certificate', async () => {
    const [certFile, keyFile] = [join(workDir, 'cert.pem'), join(workDir, 'key.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=regie.nijmegen.example',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    // Readable by the server's user, as a mounted secret would be.
    execFileSync('chmod', ['644', keyFile]);
    const { REGIE_TRUST_PROXY: _trusted, ...direct } = secrets;
    const env = { ...direct, REGIE_TLS_CERT_FILE: '/run/secrets/cert.pem', REGIE_TLS_KEY_FILE: '/run/secrets/key.pem' };
    const { name, url } = await startContainer(env, [
      '--volume',
      `${certFile}:/run/secrets/cert.pem:ro`,
      '--volume',
      `${keyFile}:/run/secrets/key.pem:ro`,
    ]);
    const [, ...check] = config.Healthcheck.Test;
    const deadline = Date.now() + 30_000;
    let result = await run('docker', ['exec', name, ...check]);
    while (result.status !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      result = await run('docker', ['exec', name, ...check]);
    }
    expect(result.status, result.stderr).toBe(0);
    // It speaks only TLS: a plain HTTP request gets no answer.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await docker(['rm', '--force', '--volumes', name]);
  });

  it('ends a live console stream on SIGTERM (docker stop) and exits with 0', async () => {
    const { name, url } = await runningServer();
    const admin = await signInAt(url, PUBLIC_URL, 'beheerder', { password: ADMIN_PASSWORD });
    const stream = await consoleStream(admin, { server: url });
    expect((await stream.next())?.type).toBe('snapshot');
    const stopped = docker(['stop', '--time', '20', name]);
    // The server ends the stream itself, so the console reconnects (to another instance, if there is one).
    expect(await stream.next(15_000)).toBeUndefined();
    await stopped;
    const state = JSON.parse(await docker(['inspect', '--format', '{{json .State}}', name])) as {
      ExitCode: number;
      OOMKilled: boolean;
    };
    expect(state).toMatchObject({ ExitCode: 0, OOMKilled: false });
  });
});
