import type { ResolveCodeRequest, ResolveCodeResponse } from '@regiekit/sdk/protocol';
import type { Logger } from 'pino';
import type { Metrics } from '../shared/metrics.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { AttemptLimiter } from './attempt-limiter.js';
import type { CallService } from './call-service.js';
import type { CallRecord } from '../storage/call-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';

export interface CodeResolverDeps {
  calls: CallService;
  limiter: AttemptLimiter;
  clock: Clock;
  logger: Logger;
  /** Announces the caller to the consoles; not awaited, so the switchboard gets its answer at once. */
  onResolved?: (tenant: TenantContext, call: CallRecord) => void | Promise<void>;
  metrics?: Metrics;
}

/**
 * Turns a code typed on a phone into the call session it belongs to, once.
 * Every switchboard adapter (generic JSON, Twilio, Amazon Connect, the
 * simulator) ends up here. Unknown, spent, expired and undisclosed codes all
 * fail the same way, so a failure tells a guesser nothing.
 */
export type ResolveOutcome =
  | { outcome: 'resolved'; call: CallRecord }
  | { outcome: 'unknown' }
  | { outcome: 'throttled'; reason: 'call' | 'caller' | 'global' };

export class CodeResolver {
  constructor(private readonly deps: CodeResolverDeps) {}

  /** The generic JSON API's answer: the session reference, or 404 / 429 in the stable error shape. */
  async resolve(tenant: TenantContext, request: ResolveCodeRequest): Promise<ResolveCodeResponse> {
    const result = await this.attempt(tenant, request);
    if (result.outcome === 'throttled')
      throw new ApiError(429, 'rate_limited', 'Too many attempts; the caller should be transferred to a person.');
    if (result.outcome === 'unknown') throw notFound('code');
    return { sessionRef: result.call.callId };
  }

  /** One try of a code on one phone call; adapters turn the outcome into their platform's answer. */
  async attempt(tenant: TenantContext, request: ResolveCodeRequest): Promise<ResolveOutcome> {
    const tenantId = tenant.settings.id;
    const now = this.deps.clock.now();
    const hashes = tenant.crypto.dtmfCodeHashes(request.code);
    // The limiter's counts and the code's lookup go out together (on Redis, one write and one round
    // trip's wait). The lookup's answer is used only once the attempt is admitted.
    const [verdict, live] = await Promise.all([
      this.deps.limiter.admit(tenantId, request.callId, request.callerId),
      tenant.store.calls.findByLiveCode(hashes, now),
    ]);
    if (!verdict.allowed) {
      this.deps.logger.warn({ tenant: tenantId, reason: verdict.reason }, 'dtmf resolution throttled');
      this.deps.metrics?.codesFailed.inc({ tenant: tenantId });
      return { outcome: 'throttled', reason: verdict.reason };
    }

    // The citizen may call before their browser has asked for the result: settle it here.
    if (live?.status === 'pending') await this.deps.calls.settleDisclosure(tenant, live);
    // No live code, nothing to claim: a wrong code skips the claim (which could only find nothing).
    const claimed = live && (await tenant.store.calls.claimCode(hashes, request.callId, now));
    if (!claimed) {
      await this.deps.limiter.recordFailure(tenantId, request.callerId);
      this.deps.logger.info({ tenant: tenantId }, 'dtmf code not resolved');
      this.deps.metrics?.codesFailed.inc({ tenant: tenantId });
      return { outcome: 'unknown' };
    }
    if (request.callerId) {
      const callerIdSealed = tenant.crypto.sealPersonalData(request.callerId, `caller-id:${claimed.callId}`);
      await tenant.store.calls.attachCallerId(claimed.callId, callerIdSealed);
      claimed.callerIdSealed = callerIdSealed;
    }
    this.deps.logger.info({ tenant: tenantId, callId: claimed.callId }, 'dtmf code resolved');
    this.deps.metrics?.codesResolved.inc({ tenant: tenantId });
    void this.deps.onResolved?.(tenant, claimed);
    return { outcome: 'resolved', call: claimed };
  }
}
