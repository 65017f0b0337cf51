/** Splits a capture file (first line `# source: …`, then verbatim wire bytes) into ESL frames. */
import { readFileSync } from 'node:fs';

export interface CapturedFrame {
  readonly headers: ReadonlyMap<string, string>;
  readonly contentType: string | undefined;
  readonly body: string;
}

export function captureBytes(path: string): Buffer {
  const raw = readFileSync(path);
  return raw.subarray(raw.indexOf(0x0a) + 1);
}

export function readFrames(path: string): CapturedFrame[] {
  const bytes = captureBytes(path);
  const frames: CapturedFrame[] = [];
  let at = 0;
  while (at < bytes.length) {
    while (bytes[at] === 0x0a) at++;
    if (at >= bytes.length) break;
    const end = bytes.indexOf('\n\n', at);
    const headText = bytes.subarray(at, end === -1 ? bytes.length : end).toString('utf8');
    const headers = new Map<string, string>();
    for (const line of headText.split('\n')) {
      const colon = line.indexOf(': ');
      if (colon > 0) headers.set(line.slice(0, colon), line.slice(colon + 2));
    }
    at = end === -1 ? bytes.length : end + 2;
    const length = Number(headers.get('Content-Length') ?? '0');
    const body = bytes.subarray(at, at + length).toString('utf8');
    at += length;
    frames.push({ headers, contentType: headers.get('Content-Type'), body });
  }
  return frames;
}
