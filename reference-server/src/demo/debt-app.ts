import { Hono } from 'hono';
import { html } from 'hono/html';
import * as oauth from 'oauth4webapi';
import { PartyClient } from '@regiekit/sdk/party';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import { randomToken } from '../crypto/random.js';
import { demoAppPage } from './demo-app-page.js';
import { DEMO_CONSUMER, DEMO_TENANT } from './demo-parties.js';
import { mountDebtAppConsent, type ConsentSessionPart } from './debt-app-consent.js';
import { DemoSessions } from './demo-session.js';
import { mountDebtAppArrangements, type ArrangementSessionPart } from './debt-app-arrangements.js';

export interface DebtAppOptions {
  serverOrigin: string;
  siteOrigin: string;
  cdnIntegrity: (file: string) => string;
  fetch?: typeof fetch;
}

interface DebtAppSession extends ConsentSessionPart, ArrangementSessionPart {
  /** The pseudonym regiekit gave this app for the user: all the app knows of them. */
  sub?: string;
  pending?: { state: string; verifier: string };
  connectState?: string;
  flash?: string;
}

/**
 * "Demo Schuldhulp", a debt-help app (a consumer). Its backend signs the user
 * in with their regie account through a standard OAuth client (oauth4webapi:
 * PAR, PKCE, code exchange), shows the catalogue and starts connections by
 * link; it never learns who the user is, only its own pseudonym.
 */
