import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { PartyClient } from '@regiekit/sdk/party';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import { demoAppPage, dutchDate, euro } from './demo-app-page.js';
import {
  DEMO_PROVIDERS,
  DEMO_TENANT,
  partyCredentialOf,
  paymentDueListService,
  type DemoCustomer,
  type DemoProvider,
} from './demo-parties.js';
import { creditorOperations } from './creditor-operations.js';
import { DemoSessions } from './demo-session.js';
import { myDataDemo } from './my-data-demo.js';
import { arrangementsDemo } from './arrangements-demo.js';

export interface CreditorPortalOptions {
  serverOrigin: string;
  /** This site's own origin (for the operation endpoint it registers). */
  siteOrigin: string;
  cdnIntegrity: (file: string) => string;
  fetch?: typeof fetch;
}

const STAGES = { aanschrijving: 'Aanschrijving', herinnering: 'Herinnering', aanmaning: 'Aanmaning' } as const;

/**
 * A creditor's customer portal and the small backend behind it, for two demo
 * creditors. It has its own login (pick a demo customer); the backend holds
 * the provider credential and mints connect tokens for the signed-in
 * customer's own reference. The browser only ever sees the token's status token.
 */
export function createCreditorPortal(options: CreditorPortalOptions) {
  const app = new Hono();
  const clients = new Map(
    DEMO_PROVIDERS.map((provider) => [
      provider.id,
      new PartyClient({
        server: options.serverOrigin,
        tenant: DEMO_TENANT,
        credential: partyCredentialOf(provider),
        ...(options.fetch && { fetch: options.fetch }),
      }),
    ]),
  );
  const sessions = new Map(
    DEMO_PROVIDERS.map((provider) => [
      provider.id,
      new DemoSessions<{ customer: DemoCustomer }>(`demo_portal_${provider.id.replace(/-/g, '_')}`),
    ]),
  );

  const providerOf = (c: Context): DemoProvider | undefined =>
    DEMO_PROVIDERS.find((p) => p.id === c.req.param('provider'));
  const frameWith = (
    provider: DemoProvider,
    title: string,
    body: Parameters<typeof demoAppPage>[1],
    bundles: string[],
  ) =>
    demoAppPage(title, body, {
      siteName: `${provider.name.nl} – Mijn ${provider.name.nl}`,
      stylesheet: '/creditor-portal/portal.css',
      scripts: bundles.map((file) => ({
        src: `${options.serverOrigin}/cdn/${file}`,
        integrity: options.cdnIntegrity(file),
      })),
    });
  const frame = (provider: DemoProvider, title: string, body: ReturnType<typeof html>, withElement = false) =>
    frameWith(provider, title, body, withElement ? ['regie-connect-token.js'] : []);

  // Demo Energie also shows its customers their data ("Mijn gegevens") and answers their corrections.
  const energie = DEMO_PROVIDERS.find((provider) => provider.id === 'demo-energie')!;
  const myData = myDataDemo({
    serverOrigin: options.serverOrigin,
    provider: energie,
    customerOf: (c) => sessions.get(energie.id)!.get(c)?.customer,
    frame: (title, body, bundles = []) => frameWith(energie, title, body, bundles),
    cdnIntegrity: options.cdnIntegrity,
    ...(options.fetch && { fetch: options.fetch }),
  });
  myData.register(app);
  // Both creditors take payment arrangements: a signed policy, an answer at once within it, a staff review page.
  const arrangements = arrangementsDemo({
    serverOrigin: options.serverOrigin,
    providers: DEMO_PROVIDERS,
    clients,
    frame: (provider, title, body) => frame(provider, title, body),
    ...(options.fetch && { fetch: options.fetch }),
  });
  arrangements.register(app);

  const loginForm = (provider: DemoProvider, next: string, token?: string) => html`
    <form method="post" action="/creditor-portal/${provider.id}/login" class="card">
      <p>Dit is de eigen inlog van ${provider.name.nl} (demo: kies een klant).</p>
      <label for="customer">Klant</label>
      <select id="customer" name="customer">
        ${provider.customers.map((customer) => html`<option value="${customer.ref}">${customer.name} (${customer.ref})</option>`)}
      </select>
      <input type="hidden" name="next" value="${next}" />
      ${token ? html`<input type="hidden" name="token" value="${token}" />` : ''}
      <button type="submit">Inloggen</button>
    </form>`;

  app.get('/', (c) =>
    c.html(
      demoAppPage(
        'Schuldeisers',
        html`<h1>Demo-schuldeisers</h1>
          <ul>
            ${DEMO_PROVIDERS.map((p) => html`<li><a href="/creditor-portal/${p.id}/">${p.name.nl}</a></li>`)}
          </ul>`,
        { siteName: 'regiekit demo', stylesheet: '/creditor-portal/portal.css' },
      ),
    ),
  );

  // Provider ids are slugs: /creditor-portal/portal.css is the stylesheet, not a provider.
  app.get('/:provider{[a-z0-9-]+}', (c) => {
    const provider = providerOf(c);
    if (!provider) return c.notFound();
    const session = sessions.get(provider.id)!.get(c);
    if (!session)
      return c.html(
        frame(provider, 'Inloggen', html`<h1>Inloggen bij ${provider.name.nl}</h1>${loginForm(provider, 'home')}`),
      );
    const { customer } = session;
    const total = customer.debts.reduce((sum, debt) => sum + debt.amountCents, 0);
    return c.html(
      frame(
        provider,
        'Mijn overzicht',
        html`<h1>Welkom, ${customer.name}</h1>
          <section aria-labelledby="debts">
            <h2 id="debts">Openstaande betalingen</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="debts"><table>
              <thead><tr><th scope="col">Omschrijving</th><th scope="col">Bedrag</th><th scope="col">Vervaldatum</th><th scope="col">Stadium</th></tr></thead>
              <tbody>
                ${customer.debts.map((d) => html`<tr><td>${d.description}</td><td>${euro(d.amountCents)}</td><td>${dutchDate(d.dueDate)}</td><td>${STAGES[d.stage]}</td></tr>`)}
              </tbody>
              <tfoot><tr><th scope="row">Totaal</th><td>${euro(total)}</td><td></td><td></td></tr></tfoot>
            </table></div>
          </section>
          <section aria-labelledby="connect">
            <h2 id="connect">Koppelen met uw schuldhulp-app</h2>
            <p>Scan de code met uw telefoon en bevestig met uw passkey. Uw schuldhulp-app kan dan, als u dat later toestaat, deze gegevens ophalen.</p>
            <regie-connect-token server="${options.serverOrigin}" tenant="${DEMO_TENANT}" mint-url="/creditor-portal/${provider.id}/api/connect-token"></regie-connect-token>
          </section>
          ${
            provider.id === energie.id
              ? html`<section aria-labelledby="my-data">
                  <h2 id="my-data">Mijn gegevens</h2>
                  <p>Bekijk wat wij over u bewaren en waarom, download het, vraag een correctie of stuur het door. <a href="/creditor-portal/${provider.id}/mijn-gegevens">Naar mijn gegevens</a></p>
                </section>`
              : ''
          }
          <p class="muted">Medewerkers: <a href="/creditor-portal/${provider.id}/medewerkers/regelingen">betalingsregelingen beoordelen</a>.</p>
          <form method="post" action="/creditor-portal/${provider.id}/logout"><button type="submit" class="secondary">Uitloggen</button></form>`,
        true,
      ),
    );
  });

  app.post('/:provider/login', async (c) => {
    const provider = providerOf(c);
    if (!provider) return c.notFound();
    const form = await c.req.parseBody();
    const customer = provider.customers.find((candidate) => candidate.ref === form.customer);
    if (!customer) return c.text('Unknown customer', 400);
    sessions.get(provider.id)!.set(c, { customer });
    const token = typeof form.token === 'string' ? form.token : '';
    return c.redirect(
      form.next === 'connect' && token
        ? `/creditor-portal/${provider.id}/connect?token=${encodeURIComponent(token)}`
        : `/creditor-portal/${provider.id}/`,
      303,
    );
  });

  app.post('/:provider/logout', (c) => {
    const provider = providerOf(c);
    if (!provider) return c.notFound();
    sessions.get(provider.id)!.clear(c);
    return c.redirect(`/creditor-portal/${provider.id}/`, 303);
  });

  // The portal backend: mints a token for the signed-in customer with the provider credential.
  app.post('/:provider/api/connect-token', async (c) => {
    const provider = providerOf(c);
    const session = provider && sessions.get(provider.id)!.get(c);
    if (!provider || !session) return c.json({ error: { code: 'unauthorized', message: 'Log in first.' } }, 401);
    if (c.req.header('Origin') !== new URL(c.req.url).origin)
      return c.json({ error: { code: 'forbidden', message: 'Cross-site request refused.' } }, 403);
    c.header('Cache-Control', 'no-store');
    return c.json(await clients.get(provider.id)!.mintConnectToken(session.customer.ref), 201);
  });

  // Link flow: the debt app sent the user here with a token; after our own login we redeem it.
  app.get('/:provider/connect', (c) => {
    const provider = providerOf(c);
    if (!provider) return c.notFound();
    const token = c.req.query('token') ?? '';
    const session = sessions.get(provider.id)!.get(c);
    if (!session)
      return c.html(
        frame(provider, 'Inloggen', html`<h1>Inloggen om te koppelen</h1>${loginForm(provider, 'connect', token)}`),
      );
    return c.html(
      frame(
        provider,
        'Koppelen',
        html`<h1>Klantaccount koppelen</h1>
          <p>U bent ingelogd als ${session.customer.name}. Wilt u dit klantaccount koppelen aan uw regie-account? ${provider.name.nl} geeft alleen een eigen klantreferentie door, geen naam of BSN.</p>
          <form method="post" action="/creditor-portal/${provider.id}/connect">
            <input type="hidden" name="token" value="${token}" />
            <button type="submit">Koppelen</button>
          </form>`,
      ),
    );
  });

  app.post('/:provider/connect', async (c) => {
    const provider = providerOf(c);
    const session = provider && sessions.get(provider.id)!.get(c);
    if (!provider || !session) return c.redirect('/creditor-portal/', 303);
    const form = await c.req.parseBody();
    try {
      // The return URL comes from the server's answer, never from the query: no open redirect.
      const { returnUrl } = await clients
        .get(provider.id)!
        .redeemConnectToken(String(form.token ?? ''), session.customer.ref);
      return c.redirect(returnUrl, 303);
    } catch (error) {
      // The API's message is for developers; the customer reads the code's Dutch text.
      const message = errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl');
      return c.html(
        frame(provider, 'Koppelen mislukt', html`<h1>Koppelen mislukt</h1><p role="alert">${message}</p>`),
        400,
      );
    }
  });

  // The operation endpoint the server calls for consented data (registered in the catalogue below).
  for (const provider of DEMO_PROVIDERS) {
    app.post(
      `/${provider.id}/operations`,
      creditorOperations({
        serverOrigin: options.serverOrigin,
        provider,
        client: clients.get(provider.id)!,
        ...(provider.id === energie.id && { issue: myData.issue }),
        arrangement: arrangements.answer(provider),
      }),
    );
  }

  /** Registers both demo creditors' payment-due list in the catalogue, through the API as any provider would. */
  const registerServices = async () => {
    for (const provider of DEMO_PROVIDERS) {
      const endpoint = `${options.siteOrigin}/creditor-portal/${provider.id}/operations`;
      await clients.get(provider.id)!.registerService(paymentDueListService(endpoint));
      if (provider.id === energie.id)
        for (const category of myData.registerCategories(endpoint))
          await clients.get(provider.id)!.registerService(category);
    }
    await arrangements.registerServices(
      (provider) => `${options.siteOrigin}/creditor-portal/${provider.id}/operations`,
    );
  };

  return Object.assign(app, { registerServices });
}
