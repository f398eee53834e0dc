import { createHmac } from 'node:crypto';
import { secretsEqual } from '../../../crypto/constant-time.js';

/**
 * Twilio's webhook signature: base64(HMAC-SHA1(authToken, url + every POST
 * parameter as name + value, sorted by name)). The URL is the one Twilio was
 * configured with, query string included.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

/**
 * The same URL with and without its port: Twilio signs what it was configured
 * with, and a proxy or the console may or may not show the default port.
 */
function urlVariants(url: string): string[] {
  // Taken apart as text: a URL parser would normalise the path or query and change what was signed.
  const match = /^(https?):\/\/([^/:?#]+)(:\d+)?(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme, host, port, rest] = match as unknown as [string, string, string, string | undefined, string];
  const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  return [...new Set([url, `${scheme}://${host}${rest}`, `${scheme}://${host}${port ?? defaultPort}${rest}`])];
}

/** True when the header is Twilio's signature of this request under this auth token (compared in constant time). */
export function isTwilioSignatureValid(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  let valid = false;
  // Every variant is checked, so the time taken does not tell which one matched.
  for (const variant of urlVariants(url))
    if (secretsEqual(signature, twilioSignature(authToken, variant, params))) valid = true;
  return valid;
}
