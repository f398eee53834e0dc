import type { CallCreated, CallStatus } from '@regiekit/sdk/protocol';
import type { Logger } from 'pino';
import type { Metrics } from '../shared/metrics.js';
import type { AppConfig } from '../config/resolve-config.js';
import { tokenMatches, hashToken } from '../crypto/key-ring.js';
import { randomToken } from '../crypto/random.js';
import { ApiError, notFound } from '../http/api-error.js';
import { IrmaSessionUnknownError, IrmaUnavailableError, type IrmaRequestorClient } from '../irma/requestor-client.js';
import { verifyDisclosure } from '../irma/verify-disclosure.js';
import type { CallRecord } from '../storage/call-store.js';
import { newDtmfCode, telUrl } from './dtmf-code.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';

/** Drawing a colliding 10-digit code even twice in a row is vanishingly rare; more means something is wrong. */
const MAX_CODE_ATTEMPTS = 5;

export interface CallServiceDeps {
  config: Pick<AppConfig, 'calls'>;
  irma: IrmaRequestorClient;
  clock: Clock;
  logger: Logger;
  /** Source of DTMF codes; the CSPRNG unless a test needs a particular code. */
  newDtmfCode?: () => string;
  metrics?: Metrics;
}

/**
 * The citizen side of ID-bellen: start a Yivi disclosure for a purpose, learn
 * from the IRMA server (never from the browser) whether it succeeded, and hand
 * the citizen the number and code to call.
 */
export class CallService {
  constructor(private readonly deps: CallServiceDeps) {}

  async create(tenant: TenantContext, purposeId: string): Promise<CallCreated> {
    const purpose = tenant.settings.purposes[purposeId];
    if (!purpose) throw notFound('purpose');
    const { calls } = tenant.store;
    const now = this.deps.clock.now();
    const callToken = randomToken(32);
    const callId = randomToken(16);
    const codeExpiresAt = now + this.deps.config.calls.codeTtlSeconds * 1000;

    let code: string;
    for (let attempt = 1; ; attempt++) {
      code = (this.deps.newDtmfCode ?? newDtmfCode)();
      const inserted = await calls.insertIfCodeFree(
        {
          callId,
          purpose: purposeId,
          callTokenHash: hashToken(callToken),
          codeHash: tenant.crypto.dtmfCodeHash(code),
          codeSealedForCitizen: tenant.crypto.sealForBearer(code, callToken, callId),
          codeExpiresAt,
          createdAt: now,
          deleteAt: now + this.deps.config.calls.retentionSeconds * 1000,
        },
        now,
      );
      if (inserted) break;
      this.deps.logger.warn({ tenant: tenant.settings.id, attempt }, 'dtmf code collision, drawing again');
      if (attempt >= MAX_CODE_ATTEMPTS)
        throw new ApiError(503, 'upstream_unavailable', 'No free call code; try again.');
    }

    try {
      const session = await this.deps.irma.startDisclosure({
        attributes: purpose.attributes,
        clientReturnUrl: telUrl(tenant.settings.phoneNumber, code),
        timeoutSeconds: this.deps.config.calls.disclosureTimeoutSeconds,
      });
      await calls.attachIrmaSession(callId, tenant.crypto.sealSecret(session.token, callId));
      this.deps.logger.info({ tenant: tenant.settings.id, callId, purpose: purposeId }, 'call session started');
      this.deps.metrics?.callsStarted.inc({ tenant: tenant.settings.id });
      return {
        callId,
        callToken,
        sessionPtr: session.sessionPtr,
        frontendRequest: session.frontendRequest,
        expiresAt: new Date(codeExpiresAt).toISOString(),
      };
    } catch (error) {
      await calls.delete(callId);
      if (error instanceof IrmaUnavailableError)
        throw new ApiError(502, 'upstream_unavailable', 'The Yivi server is not available; try again.');
      throw error;
    }
  }

