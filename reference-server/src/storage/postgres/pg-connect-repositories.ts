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
import { fromRow, fromRows, toSnake } from '../row-fields.js';
import type { PgPool } from './pg-sql.js';

export class PgConnectTokenRepository implements ConnectTokenRepository {
  constructor(private readonly db: PgPool) {}

  async insert(token: ConnectTokenRecord): Promise<void> {
    await this.db.insert('connect_tokens', token);
  }

  async get(tokenId: string): Promise<ConnectTokenRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM connect_tokens WHERE token_id = $1', [tokenId]));
  }

  async bySecretHash(secretHash: string): Promise<ConnectTokenRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM connect_tokens WHERE secret_hash = $1', [secretHash]));
  }

  async spendUse(tokenId: string): Promise<number> {
    const row = await this.db.row<{ uses_left: number }>(
      'UPDATE connect_tokens SET uses_left = uses_left - 1 WHERE token_id = $1 AND uses_left > 0 RETURNING uses_left',
      [tokenId],
    );
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
      (await this.db.changes(
        `UPDATE connect_tokens SET state = 'scanned', user_id = $1, scan_session_hash = $2, confirmation_code_hash = $3
         WHERE token_id = $4 AND state = 'waiting' AND flow = 'qr' AND expires_at > $5`,
        [userId, scanSessionHash, confirmationCodeHash, tokenId, now],
      )) === 1
    );
  }

  async recordWrongConfirmation(tokenId: string): Promise<number> {
    const row = await this.db.row<{ confirmation_attempts_left: number }>(
      `UPDATE connect_tokens SET confirmation_attempts_left = confirmation_attempts_left - 1,
         state = CASE WHEN confirmation_attempts_left <= 1 THEN 'failed' ELSE state END
       WHERE token_id = $1 AND state = 'scanned' RETURNING confirmation_attempts_left`,
      [tokenId],
    );
    return row ? row.confirmation_attempts_left : 0;
  }

  async markRedeemed(tokenId: string, customerRefSealed: string, now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE connect_tokens SET state = 'redeemed', customer_ref_sealed = $1
         WHERE token_id = $2 AND state = 'waiting' AND flow = 'link' AND expires_at > $3`,
        [customerRefSealed, tokenId, now],
      )) === 1
    );
  }

  async markConnected(tokenId: string, from: 'scanned' | 'redeemed', now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE connect_tokens SET state = 'connected', customer_ref_sealed = NULL WHERE token_id = $1 AND state = $2 AND expires_at > $3`,
        [tokenId, from, now],
      )) === 1
    );
  }

  async markFailed(tokenId: string): Promise<void> {
    await this.db.changes(`UPDATE connect_tokens SET state = 'failed' WHERE token_id = $1 AND state <> 'connected'`, [
      tokenId,
    ]);
  }

  async deleteExpired(now: number, graceMs: number): Promise<number> {
    return this.db.changes('DELETE FROM connect_tokens WHERE expires_at <= $1', [now - graceMs]);
  }
}

export class PgConnectRequestRepository implements ConnectRequestRepository {
  constructor(private readonly db: PgPool) {}

  async insert(request: ConnectRequestRecord): Promise<void> {
    await this.db.insert('connect_requests', request);
  }

  async get(requestId: string): Promise<ConnectRequestRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM connect_requests WHERE request_id = $1', [requestId]));
  }

  async start(
    requestId: string,
    sessionHash: string,
    passkeyId: string,
    tokenId: string,
    now: number,
  ): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE connect_requests SET state = 'started', session_hash = $1, passkey_id = $2, token_id = $3
         WHERE request_id = $4 AND state = 'created' AND expires_at > $5`,
        [sessionHash, passkeyId, tokenId, requestId, now],
      )) === 1
    );
  }

  async markRedeemed(requestId: string, returnSecretHash: string, now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE connect_requests SET state = 'redeemed', redeemed_at = $1, return_secret_hash = $2 WHERE request_id = $3 AND state = 'started'`,
        [now, returnSecretHash, requestId],
      )) === 1
    );
  }

  async markConnected(requestId: string, connectionId: string): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE connect_requests SET state = 'connected', connection_id = $1 WHERE request_id = $2 AND state = 'redeemed'`,
        [connectionId, requestId],
      )) === 1
    );
  }

  async refuse(requestId: string): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE connect_requests SET state = 'refused' WHERE request_id = $1 AND state IN ('created', 'started', 'redeemed')`,
        [requestId],
      )) === 1
    );
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.changes('DELETE FROM connect_requests WHERE expires_at <= $1', [now]);
  }
}

