type VersionedElement = CustomElementConstructor & { regiekitVersion?: string };

/**
 * Registers a custom element once. A CDN script included twice (or two
 * bundles that both contain a widget) must not throw "already defined".
 */
export function define(tag: string, element: VersionedElement): void {
  const existing = customElements.get(tag) as VersionedElement | undefined;
  if (existing) {
    if (existing.regiekitVersion !== element.regiekitVersion) {
      console.warn(
        `<${tag}> is already defined by regiekit ${existing.regiekitVersion ?? '(unknown)'}; keeping it and ignoring ${element.regiekitVersion}.`,
      );
    }
    return;
  }
  customElements.define(tag, element);
}
