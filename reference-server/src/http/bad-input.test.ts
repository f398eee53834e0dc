import { createConnection } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { consentWorld, type ConsentWorld } from '../testing/consent-steps.js';
import { PARTY_AUTH, partyCall } from '../testing/connect-steps.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { answerParserErrorsInJson } from './client-errors.js';
import { jsonDepth } from './json-depth.js';

const deep = (levels: number) => `{"input":${'['.repeat(levels)}${']'.repeat(levels)}}`;

let server: TestServer | undefined;
let world: ConsentWorld | undefined;
afterEach(async () => {
  await server?.close();
  await world?.server.close();
  server = undefined;
  world = undefined;
});

describe('bad input is refused with a 4xx before any work', () => {
  it('measures JSON nesting outside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{\\\\\\"]]"}')).toBe(1);
    expect(jsonDepth('[]')).toBe(1);
  });

  it('refuses input nested 5,000 deep for a reference with 400, calls no creditor and logs no creditor error', async () => {
    world = await consentWorld();
    const requested = await world.request();
    await world.accept(requested.consentId);
    const { references } = await world.consumer.consent(requested.consentId);
    const before = world.parties.calls.length;
    const answer = await world.server.app.request(
      `/api/v1/nijmegen/consumer/references/${references[0]!.referenceId}`,
      {
        method: 'POST',
        headers: { Authorization: PARTY_AUTH.schuldhulp, 'Content-Type': 'application/json' },
        body: deep(5000),
      },
    );
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(world.parties.calls.length).toBe(before);
    const mine = await world.browser.json<{ consents: { uses: { outcome: string }[] }[] }>(
      '/api/v1/nijmegen/account/consents',
    );
    expect(mine.body.consents.flatMap((consent) => consent.uses.map((use) => use.outcome))).not.toContain(
      'provider-error',
    );
  });

  it.each([
    ['/api/v1/nijmegen/calls', {}],
    ['/api/v1/nijmegen/switchboard/resolve', {}],
    ['/api/v1/nijmegen/consumer/consents', { Authorization: PARTY_AUTH.schuldhulp }],
    ['/api/v1/nijmegen/provider/services', { Authorization: PARTY_AUTH.energie }],
  ])('refuses over-deep JSON at %s', async (path, headers) => {
    server = createTestServer();
    const answer = await server.app.request(path, {
      method: path.endsWith('services') ? 'PUT' : 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: deep(40),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('limits the body of every route that takes one, OAuth forms included, declared or streamed', async () => {
    server = createTestServer();
    const declared = await server.app.request('/oauth/nijmegen/par', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(20 * 1024 * 1024) },
      body: 'a=1',
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const big = new TextEncoder().encode(`client_id=${'x'.repeat(64 * 1024)}`);
    const streamed = await server.app.request('/oauth/nijmegen/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(big);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it.each([
    ['a NUL', 'klant\u0000-1'],
    ['a lone surrogate', 'klant-\ud800'],
    ['an escape character', 'klant-\u001b[31m'],
  ])('refuses a customer reference with %s', async (_what, customerRef) => {
    server = createTestServer();
    const answer = await partyCall(server.app, PARTY_AUTH.energie, 'POST', '/api/v1/nijmegen/provider/connect-tokens', {
      customerRef,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it("answers what Node's HTTP parser refuses in the stable JSON shape", async () => {
    const http: ServerType = await new Promise((resolve) => {
      const started = serve({ fetch: () => new Response('ok'), hostname: '127.0.0.1', port: 0 }, () =>
        resolve(started),
      );
    });
    answerParserErrorsInJson(http);
    const { port } = http.address() as { port: number };
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(request));
        let answer = '';
        socket.on('data', (chunk) => (answer += String(chunk)));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    try {
      const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(garbage.split('\r\n\r\n')[1]!)).toMatchObject({ error: { code: 'bad_request' } });
      const huge = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(huge.split('\r\n\r\n')[1]!)).toMatchObject({ error: { code: 'headers_too_large' } });
    } finally {
      await new Promise((done) => http.close(done));
    }
  });
});
