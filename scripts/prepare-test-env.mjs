#!/usr/bin/env node
// Makes sure this machine has what the test suite needs, installing it where
// it can: Debian's Chromium for the browser tests, Debian's redis-server for
// the Redis engine's tests (the test run starts it on a free port when no
// Redis answers), Debian's postgresql for the PostgreSQL engine's tests (the
// test run starts the cluster, or one of its own, when none answers), a Docker engine with Compose for the tests of the image and
// of examples/compose.yaml (Debian's docker.io and docker-compose, and
// debootstrap for the stand-in base images of scripts/docker-stand-in-bases.sh;
// dockerd is started when it does not run), and a built better-sqlite3.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOCKERD_LOG = '/var/log/regiekit-dockerd.log';
const DOCKERD_WAIT_MS = 60_000;
const isRoot = process.getuid?.() === 0;

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Whether `command args` runs and exits 0, quietly. */
const succeeds = (command, args) => spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;

// debootstrap and dockerd live in sbin, which a user's PATH may lack.
const searchPath = [...process.env.PATH.split(':'), '/usr/sbin', '/sbin'];
const onPath = (binary) => searchPath.some((dir) => existsSync(`${dir}/${binary}`));
const engineAnswers = () => succeeds('docker', ['info']);
const composeRuns = () => succeeds('docker', ['compose', 'version']) || succeeds('docker-compose', ['version']);

/** Debian keeps each PostgreSQL major version's server under /usr/lib/postgresql/<version>/bin. */
const postgresInstalled = () =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/postgres`));

const engineAnswered = engineAnswers();
const missing = [
  !existsSync(chromium) && { name: `Chromium (${chromium})`, debianPackage: 'chromium' },
  !onPath('redis-server') && { name: 'redis-server', debianPackage: 'redis-server' },
  !postgresInstalled() && { name: 'PostgreSQL', debianPackage: 'postgresql' },
  !engineAnswered && !onPath('dockerd') && { name: 'the Docker engine (dockerd)', debianPackage: 'docker.io' },
  !composeRuns() && { name: 'Docker Compose', debianPackage: 'docker-compose' },
  // Needed only to make stand-in base images, which needs root anyway.
  isRoot && !onPath('debootstrap') && { name: 'debootstrap', debianPackage: 'debootstrap' },
].filter(Boolean);

if (missing.length > 0) {
  const packages = missing.map((item) => item.debianPackage);
  if (!isRoot) {
    console.error(
      `${missing.map((item) => item.name).join(', ')} missing. Install Debian's packages: sudo apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...packages]);
}

if (!engineAnswered && !engineAnswers()) {
  if (!isRoot) {
    console.error('No Docker engine answers (docker info). Start dockerd (as root), or run npm test as root.');
    process.exit(1);
  }
  // In the background and in a session of its own (setsid), so it outlives this script and the test run.
  console.log(`> dockerd (in the background, log in ${DOCKERD_LOG})`);
  const log = openSync(DOCKERD_LOG, 'a');
  spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] }).unref();
  const deadline = Date.now() + DOCKERD_WAIT_MS;
  while (!engineAnswers()) {
    if (Date.now() > deadline) {
      const tail = readFileSync(DOCKERD_LOG, 'utf8').trim().split('\n').slice(-15).join('\n');
      console.error(`dockerd did not answer within ${DOCKERD_WAIT_MS / 1000} s; the end of ${DOCKERD_LOG}:\n${tail}`);
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  console.error(`better-sqlite3 is not built (${error.message}). Run: npm rebuild better-sqlite3`);
  process.exit(1);
}
console.log('test environment ready: chromium, redis-server, a Docker engine with Compose, and better-sqlite3 present');
