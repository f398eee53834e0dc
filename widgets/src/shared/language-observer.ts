/**
 * One MutationObserver for the whole page that tells regiekit elements when a
 * `lang` attribute changes anywhere in the document (the `<html>` element, or
 * any ancestor an element takes its language from), so a page that switches
 * language at run time switches the elements with it. Shared, because a page
 * may hold many elements and they all care about the same few attributes.
 */
const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/** Calls `listener` after any `lang` change in the document; returns the function that stops it. */
export function observeLanguageChanges(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver(() => {
      for (const notify of listeners) notify();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}
