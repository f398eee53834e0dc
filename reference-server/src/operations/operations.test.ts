import { afterEach, describe, expect, it } from 'vitest';
import { callSteps } from '../testing/call-steps.js';
import { seedAgent, sseReader, staffSteps } from '../testing/staff-steps.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
afterEach(() => server.close());

describe('operations endpoints', () => {
  it('says alive and ready, and not ready (503, the error shape) once the store is gone', async () => {
    server = createTestServer();
    expect(await (await server.app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await server.app.request('/readyz')).json()).toEqual({ status: 'ready' });
    await server.store.close();
    const down = await server.app.request('/readyz');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });
  });

  it('counts calls, resolutions and request latency for Prometheus, with no id, code or attribute in the output', async () => {
    server = createTestServer({ deps: { newDtmfCode: () => '0012345678' } });
    const calls = callSteps(server);
    const call = await calls.create();
    await calls.disclosed(call);
    await calls.resolve('nijmegen', { code: '0012345678', callId: 'CA-metrics' });
    await calls.resolve('nijmegen', { code: '0012345678', callId: 'CA-again' });
    const text = await (await server.app.request('/metrics')).text();
    expect(text).toMatch(/regiekit_calls_started_total\{tenant="nijmegen"\} 1/);
    expect(text).toMatch(/regiekit_calls_disclosed_total\{tenant="nijmegen"\} 1/);
    expect(text).toMatch(/regiekit_codes_resolved_total\{tenant="nijmegen"\} 1/);
    expect(text).toMatch(/regiekit_codes_failed_total\{tenant="nijmegen"\} 1/);
    expect(text).toMatch(
      /regiekit_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/:tenant\/calls",status="200"\} 1/,
    );
    for (const secret of [call.callId, '0012345678', 'CA-metrics', '999993653']) expect(text).not.toContain(secret);
  });

  it('asks for the metrics token when one is configured', async () => {
    const token = 'metrics-token-0123456789abcdef0123456789';
    server = createTestServer({ config: { metricsToken: token } });
    expect((await server.app.request('/metrics')).status).toBe(404);
    expect(
      (
        await server.app.request('/metrics', {
          headers: { Authorization: 'Bearer wrong-token-0123456789abcdef0123456' },
        })
      ).status,
    ).toBe(404);
    expect((await server.app.request('/metrics', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('ends the live console streams on shutdown, so their browsers reconnect elsewhere', async () => {
    server = createTestServer();
    const staff = staffSteps(server);
    await seedAgent(server, 'nijmegen', 'anna');
    const anna = await staff.signIn('nijmegen', 'anna');
    const stream = sseReader(await staff.get('/api/v1/nijmegen/console/events', anna));
    expect((await stream.next()).type).toBe('snapshot');
    server.app.shutdown();
    expect(await stream.closed()).toBe(true);
  });
});
