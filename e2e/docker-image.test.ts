import { createHash, randomBytes } from 'node:crypto';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../reference-server/src/testing/listen.js';

// There is no Docker engine here, so this runs what the image runs, as the Dockerfile says it:
// its assembly step into a temporary directory (standing in for /app), then its CMD and its
// HEALTHCHECK from that directory with the image's environment. Needs `npm run build` first.
const ROOT = join(import.meta.dirname, '..');
const ASSEMBLY_TIMEOUT_MS = 240_000;

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's stages, each a list of instructions with continuation lines joined. */
function dockerfileStages(): Instruction[][] {
  const text = readFileSync(join(ROOT, 'reference-server/Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [, keyword, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (keyword === 'FROM') stages.push([]);
    stages.at(-1)!.push({ keyword: keyword!, args: args! });
  }
  return stages;
}

const stages = dockerfileStages();
const [buildStage, runtimeStage] = [stages[0]!, stages.at(-1)!];
const runtime = (keyword: string) => runtimeStage.filter((i) => i.keyword === keyword).map((i) => i.args);

const assembleStep = buildStage
  .find((i) => i.keyword === 'RUN' && i.args.includes('assemble-runtime'))!
  .args.split(/\s+/);
const imageDir = assembleStep.at(-1)!;
const imageEnv = Object.fromEntries(
  runtime('ENV').flatMap((args) => args.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
);
const cmd = JSON.parse(runtime('CMD')[0]!) as string[];
const healthcheck = JSON.parse(/CMD (\[.*\])$/.exec(runtime('HEALTHCHECK')[0]!)![1]!) as string[];

let appDir: string;
let dataDir: string;
let serverEnv: Record<string, string>;
let server: ChildProcess | undefined;

/** `node` in the image is the Node.js running these tests. */
const executable = (program: string) => (program === 'node' ? process.execPath : program);

/** Runs an exec-form command as the image would, from its WORKDIR (here: appDir). */
function execForm([program, ...args]: string[], env: Record<string, string>) {
  return spawnSync(executable(program!), args, { cwd: appDir, env, encoding: 'utf8', timeout: 10_000 });
}

/** Starts the image's CMD with `env` and waits until its HEALTHCHECK passes. */
async function startServer(env: Record<string, string>): Promise<void> {
  const [program, ...args] = cmd;
  const child = spawn(executable(program!), args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 15_000;
  while (execForm(healthcheck, env).status !== 0) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Stops the server as `docker stop` does; resolves with its exit code. */
function stopServer(): Promise<number | null> {
  const child = server!;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  server = undefined;
  return exited;
}

/** Every file and symlink under `directory`, relative to it; symlinks are listed, not followed. */
function filesUnder(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const relative = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(join(directory, entry.name), relative) : [relative];
  });
}

beforeAll(() => {
  appDir = mkdtempSync(join(tmpdir(), 'regiekit-image-'));
  dataDir = mkdtempSync(join(tmpdir(), 'regiekit-image-data-'));
  const started = Date.now();
  const [program, script] = assembleStep;
  const assembly = spawnSync(executable(program!), [script!, appDir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: ASSEMBLY_TIMEOUT_MS,
  });
  if (assembly.status !== 0)
    throw new Error(`assembly failed (${assembly.status}):\n${assembly.stdout}\n${assembly.stderr}`);
  console.log(
    `${assembly.stdout.trim().split('\n').at(-1)} (wall clock ${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );

  const configFile = join(dataDir, 'regiekit.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      irma: { type: 'server', url: 'https://irma.teststad.invalid', auth: { type: 'token' } },
      tenants: [{ id: 'teststad', displayName: 'Gemeente Teststad', phoneNumber: '+31201234567' }],
    }),
  );
  serverEnv = {
    PATH: process.env.PATH!,
    ...imageEnv,
    // What an operator passes with `docker run -e …` and the volumes; a loopback address instead of 0.0.0.0 here.
    HOST: '127.0.0.1',
    REGIE_CONFIG: configFile,
    REGIE_DATA_DIR: join(dataDir, 'data'),
    REGIE_MASTER_KEY: `k1:${randomBytes(32).toString('base64')}`,
    REGIE_IRMA_TOKEN: randomBytes(24).toString('base64url'),
    REGIE_SWITCHBOARD_SECRET_TESTSTAD: randomBytes(24).toString('base64url'),
    REGIE_PUBLIC_URL: 'https://regie.teststad.example',
    REGIE_TRUST_PROXY: 'true',
    REGIE_LOG_LEVEL: 'warn',
  };
}, ASSEMBLY_TIMEOUT_MS);

afterAll(() => {
  server?.kill('SIGKILL');
  for (const dir of [appDir, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Docker image, assembled as its Dockerfile does', () => {
  it('runs the server in production from the assembled directory, with data in a volume', () => {
    expect(runtime('WORKDIR')).toEqual([imageDir]);
    expect(runtime('COPY')).toContain(`--from=build ${imageDir} ${imageDir}`);
    expect(runtime('USER')).toEqual(['node']);
    expect(runtime('EXPOSE')).toEqual([imageEnv.PORT]);
    expect(imageEnv).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', REGIE_DATA_DIR: '/data' });
    expect(runtime('VOLUME')).toEqual([JSON.stringify([imageEnv.REGIE_DATA_DIR])]);
    expect(cmd).not.toContain('--demo');
  });

  it('holds no dev dependency, no sources and no tests', () => {
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
    expect(files.filter((file) => file.includes('.test.') || file.includes('.contract.'))).toEqual([]);
    const ours = files.filter((file) => !file.startsWith('node_modules/'));
    // Test code is what imports a test library: none of our own modules in the image may.
    const testLibrary = /\bfrom\s*['"](vitest|playwright-core|axe-core|jsdom)['"]/;
    expect(
      ours.filter((file) => file.endsWith('.js') && testLibrary.test(readFileSync(join(appDir, file), 'utf8'))),
    ).toEqual([]);
    expect(ours.filter((file) => /\.(ts|map)$/.test(file) && !file.startsWith('widgets/dist/cdn/'))).toEqual([]);
    for (const absent of [
      'reference-server/src',
      'sdk/src',
      'widgets/src',
      'reference-server/dist/testing',
      'e2e',
      'examples',
    ])
      expect(existsSync(join(appDir, absent)), absent).toBe(false);
    expect(ours.filter((file) => file.startsWith('widgets/') && !file.startsWith('widgets/dist/cdn/'))).toEqual([
      'widgets/package.json',
    ]);
  });

  it('links the SDK workspace inside the image and loads the native modules from there', () => {
    expect(realpathSync(join(appDir, 'node_modules/@regiekit/sdk'))).toBe(realpathSync(join(appDir, 'sdk')));
    expect(lstatSync(join(appDir, 'node_modules/@regiekit/sdk')).isSymbolicLink()).toBe(true);
    const probe = execFileSync(
      process.execPath,
      [
        '-e',
        "const D = require('better-sqlite3'); const db = new D(':memory:'); console.log(require.resolve('better-sqlite3'), db.prepare('select sqlite_version() as v').get().v); require('@node-rs/argon2')",
      ],
      { cwd: appDir, encoding: 'utf8' },
    );
    expect(probe).toMatch(new RegExp(`^${realpathSync(appDir)}/node_modules/better-sqlite3/.* 3\\.\\d+\\.\\d+`));
  });

  it("refuses plain HTTP on the image's 0.0.0.0 in production without a TLS proxy or certificate", () => {
    const { REGIE_TRUST_PROXY: _trusted, ...untrusted } = serverEnv;
    const refused = execForm(cmd, { ...untrusted, HOST: imageEnv.HOST!, PORT: '0' });
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^config error: tls: plain HTTP on 0\.0\.0\.0 in production/);
  });

  it('starts with its CMD, and its HEALTHCHECK tells a live server from a stopped one', async () => {
    const env: Record<string, string> = { ...serverEnv, PORT: String(await freePort()) };
    expect(execForm(healthcheck, env).status, 'nothing listens yet').toBe(1);
    await startServer(env);

    const base = `http://127.0.0.1:${env.PORT}`;
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    const manifest = JSON.parse(readFileSync(join(appDir, 'widgets/dist/cdn/manifest.json'), 'utf8')) as Record<
      string,
      { integrity: string }
    >;
    const bundle = await fetch(`${base}/cdn/regiekit.js`);
    expect(bundle.status).toBe(200);
    expect(
      `sha384-${createHash('sha384')
        .update(Buffer.from(await bundle.arrayBuffer()))
        .digest('base64')}`,
    ).toBe(manifest['regiekit.js']!.integrity);
    expect(readdirSync(join(env.REGIE_DATA_DIR!, 'tenants'))).toContain('teststad.sqlite');
    // Production mode: no demo pages in the image.
    expect((await fetch(`${base}/demo/switchboard`)).status).toBe(404);

    expect(await stopServer()).toBe(0);
    expect(execForm(healthcheck, env).status, 'stopped').toBe(1);
  });

  it('has its HEALTHCHECK ask over HTTPS when the server has a certificate', async () => {
    const [certFile, keyFile] = [join(dataDir, 'cert.pem'), join(dataDir, 'key.pem')];
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
        '/CN=regie.teststad.example',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    const { REGIE_TRUST_PROXY: _trusted, ...direct } = serverEnv;
    const env = {
      ...direct,
      PORT: String(await freePort()),
      REGIE_TLS_CERT_FILE: certFile,
      REGIE_TLS_KEY_FILE: keyFile,
    };
    await startServer(env);
    expect(await stopServer()).toBe(0);
  });
});
