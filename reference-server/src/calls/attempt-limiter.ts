import type { AttemptCounter, AttemptCounters } from '../shared/attempt-counter.js';

export interface AttemptLimits {
  /** Tries one phone call gets (a caller who mistypes may try again). */
  perSwitchboardCall: number;
  /** Failed tries per caller id per hour. Caller id is spoofable: a signal, not a wall. */
  failuresPerCallerPerHour: number;
  /** Failed tries per minute over all callers before resolution pauses. */
  failuresPerMinute: number;
  /** Failed tries per minute that raise an alarm in the log. */
  alarmFailuresPerMinute: number;
}

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  perSwitchboardCall: 3,
  failuresPerCallerPerHour: 10,
  failuresPerMinute: 120,
  alarmFailuresPerMinute: 30,
};

export type LimitVerdict = { allowed: true } | { allowed: false; reason: 'call' | 'caller' | 'global' };

/**
 * Guessing limits for DTMF codes. A code is checked against every live call,
 * so per-account limits do not help: limits apply per phone call, per caller
 * id and over everything. The counters are shared between instances when
 * they run on Redis, so each limit holds for the whole service.
 */
export class AttemptLimiter {
  private readonly perCall: AttemptCounter;
  private readonly perCaller: AttemptCounter;
  private readonly global: AttemptCounter;

  constructor(
    private readonly limits: AttemptLimits,
    counters: AttemptCounters,
    private readonly onAlarm: (failuresLastMinute: number) => void,
  ) {
    this.perCall = counters('dtmf-tries-per-call', 60 * 60_000);
    this.perCaller = counters('dtmf-failures-per-caller', 60 * 60_000);
    this.global = counters('dtmf-failures', 60_000);
  }

  /** Counts an attempt for this phone call and says whether it may proceed. */
  async admit(tenantId: string, switchboardCallId: string, callerId: string | undefined): Promise<LimitVerdict> {
    if ((await this.global.count(tenantId)) >= this.limits.failuresPerMinute) return { allowed: false, reason: 'global' };
    if (callerId && (await this.perCaller.count(`${tenantId}|${callerId}`)) >= this.limits.failuresPerCallerPerHour) return { allowed: false, reason: 'caller' };
    if ((await this.perCall.add(`${tenantId}|${switchboardCallId}`)) > this.limits.perSwitchboardCall) return { allowed: false, reason: 'call' };
    return { allowed: true };
  }

  async recordFailure(tenantId: string, callerId: string | undefined): Promise<void> {
    if (callerId) await this.perCaller.add(`${tenantId}|${callerId}`);
    const failures = await this.global.add(tenantId);
    if (failures === this.limits.alarmFailuresPerMinute) this.onAlarm(failures);
  }
}
