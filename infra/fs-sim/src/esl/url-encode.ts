/**
 * FreeSWITCH's switch_url_encode (switch_utils.c, double_encode = false), applied to every header value
 * of a text/event-plain body: bytes < 0x20 or > 0x7E and SWITCH_URL_UNSAFE become %XX (upper-case hex);
 * an existing %XX with upper-case hex digits is left alone, so "%(" becomes "%25(" but "%41" stays.
 */
const UNSAFE = new Set(Array.from('\r\n #%&+:;<=>?@[\\]^`{|}"', (c) => c.charCodeAt(0)));
const HEX = '0123456789ABCDEF';

function isUpperHex(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46));
}

export function fsUrlEncode(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    // Needs two more bytes after the '%', exactly as end_of_p() - p > 1 in the C code.
    if (b === 0x25 && i + 2 < bytes.length && isUpperHex(bytes[i + 1]) && isUpperHex(bytes[i + 2])) {
      out += '%';
      continue;
    }
    if (b < 0x20 || b > 0x7e || UNSAFE.has(b)) {
      out += '%' + HEX.charAt(b >> 4) + HEX.charAt(b & 0x0f);
    } else {
      out += String.fromCharCode(b);
    }
  }
  return out;
}
