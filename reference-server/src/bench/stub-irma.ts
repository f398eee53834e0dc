import { randomToken } from '../crypto/random.js';
import { DEMO_PERSONAS, personaValues } from '../irma/demo/demo-personas.js';
import type { FetchLike } from '../irma/requestor-client.js';

/**
 * An IRMA server stand-in for benchmarks, handed to the app as `irmaFetch`:
 * every session is disclosed the moment it exists, by the first demo persona.
 *
 * Why not the demo IRMA server the demo mode mounts: it keeps every session
 * in this process (so the heap per live call would include the IRMA server's
 * share) and sweeps its whole table on every new session, which at thousands
 * of sessions would dominate call-start. In production the IRMA server is a
 * service of its own; this stub keeps its cost out of the figures. It is
 * stateless: the token carries the requested attribute ids.
 */
export function stubIrmaFetch(): FetchLike {
  return async (url, init) => {
    const path = new URL(url).pathname;
    if (init?.method === 'POST' && path.endsWith('/session')) {
      const request = JSON.parse(String(init.body)) as { request: { disclose: string[][][] } };
      const attributes = request.request.disclose.flat(2);
      const token = `${randomToken(16)}.${Buffer.from(attributes.join(',')).toString('base64url')}`;
      return Response.json({
        token,
        sessionPtr: { u: `${new URL(url).origin}/stub-irma/session/${randomToken(16)}`, irmaqr: 'disclosing' },
        frontendRequest: { authorization: randomToken(16), minProtocolVersion: '1.0', maxProtocolVersion: '1.1' },
      });
    }
    const result = /\/session\/([^/]+)\/result$/.exec(path);
    if (result) {
      const token = decodeURIComponent(result[1]!);
      const attributes = Buffer.from(token.slice(token.indexOf('.') + 1), 'base64url')
        .toString()
        .split(',');
      const values = personaValues(DEMO_PERSONAS[0]!, attributes);
      return Response.json({
        type: 'disclosing',
        status: 'DONE',
        proofStatus: 'VALID',
        token,
        disclosed: [attributes.map((id) => ({ id, rawvalue: values[id], status: 'PRESENT' }))],
      });
    }
    return Response.json({ status: 404, error: 'SESSION_UNKNOWN' }, { status: 404 });
  };
}
