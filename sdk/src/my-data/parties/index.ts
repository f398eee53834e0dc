/**
 * My data for the backends of parties: the company's
 * ({@link MyDataCompanyClient}: view tokens for `<regie-my-data>`, and the
 * corrections its customers ask for; the data itself is signed with
 * `SignedDataIssuer` of `@regiekit/sdk/signed-data`) and the recipient's of
 * forwarded data ({@link ForwardedDataClient}). Node or any server runtime:
 * these hold party credentials, which never reach a browser.
 * @module @regiekit/sdk/my-data/parties
 */
export { MyDataCompanyClient } from './company-client.js';
export { ForwardedDataClient, type VerifiedForward } from './forwarded-data-client.js';
