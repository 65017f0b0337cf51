import { ValidationError } from './errors.js';

/**
 * A global position is a pair, as in EventStoreDB (commit, prepare). The PostgreSQL adapter stores
 * (writer transaction id, insert sequence): readers order by the pair and checkpoints must keep the
 * pair — resuming from the sequence alone skips events of transactions that committed late.
 */
export interface GlobalPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START: GlobalPosition = Object.freeze({ commit: -1n, prepare: -1n });

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Text form for checkpoints, headers and JSON: `commit/prepare`. */
export function positionToString(p: GlobalPosition): string {
  return `${p.commit}/${p.prepare}`;
}

const positionRe = /^(-1|\d{1,20})\/(-1|\d{1,20})$/;

export function parsePosition(text: string): GlobalPosition {
  const m = positionRe.exec(text);
  if (!m?.[1] || !m[2]) {
    throw new ValidationError('POSITION_INVALID', `not a global position: ${JSON.stringify(text)}`);
  }
  return { commit: BigInt(m[1]), prepare: BigInt(m[2]) };
}
