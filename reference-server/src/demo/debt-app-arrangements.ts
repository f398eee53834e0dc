import type { Hono } from 'hono';
import { html } from 'hono/html';
import {
  ArrangementsClient,
  proposeArrangements,
  verifyAcceptancePolicy,
  type CreditorArrangement,
} from '@regiekit/sdk/arrangements';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import type { PartyClient } from '@regiekit/sdk/party';
import { planRepayment } from '@regiekit/sdk/plan';
import type { AcceptancePolicy, ArrangementView, SignedAcceptancePolicy } from '@regiekit/sdk/protocol';
import { jsonDataBlock } from './demo-app-page.js';
import { planInputFrom, type FetchedDebts } from './debt-plan.js';
import { DEMO_CONSUMER, DEMO_TENANT } from './demo-parties.js';
import type { DemoSessions } from './demo-session.js';

export interface ArrangementSessionPart {
  sub?: string;
  debts?: FetchedDebts[];
  /** Per creditor (provider id): the arrangement this session asked for. */
  arrangements?: Record<string, string>;
  flash?: string;
}

/** What each arrangement event says to the debtor. */
const EVENT_TEXT: Record<string, (instalment?: number) => string> = {
  'arrangement.requested': () => 'aangevraagd',
  'arrangement.accepted': () => 'geaccepteerd',
  'arrangement.countered': () => 'tegenvoorstel ontvangen',
  'arrangement.refused': () => 'afgewezen',
  'arrangement.active': () => 'de regeling loopt',
  'arrangement.instalment-paid': (n) => `termijn ${n} betaald`,
  'arrangement.missed': (n) => `termijn ${n} gemist`,
  'arrangement.lapsed': (n) => `termijn ${n} gemist, de regeling is vervallen`,
  'arrangement.completed': () => 'afgerond',
};

/** States in which a creditor has an arrangement going: no second request is proposed. */
const GOING = new Set(['requested', 'countered', 'accepted', 'active', 'missed']);

/**
 * Demo Schuldhulp's "Regeling aanvragen": after the consented fetch and the
 * plan, the backend reads each creditor's signed policy, checks it against
 * the creditor's keys, and turns the plan into one proposal per creditor
 * with the SDK (the same function the creditor decides with). The debtor asks
 * with a click and confirms on regiekit's page with the passkey; the app
 * then follows each arrangement: its state, schedule and payment QR codes.
 */
