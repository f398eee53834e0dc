import type { ResolvedTwilio, TenantSettings } from '../../../config/resolve-config.js';
import { randomBytes } from 'node:crypto';
import { twilioSignature } from '../twilio/twilio-signature.js';

export type RequestApp = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** What the line did after a webhook answer: waiting in the queue, asking again (with what it said), or hung up. */
export type LineState =
  { state: 'queued' } | { state: 'asking'; said: string; action: string } | { state: 'hung-up'; said: string };

const attribute = (xml: string, verb: string, name: string) =>
  new RegExp(`<${verb}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1]?.replace(/&amp;/g, '&');
const spoken = (xml: string) => [...xml.matchAll(/<Say\b[^>]*>([^<]*)<\/Say>/g)].map((match) => match[1]).join(' ');

/**
 * Plays Twilio's part of a phone call against the server, the way Twilio does
 * it: signed form posts to the configured webhooks, following the TwiML that
 * comes back. Demo traffic thus runs through the real Twilio adapter.
 */
export class TwilioLine {
  readonly callSid = `CA${randomBytes(16).toString('hex')}`;

  constructor(
    private readonly app: RequestApp,
    private readonly tenant: TenantSettings & { switchboard: ResolvedTwilio },
    private readonly from = '+31600000000',
  ) {}

  /** The phone rings at the municipality: Twilio asks the voice webhook what to do. */
  async ring(): Promise<LineState> {
    return this.follow(
      await this.post(`${this.tenant.switchboard.webhookBaseUrl}/api/v1/${this.tenant.id}/twilio/voice`, {
        CallStatus: 'ringing',
      }),
    );
  }

  /** The caller types digits at the prompt the line is waiting on. */
  async type(action: string, digits: string): Promise<LineState> {
    return this.follow(await this.post(action, { CallStatus: 'in-progress', Digits: digits, FinishedOnKey: '' }));
  }

  /** Twilio reports the end of the call to the status callback. */
  async ended(status = 'completed'): Promise<void> {
    await this.post(`${this.tenant.switchboard.webhookBaseUrl}/api/v1/${this.tenant.id}/twilio/status`, {
      CallStatus: status,
    });
  }

  /** Twilio fetching the TwiML a dequeued call should run: returns the client identity it dials. */
  async fetchDial(url: string): Promise<string | undefined> {
    const xml = await (await this.post(url, { CallStatus: 'in-progress' })).text();
    return /<Identity>([^<]*)<\/Identity>/.exec(xml)?.[1];
  }

  private async follow(response: Response): Promise<LineState> {
    const xml = await response.text();
    if (!response.ok) return { state: 'hung-up', said: `(the server answered ${response.status})` };
    if (xml.includes('<Enqueue')) return { state: 'queued' };
    const action = attribute(xml, 'Gather', 'action');
    if (action) return { state: 'asking', said: spoken(xml), action };
    return { state: 'hung-up', said: spoken(xml) };
  }

  private post(url: string, extra: Record<string, string>): Promise<Response> {
    const params = {
      CallSid: this.callSid,
      AccountSid: this.tenant.switchboard.accountSid,
      From: this.from,
      To: this.tenant.phoneNumber,
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
      ...extra,
    };
    return Promise.resolve(
      this.app.request(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': twilioSignature(this.tenant.switchboard.authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
      }),
    );
  }
}
