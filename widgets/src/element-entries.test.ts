import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELEMENTS, tagOf } from '../elements.mjs';
import { WIDGETS_VERSION } from './version.js';

// Tests run from the repository's root (jsdom gives modules no file: URL).
const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, 'widgets/custom-elements.json'), 'utf8')) as {
  modules: { exports?: { kind: string; name: string; declaration: { name: string } }[] }[];
};
const packageJson = JSON.parse(readFileSync(join(root, 'widgets/package.json'), 'utf8')) as {
  version: string;
};

describe('the one list of elements', () => {
  it('is what the define modules, the CDN entry, the index and the version stamp were made from', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/generate-element-entries.mjs', '--check'], { cwd: root, stdio: 'pipe' }),
    ).not.toThrow();
    expect(readdirSync(join(root, 'widgets/src/define')).sort()).toEqual(
      ELEMENTS.map((element) => `${element.name}.ts`).sort(),
    );
  });

  it('names every element the manifest describes, with its tag and class', () => {
    const defined = manifest.modules.flatMap((module) =>
      (module.exports ?? [])
        .filter((entry) => entry.kind === 'custom-element-definition')
        .map((entry) => [entry.name, entry.declaration.name]),
    );
    expect(defined.sort()).toEqual(ELEMENTS.map((element) => [tagOf(element), element.className]).sort());
  });

  it('stamps the elements with the package version', () => {
    expect(WIDGETS_VERSION).toBe(packageJson.version);
  });
});
