/**
 * Masking rules shared by the logger and by anything else that echoes values (config errors):
 * secrets are replaced, phone numbers keep their last 4 digits (DESIGN §8).
 */

export const REDACTED = '[REDACTED]';

/** Keys whose values are secrets, whatever they look like. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|hash)$|pass(word|wd|phrase)?$|secret|token|api[-_]?key|credential|private[-_]?key/i;

/** Keys that carry phone numbers (caller ids, dialled numbers), even short or oddly formatted ones. */
const PHONE_KEY =
  /^(ani|dnis|from|to|callee|caller|callerid|calleridnumber|callernumber|destination|msisdn|phone)$|(number|phone)$/i;

// A UUID is matched first and left alone, so a call id whose last group happens to be all digits
// is not mistaken for a phone number (call ids are how logs are correlated).
const UUID_OR_DIGIT_RUN =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<![A-Za-z0-9_.])\+?\d{7,}(?![A-Za-z0-9_])/gi;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s"]*:)([^@/\s"]+)(@)/gi;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[^\s",;]+/gi;
const QUERY_SECRET = /([?&](?:password|passwd|token|secret|api[-_]?key|access_token)=)[^&#\s"]+/gi;
// Hotline API keys (`hl_<keyId>_<secret>`): the key id is useful in logs, the secret never is.
const API_KEY = /\bhl_([a-z0-9]+)_[A-Za-z0-9]+/g;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function isPhoneKey(key: string): boolean {
  return PHONE_KEY.test(key);
}

/** Replaces every digit except the last 4 with `*`: `+4915112345678` → `+*********5678`. */
export function maskDigits(value: string): string {
  let keep = 4;
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i];
    if (c === undefined || c < '0' || c > '9') continue;
    if (keep > 0) keep--;
    else chars[i] = '*';
  }
  return chars.join('');
}

/** Masks phone-number-like digit runs (≥ 7 digits) and secrets embedded in free text. */
export function maskText(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1${REDACTED}$3`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(QUERY_SECRET, `$1${REDACTED}`)
    .replace(API_KEY, `hl_$1_${REDACTED}`)
    .replace(UUID_OR_DIGIT_RUN, (match) => (match.includes('-') ? match : maskDigits(match)));
}

function maskPhoneValue(value: unknown): unknown {
  if (typeof value === 'string') return maskDigits(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = value.toString();
    return text.replace(/\D/g, '').length >= 7 ? maskDigits(text) : value;
  }
  return sanitize(value);
}

/**
 * Returns a copy of JSON-like data with secrets redacted and phone numbers masked, by key and by
 * content. Only plain data is walked (it runs on parsed log lines), so cycles cannot occur.
 */
export function sanitize(value: unknown, key?: string): unknown {
  if (key !== undefined && value !== null && value !== undefined) {
    if (isSecretKey(key)) return REDACTED;
    if (isPhoneKey(key)) return maskPhoneValue(value);
  }
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((item) => sanitize(item));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitize(v, k);
    return out;
  }
  return value;
}

/**
 * Sanitizes one serialized log line. It runs after pino's serializers (err, req, res), so nothing a
 * serializer adds escapes it; a line that is not JSON is masked as text.
 */
export function sanitizeLogLine(line: string): string {
  const newline = line.endsWith('\n');
  const body = newline ? line.slice(0, -1) : line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return maskText(line);
  }
  return JSON.stringify(sanitize(parsed)) + (newline ? '\n' : '');
}
