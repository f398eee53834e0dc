import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources of the SDK, so a change there needs no rebuild.
const alias = {
  '@regiekit/sdk/protocol': src('./sdk/src/protocol/index.ts'),
  '@regiekit/sdk/call': src('./sdk/src/call/index.ts'),
  '@regiekit/sdk/staff': src('./sdk/src/staff/index.ts'),
  '@regiekit/sdk/connect': src('./sdk/src/connect/index.ts'),
  '@regiekit/sdk/consent': src('./sdk/src/consent/index.ts'),
  '@regiekit/sdk/plan/exact': src('./sdk/src/plan/exact/index.ts'),
  '@regiekit/sdk/plan': src('./sdk/src/plan/index.ts'),
};

// Starts a redis-server for the Redis engine's tests when none is reachable.
const redisSetup = src('./reference-server/src/testing/redis-global-setup.ts');

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['sdk/src/**/*.test.ts', 'reference-server/src/**/*.test.ts'],
          environment: 'node',
          globalSetup: [redisSetup],
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
          globalSetup: [redisSetup],
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
