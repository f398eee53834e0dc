import { AttemptCounter } from '../shared/attempt-counter.js';
import type { Clock } from '../tenants/tenant-context.js';

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
 * id and over everything. Counts live in this process (one instance); the
 * Redis engine will share them between instances.
 */
export class AttemptLimiter {
  private readonly perCall: AttemptCounter;
  private readonly perCaller: AttemptCounter;
  private readonly global: AttemptCounter;

  constructor(
    private readonly limits: AttemptLimits,
    clock: Clock,
    private readonly onAlarm: (failuresLastMinute: number) => void,
  ) {
    this.perCall = new AttemptCounter(60 * 60_000, clock);
    this.perCaller = new AttemptCounter(60 * 60_000, clock);
    this.global = new AttemptCounter(60_000, clock);
  }

  /** Counts an attempt for this phone call and says whether it may proceed. */
  admit(tenantId: string, switchboardCallId: string, callerId: string | undefined): LimitVerdict {
    if (this.global.count(tenantId) >= this.limits.failuresPerMinute) return { allowed: false, reason: 'global' };
    if (callerId && this.perCaller.count(`${tenantId}|${callerId}`) >= this.limits.failuresPerCallerPerHour) return { allowed: false, reason: 'caller' };
    if (this.perCall.add(`${tenantId}|${switchboardCallId}`) > this.limits.perSwitchboardCall) return { allowed: false, reason: 'call' };
    return { allowed: true };
  }

  recordFailure(tenantId: string, callerId: string | undefined): void {
    if (callerId) this.perCaller.add(`${tenantId}|${callerId}`);
    const failures = this.global.add(tenantId);
    if (failures === this.limits.alarmFailuresPerMinute) this.onAlarm(failures);
  }
}
