import { randomUUID } from 'node:crypto';
import type { ContactEvent, ContactFlowAnswer, ContactFlowEvent } from '@regiekit/sdk/protocol';
import type { TenantSettings } from '../../../config/resolve-config.js';
import type { RequestApp } from './twilio-line.js';

/** What the contact flow did with the caller's code: queued, identified or not (then why). */
export type FlowOutcome = { identified: true; sessionRef: string } | { identified: false; reason: string };

/** What the customer queue flow heard when it asked whether an agent took the contact. */
export type ClaimAnswer = { claimed: true; agentUsername: string } | { claimed: false; reason: 'waiting' | 'gone' };

/**
 * Plays Amazon Connect's part of a phone call against the server, the way
 * docs/switchboard.md sets Connect up: the contact flow's Lambda forwards its
 * event with the typed code, the customer queue flow's Lambda asks in a loop
 * whether an agent claimed the contact, and EventBridge reports the
 * disconnect. Demo traffic thus runs through the real Amazon Connect adapter.
 */
export class ConnectLine {
  /** Connect names contacts with UUIDs; the first contact of a call is also its InitialContactId. */
  readonly contactId = randomUUID();

  constructor(
    private readonly app: RequestApp,
    private readonly tenant: TenantSettings,
    private readonly from = '+31600000000',
  ) {}

  /** The caller typed the code at "Store customer input": the contact flow invokes the forwarder with it. */
  async enterCode(code: string): Promise<FlowOutcome> {
    const answer = await this.forward('contact-flow', this.flowEvent({ dtmf: code }));
    if (!answer) return { identified: false, reason: 'unavailable' };
    return answer.identified === 'true' && answer.sessionRef
      ? { identified: true, sessionRef: answer.sessionRef }
      : { identified: false, reason: answer.reason ?? 'unknown' };
  }

  /** One turn of the customer queue flow's loop: has an agent taken this contact, and who? */
  async askClaim(): Promise<ClaimAnswer> {
    const answer = await this.forward('claim', this.flowEvent({}));
    if (answer?.claimed === 'true' && answer.agentUsername)
      return { claimed: true, agentUsername: answer.agentUsername };
    // A forwarder that cannot reach the server makes the flow ask again, as for `waiting`.
    return { claimed: false, reason: answer?.reason === 'gone' ? 'gone' : 'waiting' };
  }

  /** The contact ended (either side hung up): EventBridge delivers the DISCONNECTED event. */
  async hangUp(): Promise<void> {
    const event: ContactEvent = {
      version: '0',
      id: randomUUID(),
      source: 'aws.connect',
      'detail-type': 'Amazon Connect Contact Event',
      time: new Date().toISOString(),
      region: 'eu-central-1',
      detail: {
        eventType: 'DISCONNECTED',
        contactId: this.contactId,
        initialContactId: this.contactId,
        channel: 'VOICE',
        initiationMethod: 'INBOUND',
      },
    };
    await this.post('events', event);
  }

  /** The Lambda event, abridged to what Connect always sends; the code goes as a function parameter. */
  private flowEvent(parameters: Record<string, string>): ContactFlowEvent {
    return {
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          ContactId: this.contactId,
          InitialContactId: this.contactId,
          Channel: 'VOICE',
          InitiationMethod: 'INBOUND',
          CustomerEndpoint: { Address: this.from, Type: 'TELEPHONE_NUMBER' },
          SystemEndpoint: { Address: this.tenant.phoneNumber, Type: 'TELEPHONE_NUMBER' },
          Queue: {
            Name: 'ID-bellen',
            ARN: `arn:aws:connect:eu-central-1:000000000000:instance/demo/queue/${this.tenant.id}`,
          },
          Attributes: {},
        },
        Parameters: parameters,
      },
    };
  }

  /** The forwarder Lambda of docs/switchboard.md: its answer, or nothing when the server did not answer 2xx. */
  private async forward(
    endpoint: 'contact-flow' | 'claim',
    event: ContactFlowEvent,
  ): Promise<ContactFlowAnswer | undefined> {
    const response = await this.post(endpoint, event);
    return response.ok ? ((await response.json()) as ContactFlowAnswer) : undefined;
  }

  private post(endpoint: string, body: unknown): Promise<Response> {
    return Promise.resolve(
      this.app.request(`/api/v1/${this.tenant.id}/switchboard/amazon-connect/${endpoint}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.tenant.switchboardSecret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  }
}
