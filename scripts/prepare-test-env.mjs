#!/usr/bin/env node
// Makes sure this machine has what the test suite needs, installing it where
// it can: Debian's Chromium for the browser tests, Debian's redis-server for
// the Redis engine's tests (the test run starts it on a free port when no
// Redis answers), and a built better-sqlite3.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const onPath = (binary) => process.env.PATH.split(':').some((dir) => existsSync(`${dir}/${binary}`));
const missing = [
  !existsSync(chromium) && { name: `Chromium (${chromium})`, debianPackage: 'chromium' },
  !onPath('redis-server') && { name: 'redis-server', debianPackage: 'redis-server' },
].filter(Boolean);

if (missing.length > 0) {
  const packages = missing.map((item) => item.debianPackage);
  if (process.getuid?.() !== 0) {
    console.error(
      `${missing.map((item) => item.name).join(' and ')} missing. Install Debian's packages: sudo apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...packages]);
}

try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  console.error(`better-sqlite3 is not built (${error.message}). Run: npm rebuild better-sqlite3`);
  process.exit(1);
}
console.log('test environment ready: chromium, redis-server and better-sqlite3 present');
