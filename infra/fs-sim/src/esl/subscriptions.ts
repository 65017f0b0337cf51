/**
 * One listener's event subscription, parsed exactly as parse_command() parses `event`, `nixevent` and
 * `noevents`: words add to the set (never replace it), the first word may switch the format, CUSTOM makes
 * every later word a subclass name, unknown names are ignored and no valid name at all is an error.
 */
import { getHeader, type EslEvent } from './event.js';
import { EVENT_NAMES, nameEvent } from './event-names.js';
import type { EventFormat } from './serialize.js';

export class Subscriptions {
  format: EventFormat = 'plain';
  /** LFLAG_EVENTS: set by the first successful `event`, cleared by `noevents`. */
  enabled = false;
  private readonly names = new Set<string>();
  private readonly subclasses = new Set<string>();

  /** `event [plain|json|xml] NAMES... [CUSTOM sub...]`: returns the reply text. */
  subscribe(args: readonly string[]): string {
    let keys = 0;
    let custom = false;
    args.forEach((word, index) => {
      if (index === 0) {
        const lower = word.toLowerCase();
        if (lower === 'plain' || lower === 'json' || lower === 'xml') {
          this.format = lower;
          return;
        }
      }
      if (custom) {
        this.subclasses.add(word);
        return;
      }
      const name = nameEvent(word);
      if (!name) return;
      keys++;
      if (name === 'ALL') for (const n of EVENT_NAMES) this.names.add(n);
      this.names.add(name);
      if (name === 'CUSTOM') custom = true;
    });
    if (keys === 0) return '-ERR no keywords supplied';
    this.enabled = true;
    return `+OK event listener enabled ${this.format}`;
  }

  /** `nixevent NAMES... [CUSTOM sub...]`. */
  unsubscribe(args: readonly string[]): string {
    let keys = 0;
    let custom = false;
    for (const word of args) {
      if (custom) {
        this.subclasses.delete(word);
        continue;
      }
      const name = nameEvent(word);
      if (!name) continue;
      keys++;
      if (name === 'CUSTOM') {
        custom = true;
      } else if (name === 'ALL') {
        this.names.clear();
      } else {
        // Nixing one name out of ALL expands ALL into the individual names first.
        this.names.delete('ALL');
        this.names.delete(name);
      }
    }
    if (keys === 0) return '-ERR no keywords supplied';
    this.enabled = true;
    return '+OK events nixed';
  }

  /** `noevents`. */
  clear(): string {
    if (!this.enabled) return '-ERR not listening for events';
    this.enabled = false;
    this.names.clear();
    this.subclasses.clear();
    return '+OK no longer listening for events';
  }

  /** Adds the fixed event list `myevents` subscribes to. */
  enableMyEvents(): void {
    for (const n of MYEVENTS) this.names.add(n);
    this.enabled = true;
  }

  wants(event: EslEvent): boolean {
    if (!this.enabled) return false;
    if (this.names.has('ALL')) return true;
    if (!this.names.has(event.name)) return false;
    if (event.name !== 'CUSTOM') return true;
    const subclass = event.subclass ?? getHeader(event, 'Event-Subclass');
    return subclass === undefined || this.subclasses.has(subclass);
  }
}

const MYEVENTS = [
  'CHANNEL_ANSWER',
  'CHANNEL_APPLICATION',
  'CHANNEL_BRIDGE',
  'CHANNEL_CREATE',
  'CHANNEL_DATA',
  'CHANNEL_DESTROY',
  'CHANNEL_EXECUTE',
  'CHANNEL_EXECUTE_COMPLETE',
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_ORIGINATE',
  'CHANNEL_UUID',
  'CHANNEL_OUTGOING',
  'CHANNEL_PARK',
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_STATE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_UNPARK',
  'DETECTED_SPEECH',
  'DTMF',
  'NOTALK',
  'TALK',
];
