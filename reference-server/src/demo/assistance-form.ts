import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { AttachedData } from '@regiekit/sdk/protocol';
import { FetchClient, type StoredFetch, type VerifiedFetch } from '@regiekit/sdk/data-fetch/parties';
import { SignedDataVerificationError } from '@regiekit/sdk/signed-data';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import { randomToken } from '../crypto/random.js';
import { RENT_ALLOWANCE_PAYMENTS } from './allowance-source.js';
import { demoAppPage, dutchDate, jsonDataBlock } from './demo-app-page.js';
import { DEMO_TENANT } from './demo-parties.js';
import { DemoSessions } from './demo-session.js';

/** Gemeente Nijmegen's form backend credential; config/demo.json holds only its hash. Demo only: public. */
export const DEMO_ASSISTANCE_FORM = {
  partyId: 'gemeente-nijmegen-bijstand',
  clientSecret: 'gemeente-nijmegen-bijstand-secret-not-for-production-1d9a',
};

interface Draft {
  applicationRef: string;
  fetched?: { stored: StoredFetch; attached: AttachedData };
}

interface Application {
  id: string;
  sentAt: Date;
  explanation: string;
  /** What the applicant typed as proof, when they chose to add it themselves. */
  ownProof: string;
  fetched?: StoredFetch;
}

const DAY = 24 * 3600_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The last three months, today included: as far back as a form may ask. */
function lastThreeMonths(now: number): { from: string; to: string } {
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - 3);
  return { from: isoDay(from.getTime() + DAY), to: isoDay(now) };
}

/**
 * Gemeente Nijmegen's application for special assistance, on the examples
 * site: the question "Ontvangt u huurtoeslag?" carries <regie-data-fetch>.
 * The backend asks regiekit for a fetch only when the applicant chooses to
 * fetch, takes what was added and checks it with the SDK; on sending it
 * keeps the presentation, so the caseworker's page can check it again. Demo
 * only: applications stay in this process's memory.
 */
