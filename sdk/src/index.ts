/**
 * regiekit SDK: framework-free clients for the regiekit reference server.
 * The wire contract (zod schemas) is at `@regiekit/sdk/protocol`.
 * @packageDocumentation
 */
export * from './http/index.js';
export * from './party/index.js';
export * from './call/index.js';
export * from './staff/index.js';
export * from './connect/index.js';
export * from './consent/index.js';
export * from './plan/index.js';
export * from './signed-data/index.js';
export * from './my-data/index.js';
export * from './my-data/parties/index.js';
export * from './qr/index.js';
export * from './data-fetch/index.js';
export * from './data-fetch/parties/index.js';
export * from './arrangements/index.js';
export type * from './protocol/index.js';
