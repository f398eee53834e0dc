export type Language = 'nl' | 'en';

/**
 * The language of the nearest `lang` attribute, looking through shadow roots;
 * Dutch unless that says English.
 */
export function languageOf(element: Element): Language {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang.toLowerCase().startsWith('en') ? 'en' : 'nl';
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return 'nl';
}
