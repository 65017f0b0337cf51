/** Structural comparison of simulator output with a capture: event order per leg and header-name order. */
import { header, loadCapture, orderedJson, type Frame } from './frames.js';

export type Pairs = [string, string | string[]][];

export const eventName = (h: Pairs): string => String(h.find(([n]) => n === 'Event-Name')?.[1] ?? '');
export const uniqueId = (h: Pairs): string | undefined =>
  h.find(([n]) => n === 'Unique-ID')?.[1] as string | undefined;

export function captureEvents(name: string): Pairs[] {
  return loadCapture(name)
    .filter((f) => header(f, 'Content-Type') === 'text/event-json')
    .map((f) => orderedJson(f.body ?? ''));
}

export function sequenceOf(events: readonly Pairs[], uuid: string): string[] {
  return events.filter((e) => uniqueId(e) === uuid).map(eventName);
}

/** Header names without the variables, whose set depends on the SIP stack and the dialplan. */
export function headerNames(event: Pairs): string[] {
  return event.map(([n]) => n).filter((n) => !n.startsWith('variable_'));
}

/** For each event type on a leg, the first occurrence's header names: simulator vs capture. */
export function headerShapes(sim: readonly Pairs[], simUuid: string, cap: readonly Pairs[], capUuid: string) {
  const out: { event: string; sim: string[]; capture: string[] }[] = [];
  const seen = new Set<string>();
  for (const e of sim.filter((x) => uniqueId(x) === simUuid)) {
    const name = eventName(e);
    if (seen.has(name)) continue;
    seen.add(name);
    const c = cap.find((x) => uniqueId(x) === capUuid && eventName(x) === name);
    if (c) out.push({ event: name, sim: headerNames(e), capture: headerNames(c) });
  }
  return out;
}

/** Envelope rules every frame FreeSWITCH writes follows. */
export function envelopeProblems(frames: readonly Frame[]): string[] {
  const problems: string[] = [];
  frames.forEach((f, i) => {
    const names = f.headers.map(([n]) => n).join(',');
    const ct = header(f, 'Content-Type') ?? '';
    const len = header(f, 'Content-Length');
    if (ct.startsWith('text/event-') && names !== 'Content-Length,Content-Type')
      problems.push(`${i}: event envelope ${names}`);
    if (ct === 'api/response' && names !== 'Content-Type,Content-Length')
      problems.push(`${i}: api envelope ${names}`);
    if (ct === 'command/reply' && len !== undefined) problems.push(`${i}: command/reply with Content-Length`);
    if (len !== undefined && Buffer.byteLength(f.body ?? '') !== Number(len))
      problems.push(`${i}: Content-Length mismatch`);
  });
  return problems;
}
