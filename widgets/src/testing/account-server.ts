import { vi } from 'vitest';
import type { LitElement } from 'lit';
import { fakeServer } from './fake-server.js';
import { axeViolations } from './test-support.js';

export const API = '/api/v1/demo/account';
export const party = (id: string, nl: string, en = nl) => ({ id, displayName: { nl, en } });
export const errorBody = (status: number, code: string) => ({ status, body: { error: { code, message: code } } });

type Routes = Parameters<typeof fakeServer>[0];

/** The regiekit server's account API: ceremonies always succeed on the server side unless a route says otherwise. */
export function accountServer(routes: Routes) {
  const state = { signedIn: false };
  const signIn = () => {
    state.signedIn = true;
    return { status: 200, body: { signedIn: true } };
  };
  const server = fakeServer({
    [`GET ${API}`]: () => ({ status: 200, body: { signedIn: state.signedIn } }),
    [`POST ${API}/sign-in/options`]: () => ({ status: 200, body: { challenge: 'sign-in-challenge' } }),
    [`POST ${API}/sign-in`]: signIn,
    [`POST ${API}/passkeys/options`]: () => ({
      status: 200,
      body: { challenge: 'register-challenge', user: { id: 'u' } },
    }),
    [`POST ${API}/passkeys`]: () => ({ ...signIn(), status: 201 }),
    ...routes,
  });
  vi.stubGlobal('fetch', server.fetch);
  return { ...server, state, keys: () => server.requests.map((r) => r.key) };
}

/**
 * Puts `markup` (one element) in a `<main>` with the given language and waits
 * for it to settle; returns what the tests read and do, as a user would.
 */
export async function mountPage<T extends LitElement>(
  markup: string,
  lang = '',
  prepare: (element: T) => void = () => undefined,
) {
  const holder = document.createElement('div');
  holder.innerHTML = markup;
  const element = holder.firstElementChild as T;
  prepare(element);
  document.body.innerHTML = lang ? `<main lang="${lang}"></main>` : '<main></main>';
  document.querySelector('main')!.append(element);
  const settle = async (ms = 0) => {
    await vi.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 6; i++) {
      await vi.advanceTimersByTimeAsync(0);
      // A decision page loads its decisions with import(), which fake timers do not move.
      await vi.dynamicImportSettled();
      await element.updateComplete;
    }
  };
  await settle();
  const root = element.shadowRoot!;
  const buttons = () =>
    [...root.querySelectorAll<HTMLButtonElement>('button')]
      .filter((b) => !b.closest('dialog'))
      .map((b) => b.textContent!.trim());
  const click = async (label: string, within: ParentNode = root) => {
    const button = [...within.querySelectorAll<HTMLButtonElement>('button')].find(
      (b) => b.textContent!.trim() === label,
    );
    if (!button) throw new Error(`no button "${label}" in [${buttons().join(', ')}]`);
    button.click();
    await settle();
  };
  const alert = () => root.querySelector('[role="alert"]')!.textContent!.trim();
  const status = () => root.querySelector('[role="status"]')!.textContent!.trim();
  const heading = () => root.querySelector('h2')?.textContent!.trim();
  const axe = () => axeViolations(root as unknown as Element);
  return { element, root, settle, buttons, click, alert, status, heading, axe };
}
