import type { ResolvedTwilio } from '../../../config/resolve-config.js';

export const TWILIO_API = 'https://api.twilio.com';

/**
 * The two Twilio REST calls the server makes: take one exact caller out of
 * the queue to a TwiML URL (Queue Members API; `<Dial><Queue>` would take
 * whoever waits longest), and end a call (Calls API, Status=completed).
 */
export class TwilioRest {
  constructor(
    private readonly settings: ResolvedTwilio,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async dequeueTo(callSid: string, twimlUrl: string): Promise<void> {
    const { accountSid, queueSid } = this.settings;
    await this.post(
      `/2010-04-01/Accounts/${accountSid}/Queues/${queueSid}/Members/${encodeURIComponent(callSid)}.json`,
      { Url: twimlUrl, Method: 'POST' },
    );
  }

  async complete(callSid: string): Promise<void> {
    await this.post(`/2010-04-01/Accounts/${this.settings.accountSid}/Calls/${encodeURIComponent(callSid)}.json`, {
      Status: 'completed',
    });
  }

  private async post(path: string, form: Record<string, string>): Promise<void> {
    const response = await this.fetchImpl(`${TWILIO_API}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${this.settings.accountSid}:${this.settings.authToken}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`twilio ${path.split('/').slice(-2).join('/')}: HTTP ${response.status}`);
  }
}
