/**
 * `filter` as event_handler() applies it: once any filter exists an event must match one; filters OR
 * together, a value prefixed '-' excludes (and wins), a value starting '/' is a "/regex/flags" pattern,
 * anything else is case-insensitive equality. An event without the header never matches.
 */
import { getHeader, type EslEvent } from './event.js';

export class Filters {
  private entries: [string, string][] = [];

  /** `filter <Header> <value>` / `filter add ...` / `filter delete <H> [v]` / `filter delete all`. */
  command(rest: string): string {
    const trimmed = rest.replace(/^ +/, '');
    const space = trimmed.indexOf(' ');
    let name = space < 0 ? trimmed : trimmed.slice(0, space);
    let value: string | undefined = space < 0 ? undefined : trimmed.slice(space + 1);
    if (name.toLowerCase() === 'delete' && value !== undefined) {
      const sp = value.indexOf(' ');
      name = sp < 0 ? value : value.slice(0, sp);
      value = sp < 0 ? undefined : value.slice(sp + 1);
      if (name.toLowerCase() === 'all') {
        this.entries = [];
      } else {
        const lower = name.toLowerCase();
        this.entries = this.entries.filter(
          ([n, v]) => n.toLowerCase() !== lower || (value !== undefined && v !== value),
        );
      }
      return `+OK filter deleted. [${name}][${value ?? ''}]`;
    }
    if (value === undefined) return '-ERR invalid syntax';
    if (name.toLowerCase() === 'add') {
      const sp = value.indexOf(' ');
      name = sp < 0 ? value : value.slice(0, sp);
      value = sp < 0 ? '' : value.slice(sp + 1);
    }
    this.entries.push([name, value]);
    return `+OK filter added. [${name}]=[${value}]`;
  }

  passes(event: EslEvent): boolean {
    if (this.entries.length === 0) return true;
    let send = false;
    for (const [name, raw] of this.entries) {
      const actual = getHeader(event, name);
      if (actual === undefined) continue;
      let positive = true;
      let i = 0;
      for (; i < raw.length; i++) {
        const c = raw[i];
        if (c === '+') positive = true;
        else if (c === '-') positive = false;
        else if (c !== ' ') break;
      }
      if (send && positive) continue;
      const compareTo = raw.slice(i);
      const matched = raw.startsWith('/')
        ? regexMatches(actual, compareTo)
        : equalsIgnoreCase(actual, compareTo);
      if (matched) {
        if (!positive) return false;
        send = true;
      }
    }
    return send;
  }
}

function equalsIgnoreCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** switch_regex_perform with a "/pattern/flags" expression; a missing closing '/' never matches. */
function regexMatches(value: string, expression: string): boolean {
  const close = expression.lastIndexOf('/');
  if (close <= 0) return false;
  const flags = expression.slice(close + 1);
  try {
    return new RegExp(
      expression.slice(1, close),
      (flags.includes('i') ? 'i' : '') + (flags.includes('s') ? 's' : ''),
    ).test(value);
  } catch {
    return false;
  }
}
