import { Webhook } from 'standardwebhooks';
import type { PartyEvent } from '../protocol/index.js';

export interface WebhookEvent {
  type: PartyEvent['type'];
  timestamp: string;
  data: PartyEvent['data'] & { tenant: string };
}

/**
 * Checks a webhook from the regiekit server the Standard Webhooks way
 * (signature over id, timestamp and raw body; timestamp within 5 minutes),
 * and refuses a delivery whose id it has already accepted: a replay inside
 * the time window. Keep one verifier per process (or give it a shared `seen`
 * store when several instances receive webhooks).
 */
export class WebhookVerifier {
  private readonly webhook: Webhook;

  constructor(
    secret: string,
    private readonly seen: { has(id: string): boolean; add(id: string): unknown } = new Set<string>(),
  ) {
    this.webhook = new Webhook(secret);
  }

  /** The event, or an error for a bad signature, a stale timestamp or a replay. `body` is the raw request body. */
  verify(body: string, headers: Record<string, string | undefined> | Headers): WebhookEvent {
    const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? '';
    const flat = {
      'webhook-id': get('webhook-id'),
      'webhook-timestamp': get('webhook-timestamp'),
      'webhook-signature': get('webhook-signature'),
    };
    const event = this.webhook.verify(body, flat) as WebhookEvent;
    if (this.seen.has(flat['webhook-id'])) throw new Error('Webhook replayed: this delivery id was already accepted.');
    this.seen.add(flat['webhook-id']);
    return event;
  }
}
