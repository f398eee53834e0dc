#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Username } from '@regiekit/sdk/protocol';
import { AuditLog } from '../staff/audit-log.js';
import { checkPasswordPolicy, hashPassword } from '../staff/passwords.js';
import { systemClock } from '../shared/clock.js';
import { loadConfig } from '../config/load-config.js';
import { ConfigError, type AppConfig } from '../config/resolve-config.js';
import { randomToken } from '../crypto/random.js';
import { ApiError } from '../http/api-error.js';
import { openStorage } from '../storage/open-storage.js';
import { resolve } from 'node:path';
import { recordedServerAddress, runningDemoDataDir } from './server-address.js';

const USAGE = `Creates an administrator account for a tenant (there are no default passwords).

  npm run create-admin -- --tenant <id> --username <name> [--name "Display Name"] [--demo]

The password is read from REGIE_ADMIN_PASSWORD, from standard input, or asked for.
Uses the same configuration as the server (REGIE_CONFIG, REGIE_DATA_DIR, ...).`;

/** Reads one line; on a terminal without echoing it. */
function readSecret(prompt: string): Promise<string> {
  return new Promise((done) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    if (process.stdin.isTTY) {
      process.stdout.write(prompt);
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    }
    rl.once('line', (line) => {
      rl.close();
      if (process.stdin.isTTY) process.stdout.write('\n');
      done(line);
    });
  });
}

/**
 * Where the admin signs in: the server's address as PORT, REGIE_PUBLIC_URL or
 * the config file give it, like the server itself. A demo started in another
 * terminal with its own PORT is found through the address it recorded.
 */
function signInBase(config: AppConfig): string {
  const addressGiven = process.env.PORT || process.env.REGIE_PUBLIC_URL || config.mode !== 'demo';
  return (addressGiven ? undefined : recordedServerAddress(config.dataDir)) ?? config.publicUrl;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      demo: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.tenant || !values.username) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const username = Username.safeParse(values.username.toLowerCase());
  if (!username.success) {
    console.error(`username: ${username.error.issues[0]?.message}`);
    return 2;
  }
  // A demo started in another terminal with its own REGIE_DATA_DIR is found through the note it left.
  const runningDemo = values.demo && !process.env.REGIE_DATA_DIR ? runningDemoDataDir() : undefined;
  const env = runningDemo ? { ...process.env, REGIE_DATA_DIR: runningDemo } : process.env;
  const config = loadConfig(env, { demo: values.demo ?? false });
  if (!config.tenants.some((t) => t.id === values.tenant)) {
    console.error(`unknown tenant ${values.tenant}; configured: ${config.tenants.map((t) => t.id).join(', ')}`);
    return 2;
  }
  const password = process.env.REGIE_ADMIN_PASSWORD ?? (await readSecret('Password (at least 12 characters): '));
  checkPasswordPolicy(password, username.data);

  const storage = await openStorage(config);
  try {
    const tenant = storage.store.forTenant(values.tenant);
    const agentId = randomToken(16);
    const created = await tenant.agents.create({
      agentId,
      username: username.data,
      displayName: values.name ?? username.data,
      role: 'admin',
      passwordHash: await hashPassword(password),
      mustChangePassword: false,
      passwordExpiresAt: null,
      createdAt: systemClock.now(),
    });
    if (!created) {
      console.error(`username ${username.data} already exists in ${values.tenant}`);
      return 1;
    }
    await new AuditLog(systemClock).record(tenant, 'agent.created', {
      actor: 'cli',
      subject: username.data,
      detail: 'role admin',
    });
    const where = config.storage.engine === 'sqlite' ? ` (data in ${resolve(config.dataDir)})` : '';
    console.log(`admin ${username.data} created for ${values.tenant}${where}; sign in at ${signInBase(config)}/admin`);
    return 0;
  } finally {
    await storage.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof ConfigError || error instanceof ApiError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
}
