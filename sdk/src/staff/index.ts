/**
 * The staff side of ID-bellen (agents and administrators): sign-in, the live console feed
 * of identified callers, taking and ending calls, the browser softphone, and account management.
 * @module @regiekit/sdk/staff
 */
export { StaffApi, type StaffApiOptions } from './staff-api.js';
export {
  Softphone,
  twilioVoiceModuleUrl,
  type SoftphoneState,
  type VoiceCall,
  type VoiceDevice,
  type VoiceDeviceConstructor,
} from './softphone.js';
export {
  applyConsoleEvent,
  ConsoleFeed,
  EMPTY_FEED,
  type ConsoleFeedListener,
  type ConsoleFeedState,
  type FeedConnection,
} from './console-feed.js';
