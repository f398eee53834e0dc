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
