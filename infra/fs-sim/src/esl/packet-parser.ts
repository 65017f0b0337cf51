/**
 * Client → FreeSWITCH framing, as read_packet() in mod_event_socket.c reads it: leading CR/LF skipped,
 * a packet ends at the second LF with only CRs between, lines split on CR/LF runs, "Name: value" headers
 * split at the first colon (spaces after it skipped), and Content-Length N pulls N raw body bytes.
 */
export interface Packet {
  /** The command line, e.g. "sendmsg 1234" or "api status". */
  readonly command: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

/** Header blocks larger than this are cut (read_packet's max_len). */
const MAX_HEADER_BYTES = 10 * 1024 * 1024;
/** Bodies larger than this drop the connection (read_packet guard added Aug 2026). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class PacketTooLargeError extends Error {
  readonly code = 'ESL_BODY_TOO_LARGE';
  constructor(length: number) {
    super(`Content-Length ${length} outside 0..${MAX_BODY_BYTES}`);
  }
}

export class PacketParser {
  private buf: Buffer = Buffer.alloc(0);
  private pendingHead: { command: string; headers: [string, string][]; bodyLength: number } | undefined;

  /** Feeds bytes; returns every complete packet. Throws PacketTooLargeError on an illegal length. */
  push(chunk: Buffer): Packet[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: Packet[] = [];
    for (;;) {
      if (this.pendingHead) {
        const head = this.pendingHead;
        if (this.buf.length < head.bodyLength) break;
        const body = this.buf.subarray(0, head.bodyLength).toString('utf8');
        this.buf = this.buf.subarray(head.bodyLength);
        this.pendingHead = undefined;
        out.push({ command: head.command, headers: head.headers, body });
        continue;
      }
      const packet = this.takeHead();
      if (!packet) break;
      if (packet.bodyLength > 0) {
        this.pendingHead = packet;
        continue;
      }
      out.push({ command: packet.command, headers: packet.headers });
    }
    return out;
  }

  private takeHead(): { command: string; headers: [string, string][]; bodyLength: number } | undefined {
    let start = 0;
    while (start < this.buf.length && (this.buf[start] === 0x0d || this.buf[start] === 0x0a)) start++;
    let newlines = 0;
    let end = -1;
    for (let i = start; i < this.buf.length; i++) {
      const b = this.buf[i];
      if (b === 0x0a) newlines++;
      else if (b !== 0x0d) newlines = 0;
      if (newlines === 2 || i - start + 1 >= MAX_HEADER_BYTES) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) {
      this.buf = this.buf.subarray(start);
      return undefined;
    }
    const text = this.buf.subarray(start, end).toString('utf8');
    this.buf = this.buf.subarray(end);
    const lines = text.split(/[\r\n]+/).filter((l) => l.length > 0);
    const command = lines[0] ?? '';
    const headers: [string, string][] = [];
    let bodyLength = 0;
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ +/, '');
      headers.push([name, value]);
      if (name.toLowerCase() === 'content-length') {
        const n = Number.parseInt(value, 10);
        if (Number.isNaN(n)) continue;
        if (n < 0 || n > MAX_BODY_BYTES) throw new PacketTooLargeError(n);
        bodyLength = n;
      }
    }
    return { command, headers, bodyLength };
  }
}

/** Case-insensitive header lookup, as switch_event_get_header does. */
export function packetHeader(packet: Packet, name: string): string | undefined {
  const lower = name.toLowerCase();
  return packet.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}
