#!/usr/bin/env node
// Assembles what the Docker image runs into <target-dir>: the built server, the SDK modules
// it imports, the CDN bundles it serves, its config directory, and its production
// dependencies installed from the lockfile. Nothing else: no sources, tests, test helpers,
// type declarations or dev dependencies.
//
// The Dockerfile runs this in its build stage (after `npm ci && npm run build`) and copies
// <target-dir> into the slim runtime image; e2e/docker-image.test.ts builds that image and
// checks its files.
//
//   node reference-server/docker/assemble-runtime.mjs <target-dir>
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const started = Date.now();

function fail(message) {
  console.error(`assemble-runtime: ${message}`);
  process.exit(1);
}

const [targetArgument] = process.argv.slice(2);
if (!targetArgument) fail('usage: assemble-runtime.mjs <target-dir>');
const target = resolve(targetArgument);
if (existsSync(target) && readdirSync(target).length > 0) fail(`${target} is not empty`);

for (const built of ['reference-server/dist/main.js', 'sdk/dist/protocol/index.js', 'widgets/dist/cdn/manifest.json']) {
  if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first`);
}

function copy(path, filter = () => true) {
  mkdirSync(dirname(join(target, path)), { recursive: true });
  cpSync(join(root, path), join(target, path), { recursive: true, filter: (source) => filter(source) });
}

/** Compiled JavaScript only: declarations and source maps point at sources the image does not have. */
function compiledJavaScript(leaveOut = []) {
  return (source) => {
    const name = basename(source);
    if (lstatSync(source).isDirectory()) return !leaveOut.includes(name);
    return name.endsWith('.js') && !name.includes('.test.') && !name.includes('.contract.');
  };
}

// npm installs a workspace from the lockfile only with every workspace's package.json present.
for (const file of [
  'package.json',
  'package-lock.json',
  'sdk/package.json',
  'widgets/package.json',
  'reference-server/package.json',
])
  copy(file);
copy('reference-server/config');
copy('reference-server/docker/healthcheck.mjs');
// Test helpers, benchmarks and build-time scripts are compiled too, but the server never imports them.
copy('reference-server/dist', compiledJavaScript(['testing', 'bench', 'scripts']));
copy('sdk/dist', compiledJavaScript());
// Served as is under /cdn: bundles, their source maps and the SRI manifest.
copy('widgets/dist/cdn');

execFileSync('npm', ['ci', '--omit=dev', '--workspace', 'reference-server', '--no-audit', '--no-fund'], {
  cwd: target,
  stdio: 'inherit',
});

// better-sqlite3 keeps the SQLite sources and the compiler's objects next to its addon (about 26 MB).
const sqlite = join(target, 'node_modules/better-sqlite3');
for (const leftover of ['deps', 'src']) rmSync(join(sqlite, leftover), { recursive: true, force: true });
for (const entry of readdirSync(join(sqlite, 'build')))
  if (entry !== 'Release') rmSync(join(sqlite, 'build', entry), { recursive: true });
for (const entry of readdirSync(join(sqlite, 'build/Release')))
  if (entry !== 'better_sqlite3.node') rmSync(join(sqlite, 'build/Release', entry), { recursive: true });

// Dependencies ship their own test suites (pino, zod, …); an image carries no tests.
function removeTestFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) removeTestFiles(path);
    else if (entry.isFile() && entry.name.includes('.test.')) rmSync(path);
  }
}
removeTestFiles(join(target, 'node_modules'));

// The native modules must load here, not only on the machine that built them.
execFileSync(
  process.execPath,
  ['-e', "new (require('better-sqlite3'))(':memory:').close(); require('@node-rs/argon2')"],
  { cwd: target, stdio: 'inherit' },
);

function sizeOf(path) {
  const stats = lstatSync(path);
  return stats.isDirectory()
    ? readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0)
    : stats.size;
}
console.log(
  `assembled ${target} in ${((Date.now() - started) / 1000).toFixed(0)} s: ${(sizeOf(target) / 1024 / 1024).toFixed(1)} MB`,
);
