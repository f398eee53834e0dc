import { pino, type Logger } from 'pino';

/**
 * Paths that could carry personal data or secrets. Handlers log only ids and
 * outcomes; this is the net under that rule.
 */
const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'code',
  '*.code',
  'dtmfCode',
  '*.dtmfCode',
  'callToken',
  '*.callToken',
  'attributes',
  '*.attributes',
  'callerId',
  '*.callerId',
  'body',
  '*.body',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, base: { service: 'regiekit' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination,
  );
}