export function createAssistanceForm(options: {
  serverOrigin: string;
  cdnIntegrity: (file: string) => string;
  fetch?: typeof fetch;
}) {
  const app = new Hono({ strict: false });
  const form = new FetchClient({
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    credential: DEMO_ASSISTANCE_FORM,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const sessions = new DemoSessions<Draft>('bijstand_session');
  const applications: Application[] = [];

  const draftOf = (c: Context): Draft => {
    const draft = sessions.get(c) ?? { applicationRef: `bb-${randomToken(12)}` };
    sessions.set(c, draft);
    return draft;
  };
  const frame = (title: string, body: ReturnType<typeof html>, withElement = false) =>
    demoAppPage(title, body, {
      siteName: 'Gemeente Nijmegen',
      stylesheet: '/creditor-portal/portal.css',
      ...(withElement && {
        scripts: [
          {
            src: `${options.serverOrigin}/cdn/regie-data-fetch.js`,
            integrity: options.cdnIntegrity('regie-data-fetch.js'),
          },
        ],
        pageScript: '/bijstand/bijstand.js',
      }),
    });

  app.get('/', (c) => {
    const draft = draftOf(c);
    c.header('Cache-Control', 'no-store');
    return c.html(
      frame(
        'Aanvraag bijzondere bijstand',
        html`<h1>Aanvraag bijzondere bijstand</h1>
          <p>Bijzondere bijstand is een vergoeding voor noodzakelijke kosten die u niet zelf kunt betalen. Wij vragen alleen wat wij nodig hebben om uw aanvraag te beoordelen.</p>
          <form method="post" action="/bijstand/versturen" class="application">
            <label for="explanation">Waarvoor vraagt u bijzondere bijstand?</label>
            <textarea id="explanation" name="explanation" rows="3" required></textarea>
            <h2 id="allowance-question">Ontvangt u huurtoeslag?</h2>
            <p>Als u huurtoeslag ontvangt, laat dan de betalingen van de laatste drie maanden zien.</p>
            <regie-data-fetch aria-labelledby="allowance-question" request-url="/bijstand/api/fetches" attach-url="/bijstand/api/attach" source-name="Demo Toeslagen">
              <div slot="manual">
                <label for="own-proof">Bedragen en data van de betalingen (of: ik ontvang geen huurtoeslag)</label>
                <textarea id="own-proof" name="ownProof" rows="3"></textarea>
              </div>
            </regie-data-fetch>
            ${draft.fetched ? jsonDataBlock('attached-data', draft.fetched.attached) : ''}
            <button type="submit">Aanvraag versturen</button>
          </form>
          <p class="hint">Demo: de medewerker ziet verstuurde aanvragen op <a href="/bijstand/medewerker">de pagina voor medewerkers</a>.</p>`,
        true,
      ),
    );
  });

  app.post('/api/fetches', async (c) => {
    const draft = draftOf(c);
    const { lang } = (await c.req.json().catch(() => ({}))) as { lang?: unknown };
    try {
      const requested = await form.ask(
        {
          providerId: 'demo-toeslagen',
          serviceType: RENT_ALLOWANCE_PAYMENTS,
          fields: ['payments'],
          period: lastThreeMonths(Date.now()),
          purpose: {
            code: 'bijzondere-bijstand',
            text: {
              nl: 'Uw aanvraag bijzondere bijstand beoordelen: uw woonlasten',
              en: 'Assessing your application for special assistance: your housing costs',
            },
          },
          applicationRef: draft.applicationRef,
        },
        lang === 'en' ? 'en' : 'nl',
      );
      return c.json(requested, 201);
    } catch (error) {
      return apiError(c, error);
    }
  });

  app.post('/api/attach', async (c) => {
    const draft = sessions.get(c);
    const body = (await c.req.json().catch(() => ({}))) as { fetchId?: unknown };
    if (!draft || typeof body.fetchId !== 'string')
      return c.json({ error: { code: 'bad_request', message: 'no application' } }, 400);
    try {
      const verified: VerifiedFetch = await form.take(body.fetchId, draft.applicationRef);
      draft.fetched = { stored: verified.stored, attached: verified.attached };
      return c.json(verified.attached, 200);
    } catch (error) {
      return apiError(c, error);
    }
  });

  app.delete('/api/attach', (c) => {
    const draft = sessions.get(c);
    if (draft) delete draft.fetched;
    return c.body(null, 204);
  });

  app.post('/versturen', async (c) => {
    const draft = sessions.get(c);
    const body = await c.req.parseBody();
    const application: Application = {
      id: randomToken(6),
      sentAt: new Date(),
      explanation: String(body.explanation ?? '').slice(0, 2000),
      ownProof: draft?.fetched ? '' : String(body.ownProof ?? '').slice(0, 2000),
      ...(draft?.fetched && { fetched: draft.fetched.stored }),
    };
    applications.unshift(application);
    sessions.clear(c);
    return c.html(
      frame(
        'Aanvraag verstuurd',
        html`<h1>Uw aanvraag is verstuurd</h1>
          <p>Wij beoordelen uw aanvraag binnen acht weken.</p>
          ${
            draft?.fetched
              ? html`<p>Meegestuurd: ${draft.fetched.attached.serviceTitle.nl}, ondertekend door ${draft.fetched.attached.provider.displayName.nl}.
                  Het ontvangstbewijs in uw regie-account noemt dezelfde vingerafdruk:</p>
                  <p class="hint">SHA-256: ${draft.fetched.attached.contentDigest}</p>`
              : ''
          }
          <p><a href="/bijstand/">Nieuwe aanvraag</a></p>`,
      ),
    );
  });

  // The caseworker's page: every application, the fetched data checked again with the SDK.
  app.get('/medewerker', async (c) => {
    const rows = await Promise.all(applications.map(async (application) => caseView(form, application)));
    c.header('Cache-Control', 'no-store');
    return c.html(
      frame(
        'Aanvragen bijzondere bijstand',
        html`<h1>Aanvragen bijzondere bijstand</h1>
          ${rows.length === 0 ? html`<p>Nog geen aanvragen.</p>` : html`<ul class="plain">${rows}</ul>`}
          <p class="hint">Opgehaalde gegevens controleren wij met de regiekit-SDK: de handtekening van de bron (met de sleutels die de regiekit-server publiceert), alleen de gevraagde gegevens van de gevraagde periode, bedoeld voor ons, niet ingetrokken.</p>`,
      ),
    );
  });

  return app;
}

async function caseView(form: FetchClient, application: Application) {
  const head = html`<p><strong>Aanvraag ${application.id}</strong>, verstuurd ${application.sentAt.toLocaleString('nl-NL')}</p>
    <p>${application.explanation}</p>`;
  if (!application.fetched)
    return html`<li class="card">${head}
      <p>Huurtoeslag: zelf aangeleverd${application.ownProof ? html`: ${application.ownProof}` : ' (niets ingevuld)'}. Controleer dit met de stukken.</p>
    </li>`;
  try {
    const checked = await form.check(application.fetched);
    const payments = (checked.data as { payments?: { date: string; amount: number; recipient?: string }[] }).payments;
    return html`<li class="card">${head}
      <p class="ok">Huurtoeslag: ondertekend door <strong>${checked.provider.displayName.nl}</strong>, opgehaald op ${checked.fetchedAt.toLocaleDateString('nl-NL', { dateStyle: 'long' })}, ongewijzigd.</p>
      <table>
        <caption>Betalingen huurtoeslag</caption>
        <thead><tr><th scope="col">Datum</th><th scope="col">Bedrag</th><th scope="col">Op rekening van</th></tr></thead>
        <tbody>${(payments ?? []).map(
          (payment) =>
            html`<tr><td>${dutchDate(payment.date)}</td><td>€ ${payment.amount.toLocaleString('nl-NL')}</td><td>${payment.recipient ?? ''}</td></tr>`,
        )}</tbody>
      </table>
      <p class="hint">SHA-256: ${checked.contentDigest}</p>
    </li>`;
  } catch (error) {
    const why =
      error instanceof SignedDataVerificationError
        ? error.message
        : errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl');
    return html`<li class="card">${head}<p role="alert">Opgehaalde gegevens niet geaccepteerd: ${why}</p></li>`;
  }
}

function apiError(c: Context, error: unknown) {
  if (error instanceof RegieApiError)
    return c.json({ error: { code: error.code, message: error.message } }, error.status >= 500 ? 502 : 400);
  if (error instanceof SignedDataVerificationError)
    return c.json({ error: { code: 'upstream_unavailable', message: error.message } }, 502);
  throw error;
}
