import type Database from 'better-sqlite3';
import type { ServiceDescriptionInput } from '@regiekit/sdk/protocol';
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
import { fromRow, fromRows, insertRow, insertStatement } from './row-mapping.js';

type Row = Record<string, unknown>;

export class SqliteConnectTokenRepository implements ConnectTokenRepository {
  constructor(private readonly db: Database.Database) {}

  async insert(token: ConnectTokenRecord): Promise<void> {
    insertRow(this.db, 'connect_tokens', token);
  }

  async get(tokenId: string): Promise<ConnectTokenRecord | undefined> {
    return fromRow(this.db.prepare<[string], Row>('SELECT * FROM connect_tokens WHERE token_id = ?').get(tokenId));
  }

  async bySecretHash(secretHash: string): Promise<ConnectTokenRecord | undefined> {
    return fromRow(
      this.db.prepare<[string], Row>('SELECT * FROM connect_tokens WHERE secret_hash = ?').get(secretHash),
    );
  }

  async spendUse(tokenId: string): Promise<number> {
    const row = this.db
      .prepare<[string], { uses_left: number }>(
        'UPDATE connect_tokens SET uses_left = uses_left - 1 WHERE token_id = ? AND uses_left > 0 RETURNING uses_left',
      )
      .get(tokenId);
    return row ? row.uses_left : -1;
  }

  async markScanned(
    tokenId: string,
    userId: string,
    scanSessionHash: string,
    confirmationCodeHash: string,
    now: number,
  ): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE connect_tokens SET state = 'scanned', user_id = @userId, scan_session_hash = @scanSessionHash, confirmation_code_hash = @confirmationCodeHash
           WHERE token_id = @tokenId AND state = 'waiting' AND flow = 'qr' AND expires_at > @now`,
        )
        .run({ tokenId, userId, scanSessionHash, confirmationCodeHash, now }).changes === 1
    );
  }

  async recordWrongConfirmation(tokenId: string): Promise<number> {
    const row = this.db
      .prepare<[string], { confirmation_attempts_left: number }>(
        `UPDATE connect_tokens SET confirmation_attempts_left = confirmation_attempts_left - 1,
           state = CASE WHEN confirmation_attempts_left <= 1 THEN 'failed' ELSE state END
         WHERE token_id = ? AND state = 'scanned' RETURNING confirmation_attempts_left`,
      )
      .get(tokenId);
    return row ? row.confirmation_attempts_left : 0;
  }

  async markRedeemed(tokenId: string, customerRefSealed: string, now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE connect_tokens SET state = 'redeemed', customer_ref_sealed = @customerRefSealed
           WHERE token_id = @tokenId AND state = 'waiting' AND flow = 'link' AND expires_at > @now`,
        )
        .run({ tokenId, customerRefSealed, now }).changes === 1
    );
  }

  async markConnected(tokenId: string, from: 'scanned' | 'redeemed', now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE connect_tokens SET state = 'connected', customer_ref_sealed = NULL WHERE token_id = ? AND state = ? AND expires_at > ?`,
        )
        .run(tokenId, from, now).changes === 1
    );
  }

  async markFailed(tokenId: string): Promise<void> {
    this.db
      .prepare(`UPDATE connect_tokens SET state = 'failed' WHERE token_id = ? AND state <> 'connected'`)
      .run(tokenId);
  }

  async deleteExpired(now: number, graceMs: number): Promise<number> {
    return this.db.prepare('DELETE FROM connect_tokens WHERE expires_at <= ?').run(now - graceMs).changes;
  }
}

export class SqliteConnectRequestRepository implements ConnectRequestRepository {
  constructor(private readonly db: Database.Database) {}

  async insert(request: ConnectRequestRecord): Promise<void> {
    insertRow(this.db, 'connect_requests', request);
  }

  async get(requestId: string): Promise<ConnectRequestRecord | undefined> {
    return fromRow(
      this.db.prepare<[string], Row>('SELECT * FROM connect_requests WHERE request_id = ?').get(requestId),
    );
  }

  async start(
    requestId: string,
    sessionHash: string,
    passkeyId: string,
    tokenId: string,
    now: number,
  ): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE connect_requests SET state = 'started', session_hash = @sessionHash, passkey_id = @passkeyId, token_id = @tokenId
           WHERE request_id = @requestId AND state = 'created' AND expires_at > @now`,
        )
        .run({ requestId, sessionHash, passkeyId, tokenId, now }).changes === 1
    );
  }

  async markRedeemed(requestId: string, returnSecretHash: string, now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE connect_requests SET state = 'redeemed', redeemed_at = ?, return_secret_hash = ? WHERE request_id = ? AND state = 'started'`,
        )
        .run(now, returnSecretHash, requestId).changes === 1
    );
  }

  async markConnected(requestId: string, connectionId: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE connect_requests SET state = 'connected', connection_id = ? WHERE request_id = ? AND state = 'redeemed'`,
        )
        .run(connectionId, requestId).changes === 1
    );
  }

  async refuse(requestId: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE connect_requests SET state = 'refused' WHERE request_id = ? AND state IN ('created', 'started', 'redeemed')`,
        )
        .run(requestId).changes === 1
    );
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.prepare('DELETE FROM connect_requests WHERE expires_at <= ?').run(now).changes;
  }
}

export class SqliteConnectionRepository implements ConnectionRepository {
  constructor(private readonly db: Database.Database) {}

  async insert(connection: ConnectionRecord): Promise<void> {
    insertRow(this.db, 'connections', connection);
  }

  async get(connectionId: string): Promise<ConnectionRecord | undefined> {
    return fromRow(
      this.db.prepare<[string], Row>('SELECT * FROM connections WHERE connection_id = ?').get(connectionId),
    );
  }

  async byProviderPseudonym(providerId: string, pseudonym: string): Promise<ConnectionRecord | undefined> {
    return fromRow(
      this.db
        .prepare<[string, string], Row>('SELECT * FROM connections WHERE provider_id = ? AND provider_pseudonym = ?')
        .get(providerId, pseudonym),
    );
  }

  async listForUser(userId: string): Promise<ConnectionRecord[]> {
    return fromRows(
      this.db.prepare<[string], Row>('SELECT * FROM connections WHERE user_id = ? ORDER BY created_at').all(userId),
    );
  }

  async listForProvider(providerId: string): Promise<ConnectionRecord[]> {
    return fromRows(
      this.db
        .prepare<[string], Row>('SELECT * FROM connections WHERE provider_id = ? ORDER BY created_at')
        .all(providerId),
    );
  }

  async end(connectionId: string, endedBy: 'user' | 'provider' | 'consumer', now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE connections SET status = 'ended', ended_at = ?, ended_by = ?, customer_ref_sealed = '' WHERE connection_id = ? AND status = 'active'`,
        )
        .run(now, endedBy, connectionId).changes === 1
    );
  }
}

