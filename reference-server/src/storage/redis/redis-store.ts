import type { Store, TenantStore } from '../store.js';
import { RedisFetchRepository } from './redis-fetch-repository.js';
import {
  RedisAccountRepository,
  RedisOAuthRepository,
  RedisOnceIdRepository,
  RedisSigningKeyRepository,
  RedisUserSessionRepository,
} from './redis-account-repositories.js';
import { RedisArrangementRepository } from './redis-arrangement-repository.js';
import { RedisAgentRepository, RedisAgentSessionRepository, RedisAuditRepository } from './redis-agent-repositories.js';
import { RedisCallRepository } from './redis-call-repository.js';
import {
  RedisConnectionRepository,
  RedisConnectRequestRepository,
  RedisConnectTokenRepository,
  RedisPartyEventRepository,
  RedisServiceRepository,
} from './redis-connect-repositories.js';
import { connectRedis, whenReady, type RedisSettings } from './redis-connection.js';
import { RedisConsentRepository } from './redis-consent-repository.js';
import { RedisSealedDataRepository } from './redis-sealed-data.js';
import {
  RedisCorrectionRepository,
  RedisCredentialStatusRepository,
  RedisForwardRepository,
  RedisMyDataViewRepository,
} from './redis-my-data-repositories.js';
import { Keyspace, type RedisClient } from './redis-keyspace.js';

export interface RedisStoreOptions {
  tenantIds: readonly string[];
  keyPrefix: string;
}

/**
 * The shared engine: several instances of the server on one Redis see the
 * same callers, tokens and consents. Each tenant lives under its own hash-tagged
 * key prefix, so no key is shared between tenants and Redis Cluster can place
 * each tenant in one slot.
 */
export class RedisStore implements Store {
  private readonly tenants = new Map<string, TenantStore>();

  constructor(
    readonly client: RedisClient,
    private readonly options: RedisStoreOptions,
  ) {
    for (const tenantId of options.tenantIds) this.tenants.set(tenantId, this.open(tenantId));
  }

  /** Connects with the configured settings and waits until Redis answers. */
  static async connect(settings: RedisSettings, tenantIds: readonly string[]): Promise<RedisStore> {
    const client = connectRedis(settings);
    try {
      await whenReady(client);
    } catch (error) {
      client.disconnect();
      throw error;
    }
    return new RedisStore(client, { tenantIds, keyPrefix: settings.keyPrefix });
  }

  /** The key prefix of a tenant (for operators and the raw-scan tests). */
  prefixOf(tenantId: string): string {
    return `${this.options.keyPrefix}:{${tenantId}}:`;
  }

  /**
   * Redis settings that would lose live state: an eviction policy other than
   * noeviction drops calls, sessions or the feed's numbering under memory
   * pressure. Managed Redis may refuse CONFIG; then nothing can be said.
   */
  async configurationWarnings(): Promise<string[]> {
    try {
      const [, policy] = (await this.client.config('GET', 'maxmemory-policy')) as [string, string];
      return policy && policy !== 'noeviction'
        ? [`redis maxmemory-policy is ${policy}; set noeviction, or live calls and sessions may be evicted`]
        : [];
    } catch {
      return [];
    }
  }

  forTenant(tenantId: string): TenantStore {
    const store = this.tenants.get(tenantId);
    if (!store) throw new Error(`no store for tenant ${tenantId}`);
    return store;
  }

  async ping(): Promise<void> {
    if (this.tenants.size === 0) throw new Error('store closed');
    await this.client.ping();
  }

  async close(): Promise<void> {
    this.tenants.clear();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private open(tenantId: string): TenantStore {
    const space = new Keyspace(this.client, this.options.keyPrefix, tenantId);
    const sessions = new RedisAgentSessionRepository(space);
    return {
      tenantId,
      calls: new RedisCallRepository(space),
      agents: new RedisAgentRepository(space, sessions),
      sessions,
      audit: new RedisAuditRepository(space),
      accounts: new RedisAccountRepository(space),
      userSessions: new RedisUserSessionRepository(space),
      oauth: new RedisOAuthRepository(space),
      onceIds: new RedisOnceIdRepository(space),
      signingKeys: new RedisSigningKeyRepository(space),
      connectTokens: new RedisConnectTokenRepository(space),
      connectRequests: new RedisConnectRequestRepository(space),
      connections: new RedisConnectionRepository(space),
      services: new RedisServiceRepository(space),
      partyEvents: new RedisPartyEventRepository(space),
      consents: new RedisConsentRepository(space),
      credentialStatus: new RedisCredentialStatusRepository(space),
      myDataViews: new RedisMyDataViewRepository(space),
      corrections: new RedisCorrectionRepository(space),
      forwards: new RedisForwardRepository(space),
      fetches: new RedisFetchRepository(space),
      arrangements: new RedisArrangementRepository(space),
      sealedData: new RedisSealedDataRepository(space),
    };
  }
}
