import type { OpenAPIHono } from '@hono/zod-openapi';
import { wingRoutes } from '../http/wing.js';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { TokenResponse, UserInfo } from '@regiekit/sdk/protocol';
import { ApiError, notFound } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { page, PAGE_STYLESHEET_PATH } from '../http/html.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import { OAuthError, type OAuthServer } from './oauth-server.js';

export interface OAuthRouteDeps {
  oauth: OAuthServer;
  tenantOf: (id: string) => TenantContext | undefined;
}

/** The page a browser gets when its sign-in link is no good (used, expired, or for another app). */
const INVALID_SIGN_IN_LINK = {
  nl: {
    title: 'Inloggen lukt zo niet',
    body: 'Deze inloglink is niet (meer) geldig. Ga terug naar de app en begin opnieuw.',
  },
  en: {
    title: 'Cannot sign in this way',
    body: 'This sign-in link is not valid (any more). Go back to the app and start again.',
  },
};

async function formOf(c: Context): Promise<Record<string, string>> {
  if (!c.req.header('Content-Type')?.startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError(400, 'invalid_request', 'send the parameters as application/x-www-form-urlencoded');
  }
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])),
  );
}

const credentialsOf = (c: Context, form: Record<string, string>) => ({
  authorization: c.req.header('Authorization'),
  clientId: form.client_id,
  clientSecret: form.client_secret,
  clientAssertionType: form.client_assertion_type,
  clientAssertion: form.client_assertion,
});

/** OAuth answers in its own error shape (RFC 6749 5.2), which standard client libraries read. */
async function oauthResponse(c: Context, produce: () => Promise<object>, status: 200 | 201 = 200): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  try {
    return c.json(await produce(), status);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    if (error.status === 401)
      c.header(
        'WWW-Authenticate',
        error.error === 'invalid_token' ? 'Bearer error="invalid_token"' : 'Basic realm="regiekit"',
      );
    return c.json({ error: error.error, error_description: error.description }, error.status);
  }
}

/** The OAuth endpoints of every tenant: `/oauth/{tenant}/...` plus RFC 8414 metadata. */
export function oauthRoutes(deps: OAuthRouteDeps) {
  const app = wingRoutes();
  const tenantOf = (c: Context) => {
    const tenant = deps.tenantOf(c.req.param('tenant') ?? '');
    if (!tenant) throw notFound('tenant');
    return tenant;
  };

  // RFC 8414 puts the metadata before the issuer's path; OpenID Connect Discovery after it.
  app.get('/.well-known/oauth-authorization-server/oauth/:tenant', (c) =>
    c.json(deps.oauth.metadata(tenantOf(c).settings.id)),
  );
  app.get('/oauth/:tenant/.well-known/openid-configuration', (c) =>
    c.json(deps.oauth.metadata(tenantOf(c).settings.id)),
  );
  app.post('/oauth/:tenant/par', async (c) => {
    const tenant = tenantOf(c);
    return oauthResponse(
      c,
      async () => {
        const form = await formOf(c);
        return deps.oauth.pushAuthorizationRequest(tenant, credentialsOf(c, form), form);
      },
      201,
    );
  });
  app.get('/oauth/:tenant/authorize', async (c) => {
    const tenant = tenantOf(c);
    try {
      return c.redirect(await deps.oauth.authorize(c, tenant, c.req.query()), 303);
    } catch (error) {
      // The redirect URI is unknown until the pushed request is found, so errors stay on this origin.
      if (!(error instanceof ApiError)) throw error;
      // Dutch unless the app asked for English (OpenID Connect's ui_locales, or ?lang=en).
      const lang = /^en\b/.test(c.req.query('ui_locales') ?? c.req.query('lang') ?? '') ? 'en' : 'nl';
      const text = INVALID_SIGN_IN_LINK[lang];
      return c.html(
        page(text.title, html`<h1>${text.title}</h1><p role="alert">${text.body}</p>`, {
          lang,
          stylesheet: PAGE_STYLESHEET_PATH,
        }),
        400,
      );
    }
  });
  app.post('/oauth/:tenant/token', async (c) => {
    const tenant = tenantOf(c);
    return oauthResponse(c, async () => {
      const form = await formOf(c);
      return deps.oauth.token(tenant, credentialsOf(c, form), form);
    });
  });
  app.get('/oauth/:tenant/userinfo', async (c) => {
    const tenant = tenantOf(c);
    return oauthResponse(c, () => deps.oauth.userInfo(tenant, c.req.header('Authorization')));
  });

  documentOAuth(app);
  return app;
}

