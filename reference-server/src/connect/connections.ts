import type { AccountConnection, ConsumerConnection, ProviderConnection } from '@regiekit/sdk/protocol';
import { createHash } from 'node:crypto';
import { randomToken } from '../crypto/random.js';
import { notFound } from '../http/api-error.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { ConnectionRecord } from '../storage/connect-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import type { PartyEvents } from '../parties/party-events.js';

type Ender = 'user' | 'provider' | 'consumer';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A consumer's name for a connection: derived from its own pseudonym of the
 * user and the connection's internal id, which no party ever sees, so it
 * cannot be linked to the provider's name for the same connection.
 */
export const consumerConnectionId = (sub: string, connectionId: string) =>
  createHash('sha256').update(`${sub}/${connectionId}`).digest('base64url');

/**
 * Connections between a user and a provider. Each party addresses one only by
 * its own pseudonym; creating and ending one is an event for the provider and
 * for every consumer the user signed in to.
 */
export class Connections {
  private readonly endedListeners: ((tenant: TenantContext, connectionId: string) => Promise<void>)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly events: PartyEvents,
    private readonly directoryOf: (tenant: TenantContext) => PartyDirectory,
  ) {}

  /** Other rooms (consent) learn here that a connection ended, without this room knowing them. */
  onEnded(listener: (tenant: TenantContext, connectionId: string) => Promise<void>): void {
    this.endedListeners.push(listener);
  }

  async create(
    tenant: TenantContext,
    userId: string,
    providerId: string,
    customerRefSealed: string,
    connectionId = randomToken(16),
  ): Promise<ConnectionRecord> {
    // Connecting the same customer account again keeps the one connection there is.
    const customerRef = tenant.crypto.openPersonalData(customerRefSealed, connectionId);
    const existing = (await tenant.store.connections.listForUser(userId)).find(
      (other) =>
        other.status === 'active' && other.providerId === providerId && this.customerRef(tenant, other) === customerRef,
    );
    if (existing) return existing;
    const record: ConnectionRecord = {
      connectionId,
      userId,
      providerId,
      providerPseudonym: randomToken(24),
      customerRefSealed,
      status: 'active',
      createdAt: this.clock.now(),
      endedAt: null,
      endedBy: null,
    };
    await tenant.store.connections.insert(record);
    await this.announce(tenant, record, 'connection.created');
    return record;
  }

  async listForProvider(tenant: TenantContext, providerId: string): Promise<ProviderConnection[]> {
    const records = await tenant.store.connections.listForProvider(providerId);
    return records.map((record) => ({
      connectionId: record.providerPseudonym,
      ...(record.customerRefSealed && { customerRef: this.customerRef(tenant, record) }),
      status: record.status,
      createdAt: iso(record.createdAt),
      ...(record.endedAt && { endedAt: iso(record.endedAt) }),
    }));
  }

  async listForConsumer(tenant: TenantContext, userId: string, sub: string): Promise<ConsumerConnection[]> {
    const directory = this.directoryOf(tenant);
    const records = await tenant.store.connections.listForUser(userId);
    return records.flatMap((record) => {
      const provider = directory.provider(record.providerId);
      if (!provider) return [];
      return [
        {
          connectionId: consumerConnectionId(sub, record.connectionId),
          provider: partySummary(provider),
          status: record.status,
          createdAt: iso(record.createdAt),
          ...(record.endedAt && { endedAt: iso(record.endedAt) }),
        },
      ];
    });
  }

  async listForUser(tenant: TenantContext, userId: string): Promise<AccountConnection[]> {
    const directory = this.directoryOf(tenant);
    const records = await tenant.store.connections.listForUser(userId);
    return records.flatMap((record) => {
      const provider = directory.provider(record.providerId);
      return record.status === 'active' && provider
        ? [{ connectionId: record.connectionId, provider: partySummary(provider), createdAt: iso(record.createdAt) }]
        : [];
    });
  }

  async endByProvider(tenant: TenantContext, providerId: string, pseudonym: string): Promise<void> {
    const record = await tenant.store.connections.byProviderPseudonym(providerId, pseudonym);
    if (!record) throw notFound('connection');
    await this.end(tenant, record, 'provider');
  }

  async endByConsumer(tenant: TenantContext, userId: string, sub: string, connectionId: string): Promise<void> {
    const records = await tenant.store.connections.listForUser(userId);
    const record = records.find((r) => consumerConnectionId(sub, r.connectionId) === connectionId);
    if (!record) throw notFound('connection');
    await this.end(tenant, record, 'consumer');
  }

  async endByUser(tenant: TenantContext, userId: string, connectionId: string): Promise<void> {
    const record = await tenant.store.connections.get(connectionId);
    if (!record || record.userId !== userId) throw notFound('connection');
    await this.end(tenant, record, 'user');
  }

  private async end(tenant: TenantContext, record: ConnectionRecord, endedBy: Ender): Promise<void> {
    // Ending twice is not an error; only the first end is an event.
    if (await tenant.store.connections.end(record.connectionId, endedBy, this.clock.now())) {
      await this.announce(tenant, record, 'connection.ended', endedBy);
      for (const listener of this.endedListeners) await listener(tenant, record.connectionId);
    }
  }

  private async announce(
    tenant: TenantContext,
    record: ConnectionRecord,
    type: 'connection.created' | 'connection.ended',
    endedBy?: Ender,
  ): Promise<void> {
    await this.events.emit(tenant, record.providerId, type, {
      connectionId: record.providerPseudonym,
      ...(endedBy && { endedBy }),
    });
    for (const { consumerId, sub } of await tenant.store.oauth.subjectsOfUser(record.userId)) {
      await this.events.emit(tenant, consumerId, type, {
        connectionId: consumerConnectionId(sub, record.connectionId),
        providerId: record.providerId,
        sub,
        ...(endedBy && { endedBy }),
      });
    }
  }

  private customerRef(tenant: TenantContext, record: ConnectionRecord): string {
    return tenant.crypto.openPersonalData(record.customerRefSealed, record.connectionId);
  }
}
