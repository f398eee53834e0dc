import type {
  ConnectionRecord,
  ConnectionRepository,
  ConnectRequestRecord,
  ConnectRequestRepository,
  ConnectTokenRecord,
  ConnectTokenRepository,
  PartyEventRecord,
  PartyEventRepository,
  ServiceRecord,
  ServiceRepository,
  StoredPartyEvent,
  StoredService,
} from '../connect-store.js';
import { storedPartyEvent, storedService } from '../connect-store.js';
import type { ServiceDescriptionInput } from '@regiekit/sdk/protocol';
import { indexEntry, ttlUntil, TTL_GRACE_MS, type Effect, type Keyspace } from './redis-keyspace.js';
import { ExpiryIndex } from './expiry-index.js';

/** Connect tokens: `connect-token:<id>` (TTL), `connect-secret:<hash>` -> id, and a sorted set by expiry. */
export class RedisConnectTokenRepository implements ConnectTokenRepository {
  private readonly byExpiry: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.byExpiry = new ExpiryIndex(space, space.key('connect-tokens', 'by-expiry'));
  }

  private token(tokenId: string): string {
    return this.space.key('connect-token', tokenId);
  }

  private secret(secretHash: string): string {
    return this.space.key('connect-secret', secretHash);
  }

  async insert(token: ConnectTokenRecord): Promise<void> {
    // The portal may ask a token's status for a while after expiry; the TTL leaves room for that.
    const ttl = ttlUntil(token.expiresAt, token.createdAt) + TTL_GRACE_MS;
    const key = this.token(token.tokenId);
    const inserted = await this.space.insert(key, token, {
      unique: [{ key: this.secret(token.secretHash) }],
      effects: [
        ...this.byExpiry.added(key, token.tokenId, token.expiresAt, ttl),
        ['SET', this.secret(token.secretHash), indexEntry(token.tokenId), 'PX', ttl],
      ],
    });
    if (!inserted) throw new Error('connect token exists');
  }

  get(tokenId: string): Promise<ConnectTokenRecord | undefined> {
    return this.space.read(this.token(tokenId));
  }

  async bySecretHash(secretHash: string): Promise<ConnectTokenRecord | undefined> {
    const tokenId = await this.space.holderOf(this.secret(secretHash));
    return tokenId ? this.get(tokenId) : undefined;
  }

  async spendUse(tokenId: string): Promise<number> {
    const changed = await this.space.update<ConnectTokenRecord>(this.token(tokenId), {
      when: [['usesLeft', 'gt', 0]],
      add: { usesLeft: -1 },
    });
    return changed ? changed.after.usesLeft : -1;
  }

  async markScanned(
    tokenId: string,
    userId: string,
    scanSessionHash: string,
    confirmationCodeHash: string,
    now: number,
  ): Promise<boolean> {
    const changed = await this.space.update(this.token(tokenId), {
      when: [
        ['state', 'eq', 'waiting'],
        ['flow', 'eq', 'qr'],
        ['expiresAt', 'gt', now],
      ],
      set: { state: 'scanned', userId, scanSessionHash, confirmationCodeHash },
    });
    return changed !== undefined;
  }

  async recordWrongConfirmation(tokenId: string): Promise<number> {
    const changed = await this.space.update<ConnectTokenRecord>(this.token(tokenId), {
      when: [['state', 'eq', 'scanned']],
      add: { confirmationAttemptsLeft: -1 },
      derive: [['confirmationAttemptsLeft', 'le', 0, { state: 'failed' }]],
    });
    return changed ? changed.after.confirmationAttemptsLeft : 0;
  }

  async markRedeemed(tokenId: string, customerRefSealed: string, now: number): Promise<boolean> {
    const changed = await this.space.update(this.token(tokenId), {
      when: [
        ['state', 'eq', 'waiting'],
        ['flow', 'eq', 'link'],
        ['expiresAt', 'gt', now],
      ],
      set: { state: 'redeemed', customerRefSealed },
    });
    return changed !== undefined;
  }

  async markConnected(tokenId: string, from: 'scanned' | 'redeemed', now: number): Promise<boolean> {
    const changed = await this.space.update(this.token(tokenId), {
      when: [
        ['state', 'eq', from],
        ['expiresAt', 'gt', now],
      ],
      set: { state: 'connected', customerRefSealed: null },
    });
    return changed !== undefined;
  }

  async markFailed(tokenId: string): Promise<void> {
    await this.space.update(this.token(tokenId), { when: [['state', 'ne', 'connected']], set: { state: 'failed' } });
  }

  deleteExpired(now: number, graceMs: number): Promise<number> {
    return this.byExpiry.sweep(now - graceMs, async (tokenId) => {
      const current = await this.get(tokenId);
      const effects: Effect[] = current ? [['DELIFID', this.secret(current.secretHash), tokenId]] : [];
      return current !== undefined && (await this.space.take(this.token(tokenId), { effects })) !== undefined;
    });
  }
}

