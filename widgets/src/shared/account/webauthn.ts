/**
 * The passkey ceremony's library, needed only when someone presses a passkey
 * button: loaded then, together with the ceremony's options from the server.
 */
export { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
