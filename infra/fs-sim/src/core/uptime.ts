/** The "0 years, 0 days, 1 hour, 1 minute, ..." text of `status` and HEARTBEAT Up-Time (plural unless 1). */
export function formatUptime(micros: number): string {
  const us = Math.max(0, Math.floor(micros));
  const parts: [number, string][] = [
    [Math.floor(us / 31_536_000_000_000), 'year'],
    [Math.floor(us / 86_400_000_000) % 365, 'day'],
    [Math.floor(us / 3_600_000_000) % 24, 'hour'],
    [Math.floor(us / 60_000_000) % 60, 'minute'],
    [Math.floor(us / 1_000_000) % 60, 'second'],
    [Math.floor(us / 1000) % 1000, 'millisecond'],
    [us % 1000, 'microsecond'],
  ];
  return parts.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(', ');
}

/** "%Y-%m-%d %T": the simulator's local time zone is UTC. */
export function localDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** switch_rfc822_date, e.g. "Tue, 24 Nov 2026 03:41:36 GMT". */
export function rfc822Date(ms: number): string {
  return new Date(ms).toUTCString();
}

/** strftime "%a, %d %b %Y %T %z" as the dialplan's RFC2822_DATE export uses it. */
export function rfc2822Date(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}
