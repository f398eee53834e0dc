const loading = new Map<string, Promise<unknown>>();

/**
 * Imports an ES module only if its bytes are the ones the build hashed: a
 * `<link rel="modulepreload" integrity>` fetches it, checks its SRI hash and
 * puts it in the document's module map, where the `import()` of the same URL
 * then finds it, so what runs is what was checked. `import()` itself takes no
 * integrity, and an import map's `integrity` would need an inline script,
 * which the strict CSP of the pages that embed regiekit forbids. Calling again
 * with the same URL returns the same promise: a prefetch and the click that
 * follows it load the module once.
 */
export function importVerified<T>(url: string, integrity: string): Promise<T> {
  // Without a hash there is nothing to check against: refuse rather than run unchecked code.
  if (!integrity) return Promise.reject(new Error(`no integrity hash for ${url}`));
  let module = loading.get(url) as Promise<T> | undefined;
  if (!module) {
    module = preloadChecked(url, integrity).then(() => import(/* @vite-ignore */ url) as Promise<T>);
    // A failed load may be tried again (the next click): a network error is not forever.
    module.catch(() => loading.delete(url));
    loading.set(url, module);
  }
  return module;
}

function preloadChecked(url: string, integrity: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = url;
    link.integrity = integrity;
    // As the CDN script tags load (CORS, no cookies): the same request, the same module map entry.
    link.crossOrigin = 'anonymous';
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`${url} did not load, or not with its integrity`)), {
      once: true,
    });
    document.head.append(link);
  });
}
