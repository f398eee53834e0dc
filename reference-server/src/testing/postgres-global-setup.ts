import type { TestProject } from 'vitest/node';
import {
  createTestDatabase,
  postgresAnswers,
  startDebianCluster,
  startPostgresCluster,
  type StartedPostgres,
} from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database of this test run's own, dropped at its end. */
    postgresUrl: string;
  }
}

const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Makes sure a PostgreSQL is there for the PostgreSQL engine's tests: the
 * server named in REGIE_TEST_DATABASE_URL, else the local one on the default
 * port (Debian's cluster, started when it is stopped), else a cluster started
 * for this run on a free port. Each run works in a fresh database, dropped at
 * the end, and each store within it in schemas of its own prefix.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let started: StartedPostgres | undefined;
  let adminUrl = process.env.REGIE_TEST_DATABASE_URL;
  if (!adminUrl) {
    if ((await postgresAnswers(LOCAL_ADMIN_URL)) || ((await startDebianCluster()) && (await waitFor(LOCAL_ADMIN_URL))))
      adminUrl = LOCAL_ADMIN_URL;
    else {
      started = await startPostgresCluster();
      adminUrl = started.url;
      console.log(`started a PostgreSQL cluster for the tests on port ${started.port}`);
    }
  }
  const database = await createTestDatabase(adminUrl);
  project.provide('postgresUrl', database.url);
  return async () => {
    await database.drop().catch(() => undefined);
    await started?.destroy();
  };
}

async function waitFor(url: string): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await postgresAnswers(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
