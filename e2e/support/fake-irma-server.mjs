#!/usr/bin/env node
// A stand-in IRMA server for tests of the production image, which has no demo IRMA server: the
// requestor API the reference server calls (POST /session with token auth, GET /session/<token>/
// result, DELETE /session/<token>), and a wallet that discloses at once. Every session it starts
// is DONE with a valid proof of exactly the attributes asked for. Plain JavaScript on node:http,
// so the server's own image can run it: e2e/compose.test.ts mounts it into a container of the
// Compose network.
//
//   IRMA_TOKEN=<REGIE_IRMA_TOKEN> PORT=8088 node fake-irma-server.mjs
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const token = process.env.IRMA_TOKEN;
const port = Number(process.env.PORT ?? 8088);
if (!token) {
  console.error('fake IRMA server: set IRMA_TOKEN');
  process.exit(1);
}

/** What Jan Jansen, the fake wallet's person, discloses. */
const VALUES = {
  'pbdf.gemeente.personalData.bsn': '999999990',
  'pbdf.gemeente.personalData.firstnames': 'Jan',
  'pbdf.gemeente.personalData.surname': 'Jansen',
};

/** Requestor token -> the attributes the session asked for. */
const sessions = new Map();

function send(response, status, body) {
  response.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readBody(request) {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://irma').pathname;
  if (request.method === 'GET' && path === '/healthz') return send(response, 200, { status: 'ok' });

  if (request.method === 'POST' && path === '/session') {
    // irmago's token auth: the bare token in Authorization.
    if (request.headers.authorization !== token) return send(response, 401, { error: 'UNAUTHORIZED' });
    let attributes;
    try {
      attributes = JSON.parse(await readBody(request)).request.disclose.flat(2);
    } catch {
      return send(response, 400, { error: 'MALFORMED_SESSION_REQUEST' });
    }
    const requestorToken = randomBytes(16).toString('hex');
    sessions.set(requestorToken, attributes);
    return send(response, 200, {
      token: requestorToken,
      sessionPtr: { u: `http://irma:${port}/irma/session/${randomBytes(16).toString('hex')}`, irmaqr: 'disclosing' },
      frontendRequest: {
        authorization: randomBytes(16).toString('hex'),
        minProtocolVersion: '1.0',
        maxProtocolVersion: '1.1',
        pairingHint: false,
      },
    });
  }

  const session = /^\/session\/([0-9a-f]+)(\/result)?$/.exec(path);
  const attributes = session && sessions.get(session[1]);
  if (!attributes) return send(response, 400, { error: 'SESSION_UNKNOWN' });
  if (request.method === 'GET' && session[2]) {
    return send(response, 200, {
      type: 'disclosing',
      status: 'DONE',
      proofStatus: 'VALID',
      token: session[1],
      disclosed: [attributes.map((id) => ({ id, rawvalue: VALUES[id] ?? 'x', status: 'PRESENT' }))],
    });
  }
  if (request.method === 'DELETE' && !session[2]) {
    sessions.delete(session[1]);
    return send(response, 204);
  }
  return send(response, 405, { error: 'METHOD_NOT_ALLOWED' });
});

server.listen(port, () => console.log(`fake IRMA server on port ${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
