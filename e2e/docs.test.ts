import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  });
});
