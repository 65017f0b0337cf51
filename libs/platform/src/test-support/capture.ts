import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../logging/logger.js';

/** A logger whose JSON lines tests can read back. */
export function captureLogger(level: 'info' | 'debug' | 'warn' = 'info'): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  raw: () => string;
} {
  let buffer = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      buffer += chunk.toString();
      done();
    },
  });
  return {
    logger: createLogger({ service: 'test', level, destination: stream }),
    raw: () => buffer,
    lines: () =>
      buffer
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
