import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import './cdn.js';
import * as events from './shared/events.js';

// widgets/custom-elements.json is what editors and catalogues know of the elements; the build
// writes it (`cem analyze`). Checked here against the elements themselves: the tags the define
// modules register, the attributes Lit observes, the events the element's code dispatches.
const WIDGETS = join(import.meta.dirname, '..');
const SRC = join(WIDGETS, 'src');

interface ManifestElement {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; description?: string }[];
  events?: { name: string; type?: { text: string } }[];
}

interface ManifestModule {
  path: string;
  declarations?: ManifestElement[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}

const manifest = JSON.parse(readFileSync(join(WIDGETS, 'custom-elements.json'), 'utf8')) as {
  modules: ManifestModule[];
};
const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);

/** `define('regie-call-button', RegieCallButton)` in define/call-button.ts, and the folder of that class. */
const defined = readdirSync(join(SRC, 'define')).map((file) => {
  const source = readFileSync(join(SRC, 'define', file), 'utf8');
  const [, tag, className] = /define\('([\w-]+)', (\w+)\)/.exec(source)!;
  const [, classModule] = new RegExp(`import \\{ ${className} \\} from '\\.\\./([\\w/-]+)\\.js'`).exec(source)!;
  return { file, tag: tag!, className: className!, folder: join(SRC, dirname(classModule!)) };
});

const eventNameOf = new Map(
  Object.values(events).flatMap((value) =>
    typeof value === 'function' && 'type' in value ? [[value.name, value.type as string]] : [],
  ),
);

/** Event names of the `new RegieXEvent(…)` dispatched anywhere in the element's folder. */
function dispatchedEvents(folder: string): string[] {
  const sources = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.includes('.test.'));
  const classes = sources.flatMap((file) =>
    [...readFileSync(join(folder, file), 'utf8').matchAll(/new (Regie\w+Event)\(/g)].map((match) => match[1]!),
  );
  return [...new Set(classes.map((name) => eventNameOf.get(name)!))].sort();
}

describe('custom-elements.json', () => {
  it('describes every element the package registers', () => {
    expect(defined.map((d) => d.tag).sort()).toEqual([
      'regie-account-page',
      'regie-agent-admin',
      'regie-agent-console',
      'regie-arrangement',
      'regie-call-button',
      'regie-connect-token',
      'regie-consent-dialog',
      'regie-consent-overview',
      'regie-data-fetch',
      'regie-my-data',
      'regie-repayment-plan',
    ]);
    // Base classes such as RegieElement are custom element classes too, but without a tag.
    const tags = declarations.filter((d) => d.customElement && d.tagName).map((d) => d.tagName);
    expect(tags.sort()).toEqual(defined.map((d) => d.tag).sort());
  });

  it.each(defined)('names <$tag> in $file as the module that defines it', ({ file, tag, className }) => {
    const module = manifest.modules.find((m) => m.path === `dist/define/${file.replace(/\.ts$/, '.js')}`);
    expect(module?.exports).toContainEqual(
      expect.objectContaining({
        kind: 'custom-element-definition',
        name: tag,
        declaration: expect.objectContaining({ name: className }),
      }),
    );
  });

  it.each(defined)('lists exactly the attributes <$tag> observes, each described', ({ tag, className }) => {
    const element = declarations.find((d) => d.tagName === tag)!;
    expect(element.name).toBe(className);
    const observed = (customElements.get(tag) as unknown as { observedAttributes: string[] }).observedAttributes;
    expect(element.attributes?.map((a) => a.name).sort()).toEqual([...observed].sort());
    // `lang` is documented once, on the base element; every attribute of the element itself has a description.
    expect(element.attributes?.filter((a) => a.name !== 'lang' && !a.description)).toEqual([]);
  });

  it.each(defined)('lists exactly the events <$tag> dispatches, typed with their event class', ({ tag, folder }) => {
    const element = declarations.find((d) => d.tagName === tag)!;
    expect((element.events ?? []).map((e) => e.name).sort()).toEqual(dispatchedEvents(folder));
    for (const event of element.events ?? []) expect(eventNameOf.get(event.type?.text ?? '')).toBe(event.name);
  });

  it('points at the compiled modules a package user imports', () => {
    for (const module of manifest.modules) {
      expect(module.path).toMatch(/^dist\/[\w/.-]+\.js$/);
      expect(existsSync(join(WIDGETS, module.path)), module.path).toBe(true);
    }
  });
});
