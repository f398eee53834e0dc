import type { Hono } from 'hono';
import { html } from 'hono/html';
import { ConsentClient, PayloadVerificationError } from '@regiekit/sdk/consent';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import type { ConsumerConsent } from '@regiekit/sdk/protocol';
import type { PlanInput } from '@regiekit/sdk/plan';
import { randomToken } from '../crypto/random.js';
import { dutchDate, euro, jsonDataBlock } from './demo-app-page.js';
import { DEFAULT_MONTHLY_ROOM_CENTS, planInputFrom } from './debt-plan.js';
import { DEMO_CONSUMER, DEMO_TENANT, PAYMENT_DUE_LIST } from './demo-parties.js';
import type { FetchedDebts } from './debt-plan.js';
import type { DemoSessions } from './demo-session.js';

export interface ConsentSessionPart {
  sub?: string;
  consentId?: string;
  debts?: FetchedDebts[];
  flash?: string;
}

const STAGES: Record<string, string> = {
  aanschrijving: 'Aanschrijving',
  herinnering: 'Herinnering',
  aanmaning: 'Aanmaning',
};
const STATES: Record<string, string> = {
  requested: 'gevraagd',
  accepted: 'gegeven',
  rejected: 'geweigerd',
  revoked: 'ingetrokken',
  expired: 'verlopen',
  used: 'gebruikt',
};

/**
 * The debt app's consent part: it asks consent for the payment-due list of the
 * user's creditors (the user picks which, on regiekit's page), fetches the
 * debts through the data references, and shows them only after the SDK has
 * checked each creditor's signature and the schema.
 */
