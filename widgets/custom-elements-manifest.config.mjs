// Writes widgets/custom-elements.json (IDEs, Storybook and catalogues read it) from the
// sources' JSDoc and Lit's static properties. The plugins below correct what the analyzer
// infers on its own; without them the manifest would describe internals as public API.
// widgets/src/custom-elements-manifest.test.ts checks the result against the elements.

/** `static properties = { view: { state: true } }` is internal reactive state, not an attribute. */
function litStateIsNoAttribute() {
  return {
    name: 'regie-lit-state-is-no-attribute',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.text);
      const properties = node.members.find(
        (m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties',
      )?.initializer;
      if (!declaration || !properties || !ts.isObjectLiteralExpression(properties)) return;
      const isState = (entry) =>
        ts.isPropertyAssignment(entry) &&
        ts.isObjectLiteralExpression(entry.initializer) &&
        entry.initializer.properties.some(
          (option) =>
            ts.isPropertyAssignment(option) &&
            option.name.getText() === 'state' &&
            option.initializer.kind === ts.SyntaxKind.TrueKeyword,
        );
      const states = new Set(properties.properties.filter(isState).map((entry) => entry.name.getText()));
      declaration.attributes = declaration.attributes?.filter((attribute) => !states.has(attribute.fieldName));
      for (const member of declaration.members ?? []) if (states.has(member.name)) delete member.attribute;
    },
  };
}

/**
 * Registration goes through our idempotent `define(tag, Class)`, which the analyzer
 * does not follow: it would record one definition named `tag` in shared/define.ts.
 * Each define/<name>.ts module is where its element gets its tag.
 */
function defineCallsAreDefinitions() {
  return {
    name: 'regie-define-calls-are-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (moduleDoc.path === 'src/shared/define.ts')
        moduleDoc.exports = moduleDoc.exports?.filter((e) => e.kind !== 'custom-element-definition');
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'define') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag)) return;
      const source = node.getSourceFile();
      const specifier = source.statements
        .filter(ts.isImportDeclaration)
        .find((statement) =>
          statement.importClause?.namedBindings?.elements?.some((binding) => binding.name.text === element.getText()),
        )?.moduleSpecifier.text;
      if (!specifier) return;
      const module = new URL(specifier.replace(/\.js$/, '.ts'), `file:///${moduleDoc.path}`).pathname.slice(1);
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: element.getText(), module } },
      ];
    },
  };
}

/**
 * Events come from the `@event` JSDoc tags, typed with the event class whose static
 * `type` is that name. The analyzer also guesses events from `new XEvent(arg)`, naming
 * them after the argument; those guesses go, but one without an `@event` tag fails the build.
 */
function documentedEventsOnly() {
  return {
    name: 'regie-documented-events-only',
    packageLinkPhase({ customElementsManifest }) {
      const declarations = customElementsManifest.modules.flatMap((module) => module.declarations ?? []);
      const eventTypeOf = new Map(
        declarations.flatMap((d) => {
          const type = d.members?.find((m) => m.static && m.name === 'type')?.default;
          return type?.startsWith("'regie-") ? [[d.name, type.slice(1, -1)]] : [];
        }),
      );
      for (const element of declarations.filter((d) => d.customElement)) {
        const documented = (element.events ?? []).filter(
          (event) => event.name?.startsWith('regie-') && event.description,
        );
        for (const guessed of element.events ?? []) {
          const name = eventTypeOf.get(guessed.type?.text);
          if (name && !documented.some((event) => event.name === name))
            throw new Error(`<${element.tagName}> dispatches ${name}: document it with @event`);
        }
        const classOf = (name) => [...eventTypeOf].find(([, type]) => type === name)?.[0];
        element.events = documented.map((event) =>
          classOf(event.name) ? { ...event, type: { text: classOf(event.name) } } : event,
        );
      }
    },
  };
}

/** Private members are no one's API; the manifest describes what a page or a subclass may use. */
function noPrivateMembers() {
  return {
    name: 'regie-no-private-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        if (declaration.members)
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && !member.name.startsWith('#'),
          );
      }
    },
  };
}

/** Paths as a package user imports them: `dist/…/x.js`, not the TypeScript sources. */
function publishedPaths() {
  const published = (path) => path.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');
  const rewrite = (value) => {
    if (Array.isArray(value)) return value.forEach(rewrite);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof inner === 'string') value[key] = published(inner);
      else rewrite(inner);
    }
  };
  return {
    name: 'regie-published-paths',
    packageLinkPhase({ customElementsManifest }) {
      rewrite(customElementsManifest.modules);
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**'],
  outdir: '.',
  litelement: true,
  // The package.json names the manifest itself; the analyzer would rewrite the file.
  packagejson: false,
  plugins: [
    litStateIsNoAttribute(),
    defineCallsAreDefinitions(),
    documentedEventsOnly(),
    noPrivateMembers(),
    publishedPaths(),
  ],
};