export function mountDebtAppArrangements<S extends ArrangementSessionPart>(
  app: Hono,
  options: { serverOrigin: string; sessions: DemoSessions<S>; party: PartyClient; fetch?: typeof fetch },
) {
  const { sessions } = options;
  const api = new ArrangementsClient({
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    credential: { partyId: DEMO_CONSUMER.id, clientSecret: DEMO_CONSUMER.clientSecret },
    ...(options.fetch && { fetch: options.fetch }),
  });
  const fetchImpl =
    options.fetch ?? ((input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init));

  /** Every creditor's current policy, each checked against that creditor's published keys. */
  const verifiedPolicies = async (): Promise<Map<string, SignedAcceptancePolicy & { checked: AcceptancePolicy }>> => {
    const verified = new Map<string, SignedAcceptancePolicy & { checked: AcceptancePolicy }>();
    for (const entry of (await api.policies()).policies) {
      try {
        const jwks = (await (await fetchImpl(entry.jwksUrl)).json()) as { keys: [] };
        const { policy } = await verifyAcceptancePolicy(entry.policy, jwks, { providerId: entry.providerId });
        verified.set(entry.providerId, { ...entry.policy, checked: policy });
      } catch {
        // A policy that does not verify is not used: that creditor's requests go to its staff.
      }
    }
    return verified;
  };

  /** The session's arrangements, per creditor (provider id), as the server has them now. */
  const viewsOf = async (session: S): Promise<[string, ArrangementView][]> => {
    const views: [string, ArrangementView][] = [];
    for (const [providerId, arrangementId] of Object.entries(session.arrangements ?? {})) {
      const view = await api.arrangement(arrangementId).catch(() => undefined);
      if (view) views.push([providerId, view]);
    }
    return views;
  };

  /** One proposal per creditor without an arrangement going; those going take their share of the room first. */
  const proposalsFor = async (debts: FetchedDebts[], views: [string, ArrangementView][]) => {
    const input = planInputFrom(debts, new Date());
    if (input.debts.length === 0) return undefined;
    const policies = await verifiedPolicies();
    const byName: Record<string, AcceptancePolicy> = {};
    const booked: Record<string, ArrangementView['proposal']> = {};
    for (const source of debts) {
      const policy = policies.get(source.providerId);
      if (policy) byName[source.providerName] = policy.checked;
      const going = views.find(([providerId, view]) => providerId === source.providerId && GOING.has(view.state));
      if (going) booked[source.providerName] = going[1].proposal;
    }
    const plan = planRepayment(input, { effort: 2_000 });
    return { proposals: proposeArrangements(plan, input, byName, { booked }), policies };
  };

  /** The app's own request to regiekit: the proposal recomputed here, never taken from the page. */
  const ask = async (session: S, providerId: string) => {
    const made = await proposalsFor(session.debts ?? [], await viewsOf(session));
    const creditor = made?.proposals.creditors.find((candidate) => candidate.debtIds.includes(providerId));
    const signed = made?.policies.get(providerId);
    if (!creditor?.proposal || !signed) throw new RegieApiError(422, 'policy_rejected', 'no proposal');
    const connection = (await options.party.userConnections(session.sub!)).connections.find(
      (candidate) => candidate.provider.id === providerId && candidate.status === 'active',
    );
    if (!connection) throw new RegieApiError(404, 'not_found', 'connection');
    const { checked: _checked, ...policy } = signed;
    return api.request({
      sub: session.sub!,
      connectionId: connection.connectionId,
      policy,
      proposal: creditor.proposal,
      presentedAs: creditor.status === 'accepted-in-advance' ? 'accepted-in-advance' : 'needs-review',
    });
  };

  // For the page script: asks for the creditor's arrangement; the page opens startUrl beside itself.
  app.post('/api/arrangement', async (c) => {
    const session = sessions.get(c);
    if (!session?.sub) return c.json({ error: { code: 'unauthorized', message: 'Sign in first.' } }, 401);
    if (c.req.header('Origin') !== new URL(c.req.url).origin)
      return c.json({ error: { code: 'forbidden', message: 'Cross-site request refused.' } }, 403);
    const { providerId } = (await c.req.json().catch(() => ({}))) as { providerId?: string };
    try {
      const started = await ask(session, String(providerId ?? ''));
      sessions.set(c, {
        ...session,
        arrangements: { ...session.arrangements, [String(providerId)]: started.arrangementId },
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ startUrl: started.startUrl });
    } catch (error) {
      const code = error instanceof RegieApiError ? error.code : 'internal';
      sessions.set(c, { ...session, flash: `Aanvragen is niet gelukt. ${errorText(code, 'nl')}` });
      return c.json({ error: { code, message: 'failed' } }, error instanceof RegieApiError ? 400 : 502);
    }
  });

  // Without JavaScript: the same request, and a top-level visit to regiekit's page.
  app.post('/arrangement', async (c) => {
    const session = sessions.get(c);
    if (!session?.sub) return c.redirect('/debt-app/', 303);
    const providerId = String((await c.req.parseBody()).providerId ?? '');
    try {
      const started = await ask(session, providerId);
      sessions.set(c, { ...session, arrangements: { ...session.arrangements, [providerId]: started.arrangementId } });
      return c.redirect(started.startUrl, 303);
    } catch (error) {
      const code = error instanceof RegieApiError ? error.code : 'internal';
      sessions.set(c, { ...session, flash: `Aanvragen is niet gelukt. ${errorText(code, 'nl')}` });
      return c.redirect('/debt-app/', 303);
    }
  });

  /** The arrangements section of the home page, once the debts are fetched: proposals and what was asked. */
  const section = async (session: S) => {
    const debts = session.debts ?? [];
    if (debts.length === 0) return undefined;
    const views = await viewsOf(session);
    const open = (await proposalsFor(debts, views))?.proposals;
    // What the server told this app about the debtor's arrangements (its event feed; the demo reads it whole).
    const names = new Map(views.map(([, view]) => [view.arrangementId, view.provider.displayName.nl]));
    const events = (await options.party.events(undefined, 500)).events
      .filter((event) => event.data.sub === session.sub && names.has(event.data.arrangementId ?? ''))
      .slice(-8)
      .reverse();
    const fallback = (creditor: CreditorArrangement) =>
      creditor.proposal
        ? html`<form method="post" action="/debt-app/arrangement" class="inline">
            <input type="hidden" name="providerId" value="${creditor.debtIds[0]}" />
            <button type="submit">Regeling aanvragen bij ${creditor.creditor}</button>
          </form>`
        : html`<p>${creditor.creditor}: ${creditor.note?.nl ?? ''}</p>`;
    return html`<section aria-labelledby="arrangements">
      <h2 id="arrangements">Regelingen</h2>
      <p>Per schuldeiser een regeling die past bij het betaalplan en bij het bedrag dat u per maand kunt missen. U ziet vooraf of de schuldeiser haar meteen accepteert.</p>
      ${views.map(
        ([providerId, view]) => html`${jsonDataBlock(`arrangement-${providerId}`, view)}
          <regie-arrangement data-source="arrangement-${providerId}" data-kind="arrangement"></regie-arrangement>`,
      )}
      ${
        open && open.creditors.length > 0
          ? html`${jsonDataBlock('arrangement-proposals', open)}
            <regie-arrangement data-source="arrangement-proposals" data-kind="proposals">
              ${open.creditors.map(fallback)}
            </regie-arrangement>`
          : ''
      }
      ${
        events.length > 0
          ? html`<h3>Berichten over uw regelingen</h3>
            <ul class="events">
              ${events.map(
                (event) =>
                  html`<li>${names.get(event.data.arrangementId!)}: ${EVENT_TEXT[event.type]?.(event.data.instalment) ?? event.type}</li>`,
              )}
            </ul>`
          : ''
      }
    </section>`;
  };

  return { section };
}