export class SqliteServiceRepository implements ServiceRepository {
  constructor(private readonly db: Database.Database) {}

  async register(
    providerId: string,
    serviceType: string,
    description: ServiceDescriptionInput,
    now: number,
  ): Promise<ServiceRecord> {
    // IMMEDIATE: two registrations at once get consecutive versions, never the same one.
    return this.db
      .transaction((): ServiceRecord => {
        const latest = fromRow<StoredService>(
          this.db
            .prepare<[string, string], Row>(
              'SELECT * FROM services WHERE provider_id = ? AND service_type = ? ORDER BY version DESC LIMIT 1',
            )
            .get(providerId, serviceType),
        );
        const record: ServiceRecord = {
          providerId,
          serviceType,
          version: (latest?.version ?? 0) + 1,
          description,
          registeredAt: now,
        };
        const stored = storedService.encode(record);
        if (latest && latest.description === stored.description) return storedService.decode(latest);
        insertRow(this.db, 'services', stored);
        return record;
      })
      .immediate();
  }

  async latest(providerId?: string): Promise<ServiceRecord[]> {
    const rows = this.db
      .prepare<[string | null, string | null], Row>(
        `SELECT s.* FROM services s
         JOIN (SELECT provider_id, service_type, MAX(version) AS version FROM services GROUP BY provider_id, service_type) m
           ON s.provider_id = m.provider_id AND s.service_type = m.service_type AND s.version = m.version
         WHERE (? IS NULL OR s.provider_id = ?) ORDER BY s.service_type, s.provider_id`,
      )
      .all(providerId ?? null, providerId ?? null);
    return fromRows<StoredService>(rows).map((stored) => storedService.decode(stored));
  }

  async latestOf(providerId: string, serviceType: string): Promise<ServiceRecord | undefined> {
    const stored = fromRow<StoredService>(
      this.db
        .prepare<[string, string], Row>(
          'SELECT * FROM services WHERE provider_id = ? AND service_type = ? ORDER BY version DESC LIMIT 1',
        )
        .get(providerId, serviceType),
    );
    return stored && storedService.decode(stored);
  }

  async version(providerId: string, serviceType: string, version: number): Promise<ServiceRecord | undefined> {
    const stored = fromRow<StoredService>(
      this.db
        .prepare<[string, string, number], Row>(
          'SELECT * FROM services WHERE provider_id = ? AND service_type = ? AND version = ?',
        )
        .get(providerId, serviceType, version),
    );
    return stored && storedService.decode(stored);
  }
}

export class SqlitePartyEventRepository implements PartyEventRepository {
  constructor(private readonly db: Database.Database) {}

  async append(event: Omit<PartyEventRecord, 'seq'>): Promise<number> {
    const { sql, params } = insertStatement('party_events', storedPartyEvent.encode(event));
    return Number(this.db.prepare(sql).run(params).lastInsertRowid);
  }

  async list(partyId: string, afterSeq: number, limit: number): Promise<PartyEventRecord[]> {
    return fromRows<StoredPartyEvent>(
      this.db
        .prepare<[string, number, number], Row>(
          'SELECT * FROM party_events WHERE party_id = ? AND seq > ? ORDER BY seq LIMIT ?',
        )
        .all(partyId, afterSeq, limit),
    ).map((stored) => storedPartyEvent.decode(stored));
  }
}
