import type { ResolveCodeRequest, ResolveCodeResponse } from '@regiekit/sdk/protocol';
import type { Logger } from 'pino';
import type { Metrics } from '../operations/metrics.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { AttemptLimiter } from './attempt-limiter.js';
import type { CallService } from './call-service.js';
import type { CallRecord } from '../storage/store.js';
import type { Clock, TenantContext } from '../tenants/tenant-context.js';

export interface CodeResolverDeps {
  calls: CallService;
  limiter: AttemptLimiter;
  clock: Clock;
  logger: Logger;
  /** Tells the agent consoles that a caller is on the line. */
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
export class CodeResolver {
  constructor(private readonly deps: CodeResolverDeps) {}

  async resolve(tenant: TenantContext, request: ResolveCodeRequest): Promise<ResolveCodeResponse> {
    const tenantId = tenant.settings.id;
    const verdict = await this.deps.limiter.admit(tenantId, request.callId, request.callerId);
    if (!verdict.allowed) {
      this.deps.logger.warn({ tenant: tenantId, reason: verdict.reason }, 'dtmf resolution throttled');
      this.deps.metrics?.codesFailed.inc({ tenant: tenantId });
      throw new ApiError(429, 'rate_limited', 'Too many attempts; the caller should be transferred to a person.');
    }

    const now = this.deps.clock.now();
    const hashes = tenant.crypto.dtmfCodeHashes(request.code);
    const live = await tenant.store.calls.findByLiveCode(hashes, now);
    // The citizen may call before their browser has asked for the result: settle it here.
    if (live?.status === 'pending') await this.deps.calls.settleDisclosure(tenant, live);

    const claimed = await tenant.store.calls.claimCode(hashes, request.callId, now);
    if (!claimed) {
      await this.deps.limiter.recordFailure(tenantId, request.callerId);
      this.deps.logger.info({ tenant: tenantId }, 'dtmf code not resolved');
      this.deps.metrics?.codesFailed.inc({ tenant: tenantId });
      throw notFound('code');
    }
    this.deps.logger.info({ tenant: tenantId, callId: claimed.callId }, 'dtmf code resolved');
    this.deps.metrics?.codesResolved.inc({ tenant: tenantId });
    void this.deps.onResolved?.(tenant, claimed);
    return { sessionRef: claimed.callId };
  }
}
