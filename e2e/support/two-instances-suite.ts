import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../reference-server/src/storage/store.js';
import { consoleStream, disclosedCall, resolveCode, seedAgentIn, signIn, takeCall } from './instance-steps.js';
import { startServerProcess, TEST_MASTER_KEY, type ServerProcess } from './server-process.js';

/** How the instances reach their shared storage, and how the test reaches it to seed and clean up. */
export interface SharedStorage {
  /** The environment that points an instance at the storage. */
  env: Record<string, string>;
  open(): Promise<Store>;
  /** Removes what the test stored (the store is still open). */
  clean(store: Store): Promise<void>;
}

/** Two server processes on one shared storage, as a load balancer would spread the traffic. */
export function describeTwoInstances(engine: string, storage: SharedStorage): void {
  let store: Store;
  let one: ServerProcess;
  let two: ServerProcess;
  const dataDirs: string[] = [];

  function startInstance(): Promise<ServerProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-instance-'));
    dataDirs.push(dataDir);
    return startServerProcess({ ...storage.env, REGIE_MASTER_KEY: TEST_MASTER_KEY, REGIE_DATA_DIR: dataDir });
  }

  describe(`two instances on one ${engine}`, () => {
    beforeAll(async () => {
      store = await storage.open();
      await seedAgentIn(store, 'nijmegen', 'anna');
      await seedAgentIn(store, 'nijmegen', 'bram');
      [one, two] = await Promise.all([startInstance(), startInstance()]);
    }, 60_000);

    afterAll(async () => {
      await Promise.all([one?.stop(), two?.stop()]);
      await storage.clean(store);
      await store.close();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    });
    it('shows a caller who started on instance 1 and was resolved on instance 2 to an agent on instance 1', async () => {
      const anna = await signIn(one.url, 'anna');
      const stream = await consoleStream(anna);
      expect((await stream.next())?.type).toBe('snapshot');
      const { created, code } = await disclosedCall(one.url);
      const resolved = await resolveCode(two.url, code, 'phone-1');
      expect(resolved.status).toBe(200);
      const added = await stream.next(2000);
      expect(added).toMatchObject({
        type: 'call-added',
        call: { callId: created.callId, firstNames: expect.any(String) },
      });
      stream.close();
    });

    it('lets exactly one of two agents on different instances take each of 100 calls', async () => {
      const anna = await signIn(one.url, 'anna');
      const bram = await signIn(two.url, 'bram');
      const callIds: string[] = [];
      for (let i = 0; i < 100; i++) {
        const { created, code } = await disclosedCall(i % 2 ? one.url : two.url);
        expect((await resolveCode(i % 2 ? two.url : one.url, code, `race-${i}`)).status).toBe(200);
        callIds.push(created.callId);
      }
      let annaWins = 0;
      for (const callId of callIds) {
        const [a, b] = await Promise.all([takeCall(anna, callId), takeCall(bram, callId)]);
        expect([a.status, b.status].sort()).toEqual([204, 409]);
        if (a.status === 204) annaWins += 1;
      }
      // Both instances win some races: the lock is in the shared storage, not in either process.
      expect(annaWins).toBeGreaterThan(0);
      expect(annaWins).toBeLessThan(100);
    }, 120_000);

    it('resumes a console on the other instance with Last-Event-ID, replaying what it missed', async () => {
      const anna = await signIn(one.url, 'anna');
      const first = await consoleStream(anna);
      const snapshot = await first.next();
      first.close();
      const { created, code } = await disclosedCall(two.url);
      await resolveCode(two.url, code, 'phone-resume');
      // The session cookie from instance 1 is good on instance 2: sessions live in the shared storage.
      const resumed = await consoleStream(anna, { server: two.url, lastEventId: snapshot!.id });
      const replayed = await resumed.next();
      expect(replayed).toMatchObject({ type: 'call-added', call: { callId: created.callId } });
      expect(replayed!.seq).toBeGreaterThan(snapshot!.seq);
      resumed.close();
    });

    it('loses no session when an instance stops: its callers resolve and its agents carry on at the other', async () => {
      const extra = await startInstance();
      const anna = await signIn(extra.url, 'anna');
      const stream = await consoleStream(anna);
      await stream.next();
      const { created, code } = await disclosedCall(extra.url);
      // SIGTERM ends the live stream (the console reconnects elsewhere) and the process exits cleanly.
      expect(await extra.stop('SIGTERM')).toBe(0);
      expect(await stream.next()).toBeUndefined();
      expect((await resolveCode(two.url, code, 'phone-after-stop')).status).toBe(200);
      const elsewhere = await consoleStream(anna, { server: two.url });
      const seen = await elsewhere.next();
      expect(seen?.type === 'snapshot' && seen.calls.some((call) => call.callId === created.callId)).toBe(true);
      elsewhere.close();
    });
  });
}
