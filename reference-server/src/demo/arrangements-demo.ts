import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { createPrivateKey } from 'node:crypto';
import {
  ArrangementsClient,
  evaluateArrangement,
  scheduleOf,
  signAcceptancePolicy,
  signArrangementAnswer,
} from '@regiekit/sdk/arrangements';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import type { ArrangementView, OperationRequest } from '@regiekit/sdk/protocol';
import type { PartyClient as Client } from '@regiekit/sdk/party';
import { euro } from './demo-app-page.js';
import {
  arrangementPolicyOf,
  DEMO_TENANT,
  partyCredentialOf,
  paymentArrangementsService,
  type DemoProvider,
} from './demo-parties.js';

export interface ArrangementsDemoOptions {
  serverOrigin: string;
  providers: DemoProvider[];
  clients: Map<string, Client>;
  frame: (provider: DemoProvider, title: string, body: ReturnType<typeof html>) => ReturnType<typeof html>;
  fetch?: typeof fetch;
}

const STATES: Record<ArrangementView['state'], string> = {
  requested: 'aangevraagd',
  accepted: 'geaccepteerd',
  countered: 'tegenvoorstel gedaan',
  refused: 'afgewezen',
  active: 'loopt',
  missed: 'termijn gemist',
  lapsed: 'vervallen',
  completed: 'afgerond',
};

/**
 * The demo creditors' side of payment arrangements, as their backends would
 * have it: a policy signed with their payload key in their service
 * description, the answer at their operation endpoint (the SDK's
 * `evaluateArrangement` on their own policy, and the balance they know), and
 * a staff page to review requests and report instalments.
 */
