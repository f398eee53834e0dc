import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callSteps } from '../testing/call-steps.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

const BSN = '999993653';
const FIRST_NAMES = 'Willeke Liselotte';
const SURNAME = 'De Bruijn';

let server: TestServer | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Every byte of every file of the tenant's database (main file, WAL, shared memory). */
function rawDatabaseBytes(directory: string): string {
  const tenants = join(directory, 'tenants');
  return readdirSync(tenants)
    .map((file) => readFileSync(join(tenants, file)).toString('latin1'))
    .join('');
}

describe('personal data', () => {
  it('is encrypted before it reaches the SQLite file, and the code is stored only as a keyed hash', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'regiekit-pd-'));
    server = createTestServer({ dataDir, deps: { newDtmfCode: () => '4815162342' } });
    const steps = callSteps(server);
    const call = await steps.create();
    await steps.disclose(call, {
      'pbdf.gemeente.personalData.bsn': BSN,
      'pbdf.gemeente.personalData.firstnames': FIRST_NAMES,
      'pbdf.gemeente.personalData.surname': SURNAME,
    });
    const status = await steps.disclosed(call);
    expect(status.status === 'disclosed' && status.dtmfCode).toBe('4815162342');

    const record = (await server.store.forTenant('nijmegen').calls.get(call.callId))!;
    expect(record.attributesSealed).toMatch(/^v1\.test\./);
    server.store.checkpoint();
    const raw = rawDatabaseBytes(dataDir);
    expect(raw).toContain(call.callId);
    for (const secret of [BSN, 'Willeke', 'Bruijn', '4815162342', call.callToken]) expect(raw).not.toContain(secret);
  });

  it('never reaches the log: no BSN, names, code, call token or IRMA token', async () => {
    server = createTestServer({ deps: { newDtmfCode: () => '2718281828' } });
    const steps = callSteps(server);
    const call = await steps.create();
    await steps.disclosed(call);
    await steps.resolve('nijmegen', { code: '2718281828', callId: 'CA-1', callerId: '+31612345678' });
    await steps.resolve('nijmegen', { code: '2718281828', callId: 'CA-2', callerId: '+31612345678' });
    const logs = server.logs();
    expect(logs).toContain('dtmf code resolved');
    for (const secret of [
      BSN,
      'Willeke',
      'Bruijn',
      '2718281828',
      call.callToken,
      '+31612345678',
      call.frontendRequest.authorization,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('is deleted by the sweep when its purpose ends: an unused code at expiry, a call at the retention time', async () => {
    const codes = ['1111111111', '2222222222'];
    server = createTestServer({ deps: { newDtmfCode: () => codes.shift()! } });
    const steps = callSteps(server);
    const unused = await steps.create();
    await steps.disclosed(unused);
    const called = await steps.create();
    await steps.disclosed(called);
    await steps.resolve('nijmegen', { code: '2222222222', callId: 'CA-1' });
    const start = server.clock.now();
    const calls = server.store.forTenant('nijmegen').calls;

    expect(await server.app.sweepExpired(start + 599_000)).toBe(0);
    expect(await server.app.sweepExpired(start + 600_000)).toBe(1);
    expect(await calls.get(unused.callId)).toBeUndefined();
    expect((await calls.get(called.callId))?.status).toBe('called');
    expect(await server.app.sweepExpired(start + 3_599_000)).toBe(0);
    expect(await server.app.sweepExpired(start + 3_600_000)).toBe(1);
    expect(await calls.get(called.callId)).toBeUndefined();
    const audit = (await server.store.forTenant('nijmegen').audit.list(10)).map(
      (e) => `${e.type} ${e.subject} ${e.actor}`,
    );
    expect(audit).toContain(`call.data-deleted ${called.callId} system`);
  });
});
