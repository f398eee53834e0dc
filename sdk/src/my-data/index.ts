/**
 * My data (AVG art. 15, 16, 20) in the customer's browser: the view a
 * company's portal opens with a view token ({@link MyDataClient}, used by
 * `<regie-my-data>`). The backends' side is `@regiekit/sdk/my-data/parties`.
 * @module @regiekit/sdk/my-data
 */
export { MyDataClient, type MyDataClientOptions, type MyDataDownload } from './my-data-client.js';
