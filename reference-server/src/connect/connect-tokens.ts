import type { Context } from 'hono';
import {
  CONFIRMATION_CODE_ALPHABET,
  type ConnectTokenMinted,
  type ConnectTokenStatus,
  type ScanApproved,
  type ScanStatus,
  type ScanView,
} from '@regiekit/sdk/protocol';
import { randomInt } from 'node:crypto';
import type { UserSessions } from '../accounts/user-sessions.js';
import { secretsEqual } from '../crypto/constant-time.js';
import { randomToken } from '../crypto/random.js';
import { ApiError, notFound } from '../http/api-error.js';
import { clientAddress } from '../http/client-address.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { AttemptCounter } from '../shared/attempt-counter.js';
import type { ConnectTokenRecord } from '../storage/connect-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import type { Connections } from './connections.js';
import { hashToken, tokenMatches } from '../crypto/key-ring.js';

/** How often a token may be presented at all (look, approve, redeem): a use budget. */
const TOKEN_USES = 5;
const CONFIRMATION_ATTEMPTS = 3;
/** The portal may still read "expired" for a while; then the token is deleted. */
const STATUS_GRACE_MS = 60 * 60 * 1000;
/** Unknown or spent tokens presented from one client address before it is paused. */
export const TOKEN_FAILURES_PER_CLIENT = 20;

export interface ConnectTokenDeps {
  publicUrl: string;
  clock: Clock;
  sessions: UserSessions;
  connections: Connections;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
  /** Counts bad token presentations per client address (or per party), in windows. */
  failures: AttemptCounter;
  /** Whether X-Forwarded-For names the client (a trusted TLS proxy is in front). */
  trustProxy: boolean;
}

const expired = () => new ApiError(410, 'token_expired', 'This connect code has expired. Ask for a new one.');
const used = () => new ApiError(409, 'token_used', 'This connect code has already been used. Ask for a new one.');

export const newConfirmationCode = () =>
  Array.from({ length: 6 }, () => CONFIRMATION_CODE_ALPHABET[randomInt(CONFIRMATION_CODE_ALPHABET.length)]).join('');

/**
 * Connect tokens: 128 random bits, stored as a hash, one use, an expiry and
 * a use budget. QR tokens are minted by a provider for its own customer and
 * become a connection when the user who scanned them (with a passkey) and
 * the portal agree on a confirmation code. Link tokens are minted for a
 * consumer's connect request and redeemed by the provider (connect-requests.ts).
 */
export class ConnectTokens {
  constructor(private readonly deps: ConnectTokenDeps) {}

