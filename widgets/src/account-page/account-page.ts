import type { PropertyValues } from 'lit';
import { AccountHost } from '../shared/account/account-host.js';
import { AccountOverview } from './account-overview.js';
import { DecisionFlow } from './decision-flow.js';
import type { PageFlow } from '../shared/account/page-flow.js';
import { ScanFlow } from './scan-flow.js';

export type AccountPageFlow = 'account' | 'scan' | 'decision';

/**
 * The user's pages on the regiekit server's own origin (`/u/{tenant}/…`):
 * their regie account, a connect token scanned from a creditor portal, and
 * decisions (sign in, connect, consent) a debt-help app sends them for.
 * Whatever binds the user is confirmed here with a passkey, where an
 * embedding page cannot reach. Not for embedding in other sites: the session
 * cookie is this origin's.
 *
 * A consent decision opened as a popup (by `<regie-consent-dialog>`) says it
 * is done and closes its window instead of navigating.
 *
 * @summary Regie account, scan and decision pages (server origin only).
 * @tag regie-account-page
 * @csspart confirmation-code - The code to type in the portal, grouped 3+3.
 * @csspart dialog - The dialog that confirms ending a connection.
 * @cssproperty --regie-accent-color - Buttons (falls back to NL Design System tokens).
 * @cssproperty --regie-accent-text-color - Text on the accent colour.
 * @cssproperty --regie-text-color - Text colour.
 * @cssproperty --regie-surface-color - Background of the dialog and outlined buttons.
 * @cssproperty --regie-focus-color - Focus outline colour.
 * @cssproperty --regie-danger-color - Errors and the end-connection buttons.
 * @cssproperty --regie-border-radius - Corner radius.
 * @cssproperty --regie-font-family - Font.
 */
export class RegieAccountPage extends AccountHost {
  static override properties = {
    ...AccountHost.properties,
    flow: { type: String },
    flowId: { type: String, attribute: 'flow-id' },
  };

  /** Which page this is: the account overview, a scanned connect token, or a decision. */
  declare flow: AccountPageFlow;
  /** The decision to show, for `flow="decision"`. */
  declare flowId: string;

  constructor() {
    super();
    this.flow = 'account';
    this.flowId = '';
  }

  protected override flowChanged(changed: PropertyValues<this>): boolean {
    return super.flowChanged(changed) || changed.has('flow') || changed.has('flowId');
  }

  protected override createFlow(): PageFlow {
    if (this.flow === 'scan') return new ScanFlow(this);
    if (this.flow === 'decision') return new DecisionFlow(this, this.flowId);
    return new AccountOverview(this);
  }
}
