/**
 * The decisions a decision page shows besides signing in and connecting
 * (consent, my data's correction and forward, a fetch into an application, a
 * payment arrangement) with their texts: a third of the account page's code,
 * which its other pages never use. A decision page loads it while it asks the
 * server for the flow, so it costs no extra round trip.
 */
export { ConsentDecision } from './consent-decision.js';
export { FetchDecision } from './fetch-decision.js';
export { MyDataDecision } from './my-data-decision.js';
export { ArrangementDecision } from './arrangement-decision.js';
export { fetchDecisionMessages } from './fetch-decision.messages.js';
export { arrangementDecisionMessages } from './arrangement-decision.messages.js';
export { myDataDecisionMessages } from './my-data-decision.messages.js';
export { consentMessages } from '../shared/account/consent.messages.js';
