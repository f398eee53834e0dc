#!/usr/bin/env node
import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createApp, DEFAULT_CDN_DIR } from './app.js';
import { recordRunningDemo, recordServerAddress } from './cli/server-address.js';
import { ConfigError } from './config/resolve-config.js';
import { loadConfig } from './config/load-config.js';
import { createAllowanceSource } from './demo/allowance-source.js';
import { createExamplesSite, readCdnManifest } from './demo/examples-site.js';
import { answerParserErrorsInJson } from './http/client-errors.js';
import { createLogger } from './http/logger.js';
import { openStorage, type Storage } from './storage/open-storage.js';

type Tls = { cert: Buffer; key: Buffer } | undefined;

/** Serves on host:port, over HTTPS when a certificate is given. */
function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  host: string,
  port: number,
  tls?: Tls,
): Promise<ServerType> {
  return new Promise((done) => {
    const server = serve(
      { fetch, hostname: host, port, ...(tls && { createServer: createHttpsServer, serverOptions: tls }) },
      () => done(server),
    );
    answerParserErrorsInJson(server);
  });
}

/** Reads the certificate files at start-up: a missing or unreadable file stops the server with one line. */
function readTls(files: { certFile: string; keyFile: string } | undefined): Tls {
  if (!files) return undefined;
  try {
    return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
  } catch (error) {
    throw new ConfigError(
      `config error: tls: cannot read ${(error as NodeJS.ErrnoException).path ?? 'the certificate files'}`,
    );
  }
}

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  let config;
  let tls: Tls;
  try {
    config = loadConfig(process.env, { demo });
    tls = readTls(config.tls);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let storage: Storage;
  try {
    storage = await openStorage(config);
  } catch (error) {
    // One line, no stack: the operator needs to know which store did not open.
    console.error(`storage error: ${config.storage.engine}: ${(error as Error).message}`);
    process.exit(1);
  }
  const { store } = storage;
  for (const warning of storage.warnings ?? []) logger.warn(warning);
  const examplesOrigin = `http://localhost:${config.examples.port}`;
  const app = createApp(config, {
    store,
    logger,
    examplesOrigin,
    counters: storage.counters,
    consoleFeed: storage.consoleFeed,
  });
  const servers = [await listen(app.fetch, config.host, config.port, tls)];
  // The backstop behind "nothing outlives its retention time", even when no end event ever comes:
  // every 30 s, so call data goes at most that late.
  const sweeper = setInterval(() => {
    app
      .sweepExpired()
      .catch((error: Error) =>
        logger.error({ err: { type: error.name, message: error.message } }, 'sweeping expired records failed'),
      );
  }, 30_000);
  sweeper.unref();
  /**
   * Graceful shutdown: stop accepting connections, end the live console
   * streams (their browsers reconnect, to another instance when there is one),
   * let requests in flight finish, then close the store. A hard stop after
   * 10 s keeps a stuck request from holding the process. Registered as soon
   * as the API listens: a stop that comes while the demo is still starting
   * (the health check already answers) must end the process cleanly too.
   */
  const shutdown = async () => {
    logger.info('shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    clearInterval(sweeper);
    app.shutdown();
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
          }),
      ),
    );
    await storage.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  logger.info(
    { url: config.publicUrl, mode: config.mode, storage: config.storage.engine },
    'regiekit reference server listening',
  );

  if (config.mode === 'demo') {
    recordServerAddress(config.dataDir, config.publicUrl);
    recordRunningDemo(config.dataDir);
    const site = createExamplesSite({
      serverOrigin: config.publicUrl,
      siteOrigin: examplesOrigin,
      cdnManifest: () => readCdnManifest(DEFAULT_CDN_DIR),
    });
    servers.push(await listen(site.fetch, config.host, config.examples.port));
    // The source of data fetched into applications: a third origin, as it would be in the world.
    const sourceOrigin = `http://localhost:${config.examples.sourcePort}`;
    const source = createAllowanceSource({
      serverOrigin: config.publicUrl,
      siteOrigin: sourceOrigin,
      irma: { baseUrl: `${config.publicUrl}/demo/irma`, auth: config.irma.auth },
    });
    servers.push(await listen(source.fetch, config.host, config.examples.sourcePort));
    await Promise.all([site.registerDemoServices(), source.registerServices()]).catch((error: Error) =>
      logger.warn({ err: { type: error.name, message: error.message } }, 'demo services not registered'),
    );
    console.log(
      [
        '',
        '  regiekit demo is running',
        '',
        `  start here:        ${config.publicUrl}/`,
        `  municipal example: ${examplesOrigin}/municipal/`,
        `  debt-help app:     ${examplesOrigin}/debt-app/   (sign in with a passkey, connect creditors)`,
        `  creditor portals:  ${examplesOrigin}/creditor-portal/demo-energie/ and …/demo-zorg/   (QR connect code)`,
        `  application form:  ${examplesOrigin}/bijstand/   (fetch rent-allowance payments from Demo Toeslagen, ${sourceOrigin})`,
        `  regie account:     ${config.publicUrl}/u/nijmegen/account`,
        `  demo Yivi wallet:  ${config.publicUrl}/demo/irma/wallet`,
        `  switchboard:       ${config.publicUrl}/demo/switchboard`,
        `  agent console:     ${config.publicUrl}/agent   (first admin: npm run create-admin -- --demo --tenant nijmegen --username beheerder)`,
        `  admin:             ${config.publicUrl}/admin`,
        '',
      ].join('\n'),
    );
  }
}

await main();
