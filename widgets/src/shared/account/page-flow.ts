import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { AccountClient } from '@regiekit/sdk/connect';
import { RegieApiError } from '@regiekit/sdk/http';
import type { PartySummary } from '@regiekit/sdk/protocol';
import type { Language } from '../language.js';
import type { AccountPageMessages } from './account.messages.js';

/** Which passkey ceremony comes before a decision: an existing passkey, or a new account. */
export type PasskeyMode = 'existing' | 'new-account';

/** What the page element offers each flow: the client, the texts, and the shared alert and status regions. */
export interface AccountPageHost extends ReactiveControllerHost {
  readonly client: AccountClient;
  /** Origin of the regiekit server; the page's own origin when empty. */
  readonly server: string;
  /** The tenant whose account pages these are (`/u/<tenant>/…`). */
  readonly tenant: string;
  readonly language: Language;
  readonly text: AccountPageMessages;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Leaves the page (top-level navigation). */
  navigate(url: string): void;
  name(party: PartySummary): string;
  formatDate(iso: string): string;
  formatDateTime(iso: string): string;
  /** "A, B and C", in the page's language. */
  formatList(items: string[]): string;
  /** Runs the browser's passkey ceremony: sign in with an existing passkey, or create an account. */
  passkey(mode: PasskeyMode): Promise<void>;
  /**
   * Runs one user action with the alert region cleared; a failure is shown
   * there, with focus on it. `describe` may word it for the flow; returning
   * undefined falls back to the common wording. Resolves whether it succeeded.
   */
  act(action: () => Promise<void>, describe?: (error: unknown) => string | undefined): Promise<boolean>;
  /** The common wording of an error (`consumer` names who asked, for `wrong_account`). */
  describe(error: unknown, consumer?: string): string;
  showError(message: string): Promise<void>;
  /** Says something in the live status region. */
  announce(message: string): void;
  /** Moves focus to the flow's heading after it re-renders. */
  focusHeading(): Promise<void>;
}

/**
 * Runs `action`; when the server wants a passkey ceremony first (every
 * decision that ends something does), asks for one and tries once more.
 */
export async function withFreshPasskey(host: AccountPageHost, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof RegieApiError && error.code === 'passkey_required')) throw error;
    await host.passkey('existing');
    await action();
  }
}

/** One of the page's flows: its own state and view, on the element's shared regions. */
export abstract class PageFlow implements ReactiveController {
  constructor(protected readonly host: AccountPageHost) {}

  /** Loads what the flow shows; called once, when the element is first set up for it. */
  abstract start(): void;
  abstract render(): TemplateResult;

  hostConnected(): void {}
  hostDisconnected(): void {}

  protected get text(): AccountPageMessages {
    return this.host.text;
  }

  protected changed(): void {
    this.host.requestUpdate();
  }
}