export function createDebtApp(options: DebtAppOptions) {
  const app = new Hono();
  const sessions = new DemoSessions<DebtAppSession>('demo_debt_app');
  const api = new PartyClient({
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    credential: { partyId: DEMO_CONSUMER.id, clientSecret: DEMO_CONSUMER.clientSecret },
    ...(options.fetch && { fetch: options.fetch }),
  });
  const issuer = new URL(`${options.serverOrigin}/oauth/${DEMO_TENANT}`);
  const redirectUri = `${options.siteOrigin}/debt-app/callback`;
  const client: oauth.Client = { client_id: DEMO_CONSUMER.id };
  const clientAuth = oauth.ClientSecretBasic(DEMO_CONSUMER.clientSecret);
  // The demo server runs on http://localhost; a real deployment has https and drops this.
  const requestOptions = {
    [oauth.allowInsecureRequests]: options.serverOrigin.startsWith('http:'),
    ...(options.fetch && { [oauth.customFetch]: options.fetch }),
  };
  let metadata: oauth.AuthorizationServer | undefined;
  const authorizationServer = async () =>
    (metadata ??= await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...requestOptions }),
    ));

  const consent = mountDebtAppConsent(app, {
    serverOrigin: options.serverOrigin,
    siteOrigin: options.siteOrigin,
    sessions,
  });
  const arrangements = mountDebtAppArrangements(app, {
    serverOrigin: options.serverOrigin,
    sessions,
    party: api,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const cdnScript = (file: string) => ({
    src: `${options.serverOrigin}/cdn/${file}`,
    integrity: options.cdnIntegrity(file),
  });
  /** `elements`: the CDN bundles the page needs; with any, the page script comes too. */
  const frame = (title: string, body: ReturnType<typeof html>, elements: string[] = []) =>
    demoAppPage(title, body, {
      siteName: 'Demo Schuldhulp',
      stylesheet: '/debt-app/debt-app.css',
      ...(elements.length > 0 && { scripts: elements.map(cdnScript), pageScript: '/debt-app/debt-app.js' }),
    });
  const button = (action: string, label: string, fields: Record<string, string> = {}, secondary = false) =>
    html`<form method="post" action="${action}" class="inline">
      ${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
      <button type="submit" class="${secondary ? 'secondary' : ''}">${label}</button>
    </form>`;

  app.get('/', async (c) => {
    const session = sessions.get(c);
    const flash = session?.flash;
    if (session?.flash) sessions.set(c, { ...session, flash: undefined });
    const notice = flash ? html`<p role="status" class="notice">${flash}</p>` : '';
    if (!session?.sub) {
      return c.html(
        frame(
          'Welkom',
          html`<h1>Demo Schuldhulp</h1>${notice}
            <p>Wij helpen u overzicht te krijgen over uw schulden. U logt in met uw regie-account: wij krijgen dan alleen een pseudoniem, niet uw naam of BSN.</p>
            ${button('/debt-app/login', 'Inloggen met regie')}`,
        ),
      );
    }
    const [catalogue, connections] = await Promise.all([api.catalogue(), api.userConnections(session.sub)]);
    const active = connections.connections.filter((connection) => connection.status === 'active');
    const debts = active.length > 0 ? await consent.section(session) : undefined;
    const arrangementsPart = debts?.withPlan ? await arrangements.section(session) : undefined;
    return c.html(
      frame(
        'Mijn schuldeisers',
        html`<h1>Mijn schuldeisers</h1>${notice}
          <p class="muted">Wij kennen u als <code>${session.sub.slice(0, 10)}…</code> (pseudoniem).</p>
          <section aria-labelledby="connections">
            <h2 id="connections">Gekoppeld</h2>
            ${
              active.length === 0
                ? html`<p>Nog geen koppelingen.</p>`
                : html`<ul class="connections">
                  ${active.map(
                    (connection) =>
                      html`<li><span>${connection.provider.displayName.nl}</span> ${button('/debt-app/disconnect', `Ontkoppelen van ${connection.provider.displayName.nl}`, { connectionId: connection.connectionId }, true)}</li>`,
                  )}
                </ul>`
            }
          </section>
          <section aria-labelledby="catalogue">
            <h2 id="catalogue">Schuldeisers die gegevens aanbieden</h2>
            <ul class="providers">
              ${catalogue.providers.map((provider) => {
                const services = catalogue.services
                  .filter((service) => service.providers.some((p) => p.id === provider.id))
                  .map((service) => service.title.nl);
                const connected = active.some((connection) => connection.provider.id === provider.id);
                return html`<li>
                  <strong>${provider.displayName.nl}</strong> <span class="muted">${services.join(', ') || 'nog geen diensten'}</span>
                  ${connected ? html`<span class="badge">gekoppeld</span>` : button('/debt-app/connect', `Koppelen met ${provider.displayName.nl}`, { provider: provider.id })}
                </li>`;
              })}
            </ul>
            <p>Of koppel via de QR-code in het klantportaal van uw schuldeiser (bijvoorbeeld <a href="/creditor-portal/demo-zorg/">Demo Zorgverzekeraar</a>).</p>
          </section>
          ${debts?.body ?? ''}
          ${arrangementsPart ?? ''}
          <p><a href="${options.serverOrigin}/u/${DEMO_TENANT}/account">Uw regie-account beheren</a> (passkeys en koppelingen)</p>
          ${button('/debt-app/logout', 'Uitloggen', {}, true)}`,
        [
          'regie-consent-dialog.js',
          ...(debts?.withPlan ? ['regie-repayment-plan.js'] : []),
          ...(arrangementsPart ? ['regie-arrangement.js'] : []),
        ],
      ),
    );
  });

  app.post('/login', async (c) => {
    const as = await authorizationServer();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const parameters = new URLSearchParams({
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'connect',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const pushed = await oauth.processPushedAuthorizationResponse(
      as,
      client,
      await oauth.pushedAuthorizationRequest(as, client, clientAuth, parameters, requestOptions),
    );
    sessions.set(c, { pending: { state, verifier } });
    const authorize = new URL(as.authorization_endpoint!);
    authorize.searchParams.set('client_id', client.client_id);
    authorize.searchParams.set('request_uri', pushed.request_uri);
    return c.redirect(authorize.toString(), 303);
  });

  app.get('/callback', async (c) => {
    const pending = sessions.get(c)?.pending;
    if (!pending) return c.redirect('/debt-app/', 303);
    const as = await authorizationServer();
    try {
      const callback = oauth.validateAuthResponse(as, client, new URL(c.req.url, options.siteOrigin), pending.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        callback,
        redirectUri,
        pending.verifier,
        requestOptions,
      );
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
      sessions.set(c, { sub: String(tokens.sub), flash: 'U bent ingelogd met uw regie-account.' });
    } catch {
      sessions.set(c, { flash: 'Inloggen is niet gelukt of afgebroken.' });
    }
    return c.redirect('/debt-app/', 303);
  });

  app.post('/connect', async (c) => {
    const session = sessions.get(c);
    if (!session?.sub) return c.redirect('/debt-app/', 303);
    const form = await c.req.parseBody();
    const state = randomToken();
    const created = await api.createConnectRequest({
      providerId: String(form.provider ?? ''),
      sub: session.sub,
      returnUrl: `${options.siteOrigin}/debt-app/connected`,
      state,
    });
    sessions.set(c, { ...session, connectState: state });
    return c.redirect(created.startUrl, 303);
  });

  app.get('/connected', (c) => {
    const session = sessions.get(c);
    if (!session?.sub) return c.redirect('/debt-app/', 303);
    // The state binds the return to the request this session started.
    const ok = session.connectState !== undefined && c.req.query('state') === session.connectState;
    const flash = !ok
      ? 'Deze terugkeer hoort niet bij uw koppelverzoek.'
      : c.req.query('result') === 'connected'
        ? 'De koppeling is gemaakt.'
        : 'Er is niets gekoppeld.';
    sessions.set(c, { ...session, connectState: undefined, flash });
    return c.redirect('/debt-app/', 303);
  });

  app.post('/disconnect', async (c) => {
    const session = sessions.get(c);
    if (!session?.sub) return c.redirect('/debt-app/', 303);
    const form = await c.req.parseBody();
    try {
      await api.endUserConnection(session.sub, String(form.connectionId ?? ''));
      sessions.set(c, { ...session, flash: 'De koppeling is beëindigd.' });
    } catch (error) {
      sessions.set(c, { ...session, flash: errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl') });
    }
    return c.redirect('/debt-app/', 303);
  });

  app.post('/logout', (c) => {
    sessions.clear(c);
    return c.redirect('/debt-app/', 303);
  });

  return app;
}
