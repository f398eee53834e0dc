import { execFileSync } from 'node:child_process';

/**
 * A self-signed certificate for the name localhost only, valid for a day, made with openssl for a
 * test's TLS server: it is its own CA (the client must be given `certFile`), and a client that checks
 * the host name refuses it as 127.0.0.1. RSA unless an EC (P-256) key is asked for.
 */
export function makeLocalhostCertificate(certFile: string, keyFile: string, { ec = false } = {}): void {
  const key = ec ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'] : ['-newkey', 'rsa:2048'];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...key,
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
}
