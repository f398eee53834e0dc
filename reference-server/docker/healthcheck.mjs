#!/usr/bin/env node
// The image's HEALTHCHECK: does this server answer GET /healthz? Slim images have no curl,
// so Node asks. Host, port and TLS come from the server's own configuration (file and env),
// so the check follows wherever and however the server listens.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { loadConfig } from '../dist/config/load-config.js';

const TIMEOUT_MS = 4_000;

function fail(reason) {
  console.error(`unhealthy: ${reason}`);
  process.exit(1);
}

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  fail(error.message);
}

// A wildcard address listens on loopback too.
const host = { '0.0.0.0': '127.0.0.1', '::': '::1' }[config.host] ?? config.host;
const request = config.tls ? httpsRequest : httpRequest;
// The certificate names the public host, not the loopback address asked here; nothing secret is sent.
const probe = request(
  { host, port: config.port, path: '/healthz', timeout: TIMEOUT_MS, rejectUnauthorized: false },
  (response) => {
    response.resume();
    if (response.statusCode === 200) process.exit(0);
    fail(`GET /healthz answered ${response.statusCode}`);
  },
);
probe.on('timeout', () => probe.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
probe.on('error', (error) => fail(`GET /healthz on ${host}:${config.port}: ${error.message}`));
probe.end();
