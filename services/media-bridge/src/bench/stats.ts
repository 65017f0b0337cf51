/** Small helpers of the media bench. */
import { setTimeout as sleep } from 'node:timers/promises';

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export const round = (n: number): number => Math.round(n * 100) / 100;

/** Sleeps until `at` (performance.now() time), or not at all if it has passed. */
export async function sleepUntil(at: number, now: number): Promise<void> {
  if (at > now) await sleep(at - now);
}

/** The facts each bench call must end with, in order (see the workload in media.ts). */
export const EXPECTED_FACTS = [
  'CallArrived',
  'CallAnswered',
  'CallHeld',
  'CallResumed',
  'CallHeld',
  'CallResumed',
  'CallHungUp',
] as const;

/** Compares a stream's fact types with EXPECTED_FACTS: missing ones are lost, extra ones duplicated. */
export function factDiff(types: readonly string[]): { lost: number; duplicated: number } {
  const want = new Map<string, number>();
  for (const t of EXPECTED_FACTS) want.set(t, (want.get(t) ?? 0) + 1);
  const have = new Map<string, number>();
  for (const t of types) have.set(t, (have.get(t) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  for (const t of new Set([...want.keys(), ...have.keys()])) {
    const d = (have.get(t) ?? 0) - (want.get(t) ?? 0);
    if (d < 0) lost -= d;
    else duplicated += d;
  }
  return { lost, duplicated };
}
