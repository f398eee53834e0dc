import { SWITCHBOARD_SECRETS, testConfigInput } from '../testing/test-server.js';

/**
 * The test configuration's tenants (Nijmegen, Arnhem) and as many more
 * municipalities as a benchmark asks for: a national deployment holds many.
 * Each has a switchboard secret of its own.
 */
export function benchTenants(count: number) {
  const base = testConfigInput().tenants;
  const more = Array.from({ length: Math.max(0, count - base.length) }, (_, i) => ({
    id: `gemeente-${i + base.length + 1}`,
    displayName: `Gemeente ${i + base.length + 1}`,
    phoneNumber: `+31200000${String(i + base.length + 1).padStart(3, '0')}`,
    switchboardSecret: switchboardSecretOf(`gemeente-${i + base.length + 1}`),
  }));
  return [...base, ...more].slice(0, Math.max(count, 1));
}

/** The switchboard secret of a tenant of benchTenants. */
export function switchboardSecretOf(tenantId: string): string {
  return tenantId in SWITCHBOARD_SECRETS
    ? SWITCHBOARD_SECRETS[tenantId as keyof typeof SWITCHBOARD_SECRETS]
    : `${SWITCHBOARD_SECRETS.arnhem}-${tenantId}`;
}
