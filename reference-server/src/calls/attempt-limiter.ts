import type { AttemptCounter, AttemptCounters } from '../shared/attempt-counter.js';
import type { Clock } from '../shared/clock.js';

export interface AttemptLimits {
  /** Tries one phone call gets (a caller who mistypes may try again). */
  perSwitchboardCall: number;
  /** Failed tries per caller id per hour. Caller id is spoofable: a signal, not a wall. */
  failuresPerCallerPerHour: number;
  /** The tenant's failure budget per minute, over all callers: past it, resolution pauses. */
  failuresPerMinute: number;
  /** Failed tries per minute that raise an alarm in the log. */
  alarmFailuresPerMinute: number;
  /** The tenant's failure budget per day: a slow, patient guesser trips it too. */
  failuresPerDay?: number;
  /** How long resolution stays paused once a budget is spent. */
  coolDownMs?: number;
}

export const DEFAULT_ATTEMPT_LIMITS: Required<AttemptLimits> = {
  perSwitchboardCall: 3,
  failuresPerCallerPerHour: 10,
  failuresPerMinute: 60,
  alarmFailuresPerMinute: 30,
  failuresPerDay: 1000,
  coolDownMs: 15 * 60_000,
};

export type LimitVerdict = { allowed: true } | { allowed: false; reason: 'call' | 'caller' | 'global' };

export interface LimiterEvents {
  /** Many failures within a minute: worth a look, not yet a pause. */
  alarm(tenantId: string, failuresLastMinute: number): void;
  /** A budget is spent: resolution pauses for the tenant until `until` (reported once, by the instance that tripped it). */
  paused(tenantId: string, until: number): void;
}

/**
 * Guessing limits for DTMF codes. A code is checked against every live call,
 * so per-account limits do not help: limits apply per phone call, per caller
 * id, and per tenant as a failure budget per minute and per day. A spent
 * budget pauses resolution for a cool-down; the switchboard adapters then put
 * callers through unidentified, so the line keeps working. The counters are
 * shared between instances on Redis, so each limit holds for the whole service.
 */
export class AttemptLimiter {
  private readonly limits: Required<AttemptLimits>;
  private readonly perCall: AttemptCounter;
  private readonly perCaller: AttemptCounter;
  private readonly perMinute: AttemptCounter;
  private readonly perDay: AttemptCounter;
  private readonly pause: AttemptCounter;

  constructor(
    limits: AttemptLimits,
    counters: AttemptCounters,
    private readonly clock: Clock,
    private readonly events: LimiterEvents,
  ) {
    this.limits = { ...DEFAULT_ATTEMPT_LIMITS, ...limits };
    this.perCall = counters('dtmf-tries-per-call', 60 * 60_000);
    this.perCaller = counters('dtmf-failures-per-caller', 60 * 60_000);
    this.perMinute = counters('dtmf-failures', 60_000);
    this.perDay = counters('dtmf-failures-per-day', 24 * 60 * 60_000);
    // A window that opens when the budget is spent and closes after the cool-down: the pause itself.
    this.pause = counters('dtmf-pause', this.limits.coolDownMs);
  }

  /** Counts an attempt for this phone call and says whether it may proceed. */
  async admit(tenantId: string, switchboardCallId: string, callerId: string | undefined): Promise<LimitVerdict> {
    // Asked together: on Redis that is one round trip's wait instead of three.
    const [paused, callerFailures, tries] = await Promise.all([
      this.pause.count(tenantId),
      callerId ? this.perCaller.count(`${tenantId}|${callerId}`) : 0,
      this.perCall.add(`${tenantId}|${switchboardCallId}`),
    ]);
    if (paused > 0) return { allowed: false, reason: 'global' };
    if (callerFailures >= this.limits.failuresPerCallerPerHour) return { allowed: false, reason: 'caller' };
    if (tries > this.limits.perSwitchboardCall) return { allowed: false, reason: 'call' };
    return { allowed: true };
  }

  async recordFailure(tenantId: string, callerId: string | undefined): Promise<void> {
    const [lastMinute, today] = await Promise.all([
      this.perMinute.add(tenantId),
      this.perDay.add(tenantId),
      callerId ? this.perCaller.add(`${tenantId}|${callerId}`) : 0,
    ]);
    if (lastMinute === this.limits.alarmFailuresPerMinute) this.events.alarm(tenantId, lastMinute);
    if (lastMinute >= this.limits.failuresPerMinute || today >= this.limits.failuresPerDay) {
      // The first to open the pause window reports it; a failure meanwhile cannot extend it.
      if ((await this.pause.add(tenantId)) === 1)
        this.events.paused(tenantId, this.clock.now() + (await this.pause.resetsIn(tenantId)));
    }
  }

  /** When the tenant's pause ends, if resolution is paused now. */
  async pausedUntil(tenantId: string): Promise<number | undefined> {
    if ((await this.pause.count(tenantId)) === 0) return undefined;
    return this.clock.now() + (await this.pause.resetsIn(tenantId));
  }
}
