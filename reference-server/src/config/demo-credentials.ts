import { readFileSync } from 'node:fs';
import { DEMO_CONFIG_PATH } from './demo-config-path.js';

/**
 * Everything secret-like the shipped demo configuration holds: party secret
 * hashes, public key coordinates, webhook and switchboard secrets. Their
 * private halves are in this repository, so production refuses them.
 */
let cached: Set<string> | undefined;

export function demoCredentials(): Set<string> {
  if (cached) return cached;
  const found = new Set<string>();
  const collect = (value: unknown, key = ''): void => {
    if (
      typeof value === 'string' &&
      ['secretHash', 'x', 'n', 'webhookSecret', 'switchboardSecret', 'authToken', 'apiKeySecret'].includes(key)
    )
      found.add(value);
    else if (Array.isArray(value)) value.forEach((item) => collect(item));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  collect(JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')));
  return (cached = found);
}