/** Connect requests (link flow): `connect-request:<id>` with a TTL, and a sorted set by expiry. */
export class RedisConnectRequestRepository implements ConnectRequestRepository {
  private readonly byExpiry: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.byExpiry = new ExpiryIndex(space, space.key('connect-requests', 'by-expiry'));
  }

  private request(requestId: string): string {
    return this.space.key('connect-request', requestId);
  }

  async insert(request: ConnectRequestRecord): Promise<void> {
    const key = this.request(request.requestId);
    await this.space.insert(key, request, {
      effects: this.byExpiry.added(
        key,
        request.requestId,
        request.expiresAt,
        ttlUntil(request.expiresAt, request.createdAt),
      ),
    });
  }

  get(requestId: string): Promise<ConnectRequestRecord | undefined> {
    return this.space.read(this.request(requestId));
  }

  async start(
    requestId: string,
    sessionHash: string,
    passkeyId: string,
    tokenId: string,
    now: number,
  ): Promise<boolean> {
    const changed = await this.space.update(this.request(requestId), {
      when: [
        ['state', 'eq', 'created'],
        ['expiresAt', 'gt', now],
      ],
      set: { state: 'started', sessionHash, passkeyId, tokenId },
    });
    return changed !== undefined;
  }

  async markRedeemed(requestId: string, returnSecretHash: string, now: number): Promise<boolean> {
    return (
      (await this.space.update(this.request(requestId), {
        when: [['state', 'eq', 'started']],
        set: { state: 'redeemed', redeemedAt: now, returnSecretHash },
      })) !== undefined
    );
  }

  async markConnected(requestId: string, connectionId: string): Promise<boolean> {
    return (
      (await this.space.update(this.request(requestId), {
        when: [['state', 'eq', 'redeemed']],
        set: { state: 'connected', connectionId },
      })) !== undefined
    );
  }

  async refuse(requestId: string): Promise<boolean> {
    return (
      (await this.space.update(this.request(requestId), {
        when: [['state', 'in', ['created', 'started', 'redeemed']]],
        set: { state: 'refused' },
      })) !== undefined
    );
  }

  async deleteExpired(now: number): Promise<number> {
    return this.byExpiry.sweep(
      now,
      async (requestId) => (await this.space.take(this.request(requestId))) !== undefined,
    );
  }
}

/**
 * Connections last until someone ends them, so they have no TTL:
 * `connection:<id>`, `provider-pseudonym:<provider>:<pseudonym>` -> id, and per
 * user and per provider the set of their connection ids.
 */
export class RedisConnectionRepository implements ConnectionRepository {
  constructor(private readonly space: Keyspace) {}

  private connection(connectionId: string): string {
    return this.space.key('connection', connectionId);
  }

  private pseudonym(providerId: string, pseudonym: string): string {
    return this.space.key('provider-pseudonym', providerId, pseudonym);
  }

  async insert(connection: ConnectionRecord): Promise<void> {
    const inserted = await this.space.insert(this.connection(connection.connectionId), connection, {
      unique: [{ key: this.pseudonym(connection.providerId, connection.providerPseudonym) }],
      effects: [
        [
          'SET',
          this.pseudonym(connection.providerId, connection.providerPseudonym),
          indexEntry(connection.connectionId),
        ],
        ['SADD', this.space.key('user-connections', connection.userId), connection.connectionId],
        ['SADD', this.space.key('provider-connections', connection.providerId), connection.connectionId],
      ],
    });
    if (!inserted) throw new Error('connection exists');
  }

