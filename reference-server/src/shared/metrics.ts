import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics (prom-client), one registry per app so several apps in one
 * process (tests) do not mix. Labels are tenants, outcomes and route patterns:
 * never an id, a code, an attribute or anything else about a person.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly callsStarted = new Counter({
    name: 'regiekit_calls_started_total',
    help: 'Call sessions started',
    labelNames: ['tenant'],
    registers: [this.registry],
  });
  readonly callsDisclosed = new Counter({
    name: 'regiekit_calls_disclosed_total',
    help: 'Call sessions where the citizen disclosed',
    labelNames: ['tenant'],
    registers: [this.registry],
  });
  readonly codesResolved = new Counter({
    name: 'regiekit_codes_resolved_total',
    help: 'DTMF codes resolved by a switchboard',
    labelNames: ['tenant'],
    registers: [this.registry],
  });
  readonly codesFailed = new Counter({
    name: 'regiekit_codes_failed_total',
    help: 'DTMF codes that did not resolve (unknown, spent, expired, throttled)',
    labelNames: ['tenant'],
    registers: [this.registry],
  });
  readonly callDataDeleted = new Counter({
    name: 'regiekit_call_data_deleted_total',
    help: "Callers' data deleted, by reason",
    labelNames: ['tenant', 'reason'],
    registers: [this.registry],
  });
  readonly consentEvents = new Counter({
    name: 'regiekit_consent_events_total',
    help: 'Consent state changes',
    labelNames: ['tenant', 'type'],
    registers: [this.registry],
  });
  readonly reuses = new Counter({
    name: 'regiekit_reuses_total',
    help: 'Data reference calls, by outcome',
    labelNames: ['tenant', 'outcome'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'regiekit_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor({ processMetrics = true } = {}) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'regiekit_' });
  }
}