/** The OAuth endpoints in the OpenAPI document (they take forms, so they are registered by hand). */
function documentOAuth(app: OpenAPIHono<AppEnv>): void {
  const tenant = z.object({ tenant: z.string() });
  const form = (schema: z.ZodType) => ({ content: { 'application/x-www-form-urlencoded': { schema } } });
  const oauthError = {
    description: 'RFC 6749 error',
    content: { 'application/json': { schema: z.object({ error: z.string(), error_description: z.string() }) } },
  };
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/oauth/{tenant}/par',
    tags: ['Consumer sign-in (OAuth)'],
    summary: 'Push an authorization request (RFC 9126); PKCE S256 required',
    request: {
      params: tenant,
      body: form(
        z.object({
          response_type: z.literal('code'),
          client_id: z.string(),
          redirect_uri: z.url(),
          state: z.string().optional(),
          code_challenge: z.string(),
          code_challenge_method: z.literal('S256'),
          scope: z.string().optional(),
        }),
      ),
    },
    responses: {
      201: {
        description: 'The one-time request_uri',
        content: { 'application/json': { schema: z.object({ request_uri: z.string(), expires_in: z.number() }) } },
      },
      400: oauthError,
      401: oauthError,
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/oauth/{tenant}/authorize',
    tags: ['Consumer sign-in (OAuth)'],
    summary:
      "The user's browser: sign in with a passkey on the server's origin, then back to redirect_uri with code, state and iss",
    request: { params: tenant, query: z.object({ client_id: z.string(), request_uri: z.string() }) },
    responses: {
      303: { description: 'To the decision page' },
      400: { description: 'Unknown, used or expired request_uri' },
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/oauth/{tenant}/token',
    tags: ['Consumer sign-in (OAuth)'],
    summary:
      'Exchange the code (once) with the PKCE verifier for an access token, the pairwise `sub` and (scope openid) an ID token',
    request: {
      params: tenant,
      body: form(
        z.object({
          grant_type: z.literal('authorization_code'),
          code: z.string(),
          redirect_uri: z.url(),
          code_verifier: z.string(),
        }),
      ),
    },
    responses: {
      200: { description: 'Tokens', content: { 'application/json': { schema: TokenResponse } } },
      400: oauthError,
      401: oauthError,
    },
  });
  const metadata = {
    200: {
      description: 'The provider metadata: endpoints, PAR required, PKCE S256, ES256 ID tokens, pairwise subjects',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
    404: { description: 'No such tenant' },
  };
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/oauth/{tenant}/.well-known/openid-configuration',
    tags: ['Consumer sign-in (OAuth)'],
    summary: 'OpenID Connect Discovery of the tenant’s issuer',
    request: { params: tenant },
    responses: metadata,
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/.well-known/oauth-authorization-server/oauth/{tenant}',
    tags: ['Consumer sign-in (OAuth)'],
    summary: 'The same metadata where RFC 8414 puts it',
    request: { params: tenant },
    responses: metadata,
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/oauth/{tenant}/userinfo',
    tags: ['Consumer sign-in (OAuth)'],
    summary: 'The pairwise pseudonym of the user the access token belongs to',
    request: { params: tenant },
    responses: {
      200: { description: 'The user', content: { 'application/json': { schema: UserInfo } } },
      401: oauthError,
    },
  });
}
