#!/usr/bin/env node
// Puts the real SRI hashes of the CDN scripts into the README's script-tag examples.
// The widget build runs it after writing widgets/dist/cdn/manifest.json, so the README
// changes together with the bundles and a copied example never pins a stale hash.
//
// Only script tags between `<!-- cdn-integrity -->` and `<!-- /cdn-integrity -->` are
// rewritten: each `src="…/cdn/<file>"` gets `integrity="<manifest[file].integrity>"`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const manifestPath = join(root, 'widgets/dist/cdn/manifest.json');

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const readme = readFileSync(readmePath, 'utf8');

const block = /(<!-- cdn-integrity -->)([\s\S]*?)(<!-- \/cdn-integrity -->)/g;
const scriptTag = /(src="[^"]*\/cdn\/([\w.-]+)"\s+integrity=")[^"]*(")/g;

let blocks = 0;
let tags = 0;
const updated = readme.replace(block, (_, open, body, close) => {
  blocks++;
  const filled = body.replace(scriptTag, (_, before, file, after) => {
    const entry = manifest[file];
    // A renamed or dropped bundle must not leave an example that can never load.
    if (!entry) throw new Error(`README.md names /cdn/${file}, which the CDN build no longer makes`);
    tags++;
    return `${before}${entry.integrity}${after}`;
  });
  return `${open}${filled}${close}`;
});

if (blocks === 0 || tags === 0) throw new Error('README.md has no script tag between <!-- cdn-integrity --> markers');
if (updated !== readme) writeFileSync(readmePath, updated);
console.log(
  `README.md: ${tags} script tag(s) ${updated === readme ? 'already carry' : 'now carry'} the CDN manifest's integrity`,
);
