import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { html } from 'hono/html';
import { streamSSE } from 'hono/streaming';
import type { IrmaAuthResolved } from '../../config/resolve-config.js';
import { page } from '../../http/html.js';
import { DemoSessions, type DemoSession } from './demo-sessions.js';
import { DEMO_PERSONAS, personaValues } from './demo-personas.js';
import { parseSessionRequest, RequestRejected } from './parse-session-request.js';

export interface DemoIrmaOptions {
  /** Where this app is mounted, as browsers and wallets see it, e.g. `http://localhost:8080/demo/irma`. */
  publicBaseUrl: string;
  auth: IrmaAuthResolved;
  now: () => number;
}

const irmaError = (c: Context, status: 400 | 401 | 403 | 404, error: string) =>
  c.json({ status, error, description: error.toLowerCase().replaceAll('_', ' ') }, status);

/**
 * A stand-in for an IRMA server, mounted only in demo mode: the requestor API,
 * the frontend endpoints that yivi-client polls, and a wallet page where a
 * person picks a test identity and presses "disclose".
 */
export function createDemoIrmaApp(options: DemoIrmaOptions) {
  const sessions = new DemoSessions(options.now);
  const app = new Hono();

  // The real IRMA server answers browsers of any origin on its client endpoints.
  app.use(
    '/session/*',
    // yivi-client sends Cache-Control on its status stream: without it in the list, a cross-origin
    // page's EventSource is refused and the official frontend falls back to polling.
    cors({
      origin: '*',
      allowHeaders: ['Authorization', 'Content-Type', 'Cache-Control'],
      allowMethods: ['GET', 'POST', 'DELETE'],
    }),
  );

  // --- requestor API -------------------------------------------------------
  app.post('/session', async (c) => {
    try {
      const request = await parseSessionRequest(options.auth, c.req.header('Authorization'), await c.req.text());
      const session = sessions.create(request.attributes, request.clientReturnUrl, request.timeoutSeconds);
      return c.json({
        token: session.requestorToken,
        sessionPtr: { u: `${options.publicBaseUrl}/session/${session.clientToken}`, irmaqr: 'disclosing' },
        frontendRequest: {
          authorization: session.frontendAuthorization,
          minProtocolVersion: '1.0',
          maxProtocolVersion: '1.1',
        },
      });
    } catch (error) {
      if (error instanceof RequestRejected) return irmaError(c, error.status, error.irmaError);
      throw error;
    }
  });

  app.get('/session/:token/result', (c) => {
    const session = sessions.byRequestor(c.req.param('token'));
    return session ? c.json(sessions.result(session)) : irmaError(c, 400, 'SESSION_UNKNOWN');
  });

  // Status is readable with either token; the legacy client endpoint has the same shape.
  app.get('/session/:token/status', (c) => {
    const session = sessions.byRequestor(c.req.param('token')) ?? sessions.byClient(c.req.param('token'));
    return session ? c.json(session.status) : irmaError(c, 400, 'SESSION_UNKNOWN');
  });

  app.delete('/session/:token', (c) => {
    const session = sessions.byRequestor(c.req.param('token')) ?? sessions.byClient(c.req.param('token'));
    if (!session) return irmaError(c, 400, 'SESSION_UNKNOWN');
    sessions.cancel(session);
    return c.body(null, 204);
  });

  // --- client (frontend) API ------------------------------------------------
  const withFrontendAuth = (c: Context): DemoSession | Response => {
    const session = sessions.byClient(c.req.param('token') ?? '');
    if (!session) return irmaError(c, 400, 'SESSION_UNKNOWN');
    if (c.req.header('Authorization') !== session.frontendAuthorization) return irmaError(c, 403, 'UNAUTHORIZED');
    return session;
  };

  app.get('/session/:token/frontend/status', (c) => {
    const session = withFrontendAuth(c);
    return session instanceof Response ? session : c.json({ status: session.status });
  });

  /**
   * The status as a stream, which yivi-client tries before it falls back to
   * polling. Like the IRMA server it needs no authorization header: an
   * EventSource cannot send one, and the stream tells nothing but the status.
   */
  app.get('/session/:token/frontend/statusevents', (c) => {
    const session = sessions.byClient(c.req.param('token'));
    if (!session) return irmaError(c, 400, 'SESSION_UNKNOWN');
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      let sent = '';
      while (!stream.aborted && !stream.closed) {
        if (session.status !== sent) {
          sent = session.status;
          await stream.writeSSE({ data: JSON.stringify({ status: sent }) });
        }
        if (['DONE', 'CANCELLED', 'TIMEOUT'].includes(sent)) break;
        await stream.sleep(200);
      }
    });
  });

  app.post('/session/:token/frontend/options', (c) => {
    const session = withFrontendAuth(c);
    return session instanceof Response ? session : c.json({ pairingMethod: 'none' });
  });

  app.post('/session/:token/frontend/pairingcompleted', (c) => {
    const session = withFrontendAuth(c);
    return session instanceof Response ? session : c.body(null, 204);
  });

  /** What a Yivi app fetches after scanning: the request it is asked to answer. */
  app.get('/session/:token', (c) => {
    const session = sessions.byClient(c.req.param('token'));
    if (!session) return irmaError(c, 400, 'SESSION_UNKNOWN');
    sessions.connect(session);
    return c.json({ disclose: [[session.attributes]], clientReturnUrl: session.clientReturnUrl });
  });

  /** Test hook: completes a session as a wallet would. Body: `{attributes?: {id: value}}`. */
  app.post('/session/:token/disclose', async (c) => {
    const session = sessions.byClient(c.req.param('token'));
    if (!session) return irmaError(c, 400, 'SESSION_UNKNOWN');
    const body = (await c.req.json().catch(() => ({}))) as { attributes?: unknown };
    const supplied = body.attributes;
    if (supplied !== undefined && (typeof supplied !== 'object' || supplied === null || Array.isArray(supplied))) {
      return irmaError(c, 400, 'MALFORMED_DISCLOSURE');
    }
    const values = { ...personaValues(DEMO_PERSONAS[0]!, session.attributes), ...(supplied as Record<string, string>) };
    if (Object.values(values).some((value) => typeof value !== 'string'))
      return irmaError(c, 400, 'MALFORMED_DISCLOSURE');
    return sessions.disclose(session, values) ? c.json({ status: 'DONE' }) : irmaError(c, 400, 'SESSION_ENDED');
  });

  // --- demo wallet ----------------------------------------------------------
  app.get('/wallet', (c) => {
    const open = sessions.open();
    const rows = open.map(
      (session) => html`<li>
        <a href="${options.publicBaseUrl}/wallet/${session.clientToken}">Session ${session.clientToken.slice(0, 6)}…</a>
        (${session.attributes.length} attributes, started ${new Date(session.createdAt).toISOString().slice(11, 19)} UTC)
      </li>`,
    );
    return c.html(
      page(
        'Demo Yivi wallet',
        html`<h1>Demo Yivi wallet</h1>
          <p>Stands in for the Yivi app during the demo. Pick the session that the call button started.</p>
          ${open.length === 0 ? html`<p>No session is waiting. Click a call button first, then reload this page.</p>` : html`<ul>${rows}</ul>`}
          <p><a href="${options.publicBaseUrl}/wallet">Reload</a></p>`,
      ),
    );
  });

  app.get('/wallet/:token', (c) => {
    const session = sessions.byClient(c.req.param('token'));
    if (!session)
      return c.html(
        page(
          'Demo Yivi wallet',
          html`<h1>Session not found</h1><p><a href="${options.publicBaseUrl}/wallet">Back</a></p>`,
        ),
        404,
      );
    sessions.connect(session);
    const personas = DEMO_PERSONAS.map(
      (persona, index) => html`<div class="choice">
        <input type="radio" name="persona" id="persona-${persona.key}" value="${persona.key}" ${index === 0 ? 'checked' : ''} />
        <label for="persona-${persona.key}">${persona.label}</label>
      </div>`,
    );
    return c.html(
      page(
        'Demo Yivi wallet: disclose',
        html`<h1>Disclose these attributes?</h1>
          <p>Requested: ${session.attributes.join(', ')}</p>
          <form method="post" action="${options.publicBaseUrl}/wallet/${session.clientToken}">
            <fieldset><legend>Test identity</legend>${personas}</fieldset>
            <button type="submit" name="action" value="disclose">Disclose</button>
            <button type="submit" name="action" value="cancel">Cancel</button>
          </form>`,
      ),
    );
  });

  app.post('/wallet/:token', async (c) => {
    const session = sessions.byClient(c.req.param('token'));
    const form = await c.req.parseBody();
    if (!session) return c.html(page('Demo Yivi wallet', html`<h1>Session not found</h1>`), 404);
    if (form.action === 'cancel') {
      sessions.cancel(session);
      return c.html(
        page(
          'Demo Yivi wallet',
          html`<h1 role="status">Cancelled</h1><p>The page that asked shows that you stopped.</p>`,
        ),
      );
    }
    const persona = DEMO_PERSONAS.find((p) => p.key === form.persona) ?? DEMO_PERSONAS[0]!;
    const ok = sessions.disclose(session, personaValues(persona, session.attributes));
    return c.html(
      page(
        'Demo Yivi wallet',
        ok
          ? html`<h1 role="status">Disclosed</h1><p>Go back to the page that asked.</p>`
          : html`<h1 role="status">This session has already ended</h1>`,
      ),
      ok ? 200 : 409,
    );
  });

  return app;
}
