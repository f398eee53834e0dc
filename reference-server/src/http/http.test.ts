import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
beforeEach(() => {
  server = createTestServer();
});
afterEach(() => server.close());

const preflight = (origin: string) =>
  server.app.request('/api/v1/nijmegen/calls', {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  });

describe('HTTP surface', () => {
  it('allows browser calls only from the tenant’s own origins (plus the demo examples site)', async () => {
    expect((await preflight('https://www.nijmegen.nl')).headers.get('access-control-allow-origin')).toBe(
      'https://www.nijmegen.nl',
    );
    expect((await preflight('http://localhost:8081')).headers.get('access-control-allow-origin')).toBe(
      'http://localhost:8081',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const arnhem = await server.app.request('/api/v1/arnhem/calls', {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.nijmegen.nl', 'Access-Control-Request-Method': 'POST' },
    });
    expect(arnhem.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('does not offer CORS on the switchboard endpoint', async () => {
    const response = await server.app.request('/api/v1/nijmegen/switchboard/resolve', {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.nijmegen.nl', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends a strict Content-Security-Policy and no-referrer on its pages', async () => {
    const response = await server.app.request('/demo/irma/wallet');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await response.text()).not.toMatch(/<script|style=/);
  });

  it('serves the staff pages in Dutch, or in English on request, with the elements and no inline script', async () => {
    const dutch = await (await server.app.request('/agent')).text();
    expect(dutch).toContain('<html lang="nl">');
    expect(dutch).toContain('<regie-agent-console></regie-agent-console>');
    expect(dutch).toContain('<script type="module" src="/cdn/regiekit.js"></script>');
    expect(dutch).not.toMatch(/<script>|style=/);
    const english = await (await server.app.request('/admin?lang=en')).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<title>Calls with Yivi – administration</title>');
    expect(english).toContain('<regie-agent-admin></regie-agent-admin>');
  });

  it('publishes an OpenAPI document generated from the routes', async () => {
    const document = (await (await server.app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/.well-known/jwks.json',
      '/.well-known/jwt-vc-issuer/issuers/{tenant}/{party}',
      '/.well-known/oauth-authorization-server/oauth/{tenant}',
      '/api/tenants',
      '/api/v1/{tenant}/account',
      '/api/v1/{tenant}/account/connections/{connectionId}/end',
      '/api/v1/{tenant}/account/consents',
      '/api/v1/{tenant}/account/consents/{consentId}/receipt',
      '/api/v1/{tenant}/account/consents/{consentId}/revoke',
      '/api/v1/{tenant}/account/flows/{flowId}',
      '/api/v1/{tenant}/account/flows/{flowId}/approve',
      '/api/v1/{tenant}/account/flows/{flowId}/refuse',
      '/api/v1/{tenant}/account/passkeys',
      '/api/v1/{tenant}/account/passkeys/options',
      '/api/v1/{tenant}/account/scans',
      '/api/v1/{tenant}/account/scans/{tokenId}',
      '/api/v1/{tenant}/account/scans/{tokenId}/approve',
      '/api/v1/{tenant}/account/sign-in',
      '/api/v1/{tenant}/account/sign-in/options',
      '/api/v1/{tenant}/account/sign-out',
      '/api/v1/{tenant}/admin/agents',
      '/api/v1/{tenant}/admin/agents/{agentId}',
      '/api/v1/{tenant}/admin/agents/{agentId}/password-reset',
      '/api/v1/{tenant}/admin/audit',
      '/api/v1/{tenant}/auth/login',
      '/api/v1/{tenant}/auth/logout',
      '/api/v1/{tenant}/auth/password',
      '/api/v1/{tenant}/auth/session',
      '/api/v1/{tenant}/calls',
      '/api/v1/{tenant}/calls/{callId}',
      '/api/v1/{tenant}/catalogue',
      '/api/v1/{tenant}/connect-tokens/{tokenId}',
      '/api/v1/{tenant}/connect-tokens/{tokenId}/confirm',
      '/api/v1/{tenant}/consents/{consentId}',
      '/api/v1/{tenant}/console/calls/{callId}/bsn',
      '/api/v1/{tenant}/console/calls/{callId}/end',
      '/api/v1/{tenant}/console/calls/{callId}/link',
      '/api/v1/{tenant}/console/calls/{callId}/take',
      '/api/v1/{tenant}/console/events',
      '/api/v1/{tenant}/console/voice-token',
      '/api/v1/{tenant}/consumer/arrangements',
      '/api/v1/{tenant}/consumer/arrangements/policies',
      '/api/v1/{tenant}/consumer/arrangements/{arrangementId}',
      '/api/v1/{tenant}/consumer/connect-requests',
      '/api/v1/{tenant}/consumer/consents',
      '/api/v1/{tenant}/consumer/consents/{consentId}',
      '/api/v1/{tenant}/consumer/consents/{consentId}/revoke',
      '/api/v1/{tenant}/consumer/fetches',
      '/api/v1/{tenant}/consumer/fetches/{fetchId}/result',
      '/api/v1/{tenant}/consumer/forwards/{referenceId}',
      '/api/v1/{tenant}/consumer/references/{referenceId}',
      '/api/v1/{tenant}/consumer/users/{sub}/arrangements',
      '/api/v1/{tenant}/consumer/users/{sub}/connections',
      '/api/v1/{tenant}/consumer/users/{sub}/connections/{connectionId}/end',
      '/api/v1/{tenant}/events',
      '/api/v1/{tenant}/fetches/{fetchId}',
      '/api/v1/{tenant}/my-data/views',
      '/api/v1/{tenant}/my-data/views/{viewId}',
      '/api/v1/{tenant}/my-data/views/{viewId}/corrections',
      '/api/v1/{tenant}/my-data/views/{viewId}/download',
      '/api/v1/{tenant}/my-data/views/{viewId}/flows/{flowId}',
      '/api/v1/{tenant}/my-data/views/{viewId}/forwards',
      '/api/v1/{tenant}/my-data/views/{viewId}/recipients',
      '/api/v1/{tenant}/my-data/views/{viewId}/wallet-offers',
      '/api/v1/{tenant}/provider/arrangements',
      '/api/v1/{tenant}/provider/arrangements/{arrangementId}',
      '/api/v1/{tenant}/provider/arrangements/{arrangementId}/accept',
      '/api/v1/{tenant}/provider/arrangements/{arrangementId}/counter',
      '/api/v1/{tenant}/provider/arrangements/{arrangementId}/instalments/{number}',
      '/api/v1/{tenant}/provider/arrangements/{arrangementId}/refuse',
      '/api/v1/{tenant}/provider/connect-tokens',
      '/api/v1/{tenant}/provider/connect-tokens/redeem',
      '/api/v1/{tenant}/provider/connections',
      '/api/v1/{tenant}/provider/connections/{connectionId}/end',
      '/api/v1/{tenant}/provider/fetches/identified',
      '/api/v1/{tenant}/provider/fetches/redeem',
      '/api/v1/{tenant}/provider/my-data/corrections',
      '/api/v1/{tenant}/provider/my-data/corrections/{correctionId}',
      '/api/v1/{tenant}/provider/my-data/corrections/{correctionId}/accept',
      '/api/v1/{tenant}/provider/my-data/corrections/{correctionId}/extend',
      '/api/v1/{tenant}/provider/my-data/corrections/{correctionId}/refuse',
      '/api/v1/{tenant}/provider/my-data/view-tokens',
      '/api/v1/{tenant}/provider/services',
      '/api/v1/{tenant}/providers/{providerId}/jwks.json',
      '/api/v1/{tenant}/switchboard/amazon-connect/claim',
      '/api/v1/{tenant}/switchboard/amazon-connect/contact-flow',
      '/api/v1/{tenant}/switchboard/amazon-connect/events',
      '/api/v1/{tenant}/switchboard/ended',
      '/api/v1/{tenant}/switchboard/resolve',
      '/api/v1/{tenant}/twilio/agent-dial',
      '/api/v1/{tenant}/twilio/gather',
      '/api/v1/{tenant}/twilio/status',
      '/api/v1/{tenant}/twilio/voice',
      '/oauth/{tenant}/.well-known/openid-configuration',
      '/oauth/{tenant}/authorize',
      '/oauth/{tenant}/par',
      '/oauth/{tenant}/token',
      '/oauth/{tenant}/userinfo',
      '/status-lists/{tenant}/{party}',
    ]);
    expect(Object.keys(document.paths['/api/v1/{tenant}/switchboard/resolve']!.post!.responses)).toEqual([
      '200',
      '400',
      '401',
      '404',
      '429',
    ]);
    expect(document.components.schemas).toHaveProperty('CallCreated');
    expect(document.components.schemas).toHaveProperty('Error');
  });

  it('answers unknown endpoints with the one error shape', async () => {
    const response = await server.app.request('/api/v1/nijmegen/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such endpoint.' } });
  });

  it('mounts the demo IRMA server and the simulator only in demo mode', async () => {
    const production = createTestServer({
      config: {
        mode: 'production',
        publicUrl: 'https://regie.example.nl',
        irma: { type: 'server', url: 'https://irma.example', auth: { type: 'token', token: 'x'.repeat(32) } },
      },
    });
    for (const path of ['/demo/irma/wallet', '/demo/switchboard', '/'])
      expect((await production.app.request(path)).status).toBe(404);
    await production.close();
    expect((await server.app.request('/demo/switchboard')).status).toBe(200);
  });
});
