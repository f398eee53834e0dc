/**
 * The Twilio Voice SDK as one ES module on the CDN (`/cdn/twilio-voice.js`):
 * <regie-agent-console> imports it only for tenants whose calls ring in the
 * browser, so nobody else downloads it.
 */
export { Device } from '@twilio/voice-sdk';
