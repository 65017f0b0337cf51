/** switch_channel_set_timestamps: the *_stamp, *_epoch and duration variables of CHANNEL_HANGUP_COMPLETE. */
import type { Channel } from './channel.js';
import { causeCode } from './causes.js';
import { localDate } from '../core/uptime.js';

export function setCdrVariables(ch: Channel): void {
  const v = ch.vars;
  const t = ch.profile.times;
  const end = ch.core.clock.nowMicros();
  const cause = ch.hangupCause ?? 'NORMAL_CLEARING';
  v.set('hangup_cause', cause);
  v.set('hangup_cause_q850', String(causeCode(cause)));
  v.set('digits_dialed', ch.digitsDialed.length > 0 ? ch.digitsDialed.join('') : 'none');
  const stamp = (name: string, us: number): void => {
    if (us > 0) v.set(`${name}_stamp`, localDate(us / 1000));
  };
  stamp('start', t.created);
  stamp('profile_start', t.profileCreated);
  stamp('answer', t.answered);
  stamp('bridge', t.bridged);
  stamp('progress', t.progress);
  stamp('progress_media', t.progressMedia);
  stamp('end', end);
  const epochs: [string, number][] = [
    ['start', t.created],
    ['profile_start', t.profileCreated],
    ['answer', t.answered],
    ['bridge', t.bridged],
    ['last_hold', t.lastHold],
    ['resurrect', t.resurrect],
    ['progress', t.progress],
    ['progress_media', t.progressMedia],
    ['end', end],
  ];
  for (const [name, us] of epochs) {
    v.set(`${name}_epoch`, String(Math.floor(us / 1_000_000)));
    v.set(`${name}_uepoch`, String(us));
    if (name === 'last_hold') {
      v.set('hold_accum_seconds', String(Math.floor(t.holdAccum / 1_000_000)));
      v.set('hold_accum_usec', String(t.holdAccum));
      v.set('hold_accum_ms', String(Math.floor(t.holdAccum / 1000)));
    }
  }
  if (ch.lastApplication) {
    v.set('last_app', ch.lastApplication);
    v.set('last_arg', ch.lastApplicationData);
  }
  v.set('caller_id', `"${ch.profile.callerIdName}" <${ch.profile.callerIdNumber}>`);
  const since = (us: number, from = t.created): number => (us > 0 ? us - from : 0);
  const spans: [string, number][] = [
    ['duration', end - t.created],
    ['billsec', since(end, t.answered || end)],
    ['progresssec', since(t.progress)],
    ['answersec', since(t.answered)],
    ['waitsec', since(t.bridged)],
    ['progress_mediasec', since(t.progressMedia)],
    ['flow_billsec', end - t.created],
  ];
  const secs = (a: number, b: number): number => Math.floor(a / 1_000_000) - Math.floor(b / 1_000_000);
  v.set('duration', String(secs(end, t.created)));
  v.set('billsec', String(t.answered > 0 ? secs(end, t.answered) : 0));
  v.set('progresssec', String(t.progress > 0 ? secs(t.progress, t.created) : 0));
  v.set('answersec', String(t.answered > 0 ? secs(t.answered, t.created) : 0));
  v.set('waitsec', String(t.bridged > 0 ? secs(t.bridged, t.created) : 0));
  v.set('progress_mediasec', String(t.progressMedia > 0 ? secs(t.progressMedia, t.created) : 0));
  v.set('flow_billsec', String(secs(end, t.created)));
  for (const [name, us] of spans) {
    const base = name.replace(/sec$/, '');
    const ms = name === 'duration' ? 'mduration' : `${base}msec`;
    const usName = name === 'duration' ? 'uduration' : `${base}usec`;
    v.set(ms, String(Math.floor(us / 1000)));
    v.set(usName, String(us));
  }
}
