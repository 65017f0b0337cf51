import { describe, expect, it } from 'vitest';
import type { EslEvent } from './event.js';
import { Filters } from './filters.js';
import { Subscriptions } from './subscriptions.js';

const ev = (name: string, headers: [string, string][] = [], subclass?: string): EslEvent => ({
  name,
  headers: [['Event-Name', name], ...headers],
  ...(subclass ? { subclass } : {}),
});

describe('event / nixevent / noevents (parse_command)', () => {
  it('adds names, switches format on the first word only and ignores unknown names', () => {
    const s = new Subscriptions();
    expect(s.subscribe(['json', 'CHANNEL_ANSWER', 'bogus'])).toBe('+OK event listener enabled json');
    expect(s.subscribe(['channel_hangup'])).toBe('+OK event listener enabled json');
    expect(s.wants(ev('CHANNEL_ANSWER'))).toBe(true);
    expect(s.wants(ev('CHANNEL_HANGUP'))).toBe(true);
    expect(s.wants(ev('HEARTBEAT'))).toBe(false);
    expect(s.subscribe(['plain'])).toBe('-ERR no keywords supplied');
    expect(s.format).toBe('plain');
    expect(s.subscribe(['xml', 'SWITCH_EVENT_HEARTBEAT'])).toBe('+OK event listener enabled xml');
    expect(s.wants(ev('HEARTBEAT'))).toBe(true);
  });

  it('matches CUSTOM subclasses only when named, ALL takes everything, nixevent expands ALL', () => {
    const s = new Subscriptions();
    s.subscribe(['plain', 'CUSTOM', 'sofia::register']);
    expect(s.wants(ev('CUSTOM', [], 'sofia::register'))).toBe(true);
    expect(s.wants(ev('CUSTOM', [], 'conference::maintenance'))).toBe(false);
    s.subscribe(['ALL']);
    expect(s.wants(ev('CUSTOM', [], 'conference::maintenance'))).toBe(true);
    expect(s.unsubscribe(['HEARTBEAT'])).toBe('+OK events nixed');
    expect(s.wants(ev('HEARTBEAT'))).toBe(false);
    expect(s.wants(ev('DTMF'))).toBe(true);
    expect(s.unsubscribe(['nope'])).toBe('-ERR no keywords supplied');
    expect(s.clear()).toBe('+OK no longer listening for events');
    expect(s.clear()).toBe('-ERR not listening for events');
    expect(s.wants(ev('DTMF'))).toBe(false);
  });
});

describe('filter', () => {
  const hb = ev('HEARTBEAT');
  const chan = ev('CHANNEL_ANSWER', [
    ['Unique-ID', 'abc'],
    ['Caller-Destination-Number', '9610'],
  ]);
  const other = ev('CHANNEL_ANSWER', [
    ['Unique-ID', 'xyz'],
    ['Caller-Destination-Number', '8000'],
  ]);

  it('uses the exact reply texts and drops events without the header', () => {
    const f = new Filters();
    expect(f.command('Unique-ID abc')).toBe('+OK filter added. [Unique-ID]=[abc]');
    expect(f.passes(chan)).toBe(true);
    expect(f.passes(other)).toBe(false);
    expect(f.passes(hb)).toBe(false);
    expect(f.command('delete Unique-ID abc')).toBe('+OK filter deleted. [Unique-ID][abc]');
    expect(f.passes(hb)).toBe(true);
    expect(f.command('Unique-ID')).toBe('-ERR invalid syntax');
  });

  it('ORs filters, matches case-insensitively and by /regex/, and lets an exclusion win', () => {
    const f = new Filters();
    f.command('unique-id ABC');
    f.command('Caller-Destination-Number /^80/');
    expect(f.passes(chan)).toBe(true);
    expect(f.passes(other)).toBe(true);
    f.command('Caller-Destination-Number -9610');
    expect(f.passes(chan)).toBe(false);
    expect(f.command('delete all')).toBe('+OK filter deleted. [all][]');
    expect(f.passes(hb)).toBe(true);
  });
});
