import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleEvent } from '@regiekit/sdk/protocol';
import { RedisStore } from '../reference-server/src/storage/redis/redis-store.js';
import { startRedisServer, type StartedRedis } from '../reference-server/src/testing/redis-server.js';
import { disclosedCall, resolveCode, seedAgentIn, signIn, type Agent } from './support/instance-steps.js';
import { startServerProcess, TEST_MASTER_KEY, type ServerProcess } from './support/server-process.js';

// Two server processes on a Redis of this file's own, which the tests kill and start again on the same port.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every console the tests opened, stopped at the end whatever happened. */
const opened: BrowserConsole[] = [];

/**
 * An agent's console as the browser's EventSource follows it: when the server ends the stream it
 * reconnects after the stream's `retry` time, naming the last event it has (Last-Event-ID); a
 * reconnect the server refuses (not 200) closes it for good.
 */
class BrowserConsole {
  /** Callers announced with `call-added` (live or replayed after a reconnect). */
  readonly added = new Set<string>();
  /** Callers listed in a snapshot. */
  readonly listed = new Set<string>();
  snapshots = 0;
  /** The status of a refused reconnect, after which the console no longer listens. */
  refused: number | undefined;
  private lastEventId: string | undefined;
  private retryMs = 3000;
  private readonly controller = new AbortController();

  constructor(
    private readonly agent: Agent,
    private readonly server = agent.server,
  ) {
    opened.push(this);
    void this.run();
  }

  shows = (callId: string) => this.added.has(callId) || this.listed.has(callId);

  stop(): void {
    this.controller.abort();
  }

  private async run(): Promise<void> {
    while (!this.controller.signal.aborted) {
      try {
        const response = await fetch(`${this.server}/api/v1/nijmegen/console/events`, {
          headers: {
            Cookie: this.agent.cookie,
            Accept: 'text/event-stream',
            ...(this.lastEventId !== undefined && { 'Last-Event-ID': this.lastEventId }),
          },
          signal: this.controller.signal,
        });
        if (response.status !== 200) {
          this.refused = response.status;
          return;
        }
        await this.read(response.body!);
      } catch {
        // The connection broke (or the test stopped listening): as a browser, try again.
      }
      if (!this.controller.signal.aborted) await sleep(this.retryMs);
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private dispatch(block: string): void {
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) this.lastEventId = line.slice(4);
      else if (line.startsWith('retry: ')) this.retryMs = Number(line.slice(7));
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!data) return;
    const event = JSON.parse(data) as ConsoleEvent;
    if (event.type === 'snapshot') {
      this.snapshots += 1;
      for (const call of event.calls) this.listed.add(call.callId);
    }
    if (event.type === 'call-added') this.added.add(event.call.callId);
  }
}

async function eventually(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    await sleep(50);
  }
}

const keyPrefix = `restart-${randomBytes(4).toString('hex')}`;
const redisDir = mkdtempSync(join(tmpdir(), 'regiekit-redis-restart-'));
const dataDirs: string[] = [];
let redis: StartedRedis;
let instances: ServerProcess[] = [];
/** Each instance's stderr, and its stdout from the first outage on. */
const stderr = new Map<ServerProcess, string>();
const stdoutSinceOutage = new Map<ServerProcess, string>();
let outageStarted = false;

async function seedAgents(): Promise<void> {
  const store = await RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix }, ['nijmegen']);
  await seedAgentIn(store, 'nijmegen', 'anna');
  await seedAgentIn(store, 'nijmegen', 'bram');
  await store.close();
}

async function startInstance(): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-instance-'));
  dataDirs.push(dataDir);
  const server = await startServerProcess({
    REGIE_STORAGE: 'redis',
    REGIE_REDIS_URL: redis.url,
    REGIE_REDIS_KEY_PREFIX: keyPrefix,
    REGIE_MASTER_KEY: TEST_MASTER_KEY,
    REGIE_DATA_DIR: dataDir,
  });
  stderr.set(server, '');
  stdoutSinceOutage.set(server, '');
  server.child.stderr!.on('data', (chunk) => stderr.set(server, stderr.get(server) + String(chunk)));
  server.child.stdout!.on('data', (chunk) => {
    if (outageStarted) stdoutSinceOutage.set(server, stdoutSinceOutage.get(server) + String(chunk));
  });
  return server;
}

/**
 * Takes Redis away for `ms` (SIGTERM, or SIGKILL: no goodbye to the clients) and starts it again on
 * the same port, with its append-only file or empty; resolves once both instances are ready again.
 */
