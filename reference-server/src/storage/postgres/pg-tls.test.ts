import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type StartedPostgres } from '../../testing/postgres-server.js';
import { PostgresStore } from './postgres-store.js';

// A PostgreSQL of this file's own that speaks TLS with a self-signed certificate for `localhost`.
let cluster: StartedPostgres;
beforeAll(async () => {
  cluster = await startPostgresCluster({ tls: true });
}, 60_000);
afterAll(() => cluster.destroy());

const url = (host: string) => `postgres://postgres@${host}:${cluster.port}/postgres?sslmode=verify-full`;
const connect = (host: string, caFile?: string) =>
  PostgresStore.connect(
    { engine: 'postgres', url: url(host), ...(caFile && { caFile }), schemaPrefix: 'tls', poolSize: 1 },
    ['a'],
  );

describe('PostgreSQL over TLS (sslmode=verify-full)', () => {
  it('connects with the configured CA, encrypted, and stores as usual', async () => {
    const store = await connect('localhost', cluster.caFile);
    const ssl = await store.dbOf('a').row<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(ssl).toEqual({ ssl: true });
    await store
      .forTenant('a')
      .audit.append({ at: 1, type: 'login.succeeded', actor: 'anna', subject: null, detail: null });
    expect(await store.forTenant('a').audit.list(1)).toHaveLength(1);
    await store.close();
  });

  it('refuses a server whose certificate no trusted CA signed', async () => {
    await expect(connect('localhost')).rejects.toThrow(/not reachable .*self[- ]signed certificate/);
  });

  it('refuses a server whose certificate names another host', async () => {
    await expect(connect('127.0.0.1', cluster.caFile)).rejects.toThrow(/not reachable .*does not match certificate/);
  });
});
