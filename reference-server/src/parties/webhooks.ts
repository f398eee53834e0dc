import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { PartyEvent } from '@regiekit/sdk/protocol';

/** Delays before each retry; after the last one the event stays in the party's feed only. */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000];
const DELIVERY_TIMEOUT_MS = 5_000;

export interface WebhookTarget {
  url: string;
  secret: string;
}

/**
 * Delivers party events as Standard Webhooks (webhook-id, webhook-timestamp,
 * webhook-signature over the raw body), in the background: a slow or absent
 * receiver never holds up the user. Failed deliveries are retried with
 * backoff; the pollable feed is the record either way.
 */
export class WebhookSender {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly logger: Logger,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
    private readonly retryDelaysMs: readonly number[] = RETRY_DELAYS_MS,
  ) {}

  send(target: WebhookTarget, event: PartyEvent & { tenant: string }): void {
    void this.attempt(target, event, 0);
  }

  /** Stops every retry still waiting (shutdown, tests). */
  stop(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }

  private async attempt(
    target: WebhookTarget,
    event: PartyEvent & { tenant: string },
    tryNumber: number,
  ): Promise<void> {
    const body = JSON.stringify({
      type: event.type,
      timestamp: event.at,
      data: { ...event.data, tenant: event.tenant },
    });
    const id = `${event.tenant}-${event.id}`;
    const timestamp = new Date();
    let ok: boolean;
    try {
      const signature = new Webhook(target.secret).sign(id, timestamp, body);
      const response = await this.fetchImpl(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        redirect: 'error',
      });
      ok = response.ok;
    } catch {
      ok = false;
    }
    if (ok) return;
    const delay = this.retryDelaysMs[tryNumber];
    if (delay === undefined) {
      this.logger.warn({ eventId: id, type: event.type }, 'webhook not delivered; the event stays in the feed');
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      void this.attempt(target, event, tryNumber + 1);
    }, delay);
    timer.unref();
    this.pending.add(timer);
  }
}
