#!/usr/bin/env node
// Makes sure this machine has what the test suite needs, installing it where
// it can: Debian's Chromium for the browser tests, and a built better-sqlite3.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (!existsSync(chromium)) {
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is missing at ${chromium}. Install Debian's package: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
}

try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  console.error(`better-sqlite3 is not built (${error.message}). Run: npm rebuild better-sqlite3`);
  process.exit(1);
}
console.log('test environment ready: chromium and better-sqlite3 present');
