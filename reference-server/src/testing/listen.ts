import { serve, type ServerType } from '@hono/node-server';
import { createServer } from 'node:net';

/** A port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Serves a fetch handler on 127.0.0.1:`port`; resolves with a function that stops it. */
export function listenOn(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
): Promise<() => Promise<void>> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch, hostname: '127.0.0.1', port }, () =>
      resolve(() => new Promise<void>((done) => server.close(() => done()))),
    );
  });
}