  async status(tenant: TenantContext, callId: string, callToken: string | undefined): Promise<CallStatus> {
    const found = await tenant.store.calls.get(callId);
    // Unknown call and wrong token answer alike, so neither can be probed.
    if (!found || !callToken || !tokenMatches(callToken, found.callTokenHash)) throw notFound('call');
    const call = found.status === 'pending' ? await this.settleDisclosure(tenant, found) : found;
    if (call.status !== 'disclosed') return { status: call.status };
    if (!call.codeSealedForCitizen || this.deps.clock.now() >= call.codeExpiresAt) return { status: 'expired' };
    const code = tenant.crypto.openForBearer(call.codeSealedForCitizen, callToken, call.callId);
    return {
      status: 'disclosed',
      phoneNumber: tenant.settings.phoneNumber,
      dtmfCode: code,
      telUrl: telUrl(tenant.settings.phoneNumber, code),
      expiresAt: new Date(call.codeExpiresAt).toISOString(),
    };
  }

  /**
   * The citizen stopped before disclosing: the call ends now and its Yivi
   * session is cancelled, so a wallet that still has the QR code can no longer
   * answer it. A disclosed call is left alone (the citizen may be dialling).
   */
  async cancel(tenant: TenantContext, callId: string, callToken: string | undefined): Promise<void> {
    const found = await tenant.store.calls.get(callId);
    if (!found || !callToken || !tokenMatches(callToken, found.callTokenHash)) throw notFound('call');
    if (found.status !== 'pending') return;
    const requestorToken = found.irmaTokenSealed && tenant.crypto.openSecret(found.irmaTokenSealed, callId);
    await tenant.store.calls.markEnded(callId, 'cancelled');
    if (requestorToken) {
      await this.deps.irma.cancel(requestorToken).catch((error: Error) => {
        // The call is ended on our side whatever the IRMA server says: a late disclosure finds no pending call.
        this.deps.logger.warn(
          { tenant: tenant.settings.id, callId, err: { type: error.name, message: error.message } },
          'cancelling the Yivi session failed',
        );
      });
    }
  }

  /**
   * Asks the IRMA server how a pending session ended and records the outcome.
   * Returns the call as it is afterwards.
   */
  async settleDisclosure(tenant: TenantContext, call: CallRecord): Promise<CallRecord> {
    const { calls } = tenant.store;
    const now = this.deps.clock.now();
    if (now >= call.codeExpiresAt || !call.irmaTokenSealed) {
      await calls.markEnded(call.callId, 'expired');
      return (await calls.get(call.callId)) ?? call;
    }
    const requestorToken = tenant.crypto.openSecret(call.irmaTokenSealed, call.callId);
    let outcome;
    try {
      outcome = verifyDisclosure(
        await this.deps.irma.result(requestorToken),
        tenant.settings.purposes[call.purpose]?.attributes ?? [],
      );
    } catch (error) {
      if (error instanceof IrmaSessionUnknownError) outcome = { kind: 'expired' as const };
      else if (error instanceof IrmaUnavailableError)
        throw new ApiError(502, 'upstream_unavailable', 'The Yivi server is not available; try again.');
      else throw error;
    }
    switch (outcome.kind) {
      case 'waiting':
        return call;
      case 'disclosed':
        await calls.markDisclosed(
          call.callId,
          tenant.crypto.sealPersonalData(JSON.stringify(outcome.attributes), call.callId),
          now,
        );
        this.deps.logger.info({ tenant: tenant.settings.id, callId: call.callId }, 'attributes disclosed');
        this.deps.metrics?.callsDisclosed.inc({ tenant: tenant.settings.id });
        break;
      case 'invalid':
        this.deps.logger.warn(
          { tenant: tenant.settings.id, callId: call.callId, reason: outcome.reason },
          'disclosure rejected',
        );
        await calls.markEnded(call.callId, 'cancelled');
        break;
      default:
        await calls.markEnded(call.callId, outcome.kind);
    }
    return (await calls.get(call.callId)) ?? call;
  }
}
