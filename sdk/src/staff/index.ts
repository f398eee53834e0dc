export { StaffApi, type StaffApiOptions } from './staff-api.js';
export { applyConsoleEvent, ConsoleFeed, EMPTY_FEED, type ConsoleFeedListener, type ConsoleFeedState, type FeedConnection } from './console-feed.js';
