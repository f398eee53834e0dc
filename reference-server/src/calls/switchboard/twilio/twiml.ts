/** Just enough TwiML for ID-bellen, with every text and attribute escaped. */
const escape = (text: string) =>
  text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!);

export type TwiML = string & { readonly twiml: true };

export const response = (...verbs: string[]): TwiML =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs.join('')}</Response>` as TwiML;

export const say = (text: string, language: string) => `<Say language="${escape(language)}">${escape(text)}</Say>`;

/** Collects exactly `digits` key presses, then posts them to `action` (also when none came, so the caller gets another try). */
export const gather = (action: string, digits: number, prompt: string) =>
  `<Gather input="dtmf" numDigits="${digits}" timeout="10" action="${escape(action)}" method="POST" actionOnEmptyResult="true">${prompt}</Gather>`;

export const enqueue = (queueName: string) => `<Enqueue>${escape(queueName)}</Enqueue>`;

export const dialClient = (identity: string) =>
  `<Dial><Client><Identity>${escape(identity)}</Identity></Client></Dial>`;

export const hangup = () => '<Hangup/>';
