/**
 * The wire contract of regiekit: one set of zod schemas that the reference
 * server validates with, the OpenAPI document is generated from, and the SDK
 * client takes its types from.
 * @module @regiekit/sdk/protocol
 */
export * from './common.js';
export * from './errors.js';
export * from './calls.js';
export * from './staff.js';
export * from './connect.js';
export * from './account.js';
export * from './consent.js';
export * from './amazon-connect.js';
export * from './personal-data.js';
export * from './signed-data.js';
export * from './my-data.js';
export * from './data-fetch.js';
export * from './arrangement-policy.js';
export * from './arrangements.js';
