/** The shape of a control API route and small helpers the route tables share. */
import type { Simulator } from '../simulator.js';
import { Reader } from '../sim/validate.js';

export interface RouteInput {
  readonly params: readonly string[];
  readonly body: unknown;
}

export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
}

export interface Route {
  readonly method: string;
  readonly path: RegExp;
  handle(sim: Simulator, input: RouteInput): RouteResult | Promise<RouteResult>;
}

export const ok = (body: unknown, status = 200): RouteResult => ({ status, body });

export function bodyOf(input: RouteInput, code: string): { r: Reader; o: Record<string, unknown> } {
  const r = new Reader(code);
  const o = input.body === undefined ? {} : (r.object(input.body, '$') ?? {});
  return { r, o };
}
