import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const CREATE_ADMIN = join(import.meta.dirname, '../reference-server/dist/cli/create-admin.js');
const PASSWORD = 'beheer-met-een-lange-zin';

let browser: Browser;
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'regiekit-create-admin-'));
  // The demo on a port of its own choosing, as a newcomer runs `PORT=… npm start` in one terminal.
  [browser, server] = await Promise.all([launchChromium(), startServerProcess({ REGIE_DATA_DIR: dataDir })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run create-admin next to a demo on another port', () => {
  it('prints the address the server really listens on, where the new admin can sign in', async () => {
    expect(server.port).not.toBe(8080);
    // A second terminal: the same data directory, but no PORT, as the README's command is typed.
    const { PORT: _port, REGIE_PUBLIC_URL: _url, ...env } = process.env;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CREATE_ADMIN, '--demo', '--tenant', 'nijmegen', '--username', 'beheerder'],
      {
        env: { ...env, REGIE_DATA_DIR: dataDir, REGIE_ADMIN_PASSWORD: PASSWORD },
      },
    );
    const printed = /sign in at (\S+)/.exec(stdout)?.[1];
    expect(printed).toBe(`${server.url}/admin`);

    const page = await browser.newPage();
    await page.goto(printed!);
    await page.getByLabel('Gebruikersnaam').fill('beheerder');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await page.close();
  });

  it("finds the running demo's data directory when the second terminal has no REGIE_DATA_DIR", async () => {
    const { PORT: _port, REGIE_PUBLIC_URL: _url, REGIE_DATA_DIR: _dir, ...env } = process.env;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CREATE_ADMIN, '--demo', '--tenant', 'nijmegen', '--username', 'tweede'],
      { env: { ...env, REGIE_ADMIN_PASSWORD: PASSWORD } },
    );
    expect(stdout).toContain(`data in ${dataDir}`);
    const login = await fetch(`${server.url}/api/v1/nijmegen/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ username: 'tweede', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
  });
});
