import type { Context } from 'hono';
import { ApiError } from '../http/api-error.js';
import { wingRoutes } from '../http/wing.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import { WalletError, type WalletOffers } from './wallet-offers.js';

/**
 * OpenID4VCI for each company, at its issuer identifier
 * (`<server>/issuers/<tenant>/<company>`): the credential issuer metadata and
 * the authorization server metadata at their well-known paths, the token
 * endpoint (pre-authorized code) and the credential endpoint. Wallets read
 * OAuth errors (`{error, error_description}`), so these answer in that shape.
 */
export function walletRoutes(wallets: WalletOffers, tenantOf: (id: string) => TenantContext | undefined) {
  const app = wingRoutes();
  // Wallets in a browser (web wallets) fetch these cross-origin; nothing here needs a cookie.
  const open = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
  const answer = async (c: Context, work: (tenant: TenantContext, party: string) => Promise<unknown>) => {
    const tenant = tenantOf(c.req.param('tenant')!);
    if (!tenant) return c.json({ error: 'invalid_request', error_description: 'Unknown tenant.' }, 404, open);
    try {
      const body = await work(tenant, c.req.param('party')!);
      if (body === undefined)
        return c.json({ error: 'invalid_request', error_description: 'Unknown issuer.' }, 404, open);
      return c.json(body as object, 200, open);
    } catch (error) {
      if (error instanceof WalletError)
        return c.json({ error: error.error, error_description: error.message }, error.status, open);
      if (error instanceof ApiError && error.status >= 500)
        return c.json({ error: 'server_error', error_description: error.message }, 502, open);
      throw error;
    }
  };

  app.get('/.well-known/openid-credential-issuer/issuers/:tenant/:party', (c) =>
    answer(c, (tenant, party) => wallets.issuerMetadata(tenant, party)),
  );
  app.get('/.well-known/oauth-authorization-server/issuers/:tenant/:party', (c) =>
    answer(c, async (tenant, party) => wallets.authorizationServerMetadata(tenant, party)),
  );
  app.post('/issuers/:tenant/:party/token', (c) =>
    answer(c, async (tenant, party) => {
      const form = await c.req.parseBody().catch(() => ({}));
      return wallets.token(tenant, party, form);
    }),
  );
  app.post('/issuers/:tenant/:party/credential', (c) =>
    answer(c, async (tenant, party) => {
      const body: unknown = await c.req.json().catch(() => undefined);
      return wallets.credential(tenant, party, c.req.header('Authorization'), body);
    }),
  );
  app.options('/issuers/:tenant/:party/*', (c) =>
    c.body(null, 204, {
      ...open,
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    }),
  );
  return app;
}
