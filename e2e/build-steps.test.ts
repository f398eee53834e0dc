import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A restart of the demo (`npm start` builds first) must not rebuild what did not change.
const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'scripts/unless-unchanged.mjs');
const dir = mkdtempSync(join(tmpdir(), 'regiekit-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a step that appends a line to `ran.log`, with `src/` as its input (and `src/out` left out). */
const step = () =>
  execFileSync(
    process.execPath,
    [
      SCRIPT,
      join(dir, 'stamp'),
      join(dir, 'src'),
      `!${join(dir, 'src/out')}`,
      '--',
      'sh',
      '-c',
      `echo ran >> ${join(dir, 'ran.log')}`,
    ],
    { encoding: 'utf8' },
  );
const runs = () => readFileSync(join(dir, 'ran.log'), 'utf8').trim().split('\n').length;

describe('build steps that run only when their inputs changed', () => {
  it('runs a step once, skips it while its inputs stay the same, and runs it again after a change', () => {
    execFileSync('mkdir', ['-p', join(dir, 'src')]);
    writeFileSync(join(dir, 'src/element.js'), 'one');
    step();
    expect(runs()).toBe(1);
    expect(step()).toContain('inputs unchanged, skipped');
    writeFileSync(join(dir, 'src/out'), 'what the step wrote');
    step();
    expect(runs()).toBe(1);
    writeFileSync(join(dir, 'src/element.js'), 'two');
    step();
    expect(runs()).toBe(2);
  });

  it('skips the CDN bundles and the element manifest in a second build of an unchanged tree', () => {
    const output = execFileSync('npm', ['run', 'build', '-w', 'widgets'], { cwd: ROOT, encoding: 'utf8' });
    expect(output).toContain('rollup -c ../rollup.config.mjs: inputs unchanged, skipped');
    expect(output).toContain('cem analyze --config custom-elements-manifest.config.mjs: inputs unchanged, skipped');
  });
});
