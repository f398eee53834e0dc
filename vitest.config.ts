import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources of the SDK, so a change there needs no rebuild. The
// map is the one tsc uses for the tests (tsconfig.tests.json): `@regiekit/sdk/<entry>` is
// `sdk/src/<entry>/index.ts`.
const { paths } = JSON.parse(readFileSync(src('./tsconfig.tests.json'), 'utf8')).compilerOptions as {
  paths: Record<string, [string]>;
};
const alias = Object.entries(paths).map(([from, [to]]) => ({
  find: new RegExp(`^${from.replace('*', '(.+)')}$`),
  replacement: src(to.replace('*', '$1')),
}));

// Starts a redis-server for the Redis engine's tests when none is reachable.
const redisSetup = src('./reference-server/src/testing/redis-global-setup.ts');
// Makes a fresh PostgreSQL database for the PostgreSQL engine's tests, starting a server when none answers.
const postgresSetup = src('./reference-server/src/testing/postgres-global-setup.ts');

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['sdk/src/**/*.test.ts', 'reference-server/src/**/*.test.ts'],
          environment: 'node',
          globalSetup: [redisSetup, postgresSetup],
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'widgets',
          include: ['widgets/src/**/*.test.ts'],
          environment: 'jsdom',
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: [redisSetup, postgresSetup],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time, after the other projects: the machine has two cores, and the
          // timing requirements (a caller on every console within a second) deserve a quiet machine.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // One retry for browser timing on a small machine; a real regression fails both tries.
          retry: 1,
        },
      },
    ],
  },
});
