/**
 * Dial strings as bridge and originate take them: {global vars}, [per-leg vars], '|' for failover
 * (one after another) and ',' for ringing several at once. Endpoints: user/<ext>[@domain],
 * sofia/<profile>/<user>@<host>, null/<x>, error/<cause>, loopback/<ext>.
 */
export interface DialLeg {
  readonly target: string;
  readonly vars: ReadonlyMap<string, string>;
}

export interface DialString {
  readonly globals: ReadonlyMap<string, string>;
  /** Failover groups, tried in order; the legs of one group ring together. */
  readonly groups: readonly (readonly DialLeg[])[];
}

function parseVars(text: string, into: Map<string, string>): void {
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    into.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).replace(/^'(.*)'$/, '$1'));
  }
}

/** Splits on `sep` outside of {...} and [...] blocks. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '{' || c === '[') depth++;
    if (c === '}' || c === ']') depth = Math.max(0, depth - 1);
    if (c === sep && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out;
}

export function parseDialString(input: string): DialString {
  let text = input.trim();
  const globals = new Map<string, string>();
  while (text.startsWith('{')) {
    const end = text.indexOf('}');
    if (end < 0) break;
    parseVars(text.slice(1, end), globals);
    text = text.slice(end + 1).trim();
  }
  const groups = splitTop(text, '|').map((group) =>
    splitTop(group, ',')
      .map((leg) => leg.trim())
      .filter((leg) => leg !== '')
      .map((leg) => {
        const vars = new Map<string, string>();
        let target = leg;
        while (target.startsWith('[')) {
          const end = target.indexOf(']');
          if (end < 0) break;
          parseVars(target.slice(1, end), vars);
          target = target.slice(end + 1).trim();
        }
        return { target, vars };
      }),
  );
  return { globals, groups: groups.filter((g) => g.length > 0) };
}
