import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { HeadersTooLargeError, MalformedRequestError } from '../core/errors';
import { toProblem } from './problem';

/**
 * Requests Node's HTTP parser refuses before Koa runs (a head over
 * http.maxHeaderSize, a line that is not HTTP) would get Node's bare answer
 * with no body. They get problem+json like every other refusal instead, and
 * the connection is closed: after a parse error the stream cannot be trusted.
 */
export function answerClientErrors(server: http.Server, logger: Logger): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    // A client that went away, or a request that timed out, has nobody left to read an answer.
    if (err.code === 'ECONNRESET' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || !socket.writable) {
      socket.destroy();
      return;
    }
    const error = err.code === 'HPE_HEADER_OVERFLOW' ? new HeadersTooLargeError('The request line and headers are too large.') : new MalformedRequestError('The HTTP request could not be parsed.');
    const problem = toProblem(error, randomUUID());
    const body = JSON.stringify(problem);
    logger.info({ problemCode: problem.code, status: problem.status, parser: err.code }, error.message);
    socket.end(
      `HTTP/1.1 ${problem.status} ${http.STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