export class PgConnectionRepository implements ConnectionRepository {
  constructor(private readonly db: PgPool) {}

  async insert(connection: ConnectionRecord): Promise<void> {
    await this.db.insert('connections', connection);
  }

  async get(connectionId: string): Promise<ConnectionRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM connections WHERE connection_id = $1', [connectionId]));
  }

  async byProviderPseudonym(providerId: string, pseudonym: string): Promise<ConnectionRecord | undefined> {
    return fromRow(
      await this.db.row('SELECT * FROM connections WHERE provider_id = $1 AND provider_pseudonym = $2', [
        providerId,
        pseudonym,
      ]),
    );
  }

  async listForUser(userId: string): Promise<ConnectionRecord[]> {
    return fromRows(await this.db.rows('SELECT * FROM connections WHERE user_id = $1 ORDER BY created_at', [userId]));
  }

  async listForProvider(providerId: string): Promise<ConnectionRecord[]> {
    return fromRows(
      await this.db.rows('SELECT * FROM connections WHERE provider_id = $1 ORDER BY created_at', [providerId]),
    );
  }

  async end(connectionId: string, endedBy: 'user' | 'provider' | 'consumer', now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE connections SET status = 'ended', ended_at = $1, ended_by = $2, customer_ref_sealed = '' WHERE connection_id = $3 AND status = 'active'`,
        [now, endedBy, connectionId],
      )) === 1
    );
  }
}

export class PgServiceRepository implements ServiceRepository {
  constructor(private readonly db: PgPool) {}

  async register(
    providerId: string,
    serviceType: string,
    description: ServiceDescriptionInput,
    now: number,
  ): Promise<ServiceRecord> {
    return this.db.transaction(async (tx) => {
      // Two registrations at once take turns on this lock (until commit), so they get consecutive versions.
      await tx.rows('SELECT pg_advisory_xact_lock(hashtext($1))', [`service:${providerId}:${serviceType}`]);
      const latest = fromRow<StoredService>(
        await tx.row(
          'SELECT * FROM services WHERE provider_id = $1 AND service_type = $2 ORDER BY version DESC LIMIT 1',
          [providerId, serviceType],
        ),
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
      await tx.insert('services', stored);
      return record;
    });
  }

  async latest(providerId?: string): Promise<ServiceRecord[]> {
    const rows = await this.db.rows(
      `SELECT DISTINCT ON (provider_id, service_type) * FROM services
       WHERE ($1::text IS NULL OR provider_id = $1::text)
       ORDER BY provider_id, service_type, version DESC`,
      [providerId ?? null],
    );
    return fromRows<StoredService>(rows)
      .map((stored) => storedService.decode(stored))
      .sort((a, b) => compare(a.serviceType, b.serviceType) || compare(a.providerId, b.providerId));
  }

  async latestOf(providerId: string, serviceType: string): Promise<ServiceRecord | undefined> {
    const stored = fromRow<StoredService>(
      await this.db.row(
        'SELECT * FROM services WHERE provider_id = $1 AND service_type = $2 ORDER BY version DESC LIMIT 1',
        [providerId, serviceType],
      ),
    );
    return stored && storedService.decode(stored);
  }

  async version(providerId: string, serviceType: string, version: number): Promise<ServiceRecord | undefined> {
    const stored = fromRow<StoredService>(
      await this.db.row('SELECT * FROM services WHERE provider_id = $1 AND service_type = $2 AND version = $3', [
        providerId,
        serviceType,
        version,
      ]),
    );
    return stored && storedService.decode(stored);
  }
}

/** Code-point order, as SQLite's BINARY collation sorts: the database's locale must not change the order. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class PgPartyEventRepository implements PartyEventRepository {
  constructor(private readonly db: PgPool) {}

  async append(event: Omit<PartyEventRecord, 'seq'>): Promise<number> {
    const stored = storedPartyEvent.encode(event);
    const keys = Object.keys(stored);
    const row = await this.db.row<{ seq: number }>(
      `INSERT INTO party_events (${keys.map(toSnake).join(', ')}) VALUES (${keys.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING seq`,
      Object.values(stored),
    );
    return row!.seq;
  }

  async list(partyId: string, afterSeq: number, limit: number): Promise<PartyEventRecord[]> {
    return fromRows<StoredPartyEvent>(
      await this.db.rows('SELECT * FROM party_events WHERE party_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
        partyId,
        afterSeq,
        limit,
      ]),
    ).map((stored) => storedPartyEvent.decode(stored));
  }
}
