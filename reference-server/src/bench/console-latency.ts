import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.js';
import { hashPassword } from '../agents/passwords.js';
import { resolveConfig } from '../config/resolve-config.js';
import { createLogger } from '../http/logger.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import { freePort, listenOn } from '../testing/listen.js';
import { testConfigInput, SWITCHBOARD_SECRETS } from '../testing/test-server.js';

/**
 * How long after a switchboard resolves a code the caller is on every agent's
 * live feed: 100 calls, 20 agents connected over real HTTP on loopback.
 * Reported against a baseline measured in the same run: a plain request
 * round trip to the same server.
 */
const AGENTS = 20;
const CALLS = 100;
const PASSWORD = 'benchmark-wachtwoord-lang';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function main(): Promise<void> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-bench-'));
  const config = resolveConfig(testConfigInput({ publicUrl: origin }), {});
  const store = new SqliteStore({ directory: dataDir, tenantIds: config.tenants.map((t) => t.id) });
  const app = createApp(config, { store, logger: createLogger('silent') });
  const stop = await listenOn(app.fetch, port);
  const json = { 'Content-Type': 'application/json', Origin: origin };

  // Baseline: one request round trip to the same server.
  const baseline: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await (await fetch(`${origin}/healthz`)).text();
    baseline.push(performance.now() - started);
  }

  const passwordHash = await hashPassword(PASSWORD);
  const arrivals = new Map<string, number[]>();
  const streams: AbortController[] = [];
  let connected = 0;
  for (let i = 0; i < AGENTS; i++) {
    const username = `bench${i}`;
    await store.forTenant('nijmegen').agents.create({ agentId: `benchagent${String(i).padStart(12, '0')}`, username, displayName: username, role: 'agent', passwordHash, mustChangePassword: false, passwordExpiresAt: null, createdAt: Date.now() });
    const login = await fetch(`${origin}/api/v1/nijmegen/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ username, password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const abort = new AbortController();
    streams.push(abort);
    const response = await fetch(`${origin}/api/v1/nijmegen/console/events`, { headers: { Cookie: cookie }, signal: abort.signal });
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      const reader = response.body!.getReader();
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          buffer += decoder.decode(chunk.value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes('event: snapshot')) connected++;
            const match = /"type":"call-added".*?"callId":"([\w-]+)"/.exec(block);
            if (match) arrivals.get(match[1]!)?.push(performance.now());
          }
        }
      } catch {
        // aborted at the end of the run
      }
    })();
  }
  while (connected < AGENTS) await new Promise((resolve) => setTimeout(resolve, 10));

  const everyAgent: number[] = [];
  const lastAgent: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const created = (await (await fetch(`${origin}/api/v1/nijmegen/calls`, { method: 'POST', headers: json, body: '{"purpose":"general"}' })).json()) as { callId: string; callToken: string; sessionPtr: { u: string } };
    await fetch(`${created.sessionPtr.u}/disclose`, { method: 'POST', headers: json, body: '{}' });
    const status = (await (await fetch(`${origin}/api/v1/nijmegen/calls/${created.callId}`, { headers: { Authorization: `Bearer ${created.callToken}` } })).json()) as { dtmfCode: string };
    const times: number[] = [];
    arrivals.set(created.callId, times);
    const started = performance.now();
    await fetch(`${origin}/api/v1/nijmegen/switchboard/resolve`, {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${SWITCHBOARD_SECRETS.nijmegen}` },
      body: JSON.stringify({ code: status.dtmfCode, callId: `bench-${i}` }),
    });
    while (times.length < AGENTS) await new Promise((resolve) => setImmediate(resolve));
    everyAgent.push(...times.map((t) => t - started));
    lastAgent.push(Math.max(...times) - started);
  }

  for (const abort of streams) abort.abort();
  await stop();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });

  const base50 = percentile(baseline, 50);
  const base95 = percentile(baseline, 95);
  const rows = [
    ['baseline: GET /healthz round trip', percentile(baseline, 50), percentile(baseline, 95)],
    [`resolve -> row on an agent's stream (${CALLS} calls x ${AGENTS} agents)`, percentile(everyAgent, 50), percentile(everyAgent, 95)],
    [`resolve -> row on all ${AGENTS} streams`, percentile(lastAgent, 50), percentile(lastAgent, 95)],
  ] as const;
  console.log(`\nconsole latency benchmark (${CALLS} calls, ${AGENTS} agents connected, loopback HTTP, SQLite)\n`);
  for (const [name, p50, p95] of rows) {
    console.log(`${name.padEnd(62)} p50 ${ms(p50).padStart(10)} (${(p50 / base50).toFixed(1)}x)   p95 ${ms(p95).padStart(10)} (${(p95 / base95).toFixed(1)}x)`);
  }
}

await main();
// Server-side stream loops sleep between keep-alives; the benchmark is done, so leave now.
process.exit(0);