async function redisAway(ms: number, { signal, keepData }: { signal: NodeJS.Signals; keepData: boolean }) {
  outageStarted = true;
  const { port, process: child } = redis;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
  await sleep(ms);
  redis = await startRedisServer({ port, ...(keepData && { dataDir: redisDir }) });
  const deadline = Date.now() + 15_000;
  for (const instance of instances) {
    while ((await fetch(`${instance.url}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`instance did not recover:\n${instance.output()}`);
      await sleep(100);
    }
  }
}

/** Callers identified through the switchboard, alternating between the instances; every resolve must answer 200. */
async function resolveCalls(count: number): Promise<string[]> {
  const callIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const { created, code } = await disclosedCall(instances[i % 2]!.url);
    const resolved = await resolveCode(instances[(i + 1) % 2]!.url, code, `restart-${randomBytes(4).toString('hex')}`);
    expect(resolved.status).toBe(200);
    callIds.push(created.callId);
  }
  return callIds;
}

/** Every console announces every one of the callers (`call-added`) within a few seconds. */
async function announcedEverywhere(consoles: BrowserConsole[], callIds: string[], timeoutMs = 5000) {
  await eventually(
    () => consoles.every((view) => callIds.every((callId) => view.added.has(callId))),
    timeoutMs,
    () =>
      consoles
        .map((view, i) => `console ${i}: ${callIds.filter((id) => view.added.has(id)).length}/${callIds.length}`)
        .join(', ') + `\n${instances.map((instance) => instance.output().slice(-3000)).join('\n---\n')}`,
  );
}

/** An open console on each instance, past its snapshot and hearing live callers. */
async function consolesOnBothInstances(): Promise<BrowserConsole[]> {
  const consoles = [
    new BrowserConsole(await signIn(instances[0]!.url, 'anna')),
    new BrowserConsole(await signIn(instances[1]!.url, 'bram')),
  ];
  await eventually(
    () => consoles.every((view) => view.snapshots > 0),
    5000,
    () => 'no snapshot',
  );
  return consoles;
}

beforeAll(async () => {
  redis = await startRedisServer({ dataDir: redisDir });
  await seedAgents();
  instances = await Promise.all([startInstance(), startInstance()]);
}, 60_000);

afterAll(async () => {
  for (const view of opened) view.stop();
  await Promise.all(instances.map((instance) => instance.stop('SIGKILL')));
  await redis?.stop();
  for (const dir of [redisDir, ...dataDirs]) rmSync(dir, { recursive: true, force: true });
});

describe('agent consoles when Redis restarts', () => {
  it('hear new callers again after a short outage (Redis back with its data after 3 s)', async () => {
    const consoles = await consolesOnBothInstances();
    // Each instance is reading the feed when Redis goes: the read in flight is the one that gets lost.
    await announcedEverywhere(consoles, await resolveCalls(1));

    await redisAway(3000, { signal: 'SIGTERM', keepData: true });
    await announcedEverywhere(consoles, await resolveCalls(3));
    expect(consoles.map((view) => view.refused)).toEqual([undefined, undefined]);
    for (const view of consoles) view.stop();
  });

  it('hear new callers again after an outage longer than the keep-alive (17 s, Redis killed), and log only JSON', async () => {
    const consoles = await consolesOnBothInstances();
    await announcedEverywhere(consoles, await resolveCalls(1));

    await redisAway(17_000, { signal: 'SIGKILL', keepData: true });
    await announcedEverywhere(consoles, await resolveCalls(3));
    // The consoles were never turned away (a browser's EventSource gives up on a refused reconnect).
    expect(consoles.map((view) => view.refused)).toEqual([undefined, undefined]);

    // A console opened after the outage, on either instance, hears new callers too.
    const later = await consolesOnBothInstances();
    await announcedEverywhere([...consoles, ...later], await resolveCalls(1));
    for (const view of [...consoles, ...later]) view.stop();

    for (const instance of instances) {
      const lines = [...stderr.get(instance)!.split('\n'), ...stdoutSinceOutage.get(instance)!.split('\n')];
      const notJson = lines.filter((line) => {
        if (!line.trim()) return false;
        try {
          return typeof JSON.parse(line) !== 'object';
        } catch {
          return true;
        }
      });
      expect(notJson).toEqual([]);
      // No personal data in what was logged: the demo persona's name and BSN.
      expect(instance.output()).not.toMatch(/Jansen|999990019/);
    }
  }, 90_000);

  it('end every open console stream when Redis comes back empty, so browsers start over', async () => {
    const consoles = await consolesOnBothInstances();
    await announcedEverywhere(consoles, await resolveCalls(1));

    await redisAway(3000, { signal: 'SIGTERM', keepData: false });
    // The feed's numbering is gone, and with it the sessions: each browser reconnected and was sent to sign in.
    await eventually(
      () => consoles.every((view) => view.refused === 401),
      8000,
      () => `refused: ${consoles.map((view) => view.refused).join(', ')}`,
    );

    await seedAgents();
    const again = await consolesOnBothInstances();
    await announcedEverywhere(again, await resolveCalls(2));
    for (const view of [...consoles, ...again]) view.stop();
  }, 60_000);
});
