import { html } from 'hono/html';
import type { AppConfig } from '../config/resolve-config.js';
import { page } from '../http/html.js';

/** The first page a newcomer sees after `npm start`: where each part of the demo lives. */
export function demoLanding(config: AppConfig, examplesOrigin: string) {
  const tenants = config.tenants.map(
    (t) => html`<li>${t.displayName} (<code>${t.id}</code>), number ${t.phoneNumber}</li>`,
  );
  return page(
    'regiekit demo',
    html`<h1>regiekit demo server</h1>
      <p>Everything runs on this machine: the reference server, a demo Yivi (IRMA) server and a switchboard simulator.</p>
      <ol>
        <li><a href="${examplesOrigin}/municipal/">Municipal page with the call button</a> (served from a second origin)</li>
        <li><a href="/demo/irma/wallet">Demo Yivi wallet</a>: disclose test attributes to the session the button started</li>
        <li><a href="/demo/switchboard">Switchboard simulator</a>: "call" with the code the button shows</li>
        <li><a href="/agent">Agent console</a>: the caller appears live; take the call, end it, and the data is gone</li>
        <li><a href="/admin">Admin</a>: create agent accounts, reset passwords, read the audit log</li>
      </ol>
      <h2>Creditor connect, consent and data reuse</h2>
      <ol>
        <li><a href="${examplesOrigin}/debt-app/">Demo Schuldhulp</a>, a debt-help app: sign in with a passkey, connect creditors, ask consent, fetch verified debts</li>
        <li>Creditor portals with a QR connect code: <a href="${examplesOrigin}/creditor-portal/demo-energie/">Demo Energie</a> and <a href="${examplesOrigin}/creditor-portal/demo-zorg/">Demo Zorgverzekeraar</a></li>
        <li><a href="/u/nijmegen/account">Your regie account</a> (passkeys, connections) and <a href="/u/nijmegen/consents">your consents</a> (use log, receipts, revoke)</li>
      </ol>
      <h2>My data (GDPR self-service)</h2>
      <ol>
        <li><a href="${examplesOrigin}/creditor-portal/demo-energie/mijn-gegevens">Mijn gegevens at Demo Energie</a> (log in as a demo customer first): what the company keeps and why, a signed download, ask for a correction, forward your contract</li>
        <li><a href="${examplesOrigin}/creditor-portal/demo-energie/medewerkers/correcties">Demo Energie staff page</a>: accept or refuse the corrections customers sent</li>
        <li><a href="${examplesOrigin}/woningcorporatie/">Demo Woningcorporatie</a>: receives a forwarded energy contract and shows it verified</li>
        <li><a href="${examplesOrigin}/bijstand/">Aanvraag bijzondere bijstand, Gemeente Nijmegen</a>: fetch your rent-allowance payments from Demo Toeslagen (a third site, Yivi for the BSN), see them before they are added, or add proof yourself; <a href="${examplesOrigin}/bijstand/medewerker">the caseworker's page</a> checks what was sent</li>
      </ol>
      <h2>Repayment planner</h2>
      <ul>
        <li><a href="${examplesOrigin}/repayment-planner/">Repayment planner</a>: type a few debts and see in which order to pay them (the plan is made in the browser)</li>
        <li>In Demo Schuldhulp, after fetching the debts with consent: a payment plan of the fetched debts</li>
      </ul>
      <p>Passkeys without a phone: in Chrome or Chromium, DevTools → More tools → WebAuthn → enable the virtual authenticator environment and add an authenticator.</p>
      <p>There are no default accounts. Create the first administrator of a tenant with
        <code>npm run create-admin -- --demo --tenant nijmegen --username beheerder</code>
        (it asks for a password), sign in at <a href="/admin">/admin</a> and create agents there.</p>
      <h2>Tenants</h2>
      <ul>${tenants}</ul>
      <p><a href="/openapi.json">OpenAPI document</a> · <a href="/healthz">health</a></p>`,
  );
}
