/** Splits a stream of chunks into whole lines; the last partial line waits for its end. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines.map((line) => line.replace(/\r$/, ''));
  }

  flush(): string[] {
    const last = this.rest;
    this.rest = '';
    return last === '' ? [] : [last];
  }
}

const SKIP = new Set(['level', 'time', 'service', 'pid', 'msg', 'hostname']);

/**
 * Makes a service's JSON log line readable in a terminal: `12:00:01 INFO message key=value…`.
 * Lines that are not pino JSON pass through unchanged.
 */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = typeof entry.level === 'string' ? entry.level.toUpperCase() : JSON.stringify(entry.level);
  const fields = Object.entries(entry)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [time, level.padEnd(5), typeof entry.msg === 'string' ? entry.msg : '', ...fields]
    .filter((p) => p !== '')
    .join(' ');
}

const COLORS = [36, 35, 33, 32, 34];

export function prefixFor(name: string, index: number, width: number, color: boolean): string {
  const label = `[${name}]`.padEnd(width + 2);
  return color ? `\u001b[${COLORS[index % COLORS.length] ?? 36}m${label}\u001b[0m ` : `${label} `;
}
