import { describe, expect, it } from 'vitest';
import { IrmaRequestorClient, IrmaSessionUnknownError, IrmaUnavailableError } from './requestor-client.js';
import { createDemoIrmaApp } from './demo/demo-irma-app.js';
import { verifyDisclosure } from './verify-disclosure.js';
import type { IrmaAuthResolved } from '../config/resolve-config.js';

const ATTRIBUTES = ['pbdf.gemeente.personalData.bsn', 'pbdf.gemeente.personalData.surname'];

function demoIrma(serverAuth: IrmaAuthResolved) {
  let now = 0;
  const app = createDemoIrmaApp({ publicBaseUrl: 'http://localhost:8080/demo/irma', auth: serverAuth, now: () => now });
  const fetchImpl = (url: string, init?: RequestInit) =>
    Promise.resolve(app.request(url.replace('http://irma.test', ''), init));
  return { app, fetchImpl, advance: (ms: number) => (now += ms) };
}

describe('IRMA requestor client against the demo IRMA server', () => {
  const hmacKey = Buffer.alloc(32, 4).toString('base64');
  it.each<[string, IrmaAuthResolved]>([
    ['token', { type: 'token', token: 'requestor-token-0123456789abcdef0123' }],
    ['hmac', { type: 'hmac', requestor: 'regiekit', key: hmacKey }],
  ])('starts a session with %s authentication and reads a valid result', async (_name, auth) => {
    const irma = demoIrma(auth);
    const client = new IrmaRequestorClient('http://irma.test', auth, irma.fetchImpl);
    const session = await client.startDisclosure({
      attributes: ATTRIBUTES,
      clientReturnUrl: 'tel:+31243299999,0123456789',
      timeoutSeconds: 300,
    });
    expect(session.sessionPtr.irmaqr).toBe('disclosing');
    expect((await client.result(session.token)).status).toBe('INITIALIZED');
    const clientToken = session.sessionPtr.u.split('/').pop();
    await irma.app.request(`/session/${clientToken}/disclose`, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(verifyDisclosure(await client.result(session.token), ATTRIBUTES)).toEqual({
      kind: 'disclosed',
      attributes: { 'pbdf.gemeente.personalData.bsn': '999993653', 'pbdf.gemeente.personalData.surname': 'De Bruijn' },
    });
  });

  it('is refused with the wrong token or a JWT signed with another key', async () => {
    const irma = demoIrma({ type: 'token', token: 'right-token-0123456789abcdef012345' });
    const wrong = new IrmaRequestorClient(
      'http://irma.test',
      { type: 'token', token: 'wrong-token-0123456789abcdef012345' },
      irma.fetchImpl,
    );
    await expect(
      wrong.startDisclosure({ attributes: ATTRIBUTES, clientReturnUrl: 'tel:+31', timeoutSeconds: 60 }),
    ).rejects.toBeInstanceOf(IrmaUnavailableError);
    const hmac = demoIrma({ type: 'hmac', requestor: 'regiekit', key: Buffer.alloc(32, 1).toString('base64') });
    const forged = new IrmaRequestorClient(
      'http://irma.test',
      { type: 'hmac', requestor: 'regiekit', key: Buffer.alloc(32, 2).toString('base64') },
      hmac.fetchImpl,
    );
    await expect(
      forged.startDisclosure({ attributes: ATTRIBUTES, clientReturnUrl: 'tel:+31', timeoutSeconds: 60 }),
    ).rejects.toBeInstanceOf(IrmaUnavailableError);
  });

  it('times a session out when no app connects, and forgets it after the result period', async () => {
    const auth: IrmaAuthResolved = { type: 'token', token: 'requestor-token-0123456789abcdef0123' };
    const irma = demoIrma(auth);
    const client = new IrmaRequestorClient('http://irma.test', auth, irma.fetchImpl);
    const session = await client.startDisclosure({
      attributes: ATTRIBUTES,
      clientReturnUrl: 'tel:+31',
      timeoutSeconds: 60,
    });
    irma.advance(61_000);
    expect(verifyDisclosure(await client.result(session.token), ATTRIBUTES)).toEqual({ kind: 'expired' });
    irma.advance(5 * 60_000 + 1);
    await expect(client.result(session.token)).rejects.toBeInstanceOf(IrmaSessionUnknownError);
  });

  it('serves frontend status only with the frontend authorization', async () => {
    const auth: IrmaAuthResolved = { type: 'token', token: 'requestor-token-0123456789abcdef0123' };
    const irma = demoIrma(auth);
    const session = await new IrmaRequestorClient('http://irma.test', auth, irma.fetchImpl).startDisclosure({
      attributes: ATTRIBUTES,
      clientReturnUrl: 'tel:+31',
      timeoutSeconds: 60,
    });
    const path = `${new URL(session.sessionPtr.u).pathname.replace('/demo/irma', '')}/frontend/status`;
    expect((await irma.app.request(path)).status).toBe(403);
    expect(
      await (
        await irma.app.request(path, { headers: { Authorization: session.frontendRequest.authorization } })
      ).json(),
    ).toEqual({ status: 'INITIALIZED' });
    // The client token cannot read the result: only the requestor token can.
    expect(
      (await irma.app.request(`${new URL(session.sessionPtr.u).pathname.replace('/demo/irma', '')}/result`)).status,
    ).toBe(400);
  });

  it('lets a page of another origin open the status stream with the headers yivi-client sends', async () => {
    const irma = demoIrma({ type: 'token', token: 'requestor-token-0123456789abcdef0123' });
    const preflight = await irma.app.request('/session/abc/frontend/statusevents', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://www.nijmegen.nl',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization,cache-control',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('cache-control');
  });
});

describe('verifyDisclosure', () => {
  const done = (disclosed: { id: string; rawvalue: string | null; status: string }[], proofStatus = 'VALID') => ({
    status: 'DONE' as const,
    proofStatus,
    disclosed: [disclosed],
  });
  const present = (id: string) => ({ id, rawvalue: 'x', status: 'PRESENT' });

  it('accepts only DONE + VALID with exactly the requested attributes present', () => {
    expect(verifyDisclosure(done(ATTRIBUTES.map(present)), ATTRIBUTES).kind).toBe('disclosed');
    expect(verifyDisclosure(done(ATTRIBUTES.map(present), 'EXPIRED'), ATTRIBUTES).kind).toBe('invalid');
    expect(verifyDisclosure(done([present(ATTRIBUTES[0]!)]), ATTRIBUTES).kind).toBe('invalid');
    expect(verifyDisclosure(done([...ATTRIBUTES.map(present), present('pbdf.other.x.y')]), ATTRIBUTES).kind).toBe(
      'invalid',
    );
    expect(
      verifyDisclosure(
        done([present(ATTRIBUTES[0]!), { id: ATTRIBUTES[1]!, rawvalue: null, status: 'NULL' }]),
        ATTRIBUTES,
      ).kind,
    ).toBe('invalid');
  });

  it('maps the other session states', () => {
    expect(verifyDisclosure({ status: 'CONNECTED' }, ATTRIBUTES).kind).toBe('waiting');
    expect(verifyDisclosure({ status: 'CANCELLED' }, ATTRIBUTES).kind).toBe('cancelled');
    expect(verifyDisclosure({ status: 'TIMEOUT' }, ATTRIBUTES).kind).toBe('expired');
  });
});
