import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../server/src/core/logger';

/** A real pino logger (with the server's redaction) whose lines the test can read. */
export function captureLogger(level = 'info'): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}
