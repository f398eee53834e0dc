import type { Duplex } from 'node:stream';
import { errorBody } from './api-error.js';

/**
 * What Node's HTTP parser refuses before any route sees it (a broken request
 * line, headers over the limit) gets the same JSON error shape as every
 * other refusal, instead of Node's bare `400 Bad Request`.
 */
/** Any Node HTTP(S) server (what @hono/node-server's `serve` returns). */
interface NodeServer {
  on(event: 'clientError', listener: (error: NodeJS.ErrnoException, socket: Duplex) => void): unknown;
}

export function answerParserErrorsInJson(server: NodeServer): void {
  server.on('clientError', (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify(
      tooLarge
        ? errorBody('headers_too_large', 'The request headers are too large.')
        : errorBody('bad_request', 'The request could not be read as HTTP.'),
    );
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
