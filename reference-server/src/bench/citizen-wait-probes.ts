/**
 * What runs in every page of the citizen's-wait benchmark before the page's
 * own scripts (added through the driver, so the page's CSP stays as it is).
 * It marks, by `performance.now()` from the navigation's start, the first
 * animation frame in which each probe holds, and the moment of the first
 * click (the event's own time stamp: when the button was released). Plain JavaScript in a string: the server's TypeScript project
 * has no DOM types, and this is all of the page side there is.
 *
 * - call-button: the element upgraded and rendered, its button enabled, focusable and laid out;
 * - call-qr: the QR code's SVG path laid out in the open dialog;
 * - decision: the decision page's first action button enabled and laid out;
 * - connect-qr: `<regie-connect-token>`'s QR code's SVG path laid out.
 */
export const PROBES = `(() => {
  const marks = {};
  const shadow = (selector) => document.querySelector(selector)?.shadowRoot ?? null;
  const laidOut = (element) => Boolean(element && element.getBoundingClientRect().width > 0);
  const enabled = (button) => Boolean(button && !button.disabled && button.tabIndex >= 0 && laidOut(button));
  const probes = [
    ['load', () => document.readyState === 'complete'],
    ['call-button', () => enabled(shadow('regie-call-button')?.querySelector('button[part="button"]'))],
    ['call-qr', () => laidOut(shadow('regie-call-button')?.querySelector('dialog[open] svg.qr path'))],
    ['decision', () => enabled(shadow('regie-account-page')?.querySelector('.actions button'))],
    ['connect-qr', () => laidOut(shadow('regie-connect-token')?.querySelector('svg.qr path'))],
  ];
  const check = () => {
    for (const [name, holds] of probes) if (!(name in marks) && holds()) marks[name] = performance.now();
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  addEventListener('click', (event) => { marks.click ??= event.timeStamp; }, { capture: true });
  window.regieBenchMarks = marks;
})();`;

type WithMarks = typeof globalThis & { regieBenchMarks: Record<string, number> };

/** The marks so far, as the page holds them. (Functions, not strings: the pages' CSP forbids eval.) */
export const readMarks = () => (globalThis as WithMarks).regieBenchMarks;

export const hasMark = (name: string) => name in (globalThis as WithMarks).regieBenchMarks;

/** One request from the page, timed there. */
export async function timeOneRequest(url: string): Promise<number> {
  const started = performance.now();
  await (await fetch(url, { cache: 'no-store' } as RequestInit)).arrayBuffer();
  return performance.now() - started;
}
