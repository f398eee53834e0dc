import { describe, expect, it } from 'vitest';
import { WebhookVerifier } from '@regiekit/sdk/party';
import { createLogger } from '../http/logger.js';
import { WebhookSender } from './webhooks.js';

const SECRET = `whsec_${Buffer.alloc(24, 5).toString('base64')}`;
const event = {
  id: '7',
  type: 'consent.revoked' as const,
  at: '2026-11-25T10:00:00.000Z',
  data: { consentId: 'c1' },
  tenant: 'nijmegen',
};

describe('webhook delivery', () => {
  it('retries a failed delivery with the same id, signed each time, until the receiver takes it', async () => {
    const attempts: { headers: Headers; body: string }[] = [];
    const receiver = (async (_url: string | URL | Request, init?: RequestInit) => {
      attempts.push({ headers: new Headers(init?.headers), body: String(init?.body) });
      return new Response(null, { status: attempts.length < 3 ? 503 : 204 });
    }) as typeof fetch;
    const sender = new WebhookSender(createLogger('silent'), receiver, [5, 5, 5]);
    sender.send({ url: 'https://consumer.example/hooks', secret: SECRET }, event);
    await expect.poll(() => attempts.length).toBe(3);
    expect(new Set(attempts.map((a) => a.headers.get('webhook-id')))).toEqual(new Set(['nijmegen-7']));
    const verifier = new WebhookVerifier(SECRET);
    expect(verifier.verify(attempts[2]!.body, attempts[2]!.headers)).toMatchObject({
      type: 'consent.revoked',
      data: { consentId: 'c1', tenant: 'nijmegen' },
    });
    sender.stop();
  });

  it('gives up after the last retry without throwing, and never blocks the sender', async () => {
    let calls = 0;
    const down = (async () => {
      calls += 1;
      throw new TypeError('connection refused');
    }) as typeof fetch;
    const sender = new WebhookSender(createLogger('silent'), down, [1, 1]);
    const started = performance.now();
    sender.send({ url: 'https://consumer.example/hooks', secret: SECRET }, event);
    expect(performance.now() - started).toBeLessThan(50);
    await expect.poll(() => calls).toBe(3);
    sender.stop();
  });
});
