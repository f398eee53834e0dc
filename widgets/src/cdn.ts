/**
 * The CDN entry: one script tag defines every regiekit element.
 * Loading it twice is harmless (see shared/define.ts).
 */
import './define/call-button.js';

export { RegieCallButton } from './call-button/call-button.js';
export * from './shared/events.js';
