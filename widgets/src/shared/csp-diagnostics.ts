/**
 * Tells the page author, in the browser console, when the page's
 * Content-Security-Policy blocks requests to a regiekit server. The citizen
 * only learns that the service cannot be reached from this page; the console
 * says why and what to change. Once per origin and page.
 */
const watchedOrigins = new Set<string>();

export function reportCspBlocking(origin: string, tag: string): void {
  if (watchedOrigins.has(origin)) return;
  watchedOrigins.add(origin);
  document.addEventListener('securitypolicyviolation', (event) => {
    if (!event.blockedURI.startsWith(origin)) return;
    const directive = event.effectiveDirective || event.violatedDirective;
    console.error(
      `<${tag}>: the Content-Security-Policy of this page blocks requests to ${origin} (${directive}), so the element cannot work here. Add ${origin} to ${directive} in the page's Content-Security-Policy.`,
    );
  });
}
