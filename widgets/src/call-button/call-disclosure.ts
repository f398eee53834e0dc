/**
 * What the call button needs only once someone starts a call, two thirds of its
 * code: the Yivi client (yivi-core + yivi-client) and the QR encoder. Loaded on
 * hover, focus or press of the button, awaited on the click.
 */
export { startYiviDisclosure } from '@regiekit/sdk/call/yivi';
export { drawQrCode } from '@regiekit/sdk/qr';
