import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

// The Docker engine for the tests of the image (e2e/docker-image.test.ts) and of
// examples/compose.yaml (e2e/compose.test.ts). No engine is a failure with a clear message,
// never a skipped suite: `npm test` installs and starts one (scripts/prepare-test-env.mjs).

export const ROOT = join(import.meta.dirname, '../..');
const STAND_IN_BASES = join(ROOT, 'scripts/docker-stand-in-bases.sh');
/** The label scripts/docker-stand-in-bases.sh puts on the images it makes from Debian. */
export const STAND_IN_LABEL = 'org.regiekit.stand-in';
/** Long enough for a cold start: Debian's base system, the stand-in images, then the image itself. */
export const IMAGE_BUILD_TIMEOUT_MS = 20 * 60_000;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Added to this process's environment, or with `inheritEnv: false` the whole environment. */
  env?: Record<string, string>;
  inheritEnv?: boolean;
  input?: string;
  timeoutMs?: number;
}

/** Runs a program to its end and collects its output; `status` is null when it was killed. */
export function run(
  program: string,
  args: string[],
  { env, inheritEnv = true, input, timeoutMs = 60_000 }: RunOptions = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: ROOT, env: inheritEnv ? { ...process.env, ...env } : env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** Runs `docker <args>`; resolves with its standard output, trimmed, or throws with what it said. */
export async function docker(args: string[], options: RunOptions = {}): Promise<string> {
  const result = await run('docker', args, options);
  if (result.status !== 0)
    throw new Error(`docker ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}

/** Throws, with what to do, when no Docker engine answers. */
export async function requireDocker(): Promise<void> {
  const info = await run('docker', ['info', '--format', '{{.ServerVersion}}']).catch((error: Error) => ({
    status: -1,
    stdout: '',
    stderr: error.message,
  }));
  if (info.status !== 0 || info.stdout.trim() === '')
    throw new Error(
      `No Docker engine answers, so the image cannot be tested (docker info: ${info.stderr.trim() || 'no server'}). ` +
        "`npm test` installs Debian's docker.io, debootstrap and docker-compose and starts dockerd when run as root " +
        '(scripts/prepare-test-env.mjs); otherwise install them and start dockerd yourself.',
    );
}

/** The Compose command: Docker's compose plugin when it is there, else Debian's docker-compose. */
export async function composeCommand(): Promise<[string, ...string[]]> {
  const plugin = await run('docker', ['compose', 'version']).catch(() => undefined);
  if (plugin?.status === 0) return ['docker', 'compose'];
  const standalone = await run('docker-compose', ['version']).catch(() => undefined);
  if (standalone?.status === 0) return ['docker-compose'];
  throw new Error(
    "Neither `docker compose` nor `docker-compose` runs: install Debian's docker-compose (npm test does, as root).",
  );
}

/**
 * Makes sure the images `tags` are in the engine, as official ones pulled from a registry or as
 * local stand-ins made from Debian (scripts/docker-stand-in-bases.sh): the Dockerfile's bases,
 * and with `redis` the Redis image examples/compose.yaml runs.
 */
export async function ensureBaseImages({ redis }: { redis?: string } = {}): Promise<void> {
  const result = await run('bash', [STAND_IN_BASES, ...(redis ? ['--redis', redis] : [])], {
    timeoutMs: IMAGE_BUILD_TIMEOUT_MS,
  });
  if (result.status !== 0)
    throw new Error(`scripts/docker-stand-in-bases.sh failed (${result.status}):\n${result.stderr}${result.stdout}`);
}

export async function isStandIn(image: string): Promise<boolean> {
  const label = await docker(['image', 'inspect', '--format', `{{index .Config.Labels "${STAND_IN_LABEL}"}}`, image]);
  return label !== '' && label !== '<no value>';
}

export interface BuiltImage {
  tag: string;
  /** Whether it was built on stand-ins of the official node images. */
  standIns: boolean;
  seconds: number;
}

/**
 * Builds the reference server's image from this checkout, as docs/deployment.md says:
 * `docker build -f reference-server/Dockerfile -t <tag> .` from the repository root; on stand-in
 * bases with the classic builder. Each test file that needs it calls this; the engine's build
 * cache makes every call after the first take a second. The tag is this checkout's own, so two
 * checkouts on one machine do not test each other's image.
 */
export async function buildServerImage(): Promise<BuiltImage> {
  await requireDocker();
  await ensureBaseImages();
  const standIns = (await isStandIn('node:20-bookworm')) || (await isStandIn('node:20-bookworm-slim'));
  const tag = `regiekit-server:e2e-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`;
  const started = Date.now();
  const build = await run('docker', ['build', '-f', 'reference-server/Dockerfile', '-t', tag, '.'], {
    env: standIns ? { DOCKER_BUILDKIT: '0' } : {},
    timeoutMs: IMAGE_BUILD_TIMEOUT_MS,
  });
  if (build.status !== 0)
    throw new Error(`docker build failed (${build.status}):\n${build.stdout.slice(-4000)}\n${build.stderr}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`built ${tag} in ${seconds} s${standIns ? ' on stand-in bases (classic builder)' : ''}`);
  return { tag, standIns, seconds };
}

/** Waits until the container's health check says `healthy`; resolves with the seconds it took from `since`. */
export async function waitHealthy(container: string, since: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = JSON.parse(await docker(['inspect', '--format', '{{json .State}}', container])) as {
      Status: string;
      Health?: { Status: string; Log?: { Output: string }[] };
    };
    if (state.Health?.Status === 'healthy') return (Date.now() - since) / 1000;
    if (state.Status !== 'running' || Date.now() > deadline) {
      const logs = await run('docker', ['logs', '--tail', '20', container]);
      throw new Error(
        `${container} is ${state.Status}, health ${state.Health?.Status ?? 'none'} ` +
          `(last check: ${state.Health?.Log?.at(-1)?.Output.trim() ?? 'none'}):\n${logs.stdout}${logs.stderr}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The loopback address Docker published a container port on, as a base URL. */
export async function publishedUrl(container: string, port = '8080/tcp'): Promise<string> {
  const address = (await docker(['port', container, port])).split('\n')[0]!;
  return `http://${address}`;
}
