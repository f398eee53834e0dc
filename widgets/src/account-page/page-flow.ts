import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { AccountClient } from '@regiekit/sdk/connect';
import type { PartySummary } from '@regiekit/sdk/protocol';
import type { AccountPageMessages } from './account-page.messages.js';

/** Which passkey ceremony comes before a decision: an existing passkey, or a new account. */
export type PasskeyMode = 'existing' | 'new-account';

/** What the page element offers each flow: the client, the texts, and the shared alert and status regions. */
export interface AccountPageHost extends ReactiveControllerHost {
  readonly client: AccountClient;
  readonly text: AccountPageMessages;
  readonly flowId: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Leaves the page (top-level navigation). */
  navigate(url: string): void;
  name(party: PartySummary): string;
  formatDate(iso: string): string;
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

/** One of the page's three flows: its own state and view, on the element's shared regions. */
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
