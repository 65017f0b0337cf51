/**
 * Event-body parsing shared by the live connection and the capture tests: a `text/event-plain` or
 * `text/event-json` body → one header map. Never throws: a malformed body yields `undefined`, so one bad
 * frame is logged and skipped instead of taking the connection down.
 */

/** Header name → value; a header sent twice (HANGUP_COMPLETE's Hangup-Cause) keeps the first value. */
export type EslHeaders = ReadonlyMap<string, string>;

/** `decodeURIComponent` throws on non-UTF-8 `%XX` (modesl #59); fall back to the raw text. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function put(out: Map<string, string>, name: string, value: string): void {
  if (!out.has(name)) out.set(name, value);
}

/** A `text/event-plain` body: URL-encoded `Name: value` lines, blank line, optional inner body. */
export function parsePlainBody(body: string): EslHeaders | undefined {
  const end = body.indexOf('\n\n');
  const head = end === -1 ? body : body.slice(0, end);
  const out = new Map<string, string>();
  for (const line of head.split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === '') continue;
    const colon = trimmed.indexOf(': ');
    // FreeSWITCH prints an empty value as `_undef_`, so a line without ": " is not a header.
    if (colon <= 0) return undefined;
    put(out, trimmed.slice(0, colon), safeDecode(trimmed.slice(colon + 2)));
  }
  const length = Number(out.get('Content-Length') ?? '0');
  if (end !== -1 && length > 0) out.set('_body', body.slice(end + 2, end + 2 + length));
  return out.has('Event-Name') ? out : undefined;
}

/** A `text/event-json` body: one JSON object of strings; arrays (multi-value headers) are joined. */
export function parseJsonBody(body: string): EslHeaders | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') put(out, name, value);
    else if (typeof value === 'number') put(out, name, String(value));
    else if (Array.isArray(value)) put(out, name, value.map(String).join('|'));
  }
  return out.has('Event-Name') ? out : undefined;
}

/** Dispatches on the envelope's Content-Type; other types are not events. */
export function parseEventBody(contentType: string | undefined, body: string): EslHeaders | undefined {
  if (contentType === 'text/event-json') return parseJsonBody(body);
  if (contentType === 'text/event-plain') return parsePlainBody(body);
  return undefined;
}
