// The one list of regiekit's elements. scripts/generate-element-entries.mjs makes from it the
// define modules (src/define/<name>.ts), the CDN entry (src/cdn.ts), the element exports of the
// package index (src/elements.ts) and the version stamp (src/version.ts); rollup.config.mjs makes
// one CDN bundle per element from it. Adding an element is one line here.
//
// name:      the folder under src/ and the define module; the tag is `regie-<name>`
// className: the element class, exported from src/<name>/<name>.ts
// budgetKiB: the gzipped size its own CDN bundle may have at most (none: not checked)

/** @type {{ name: string; className: string; budgetKiB?: number }[]} */
export const ELEMENTS = [
  { name: 'call-button', className: 'RegieCallButton', budgetKiB: 18 },
  { name: 'agent-console', className: 'RegieAgentConsole' },
  { name: 'agent-admin', className: 'RegieAgentAdmin' },
  { name: 'connect-token', className: 'RegieConnectToken', budgetKiB: 18 },
  { name: 'account-page', className: 'RegieAccountPage', budgetKiB: 18 },
  { name: 'consent-dialog', className: 'RegieConsentDialog', budgetKiB: 18 },
  { name: 'consent-overview', className: 'RegieConsentOverview', budgetKiB: 18 },
  // The planner and its reasons (nl, en) plan in the browser when the element is given debts.
  { name: 'repayment-plan', className: 'RegieRepaymentPlan', budgetKiB: 18 },
  // My data in a company's portal: see, download, correct, forward.
  { name: 'my-data', className: 'RegieMyData', budgetKiB: 18 },
  // Fetch into an application: the form's question, fetched from the source or proved by hand.
  { name: 'data-fetch', className: 'RegieDataFetch', budgetKiB: 18 },
  // Payment arrangements in a debt-help app: proposals, status, schedule with an EPC QR code per instalment.
  { name: 'arrangement', className: 'RegieArrangement', budgetKiB: 18 },
];

/** Every element at once, as one module script; the planner makes it the largest, my data added 8 kB, data fetch 4 kB, arrangements 3 kB; the call button's Yivi client, the account page's decisions and the passkey library went to lazily loaded modules (-12 kB). */
export const CDN_BUDGET_KIB = 76;

export const tagOf = (element) => `regie-${element.name}`;