export function arrangementsDemo(options: ArrangementsDemoOptions) {
  const keyOf = (provider: DemoProvider) => ({
    privateKey: createPrivateKey({ key: provider.payloadKey.privateJwk, format: 'jwk' }),
    keyId: provider.payloadKey.keyId,
  });
  const api = new Map(
    options.providers.map((provider) => [
      provider.id,
      new ArrangementsClient({
        server: options.serverOrigin,
        tenant: DEMO_TENANT,
        credential: partyCredentialOf(provider),
        ...(options.fetch && { fetch: options.fetch }),
      }),
    ]),
  );

  /** The server asks at the operation endpoint: within policy and on the right balance, accepted at once. */
  const answer =
    (provider: DemoProvider) => async (c: Context, request: Extract<OperationRequest, { action: 'arrangement' }>) => {
      const policy = arrangementPolicyOf(provider);
      const connection = (await options.clients.get(provider.id)!.providerConnections()).connections.find(
        (candidate) => candidate.connectionId === request.connectionId && candidate.status === 'active',
      );
      const customer = provider.customers.find((candidate) => candidate.ref === connection?.customerRef);
      const owed = customer?.debts.reduce((sum, debt) => sum + debt.amountCents, 0);
      const accepted =
        owed === request.proposal.balanceCents &&
        evaluateArrangement(policy, request.proposal).outcome === 'accepted-in-advance';
      const jws = await signArrangementAnswer(
        {
          arrangementId: request.arrangementId,
          decision: accepted ? 'accepted' : 'review',
          policyHash: request.policyHash,
        },
        keyOf(provider),
      );
      return c.body(jws, 200, { 'Content-Type': 'application/jose' });
    };

  const staffPath = (provider: DemoProvider) => `/creditor-portal/${provider.id}/medewerkers/regelingen`;

  const register = (app: Hono) => {
    for (const provider of options.providers) {
      // Staff: reviews requests outside the policy and reports instalments. A real portal keeps this behind its staff login.
      app.get(`/${provider.id}/medewerkers/regelingen`, async (c) => {
        const { arrangements } = await api.get(provider.id)!.list();
        return c.html(
          options.frame(
            provider,
            'Regelingen',
            html`<h1>Betalingsregelingen (medewerkers)</h1>
              <p>Demo: in een echt portaal staat deze pagina achter de inlog voor medewerkers.</p>
              ${arrangements.length === 0 ? html`<p>Nog geen verzoeken.</p>` : ''}
              <ul class="plain">
                ${arrangements.map((arrangement) => arrangementCard(provider, arrangement))}
              </ul>`,
          ),
        );
      });

      app.post(`/${provider.id}/medewerkers/regelingen/:id`, async (c) => {
        const form = await c.req.parseBody();
        const id = c.req.param('id');
        const client = api.get(provider.id)!;
        try {
          if (form.answer === 'accept') await client.accept(id);
          else if (form.answer === 'refuse')
            await client.refuse(id, String(form.reason ?? '').trim() || 'Wij kunnen deze regeling niet aanbieden.');
          else if (form.answer === 'counter') {
            const current = await client.forCreditor(id);
            const monthly = Math.round(Number(String(form.monthly ?? '').replace(',', '.')) * 100);
            if (!Number.isInteger(monthly) || monthly < 1) throw new RegieApiError(400, 'validation_failed', 'amount');
            await client.counter(
              id,
              { ...current.proposal, instalmentCents: scheduleOf(current.proposal.balanceCents, monthly) },
              String(form.reason ?? '').trim() || 'Dit bedrag per maand past bij onze voorwaarden.',
            );
          } else if (form.answer === 'paid' || form.answer === 'missed')
            await client.report(id, Number(form.instalment), form.answer);
        } catch (error) {
          const message = errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl');
          return c.html(
            options.frame(provider, 'Regeling', html`<h1>Niet gelukt</h1><p role="alert">${message}</p>`),
            400,
          );
        }
        return c.redirect(staffPath(provider), 303);
      });
    }
  };

  const arrangementCard = (provider: DemoProvider, arrangement: ArrangementView) => {
    const action = `${staffPath(provider)}/${arrangement.arrangementId}`;
    const p = arrangement.proposal;
    const short = arrangement.arrangementId.slice(0, 8);
    return html`<li class="card" aria-labelledby="arrangement-${short}">
      <h2 id="arrangement-${short}">Regeling ${short}: ${STATES[arrangement.state]}</h2>
      <p>${euro(p.instalmentCents[0]!)} per maand, ${p.instalmentCents.length} termijnen, totaal ${euro(p.balanceCents)}; voorwaarden versie ${arrangement.policyVersion}${arrangement.outcome === 'needs-review' ? ' (buiten de voorwaarden vooraf)' : ''}.</p>
      ${arrangement.reasons.length > 0 ? html`<ul>${arrangement.reasons.map((reason) => html`<li>${reason.nl}</li>`)}</ul>` : ''}
      ${arrangement.reason ? html`<p>Toelichting: ${arrangement.reason}</p>` : ''}
      ${
        arrangement.state === 'requested'
          ? html`<form method="post" action="${action}">
              <button type="submit" name="answer" value="accept">Accepteren</button>
              <label for="monthly-${short}">Tegenvoorstel: bedrag per maand in euro</label>
              <input id="monthly-${short}" name="monthly" inputmode="decimal" value="${Math.ceil(p.balanceCents / 2000)}" />
              <label for="reason-${short}">Toelichting voor de klant</label>
              <input id="reason-${short}" name="reason" maxlength="1000" />
              <button type="submit" name="answer" value="counter" class="secondary">Tegenvoorstel doen</button>
              <button type="submit" name="answer" value="refuse" class="secondary">Afwijzen</button>
            </form>`
          : ''
      }
      ${
        arrangement.instalments.length > 0
          ? html`<table>
              <caption>Termijnen van regeling ${short}</caption>
              <thead><tr><th scope="col">Termijn</th><th scope="col">Maand</th><th scope="col">Bedrag</th><th scope="col">Stand</th></tr></thead>
              <tbody>
                ${arrangement.instalments.map(
                  (instalment) => html`<tr>
                    <th scope="row">${instalment.number}</th><td>${instalment.dueMonth}</td><td>${euro(instalment.amountCents)}</td>
                    <td>${
                      instalment.state === 'due' && (arrangement.state === 'active' || arrangement.state === 'missed')
                        ? html`<form method="post" action="${action}" class="inline">
                            <input type="hidden" name="instalment" value="${instalment.number}" />
                            <button type="submit" name="answer" value="paid">Termijn ${instalment.number} betaald</button>
                            <button type="submit" name="answer" value="missed" class="secondary">Termijn ${instalment.number} gemist</button>
                          </form>`
                        : instalment.state === 'paid'
                          ? 'betaald'
                          : instalment.state === 'missed'
                            ? 'gemist'
                            : 'te betalen'
                    }</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : ''
      }
    </li>`;
  };

  /** Each creditor publishes its policy, signed with its payload key, in a service description of its own. */
  const registerServices = async (endpointOf: (provider: DemoProvider) => string) => {
    for (const provider of options.providers) {
      const signed = await signAcceptancePolicy(arrangementPolicyOf(provider), keyOf(provider));
      await options.clients.get(provider.id)!.registerService(paymentArrangementsService(endpointOf(provider), signed));
    }
  };

  return { answer, register, registerServices };
}
