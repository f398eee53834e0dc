import { createHash } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeLocalhostCertificate } from '../reference-server/src/testing/localhost-certificate.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../reference-server/src/testing/listen.js';

// What `npm start` runs once the build is done: the CLI entry in demo mode.
const MAIN = join(import.meta.dirname, '../reference-server/dist/main.js');

let child: ChildProcess;
let server: string;
let examples: string;
let source: string;
let dataDir: string;

function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, [MAIN, '--demo'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (chunk) => (output += chunk));
  proc.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
    proc.stdout!.on('data', () => {
      if (output.includes('regiekit demo is running')) {
        clearTimeout(timer);
        resolve({ child: proc, output: () => output });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

beforeAll(async () => {
  const [port, examplesPort, sourcePort] = [await freePort(), await freePort(), await freePort()];
  dataDir = mkdtempSync(join(tmpdir(), 'regiekit-start-'));
  server = `http://localhost:${port}`;
  examples = `http://localhost:${examplesPort}`;
  source = `http://localhost:${sourcePort}`;
  ({ child } = await start({
    PORT: String(port),
    REGIE_EXAMPLES_PORT: String(examplesPort),
    REGIE_SOURCE_PORT: String(sourcePort),
    REGIE_DATA_DIR: dataDir,
    REGIE_LOG_LEVEL: 'warn',
  }));
});
afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo as npm start runs it', () => {
  it('serves the landing page, with links to every part of the demo', async () => {
    const html = await (await fetch(`${server}/`)).text();
    for (const link of [
      `${examples}/municipal/`,
      `${examples}/repayment-planner/`,
      `${examples}/bijstand/`,
      '/demo/irma/wallet',
      '/demo/switchboard',
      '/openapi.json',
    ])
      expect(html).toContain(`href="${link}"`);
  });

  it('serves the municipal example from a second origin, with the CDN script pinned by its SRI hash', async () => {
    const page = await (await fetch(`${examples}/municipal/`)).text();
    const integrity = /src="([^"]+regie-call-button\.js)" integrity="(sha384-[^"]+)"/.exec(page);
    expect(integrity?.[1]).toBe(`${server}/cdn/regie-call-button.js`);
    const script = await fetch(integrity![1]!);
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(
      `sha384-${createHash('sha384')
        .update(Buffer.from(await script.arrayBuffer()))
        .digest('base64')}`,
    ).toBe(integrity![2]);
  });

  it('serves the application form and its source, the source on a third origin with its service registered', async () => {
    const form = await (await fetch(`${examples}/bijstand/`)).text();
    expect(form).toContain('<regie-data-fetch');
    expect(form).toContain(`src="${server}/cdn/regie-data-fetch.js"`);
    const home = await fetch(`${source}/toeslagen`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'none'");
    const metadata = await fetch(`${server}/.well-known/jwt-vc-issuer/issuers/nijmegen/demo-toeslagen`);
    expect(metadata.status).toBe(200);
  });

  it('keeps one SQLite file per demo tenant in the data directory', () => {
    expect(
      readdirSync(join(dataDir, 'tenants'))
        .filter((f) => f.endsWith('.sqlite'))
        .sort(),
    ).toEqual(['arnhem.sqlite', 'nijmegen.sqlite']);
  });

  it('completes a call through the demo wallet form and the switchboard simulator', async () => {
    const created = (await (
      await fetch(`${server}/api/v1/arnhem/calls`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"purpose":"general"}',
      })
    ).json()) as {
      callId: string;
      callToken: string;
      sessionPtr: { u: string };
    };
    const clientToken = created.sessionPtr.u.split('/').pop();
    const disclosed = await fetch(`${server}/demo/irma/wallet/${clientToken}`, {
      method: 'POST',
      body: new URLSearchParams({ persona: 'jan', action: 'disclose' }),
    });
    expect(await disclosed.text()).toContain('Disclosed');
    const status = (await (
      await fetch(`${server}/api/v1/arnhem/calls/${created.callId}`, {
        headers: { Authorization: `Bearer ${created.callToken}` },
      })
    ).json()) as { dtmfCode: string; phoneNumber: string };
    expect(status.phoneNumber).toBe('+31263773911');
    const call = async () =>
      (
        await fetch(`${server}/demo/switchboard/calls`, {
          method: 'POST',
          body: JSON.stringify({ tenant: 'arnhem', code: status.dtmfCode }),
        })
      ).json();
    expect(await call()).toMatchObject({ connected: true, sessionRef: created.callId });
    expect(await call()).toMatchObject({ connected: false });
  });

  it("serves the demo debt-help app and creditor portals, and registers the creditors' services through the API", async () => {
    expect(await (await fetch(`${examples}/debt-app/`)).text()).toContain('Inloggen met regie');
    for (const provider of ['demo-energie', 'demo-zorg'])
      expect((await fetch(`${examples}/creditor-portal/${provider}/`)).status).toBe(200);
    const consumer = `Basic ${Buffer.from('demo-schuldhulp:demo-schuldhulp-secret-not-for-production-9a7e').toString('base64')}`;
    const catalogue = (await (
      await fetch(`${server}/api/v1/nijmegen/catalogue`, { headers: { Authorization: consumer } })
    ).json()) as { services: { serviceType: string; providers: { id: string }[] }[] };
    const dueList = catalogue.services.find((service) => service.serviceType.endsWith('/payment-due-list/v1'));
    expect(dueList?.providers.map((p) => p.id).sort()).toEqual(['demo-energie', 'demo-zorg']);
    const metadata = (await (
      await fetch(`${server}/.well-known/oauth-authorization-server/oauth/nijmegen`)
    ).json()) as { issuer: string };
    expect(metadata.issuer).toBe(`${server}/oauth/nijmegen`);
  });

  it('stops cleanly on SIGTERM: ready before, exit code 0 soon after', async () => {
    expect(await (await fetch(`${server}/readyz`)).json()).toEqual({ status: 'ready' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('serves HTTPS with a certificate (made here, self-signed), with HSTS', async () => {
    const [port, examplesPort] = [await freePort(), await freePort()];
    const certFile = join(dataDir, 'cert.pem');
    const keyFile = join(dataDir, 'key.pem');
    makeLocalhostCertificate(certFile, keyFile, { ec: true });
    const tlsServer = await start({
      PORT: String(port),
      REGIE_EXAMPLES_PORT: String(examplesPort),
      REGIE_SOURCE_PORT: String(await freePort()),
      REGIE_DATA_DIR: join(dataDir, 'tls'),
      REGIE_LOG_LEVEL: 'warn',
      REGIE_PUBLIC_URL: `https://localhost:${port}`,
      REGIE_TLS_CERT_FILE: certFile,
      REGIE_TLS_KEY_FILE: keyFile,
    });
    try {
      const answer = await new Promise<{ status: number; hsts: string | undefined; body: string }>(
        (resolve, reject) => {
          https
            .get(`https://localhost:${port}/healthz`, { ca: readFileSync(certFile) }, (response) => {
              let body = '';
              response.on('data', (chunk) => (body += chunk));
              response.on('end', () =>
                resolve({
                  status: response.statusCode ?? 0,
                  hsts: response.headers['strict-transport-security'],
                  body,
                }),
              );
            })
            .on('error', reject);
        },
      );
      expect(answer).toMatchObject({ status: 200, body: '{"status":"ok"}' });
      expect(answer.hsts).toMatch(/max-age=\d+/);
    } finally {
      tlsServer.child.kill('SIGTERM');
    }
  });

  it('refuses to start on a bad configuration, with one line naming the problem', async () => {
    const port = await freePort();
    const failed = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: String(port), REGIE_CONFIG: join(dataDir, 'missing.json') },
    });
    let stderr = '';
    failed.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => failed.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`config error: cannot read config file ${join(dataDir, 'missing.json')}`);
  });
});
