import axe from 'axe-core';

/**
 * jsdom has no modal dialogs; this stand-in opens and closes them so the
 * component logic can run. Real focus trapping is tested in Chromium (e2e/).
 */
export function polyfillDialog(): void {
  // axe probes canvas for icon fonts; jsdom has none, and null makes axe skip that probe quietly.
  HTMLCanvasElement.prototype.getContext = () => null;
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal(): void; close(): void };
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close ??= function (this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

/** WCAG 2.2 A/AA violations inside `element` (colour contrast needs a real browser: see e2e/). */
export async function axeViolations(element: Element): Promise<string[]> {
  const result = await axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