  get(connectionId: string): Promise<ConnectionRecord | undefined> {
    return this.space.read(this.connection(connectionId));
  }

  async byProviderPseudonym(providerId: string, pseudonym: string): Promise<ConnectionRecord | undefined> {
    const connectionId = await this.space.holderOf(this.pseudonym(providerId, pseudonym));
    return connectionId ? this.get(connectionId) : undefined;
  }

  listForUser(userId: string): Promise<ConnectionRecord[]> {
    return this.listIn(this.space.key('user-connections', userId));
  }

  listForProvider(providerId: string): Promise<ConnectionRecord[]> {
    return this.listIn(this.space.key('provider-connections', providerId));
  }

  async end(connectionId: string, endedBy: 'user' | 'provider' | 'consumer', now: number): Promise<boolean> {
    const changed = await this.space.update(this.connection(connectionId), {
      when: [['status', 'eq', 'active']],
      set: { status: 'ended', endedAt: now, endedBy, customerRefSealed: '' },
    });
    return changed !== undefined;
  }

  private async listIn(setKey: string): Promise<ConnectionRecord[]> {
    const ids = await this.space.client.smembers(setKey);
    const connections = await this.space.readMany<ConnectionRecord>(ids.map((id) => this.connection(id)));
    return connections.sort((a, b) => a.createdAt - b.createdAt);
  }
}

/** Service descriptions: per service a hash of its versions, and one hash of the latest version numbers. */
export class RedisServiceRepository implements ServiceRepository {
  constructor(private readonly space: Keyspace) {}

  private versions(providerId: string, serviceType: string): string {
    return this.space.key('service-versions', providerId, serviceType);
  }

  private get latestVersions(): string {
    return this.space.key('services', 'latest');
  }

  async register(
    providerId: string,
    serviceType: string,
    description: ServiceDescriptionInput,
    now: number,
  ): Promise<ServiceRecord> {
    const raw = await this.space.registerService(
      this.latestVersions,
      this.versions(providerId, serviceType),
      `${providerId}|${serviceType}`,
      providerId,
      serviceType,
      JSON.stringify(description),
      now,
    );
    return storedService.decode(JSON.parse(raw) as StoredService);
  }

  async latest(providerId?: string): Promise<ServiceRecord[]> {
    const latest = await this.space.client.hgetall(this.latestVersions);
    const records: ServiceRecord[] = [];
    for (const [field, version] of Object.entries(latest)) {
      const [provider, serviceType] = field.split('|') as [string, string];
      if (providerId && provider !== providerId) continue;
      const record = await this.version(provider, serviceType, Number(version));
      if (record) records.push(record);
    }
    const order = (record: ServiceRecord) => `${record.serviceType}\u0000${record.providerId}`;
    return records.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }

  async latestOf(providerId: string, serviceType: string): Promise<ServiceRecord | undefined> {
    const version = await this.space.client.hget(this.latestVersions, `${providerId}|${serviceType}`);
    return version === null ? undefined : this.version(providerId, serviceType, Number(version));
  }

  async version(providerId: string, serviceType: string, version: number): Promise<ServiceRecord | undefined> {
    const raw = await this.space.client.hget(this.versions(providerId, serviceType), String(version));
    return raw ? storedService.decode(JSON.parse(raw) as StoredService) : undefined;
  }
}

/** Each party's event feed: a sorted set by one tenant-wide sequence number (the cursor parties page by). */
export class RedisPartyEventRepository implements PartyEventRepository {
  constructor(private readonly space: Keyspace) {}

  append(event: Omit<PartyEventRecord, 'seq'>): Promise<number> {
    return this.space.append(
      this.space.key('party-events', 'seq'),
      this.space.key('party-events', event.partyId),
      storedPartyEvent.encode(event),
    );
  }

  async list(partyId: string, afterSeq: number, limit: number): Promise<PartyEventRecord[]> {
    const raw = await this.space.client.zrangebyscore(
      this.space.key('party-events', partyId),
      `(${afterSeq}`,
      '+inf',
      'LIMIT',
      0,
      limit,
    );
    return raw.map((entry) => storedPartyEvent.decode(JSON.parse(entry) as StoredPartyEvent));
  }
}
