/**
 * QR codes as one SVG path: the elements draw them (connect codes, calls),
 * and the server draws a wallet's credential offer with the same code.
 * @module @regiekit/sdk/qr
 */
export { drawQrCode, type QrDrawing } from './qr-code.js';
