import { z } from 'zod';

/**
 * Amazon Connect's side of the wire: the event a contact flow's Lambda
 * receives (forwarded as is to the server), and the EventBridge contact event.
 * Only the fields the server uses are named; everything else is accepted and
 * ignored, since Amazon adds fields over time.
 */
const ContactData = z.looseObject({
  ContactId: z.string().min(1).max(128),
  InitialContactId: z.string().max(128).nullish(),
  Attributes: z.record(z.string(), z.string()).nullish(),
  CustomerEndpoint: z.looseObject({ Address: z.string().max(64).nullish() }).nullish(),
  // Older documents show Queue as a plain string, newer ones as an object.
  Queue: z.union([z.string(), z.looseObject({ Name: z.string().nullish(), ARN: z.string().nullish() })]).nullish(),
});

export const ContactFlowEvent = z
  .looseObject({
    Name: z.string().optional(),
    Details: z.looseObject({
      ContactData,
      Parameters: z.record(z.string(), z.string()).nullish(),
    }),
  })
  .meta({
    id: 'AmazonConnectContactFlowEvent',
    description: 'The event Amazon Connect gives a contact flow Lambda, forwarded unchanged.',
  });
export type ContactFlowEvent = z.infer<typeof ContactFlowEvent>;

/** What the contact flow gets back: a flat map of strings (the flow stores them as contact attributes). */
export const ContactFlowAnswer = z.record(z.string(), z.string()).meta({ id: 'AmazonConnectContactFlowAnswer' });
export type ContactFlowAnswer = z.infer<typeof ContactFlowAnswer>;

export const ContactEvent = z
  .looseObject({
    source: z.literal('aws.connect'),
    'detail-type': z.string(),
    detail: z.looseObject({
      eventType: z.string(),
      contactId: z.string().min(1).max(128),
      initialContactId: z.string().max(128).nullish(),
    }),
  })
  .meta({
    id: 'AmazonConnectContactEvent',
    description: 'An EventBridge "Amazon Connect Contact Event", forwarded unchanged.',
  });
export type ContactEvent = z.infer<typeof ContactEvent>;
