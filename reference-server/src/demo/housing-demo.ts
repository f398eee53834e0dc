import { Hono } from 'hono';
import { html } from 'hono/html';
import { PartyClient } from '@regiekit/sdk/party';
import { ForwardedDataClient, type VerifiedForward } from '@regiekit/sdk/my-data/parties';
import { SignedDataVerificationError } from '@regiekit/sdk/signed-data';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import { demoAppPage } from './demo-app-page.js';
import { DEMO_TENANT } from './demo-parties.js';

/** Demo Woningcorporatie's credential; config/demo.json holds only its hash. Demo only: public. */
export const DEMO_HOUSING = {
  partyId: 'demo-woningcorporatie',
  clientSecret: 'demo-woningcorporatie-secret-not-for-production-2c8d',
};

const FIELD_NAMES: Record<string, string> = {
  holder: 'Contracthouder',
  supplyAddress: 'Leveringsadres',
  product: 'Product',
  startDate: 'Ingangsdatum',
  monthlyAdvance: 'Maandelijks voorschot (€)',
};

interface Received {
  at: Date;
  outcome: { ok: true; forward: VerifiedForward } | { ok: false; why: string };
}

/**
 * A recipient of forwarded data: a housing association that asks applicants
 * for proof of an energy contract. Its backend reads its event feed, fetches
 * each forward once with its own nonce and checks it with the SDK (the
 * energy company's signature through the issuer metadata, only what the
 * applicant chose, bound to this recipient, not revoked) before it shows
 * anything. Demo only: what it received stays in this process's memory.
 */
export function createHousingDemo(options: { serverOrigin: string; fetch?: typeof fetch }) {
  const app = new Hono();
  const credential = {
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    credential: DEMO_HOUSING,
    ...(options.fetch && { fetch: options.fetch }),
  };
  const events = new PartyClient(credential);
  const forwards = new ForwardedDataClient(credential);
  const received: Received[] = [];
  let cursor: string | undefined;

  /** New forwards since the last look: each fetched and checked once. */
  const catchUp = async () => {
    const page = await events.events(cursor);
    cursor = page.cursor;
    for (const event of page.events.filter((candidate) => candidate.type === 'data.forwarded')) {
      for (const reference of event.data.references ?? []) {
        try {
          received.unshift({
            at: new Date(),
            outcome: { ok: true, forward: await forwards.fetch(reference.referenceId) },
          });
        } catch (error) {
          const why =
            error instanceof SignedDataVerificationError
              ? `Niet geaccepteerd: ${error.message}`
              : errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl');
          received.unshift({ at: new Date(), outcome: { ok: false, why } });
        }
      }
    }
  };

  const frame = (title: string, body: ReturnType<typeof html>) =>
    demoAppPage(title, body, { siteName: 'Demo Woningcorporatie', stylesheet: '/creditor-portal/portal.css' });

  app.get('/', async (c) => {
    let trouble = '';
    try {
      await catchUp();
    } catch (error) {
      trouble = errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl');
    }
    const proofs = received.map(({ at, outcome }) =>
      outcome.ok
        ? html`<li class="card">
            <p><strong>Energiecontract</strong>, ondertekend door <strong>${outcome.forward.provider.displayName.nl}</strong>
              op ${outcome.forward.issuedAt.toLocaleDateString('nl-NL', { dateStyle: 'long' })}: ongewijzigd, niet ingetrokken, alleen voor ons.</p>
            <dl>
              ${Object.keys(FIELD_NAMES)
                .filter((field) => field in outcome.forward.data)
                .map((field) => html`<dt>${FIELD_NAMES[field]}</dt><dd>${String(outcome.forward.data[field])}</dd>`)}
            </dl>
            <p class="hint">Ontvangen ${at.toLocaleString('nl-NL')}</p>
          </li>`
        : html`<li class="card"><p role="alert">${outcome.why}</p></li>`,
    );
    c.header('Cache-Control', 'no-store');
    return c.html(
      frame(
        'Huuraanvraag',
        html`<h1>Uw huuraanvraag</h1>
          <p>Voor uw aanvraag vragen wij een bewijs dat u een lopend energiecontract heeft. Stuur het ons vanuit uw energieleverancier:
            bij Demo Energie onder <a href="/creditor-portal/demo-energie/mijn-gegevens">Mijn gegevens</a>, bij "Energiecontract", kiest u "Doorsturen" en Demo Woningcorporatie.
            U kiest zelf welke gegevens meegaan.</p>
          ${trouble ? html`<p role="alert">${trouble}</p>` : ''}
          <h2>Ontvangen bewijzen</h2>
          ${received.length === 0 ? html`<p>Nog niets ontvangen. Vernieuw deze pagina nadat u het hebt doorgestuurd.</p>` : ''}
          <ul class="plain">${proofs}</ul>
          <p class="hint">Wij controleren elk bewijs met de regiekit-SDK: de handtekening van de energieleverancier (met de sleutels die de regiekit-server publiceert), dat alleen de gekozen gegevens erin staan, dat het voor ons bedoeld is, en dat de leverancier het niet heeft ingetrokken.</p>`,
      ),
    );
  });

  return app;
}
