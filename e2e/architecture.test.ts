import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The arrows of docs/architecture.md, held against every import in the code (tests aside).
const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(test|contract)\.ts$/.test(name) ? [path] : [];
  });
}

/** Every import of `file`: relative ones resolved to a path, packages by name. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map(([, specifier]) =>
    specifier!.startsWith('.') ? resolve(dirname(file), specifier!.replace(/\.js$/, '.ts')) : specifier!,
  );
}

/** The room of a file under `base`: its first folder, or the file itself at the top. */
const roomOf = (base: string, file: string) => relative(base, file).split('/')[0]!;

const SERVER = join(ROOT, 'reference-server/src');
const FLOORS: Record<string, number> = {
  shared: 1,
  crypto: 2,
  config: 3,
  storage: 4,
  tenants: 5,
  http: 6,
  parties: 7,
  irma: 7,
  'app-context.ts': 8,
  staff: 9,
  calls: 9,
  accounts: 9,
  connect: 9,
  consent: 9,
  oauth: 9,
  operations: 9,
  credentials: 9,
  'my-data': 9,
  'data-fetch': 9,
  arrangements: 9,
  demo: 9,
  'app.ts': 10,
  cli: 11,
  testing: 11,
  'main.ts': 12,
  scripts: 12,
  bench: 12,
};
/** Arrows between rooms of one floor, each in one direction only. */
const SIDEWAYS = new Set([
  'calls -> staff',
  'connect -> accounts',
  'consent -> accounts',
  'oauth -> accounts',
  'consent -> connect',
  'my-data -> accounts',
  'my-data -> connect',
  'my-data -> consent',
  'my-data -> credentials',
  'data-fetch -> accounts',
  'data-fetch -> consent',
  'data-fetch -> credentials',
  'arrangements -> accounts',
  'arrangements -> connect',
]);

describe('the arrows of the house', () => {
  it('run in the server only downwards, and between wings only as docs/architecture.md says', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(SERVER)) {
      const from = roomOf(SERVER, file);
      expect(FLOORS[from], `${from} has no floor in docs/architecture.md`).toBeDefined();
      for (const target of importsOf(file).filter((path) => path.startsWith(SERVER))) {
        const to = roomOf(SERVER, target);
        if (to === from) continue;
        const up = FLOORS[to]! > FLOORS[from]!;
        const sideways = FLOORS[to] === FLOORS[from] && !SIDEWAYS.has(`${from} -> ${to}`);
        if (up || sideways) wrong.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('let no SDK room import another job’s room: only the shared http, protocol and signed-data rooms', () => {
    const SDK = join(ROOT, 'sdk/src');
    // Arrangements are made from a repayment plan: the one arrow between jobs of the SDK.
    const between = new Set(['arrangements -> plan']);
    const wrong = sourceFiles(SDK).flatMap((file) => {
      const from = roomOf(SDK, file);
      if (from === 'index.ts') return [];
      return importsOf(file)
        .filter(
          (target) =>
            target.startsWith(SDK) &&
            ![from, 'http', 'protocol', 'signed-data'].includes(roomOf(SDK, target)) &&
            !between.has(`${from} -> ${roomOf(SDK, target)}`),
        )
        .map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
    });
    expect(wrong).toEqual([]);
  });

  it('keep Lit and the server out of the SDK, and the server out of the widgets', () => {
    const offenders = [
      ...sourceFiles(join(ROOT, 'sdk/src')).filter((file) =>
        importsOf(file).some((target) => /^lit\b|reference-server/.test(target)),
      ),
      ...sourceFiles(join(ROOT, 'widgets/src')).filter((file) =>
        importsOf(file).some((target) => target.includes('reference-server')),
      ),
    ];
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('have no files that import each other, directly or round a loop', () => {
    const files = ['sdk/src', 'widgets/src', 'reference-server/src'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
    const edges = new Map(files.map((file) => [file, importsOf(file).filter((target) => files.includes(target))]));
    const loops: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        loops.push([...path.slice(path.indexOf(file)), file].map((f) => relative(ROOT, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of edges.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(loops).toEqual([]);
  });
});
