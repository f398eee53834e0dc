import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README and docs/ are all a reader gets: a link must lead to a file of this repository,
// and a script tag copied from the README must load the bundle this repository builds.
const ROOT = join(import.meta.dirname, '..');

const pages = [
  'README.md',
  'sdk/README.md',
  'widgets/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

/** Targets of Markdown links `[text](target)` and of HTML `href`/`src` attributes outside code blocks. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)|(?:href|src)="([^"]+)"/g)].map(
    (match) => (match[1] ?? match[2])!,
  );
}

describe('the documentation', () => {
  it.each(pages)('%s mentions nothing outside the repository', (page) => {
    expect(readFileSync(join(ROOT, page), 'utf8')).not.toMatch(/\.\.\/shared\b/);
  });

  it.each(pages)('%s links only to files that exist in the repository, or to the web', (page) => {
    const local = linkTargets(readFileSync(join(ROOT, page), 'utf8')).filter(
      (target) => !/^(https?:|mailto:|#)/.test(target),
    );
    for (const target of local) {
      const path = resolve(ROOT, dirname(page), decodeURI(target.split('#')[0]!));
      expect(relative(ROOT, path).startsWith('..'), `${target} leaves the repository`).toBe(false);
      expect(existsSync(path), `${target} does not exist`).toBe(true);
    }
  });

  it('pins every CDN script tag in the README to the integrity of the bundle built from this tree', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'widgets/dist/cdn/manifest.json'), 'utf8')) as Record<
      string,
      { integrity: string }
    >;
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const tags = [...readme.matchAll(/src="[^"]*\/cdn\/([\w.-]+)"\s+integrity="([^"]*)"/g)].map(
      ([, file, integrity]) => ({ file: file!, integrity }),
    );
    expect(tags.map((tag) => tag.file)).toEqual(expect.arrayContaining(['regiekit.js', 'regie-call-button.js']));
    for (const { file, integrity } of tags) expect(integrity, file).toBe(manifest[file]?.integrity);
    // One integrity per tag: a stray second attribute (an old hash left by a merge) breaks the snippet.
    expect(readme.match(/integrity="/g)?.length, 'integrity attributes').toBe(tags.length);
  });

  it('shows the layout near the top of the README, with every room of the SDK and the server', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const lines = readme.split('\n');
    const start = lines.indexOf('## Layout');
    expect(start).toBeGreaterThan(0);
    expect(start, 'the layout comes right after the two commands').toBeLessThan(60);
    const layout = lines.slice(start, lines.indexOf('', lines.indexOf('```', start + 2) + 1)).join('\n');
    const rooms = (dir: string) =>
      readdirSync(join(ROOT, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${entry.name}/`);
    for (const room of [...rooms('sdk/src'), ...rooms('reference-server/src')])
      expect(layout, room).toContain(room.replace(/\/$/, ''));
    for (const top of ['sdk/', 'widgets/', 'reference-server/', 'examples/', 'e2e/', 'scripts/', 'docs/'])
      expect(layout, top).toContain(top);
  });

  it('lists every SDK entry point in sdk/README.md and every element in widgets/README.md', () => {
    const sdkManifest = JSON.parse(readFileSync(join(ROOT, 'sdk/package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const sdkReadme = readFileSync(join(ROOT, 'sdk/README.md'), 'utf8');
    for (const subpath of Object.keys(sdkManifest.exports))
      expect(sdkReadme, subpath).toContain(`\`@regiekit/sdk${subpath.slice(1)}\``);
    const widgetsReadme = readFileSync(join(ROOT, 'widgets/README.md'), 'utf8');
    const elements = readFileSync(join(ROOT, 'widgets/elements.mjs'), 'utf8');
    for (const [, name] of elements.matchAll(/name: '([a-z-]+)'/g))
      expect(widgetsReadme, name).toContain(`<regie-${name}>`);
  });

  it('builds the API reference without a warning, with a page for every SDK entry point', () => {
    const out = mkdtempSync(join(tmpdir(), 'regiekit-api-'));
    try {
      // typedoc.json treats a warning as an error: the command fails on any.
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--out', out], {
        cwd: ROOT,
        stdio: 'pipe',
      });
      const modules = readdirSync(join(out, 'modules'));
      const sdkManifest = JSON.parse(readFileSync(join(ROOT, 'sdk/package.json'), 'utf8')) as {
        exports: Record<string, unknown>;
      };
      for (const subpath of Object.keys(sdkManifest.exports).filter((path) => path !== '.'))
        expect(modules, subpath).toContain(`_regiekit_sdk_${subpath.slice(2).replace('/', '_')}.html`);
      expect(modules).toContain('_regiekit_widgets.html');
      const button = readFileSync(join(out, 'classes/_regiekit_widgets.RegieCallButton.html'), 'utf8');
      for (const tag of ['tsd-tag-csspart', 'tsd-tag-cssproperty', 'tsd-tag-slot']) expect(button, tag).toContain(tag);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
