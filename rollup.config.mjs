// Bundles the compiled widgets (widgets/dist, from `tsc -b`) into CDN scripts:
// one with every element, and one per element. Each bundle is self-contained,
// so a municipality can load just the call button.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyTemplateLiterals from 'rollup-plugin-minify-template-literals';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { guardLitTrustedTypes } from './scripts/guard-lit-trusted-types.mjs';
import { CDN_BUDGET_KIB, ELEMENTS, tagOf } from './widgets/elements.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const compiled = join(root, 'widgets/dist');
const cdnDir = join(compiled, 'cdn');

/** Gzipped size budgets in bytes, from widgets/elements.mjs; the build fails when a bundle grows past its budget. */
const BUDGETS = Object.fromEntries([
  ['regiekit.js', CDN_BUDGET_KIB * 1024],
  ...ELEMENTS.filter((element) => element.budgetKiB).map((element) => [
    `${tagOf(element)}.js`,
    element.budgetKiB * 1024,
  ]),
]);

const manifest = {};

/**
 * Prints raw and gzipped size, checks the budget, and records the SRI hash for script tags.
 * Writes each bundle compressed beside it too (.br, .gz): the server sends those to a browser
 * that accepts them, a third of the bytes on a slow mobile line (docs/performance.md).
 */
function sizeAndIntegrity() {
  const compressed = [];
  return {
    name: 'size-and-integrity',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const gzipped = gzipSync(chunk.code, { level: 9 });
        const gzip = gzipped.length;
        const brotli = brotliCompressSync(chunk.code, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } });
        compressed.push([`${chunk.fileName}.gz`, gzipped], [`${chunk.fileName}.br`, brotli]);
        const budget = BUDGETS[chunk.fileName];
        const integrity = `sha384-${createHash('sha384').update(chunk.code).digest('base64')}`;
        manifest[chunk.fileName] = { integrity, bytes: Buffer.byteLength(chunk.code), gzipBytes: gzip };
        const line = `${chunk.fileName}: ${(Buffer.byteLength(chunk.code) / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzipped`;
        console.log(budget ? `${line} (budget ${(budget / 1024).toFixed(0)} kB gzipped)` : line);
        if (budget && gzip > budget)
          this.error(`${chunk.fileName} is ${gzip} B gzipped, over its budget of ${budget} B`);
      }
    },
    writeBundle() {
      mkdirSync(cdnDir, { recursive: true });
      writeFileSync(join(cdnDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      for (const [file, bytes] of compressed.splice(0)) writeFileSync(join(cdnDir, file), bytes);
    },
  };
}

/**
 * Lit's html`` and css`` templates are strings to terser, kept with their indentation and CSS
 * comments; this minifies them first (CSS fully, HTML whitespace to one space, never none, so text
 * beside an inline element keeps its space). Only our own compiled elements: libraries ship minified.
 */
const minifyTemplates = () =>
  minifyTemplateLiterals({
    filter: (id) => id.startsWith(compiled) && id.endsWith('.js'),
    failOnError: true,
    options: { minifyOptions: { conservativeCollapse: true } },
  });

/**
 * Modules the CDN bundles load lazily, each an ES module of its own on the CDN, built before
 * the bundles that load it: its SRI hash goes into theirs (see cdnTwins).
 */
const LAZY_MODULES = [
  // The call button's Yivi client and QR encoder, loaded when someone is about to call.
  { input: 'call-button/call-disclosure.js', file: 'regie-call-button.yivi.js' },
  // The account page's decisions (consent, my data, fetch, arrangement), loaded on a decision page only.
  { input: 'account-page/decisions.js', file: 'regie-account-page.decisions.js' },
  // The passkey library of the account page and the consent overview, loaded with a ceremony's options.
  { input: 'shared/account/webauthn.js', file: 'regie-webauthn.js' },
];

/**
 * What is different in a CDN bundle: a compiled module with a `.cdn.js` twin beside it is
 * replaced by the twin (which loads its lazy part from the regiekit server instead of through
 * the site's bundler), and a twin's `cdn-integrity:<file>` import is the SRI hash of that lazy
 * module, built before (widgets/src/cdn-integrity.d.ts).
 */
function cdnTwins() {
  const INTEGRITY = 'cdn-integrity:';
  return {
    name: 'cdn-twins',
    async resolveId(source, importer, options) {
      if (source.startsWith(INTEGRITY)) return `\0${source}`;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external || !resolved.id.startsWith(compiled)) return resolved;
      const twin = resolved.id.replace(/\.js$/, '.cdn.js');
      return existsSync(twin) ? twin : resolved;
    },
    load(id) {
      if (!id.startsWith(`\0${INTEGRITY}`)) return null;
      const file = id.slice(INTEGRITY.length + 1);
      if (!manifest[file]) this.error(`${file} must be built before the bundles that load it (LAZY_MODULES)`);
      return `export default ${JSON.stringify(manifest[file].integrity)};`;
    },
  };
}

/**
 * `format`: 'es' for a bundle that exports something (regiekit.js); 'iife' for
 * one that only defines elements, so it also works as a classic script and
 * keeps its names out of the page's global scope (a second copy cannot collide).
 */
const bundle = (input, file, format = 'iife') => ({
  input: join(compiled, input),
  output: { file: join(cdnDir, file), format, sourcemap: true },
  plugins: [
    cdnTwins(),
    nodeResolve({ browser: true }),
    commonjs(),
    minifyTemplates(),
    guardLitTrustedTypes(),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
    sizeAndIntegrity(),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
});

/**
 * A lazily loaded module only makes templates (`html`, `css`, `nothing`) for the bundle that
 * loaded it, whose Lit renders them (template results are plain objects, the sentinels
 * Symbol.for()s). So Lit counts as free of side effects here: the parts the module does not
 * import (LitElement, most of ReactiveElement) stay out. lit-html stays whole, as `html` comes
 * from it and its module's start-up code cannot be told apart (2.7 kB gzipped).
 */
const LIT = /\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//;
const lazyBundle = (input, file) => ({
  ...bundle(input, file, 'es'),
  treeshake: { moduleSideEffects: (id) => !LIT.test(id) },
});

export default [
  ...LAZY_MODULES.map(({ input, file }) => lazyBundle(input, file)),
  bundle('cdn.js', 'regiekit.js', 'es'),
  ...ELEMENTS.map((element) => bundle(`define/${element.name}.js`, `${tagOf(element)}.js`)),
  // Loaded lazily by the agent console, for tenants on Twilio only.
  bundle('softphone/twilio-voice.js', 'twilio-voice.js', 'es'),
];