export function mountDebtAppConsent<S extends ConsentSessionPart>(
  app: Hono,
  options: { serverOrigin: string; siteOrigin: string; sessions: DemoSessions<S> },
) {
  const { sessions } = options;
  const consents = new ConsentClient({
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    credential: { partyId: DEMO_CONSUMER.id, clientSecret: DEMO_CONSUMER.clientSecret },
  });

  const requestConsent = (sub: string) =>
    consents.requestConsent({
      sub,
      serviceType: PAYMENT_DUE_LIST,
      purpose: {
        code: 'debt-help.overview',
        text: {
          nl: 'Een overzicht van uw schulden maken, zodat wij met u een betaalplan kunnen opstellen.',
          en: 'Make an overview of your debts, so that we can draw up a payment plan with you.',
        },
      },
      fields: ['items', 'totalCents'],
      providers: 'user-choice',
      validUntil: new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString(),
      mode: 'recurring',
      returnUrl: `${options.siteOrigin}/debt-app/consented`,
      state: randomToken(),
    });

  // For the page script: the dialog gets the request; the statusToken only follows this one consent.
  app.post('/api/consent', async (c) => {
    const session = sessions.get(c);
    if (!session?.sub) return c.json({ error: { code: 'unauthorized', message: 'Sign in first.' } }, 401);
    if (c.req.header('Origin') !== new URL(c.req.url).origin)
      return c.json({ error: { code: 'forbidden', message: 'Cross-site request refused.' } }, 403);
    try {
      const requested = await requestConsent(session.sub);
      sessions.set(c, { ...session, consentId: requested.consentId, debts: undefined });
      c.header('Cache-Control', 'no-store');
      return c.json({
        consentId: requested.consentId,
        startUrl: requested.startUrl,
        statusToken: requested.statusToken,
      });
    } catch (error) {
      return c.json(
        { error: { code: 'upstream_unavailable', message: error instanceof Error ? error.message : 'failed' } },
        502,
      );
    }
  });

  // Without JavaScript: the same request, by a top-level redirect.
  app.post('/consent', async (c) => {
    const session = sessions.get(c);
    if (!session?.sub) return c.redirect('/debt-app/', 303);
    try {
      const requested = await requestConsent(session.sub);
      sessions.set(c, { ...session, consentId: requested.consentId, debts: undefined });
      return c.redirect(requested.startUrl, 303);
    } catch (error) {
      sessions.set(c, {
        ...session,
        flash: `Toestemming vragen is niet gelukt. ${errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl')}`,
      });
      return c.redirect('/debt-app/', 303);
    }
  });

  app.get('/consented', (c) => c.redirect('/debt-app/', 303));

  // The server's reason is English; this Dutch page names the state instead.
  const endedState = (consentId: string) =>
    consents.consent(consentId).then(
      (consent) => STATES[consent.state] ?? 'niet meer geldig',
      () => 'niet meer geldig',
    );

  app.post('/refresh', async (c) => {
    const session = sessions.get(c);
    if (!session?.sub || !session.consentId) return c.redirect('/debt-app/', 303);
    try {
      const consent = await consents.consent(session.consentId);
      const fetchedOn = new Date().toISOString().slice(0, 10);
      const debts = await Promise.all(
        consent.references.map(async (reference): Promise<FetchedDebts> => {
          const fetched = await consents.fetchVerified<{ items: FetchedDebts['items']; totalCents: number }>(
            reference.referenceId,
          );
          return {
            providerId: reference.provider.id,
            providerName: reference.provider.displayName.nl,
            items: fetched.data.items,
            totalCents: fetched.data.totalCents,
            keyId: fetched.keyId,
            fetchedOn,
          };
        }),
      );
      sessions.set(c, { ...session, debts, flash: 'De gegevens zijn opgehaald en gecontroleerd.' });
    } catch (error) {
      const flash =
        error instanceof PayloadVerificationError
          ? 'Een schuldeiser stuurde gegevens die niet door hem zijn ondertekend. Wij tonen ze niet.'
          : error instanceof RegieApiError && error.code === 'consent_not_active'
            ? `Ophalen kan niet meer: uw toestemming is ${await endedState(session.consentId)}. Vraag opnieuw toestemming als u dat wilt.`
            : `Ophalen is niet gelukt. ${errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl')}`;
      sessions.set(c, { ...session, debts: undefined, flash });
    }
    return c.redirect('/debt-app/', 303);
  });

  /**
   * The payment plan of the fetched debts. The page script hands the JSON
   * block to <regie-repayment-plan>, which plans in the browser, and shows
   * the field for the monthly room; without JavaScript the tables above
   * stay, and the element's fallback text says why there is no plan.
   */
  const planSection = (input: PlanInput) => html`<section aria-labelledby="plan">
    <h2 id="plan">Betaalplan</h2>
    <p>In welke volgorde u deze schuldeisers het best betaalt, zodat er zo min mogelijk kosten bijkomen.</p>
    ${jsonDataBlock('plan-input', input)}
    <form id="plan-room" class="plan-room" hidden>
      <label for="room">Bedrag per maand voor uw schulden, in euro</label>
      <div class="room-row">
        <input id="room" name="room" inputmode="decimal" autocomplete="off" value="${DEFAULT_MONTHLY_ROOM_CENTS / 100}" />
        <button type="submit">Plan berekenen</button>
      </div>
    </form>
    <regie-repayment-plan><p>Het betaalplan wordt in uw browser berekend. Daarvoor is JavaScript nodig.</p></regie-repayment-plan>
  </section>`;

  /** The debts section of the home page, followed by the payment plan once there are debts. */
  const section = async (session: ConsentSessionPart) => {
    let consent: ConsumerConsent | undefined;
    if (session.consentId) consent = await consents.consent(session.consentId).catch(() => undefined);
    const active = consent?.state === 'accepted';
    // Data fetched under a consent that has ended is not shown any more.
    const debts = active ? (session.debts ?? []) : [];
    // Only a consent in force can fetch: after a revocation the page says so and offers to ask again.
    // (A page rendered before the revocation still has the button; fetching then fails at once, with the reason.)
    const canFetch = active && (consent?.references.length ?? 0) > 0;
    const askButton = html`<form method="post" action="/debt-app/consent" data-consent class="inline"><button type="submit">Toestemming vragen</button></form>`;
    const plan = planInputFrom(debts, new Date());
    const withPlan = plan.debts.length > 0;
    const body = html`<section aria-labelledby="debts">
      <h2 id="debts">Uw schulden</h2>
      ${consent ? html`<p>Toestemming: <strong>${STATES[consent.state]}</strong>${active ? html` (bronnen: ${consent.references.map((r) => r.provider.displayName.nl).join(', ')})` : ''}.</p>` : ''}
      ${canFetch ? html`<form method="post" action="/debt-app/refresh" class="inline"><button type="submit">Gegevens ophalen</button></form>` : ''}
      ${
        active
          ? ''
          : html`<p>Wij vragen uw toestemming om uw betalingsachterstanden bij uw gekoppelde schuldeisers op te halen. U kiest zelf van wie, op de pagina van regie.</p>
            ${askButton}`
      }
      ${debts.map(
        (source) => html`<article class="source" aria-labelledby="source-${source.providerId}">
          <h3 id="source-${source.providerId}">${source.providerName}</h3>
          <p class="verified">✓ Geverifieerd: ondertekend door ${source.providerName}</p>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="items-${source.providerId}"><table>
            <caption id="items-${source.providerId}" class="visually-hidden">Openstaande posten bij ${source.providerName}</caption>
            <thead><tr><th scope="col">Omschrijving</th><th scope="col">Bedrag</th><th scope="col">Vervaldatum</th><th scope="col">Stadium</th></tr></thead>
            <tbody>
              ${source.items.map((item) => html`<tr><td>${item.description ?? ''}</td><td>${euro(item.amountCents)}</td><td>${dutchDate(item.dueDate)}</td><td>${STAGES[item.stage] ?? item.stage}</td></tr>`)}
            </tbody>
            <tfoot><tr><th scope="row">Totaal</th><td>${euro(source.totalCents)}</td><td></td><td></td></tr></tfoot>
          </table></div>
        </article>`,
      )}
      <p><a href="${options.serverOrigin}/u/${DEMO_TENANT}/consents">Uw toestemmingen bekijken of intrekken</a> (bij regie)</p>
      <regie-consent-dialog server="${options.serverOrigin}" tenant="${DEMO_TENANT}" same-window></regie-consent-dialog>
    </section>
    ${withPlan ? planSection(plan) : ''}`;
    return { body, withPlan };
  };

  return { section };
}
