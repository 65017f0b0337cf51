/**
 * Reading ESL bytes the way a strict client does: header block up to the blank line, then exactly
 * Content-Length body bytes. Used on captures and on what the simulator sends.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Frame {
  readonly headers: [string, string][];
  readonly body?: string;
  /** The exact bytes of the frame as text. */
  readonly raw: string;
}

export function header(frame: Pick<Frame, 'headers'>, name: string): string | undefined {
  return frame.headers.find(([n]) => n === name)?.[1];
}

export class FrameReader {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: Frame[] = [];
    for (;;) {
      const end = this.buf.indexOf('\n\n');
      if (end < 0) break;
      const head = this.buf.subarray(0, end).toString('utf8');
      const headers = head.split('\n').map((line): [string, string] => {
        const i = line.indexOf(': ');
        return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 2)];
      });
      const len = Number(headers.find(([n]) => n === 'Content-Length')?.[1] ?? '0');
      if (this.buf.length < end + 2 + len) break;
      const body = len > 0 ? this.buf.subarray(end + 2, end + 2 + len).toString('utf8') : undefined;
      const raw = this.buf.subarray(0, end + 2 + len).toString('utf8');
      this.buf = this.buf.subarray(end + 2 + len);
      out.push({ headers, raw, ...(body !== undefined ? { body } : {}) });
    }
    return out;
  }

  get rest(): number {
    return this.buf.length;
  }
}

/** A capture from fixtures/esl, first-line comment stripped. */
export function loadCapture(name: string): Frame[] {
  let bytes = readFileSync(fileURLToPath(new URL(`../../fixtures/esl/${name}`, import.meta.url)));
  if (bytes.subarray(0, 2).toString() === '# ') bytes = bytes.subarray(bytes.indexOf(10) + 1);
  return new FrameReader().push(bytes);
}

/** Flat JSON object → ordered [name, value] pairs, keeping duplicate names (JSON.parse would not). */
export function orderedJson(text: string): [string, string | string[]][] {
  const out: [string, string | string[]][] = [];
  const re = /"((?:[^"\\]|\\.)*)":("(?:[^"\\]|\\.)*"|\[(?:"(?:[^"\\]|\\.)*",?)*\])/gy;
  re.lastIndex = 1;
  for (;;) {
    const m = re.exec(text);
    if (!m) break;
    out.push([JSON.parse(`"${m[1] ?? ''}"`) as string, JSON.parse(m[2] ?? '""') as string | string[]]);
    if (text[re.lastIndex] === ',') re.lastIndex++;
  }
  return out;
}

/** text/event-plain body → ordered [name, decoded value] pairs plus the inner body. */
export function plainEvent(body: string): { headers: [string, string][]; body?: string } {
  const end = body.indexOf('\n\n');
  const head = end < 0 ? body : body.slice(0, end);
  const headers = head
    .split('\n')
    .filter((l) => l !== '')
    .map((line): [string, string] => {
      const i = line.indexOf(': ');
      return [line.slice(0, i), decodeURIComponent(line.slice(i + 2))];
    });
  const len = headers.find(([n]) => n === 'Content-Length');
  if (!len || end < 0) return { headers };
  return {
    headers: headers.filter((h) => h !== len),
    body: Buffer.from(body.slice(end + 2))
      .subarray(0, Number(len[1]))
      .toString('utf8'),
  };
}
