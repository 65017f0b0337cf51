/**
 * The only place drachtio-modesl is loaded. Two things are changed on purpose:
 * - its header parser runs every value through `decodeURIComponent`, which throws on non-UTF-8 `%XX`
 *   inside a socket 'data' handler and would crash the process (modesl #59): decoding is made safe;
 * - a frame it cannot parse (an event type without a body) throws there too: such frames are dropped
 *   and the stream goes on;
 * - its own reconnect is switched off, because ours re-subscribes and resyncs after every connect;
 * - its `send` writes a command line by line (one socket write per header): with Nagle's algorithm on,
 *   the later writes wait for the delayed ACK of the first (~40 ms on Linux loopback) and every command
 *   took that long. A command is written as one buffer, and Nagle is off: ESL is request/reply.
 * Its callback queues are never used: replies are matched in client.ts.
 */
import modesl from 'drachtio-modesl';
import Parser from 'drachtio-modesl/lib/esl/Parser.js';
import { EslInjectionError } from './errors.js';
import { safeDecode } from './headers.js';

/**
 * A line break in a command or header value (a file name, a variable) would end it and inject
 * another header or command: refused before anything is queued or written.
 */
export function assertSingleLines(command: string, headers?: Record<string, string | number>): void {
  if (/[\r\n]/.test(command)) throw new EslInjectionError('command');
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (/[\r\n]/.test(`${key}${value}`)) throw new EslInjectionError(`header ${key}`);
  }
}

Parser.prototype._parseHeaderText = function parseHeaderText(text: string) {
  const headers: Record<string, string | number> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(': ');
    const key = at === -1 ? line : line.slice(0, at);
    const value = at === -1 ? '' : safeDecode(line.slice(at + 2));
    // A non-numeric Content-Length becomes 0 (no body) instead of NaN stalling the parser.
    if (key === 'Content-Length') headers[key] = Number.parseInt(value, 10) || 0;
    else headers[key] = value;
  }
  return headers;
};

const parseEvent = Parser.prototype._parseEvent;
/** Stands in for modesl's Event on event frames: only the envelope headers, nothing parsed. */
const envelopeOnly = (headers: Record<string, string | number>) => ({
  getHeader: (name: string) => headers[name],
});
Parser.prototype._parseEvent = function parseEventSafely(headers, body) {
  const type = headers['Content-Type'];
  if (type === 'text/event-json' || type === 'text/event-plain') {
    // client.ts parses event bodies itself (headers.ts); modesl's own parse into an Event (a JSON.parse
    // plus a header array per event) was a second full parse of every event, ~10% of the bridge's CPU.
    this.emit('esl::event', envelopeOnly(headers), headers, body ?? '');
    return;
  }
  try {
    parseEvent.call(this, headers, body ?? '');
  } catch {
    // The frame's bytes are already consumed; what follows is parsed normally.
  }
};

/** One raw frame as the client sees it. */
export interface WireFrame {
  readonly contentType: string | undefined;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

export interface WireHandlers {
  ready(): void;
  authFailed(): void;
  frame(frame: WireFrame): void;
  closed(): void;
}

export interface Wire {
  send(command: string, headers?: Record<string, string>): void;
  /** Drops the socket at once (a desynchronised stream must not be trusted). */
  destroy(): void;
}

export function openWire(host: string, port: number, password: string, on: WireHandlers): Wire {
  const conn = new modesl.Connection(host, port, password, () => on.ready());
  conn.reconnectOpts = { maxAttempts: 1, retryMaxDelay: null };
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    on.closed();
  };
  conn.on('error', () => undefined);
  conn.on('esl::end', close);
  conn.on('esl::event::auth::fail', () => on.authFailed());
  conn.on('esl::event::**', (_event, rawHeaders, body) => {
    // modesl also emits its own synthetic events (auth::success) without a frame: not ours.
    if (typeof rawHeaders !== 'object' || rawHeaders === null) return;
    const headers = new Map<string, string>();
    for (const [k, v] of Object.entries(rawHeaders)) headers.set(k, String(v));
    on.frame({ contentType: headers.get('Content-Type'), headers, body: body ?? '' });
  });
  let noDelay = false;
  return {
    send: (command, headers) => {
      const socket = conn.socket;
      assertSingleLines(command, headers);
      if (!socket) return conn.send(command, headers); // modesl reports the missing socket its own way
      if (!noDelay) {
        socket.setNoDelay(true);
        noDelay = true;
      }
      let packet = `${command}\n`;
      for (const [key, value] of Object.entries(headers ?? {})) packet += `${key}: ${value}\n`;
      socket.write(`${packet}\n`);
    },
    destroy: () => {
      conn.socket?.destroy();
      close();
    },
  };
}