  async mintQr(tenant: TenantContext, providerId: string, customerRef: string): Promise<ConnectTokenMinted> {
    const { token, record } = this.newToken(tenant, providerId, 'qr');
    const statusToken = randomToken();
    record.statusTokenHash = hashToken(statusToken);
    record.customerRefSealed = tenant.crypto.sealPersonalData(customerRef, record.tokenId);
    await tenant.store.connectTokens.insert(record);
    return {
      tokenId: record.tokenId,
      // In the fragment: it never reaches a server log or a Referer header.
      connectUrl: `${this.deps.publicUrl}/u/${tenant.settings.id}/connect#t=${token}`,
      statusToken,
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
  }

  /** A link token for a connect request; the provider redeems it after its own login. */
  async mintLink(
    tenant: TenantContext,
    providerId: string,
    requestId: string,
    expiresAt: number,
  ): Promise<{ token: string; tokenId: string }> {
    const { token, record } = this.newToken(tenant, providerId, 'link');
    record.requestId = requestId;
    record.expiresAt = Math.min(record.expiresAt, expiresAt);
    await tenant.store.connectTokens.insert(record);
    return { token, tokenId: record.tokenId };
  }

  /** The portal follows its own token with the status token it got from its backend. */
  async status(tenant: TenantContext, tokenId: string, statusToken: string | undefined): Promise<ConnectTokenStatus> {
    return this.statusOf(await this.forPortal(tenant, tokenId, statusToken));
  }

  /** The portal confirms the code the user's phone shows; a match makes the connection. */
  async confirm(
    tenant: TenantContext,
    tokenId: string,
    statusToken: string | undefined,
    code: string,
  ): Promise<ConnectTokenStatus> {
    const token = await this.forPortal(tenant, tokenId, statusToken);
    const status = this.statusOf(token);
    if (status.status === 'expired') throw expired();
    if (status.status !== 'scanned')
      throw new ApiError(409, 'conflict', 'Nothing to confirm: the code has not been scanned yet, or is finished.');
    const matches = tenant.crypto
      .shortSecretHashes(code)
      .some((hash) => secretsEqual(hash, token.confirmationCodeHash ?? ''));
    if (!matches) {
      const left = await tenant.store.connectTokens.recordWrongConfirmation(tokenId);
      throw new ApiError(
        400,
        'wrong_confirmation_code',
        left > 0
          ? `That is not the code the phone shows. ${left} attempt(s) left.`
          : 'Wrong code three times: this connect code no longer works.',
        [{ path: 'code', message: `attemptsLeft=${left}` }],
      );
    }
    const connectionId = randomToken(16);
    const customerRef = tenant.crypto.openPersonalData(token.customerRefSealed!, token.tokenId);
    if (!(await tenant.store.connectTokens.markConnected(tokenId, 'scanned', this.deps.clock.now()))) throw used();
    await this.deps.connections.create(
      tenant,
      token.userId!,
      token.providerId,
      tenant.crypto.sealPersonalData(customerRef, connectionId),
      connectionId,
    );
    return this.statusOf({ ...token, state: 'connected' });
  }

  /** The phone opened the QR link: who asks? Spends one use of the token. */
  async inspect(c: Context, tenant: TenantContext, token: string): Promise<ScanView> {
    const record = await this.present(c, tenant, token, 'qr');
    if (record.state !== 'waiting') throw used();
    const provider = this.deps.directoryOf(tenant).provider(record.providerId);
    if (!provider) throw notFound('connect code');
    return {
      tokenId: record.tokenId,
      provider: partySummary(provider),
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
  }

  /** The user confirmed with a passkey: the token is theirs, and the phone shows the confirmation code. */
  async approveScan(c: Context, tenant: TenantContext, tokenId: string, token: string): Promise<ScanApproved> {
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    const record = await this.present(c, tenant, token, 'qr');
    if (record.tokenId !== tokenId) throw notFound('connect code');
    const code = newConfirmationCode();
    const won = await tenant.store.connectTokens.markScanned(
      tokenId,
      session.userId,
      session.hash,
      tenant.crypto.shortSecretHash(code),
      this.deps.clock.now(),
    );
    // Scanned by another account first (or twice): the first scan holds.
    if (!won) throw record.expiresAt <= this.deps.clock.now() ? expired() : used();
    return { status: 'scanned', confirmationCode: `${code.slice(0, 3)}-${code.slice(3)}` };
  }

  /** The phone follows the token it scanned, in the same browser session only. */
  async scanStatus(c: Context, tenant: TenantContext, tokenId: string): Promise<ScanStatus> {
    const session = await this.deps.sessions.signedIn(c, tenant);
    const record = await tenant.store.connectTokens.get(tokenId);
    if (!record || record.scanSessionHash !== session.hash) throw notFound('connect code');
    return { status: this.statusOf(record).status };
  }

  /** A token as presented by anyone: counts failures per client, spends the use budget. */
  async present(
    c: Context,
    tenant: TenantContext,
    token: string,
    flow: 'qr' | 'link',
    client = clientAddress(c, this.deps.trustProxy),
  ): Promise<ConnectTokenRecord> {
    const failuresKey = `${tenant.settings.id}/${client}`;
    if ((await this.deps.failures.count(failuresKey)) >= TOKEN_FAILURES_PER_CLIENT)
      throw new ApiError(429, 'rate_limited', 'Too many invalid connect codes. Wait a while.');
    const record = await tenant.store.connectTokens.bySecretHash(hashToken(token));
    const fail = async (error: ApiError) => {
      await this.deps.failures.add(failuresKey);
      return error;
    };
    if (!record || record.flow !== flow) throw await fail(notFound('connect code'));
    if (record.expiresAt <= this.deps.clock.now()) throw await fail(expired());
    if (
      record.state === 'failed' ||
      record.state === 'connected' ||
      (await tenant.store.connectTokens.spendUse(record.tokenId)) < 0
    )
      throw await fail(used());
    return record;
  }

  private async forPortal(
    tenant: TenantContext,
    tokenId: string,
    statusToken: string | undefined,
  ): Promise<ConnectTokenRecord> {
    const record = await tenant.store.connectTokens.get(tokenId);
    if (!record || !record.statusTokenHash || !tokenMatches(statusToken ?? '', record.statusTokenHash))
      throw notFound('connect code');
    return record;
  }

  private statusOf(record: ConnectTokenRecord): ConnectTokenStatus {
    const isOver =
      record.expiresAt <= this.deps.clock.now() && record.state !== 'connected' && record.state !== 'failed';
    const status = isOver ? 'expired' : record.state === 'redeemed' ? 'scanned' : record.state;
    return {
      status,
      expiresAt: new Date(record.expiresAt).toISOString(),
      confirmationAttemptsLeft: record.confirmationAttemptsLeft,
    };
  }

  private newToken(
    tenant: TenantContext,
    providerId: string,
    flow: 'qr' | 'link',
  ): { token: string; record: ConnectTokenRecord } {
    const token = randomToken(16);
    const now = this.deps.clock.now();
    return {
      token,
      record: {
        tokenId: randomToken(16),
        secretHash: hashToken(token),
        providerId,
        flow,
        customerRefSealed: null,
        statusTokenHash: null,
        requestId: null,
        state: 'waiting',
        userId: null,
        scanSessionHash: null,
        confirmationCodeHash: null,
        confirmationAttemptsLeft: CONFIRMATION_ATTEMPTS,
        usesLeft: TOKEN_USES,
        createdAt: now,
        expiresAt: now + tenant.settings.connect.tokenTtlSeconds * 1000,
      },
    };
  }

  /** Deletes tokens whose time is long over (the retention sweeper calls it). */
  sweep(tenant: TenantContext, now: number): Promise<number> {
    return tenant.store.connectTokens.deleteExpired(now, STATUS_GRACE_MS);
  }
}
