import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What `npm publish` would upload for each package, as npm itself computes it from the built
// tree (run after `npm run build`). A consumer must find every entry point it imports and no
// test code.
const ROOT = join(import.meta.dirname, '../..');

interface PackedPackage {
  name: string;
  files: { path: string }[];
}

type ExportTarget = string | { types?: string; default?: string };

const packed = new Map<string, { files: string[]; manifest: Record<string, unknown> }>();

function pack(workspace: string): { files: string[]; manifest: Record<string, unknown> } {
  const known = packed.get(workspace);
  if (known) return known;
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--workspace', workspace], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [result] = JSON.parse(output) as PackedPackage[];
  const manifest = JSON.parse(readFileSync(join(ROOT, workspace, 'package.json'), 'utf8')) as Record<string, unknown>;
  packed.set(workspace, { files: result!.files.map((file) => file.path), manifest });
  return packed.get(workspace)!;
}

/** `./dist/define/*.js` against the packed files: at least one match, and which `*` values matched. */
function matches(pattern: string, files: string[]): string[] {
  const path = pattern.replace(/^\.\//, '');
  if (!path.includes('*')) return files.includes(path) ? [''] : [];
  const [before, after] = path.split('*') as [string, string];
  return files
    .filter((file) => file.startsWith(before) && file.endsWith(after))
    .map((file) => file.slice(before.length, file.length - after.length));
}

describe.each(['sdk', 'widgets'])('the npm package of %s', (workspace) => {
  const { files, manifest } = pack(workspace);

  it('holds no tests, test helpers or build bookkeeping', () => {
    expect(files.filter((file) => /\.test\.|(^|\/)testing\/|\.tsbuildinfo$|^e2e\//.test(file))).toEqual([]);
  });

  it('has a file for every condition of every export, and a declaration next to every script', () => {
    const exportsMap = manifest.exports as Record<string, ExportTarget>;
    for (const [subpath, target] of Object.entries(exportsMap)) {
      const conditions = typeof target === 'string' ? { default: target } : target;
      const found = Object.fromEntries(
        Object.entries(conditions).map(([condition, pattern]) => [condition, matches(pattern!, files)]),
      );
      for (const [condition, stems] of Object.entries(found))
        expect(stems.length, `${subpath} (${condition})`).toBeGreaterThan(0);
      // A wildcard export must not offer a script without its types, or the reverse.
      if (found.types && found.default) expect(found.types.sort(), subpath).toEqual(found.default.sort());
    }
  });

  it('ships the sources its source maps point to, so "go to definition" lands in TypeScript', () => {
    const maps = files.filter((file) => file.endsWith('.map') && !file.startsWith('dist/cdn/'));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(ROOT, workspace, map), 'utf8')) as { sources: string[] };
      for (const source of sources) expect(files, `${map} -> ${source}`).toContain(join(map, '..', source));
    }
  });

  it('carries its licence and a README, and is public under its scope', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(readFileSync(join(ROOT, workspace, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    expect(manifest).toMatchObject({ license: 'EUPL-1.2', publishConfig: { access: 'public' } });
  });
});

describe('the widgets package', () => {
  const { files, manifest } = pack('widgets');

  it('carries its custom elements manifest and the CDN bundles with their integrity manifest', () => {
    expect(manifest.customElements).toBe('custom-elements.json');
    expect(files).toContain('custom-elements.json');
    const integrity = JSON.parse(readFileSync(join(ROOT, 'widgets/dist/cdn/manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const bundle of Object.keys(integrity)) expect(files).toContain(`dist/cdn/${bundle}`);
    expect(files).toContain('dist/cdn/manifest.json');
  });

  it('lists only files that exist as side effects: the define modules and the CDN entry', () => {
    for (const pattern of manifest.sideEffects as string[])
      expect(matches(pattern, files).length, pattern).toBeGreaterThan(0);
  });
});
