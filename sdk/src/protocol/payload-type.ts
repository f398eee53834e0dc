/**
 * The `typ` of a provider's bound payload (a JWT whose claims are PayloadClaims).
 * In a file of its own, without zod, so browser code can use it cheaply.
 */
export const PAYLOAD_JWT_TYPE = 'regiekit-payload+jwt';
