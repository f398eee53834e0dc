#!/usr/bin/env node
// Runs a build step only when its inputs changed since it last succeeded, so a second
// `npm start` takes seconds instead of rebuilding every CDN bundle.
//
//   node scripts/unless-unchanged.mjs <stamp-file> <input>... -- <command> [args...]
//
// The inputs are files or folders (hashed by content, sorted paths; `!<path>` leaves one out,
// such as the step's own output inside an input folder); the stamp file holds the
// hash of the last successful run, next to that step's output. A missing stamp, changed inputs
// or REGIE_FULL_BUILD=1 runs the command.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const split = args.indexOf('--');
if (split < 2 || split === args.length - 1) {
  console.error('usage: unless-unchanged.mjs <stamp-file> <input>... -- <command> [args...]');
  process.exit(2);
}
const [stamp, ...paths] = args.slice(0, split);
const inputs = paths.filter((path) => !path.startsWith('!'));
const excluded = paths.filter((path) => path.startsWith('!')).map((path) => join(path.slice(1)));
const [command, ...commandArgs] = args.slice(split + 1);

function files(path) {
  if (!existsSync(path) || excluded.includes(join(path))) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name !== 'node_modules' && !name.endsWith('.tsbuildinfo'))
    .flatMap((name) => files(join(path, name)));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(files).sort()) hash.update(file).update('\0').update(readFileSync(file));
hash.update(JSON.stringify([command, ...commandArgs]));
const digest = hash.digest('hex');

if (process.env.REGIE_FULL_BUILD !== '1' && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
  console.log(`${command} ${commandArgs.join(' ')}: inputs unchanged, skipped`);
  process.exit(0);
}
const run = spawnSync(command, commandArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
if (run.status !== 0) process.exit(run.status ?? 1);
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, digest);
