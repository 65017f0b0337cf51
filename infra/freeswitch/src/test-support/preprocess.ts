/**
 * An emulation of FreeSWITCH's XML preprocessor (`preprocess()` in src/switch_xml.c, 1.10/1.11), so the
 * tests can assemble the document FreeSWITCH would parse. It reproduces the behaviours that bite:
 * - files are read line by line and `$${name}` is expanded on every line, comments included
 *   (an unknown name becomes the empty string; reported here as `undefinedVariables`);
 * - a line containing `<include>`, `</include>` or `<?` is dropped whole;
 * - a line containing `X-PRE-PROCESS` is consumed whole (text around the instruction is lost), and the
 *   instruction runs even inside an XML comment;
 * - `include` globs relative to the including file's directory, in sorted order.
 * `set` and `include` are emulated; any other command is reported, since this configuration uses none.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export interface PreprocessResult {
  /** The text handed to the XML parser. */
  readonly text: string;
  readonly variables: ReadonlyMap<string, string>;
  readonly undefinedVariables: readonly { file: string; line: number; name: string }[];
  readonly errors: readonly string[];
  /** Every file read, in order. */
  readonly files: readonly string[];
}

const INSTRUCTION = /<X-PRE-PROCESS\s+cmd="([^"]*)"\s+data="([^"]*)"\s*\/>/i;

function globToRegExp(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** glob(3) for the simple patterns FreeSWITCH configurations use: wildcards in the last segment only. */
function expandGlob(pattern: string): string[] {
  const dir = dirname(pattern);
  const last = pattern.slice(dir.length + 1);
  if (!/[*?[]/.test(last)) {
    try {
      return statSync(pattern).isFile() ? [pattern] : [];
    } catch {
      return [];
    }
  }
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = globToRegExp(last);
  return names
    .filter((n) => !n.startsWith('.') && re.test(n))
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile());
}

export function preprocess(rootFile: string, initial: Readonly<Record<string, string>>): PreprocessResult {
  const variables = new Map(Object.entries(initial));
  const undefinedVariables: { file: string; line: number; name: string }[] = [];
  const errors: string[] = [];
  const files: string[] = [];
  let out = '';

  const expand = (text: string, file: string, line: number): string =>
    text.replace(/\$\$\{([^}]*)\}/g, (_m, name: string) => {
      const value = variables.get(name);
      if (value === undefined) undefinedVariables.push({ file, line, name });
      return value ?? '';
    });

  const run = (file: string, depth: number): void => {
    if (depth > 100) {
      errors.push(`${file}: include depth over 100`);
      return;
    }
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      errors.push(`Couldnt open ${file}`);
      return;
    }
    files.push(file);
    const cwd = dirname(file);
    const lines = source.split(/(?<=\n)/);
    lines.forEach((raw, index) => {
      const lineNo = index + 1;
      const line = expand(raw, file, lineNo);
      if (raw.includes('<include>') || raw.includes('</include>') || raw.includes('<?')) return;
      if (raw.includes('<!--#')) {
        errors.push(`${file}:${lineNo}: <!--# commands are not emulated`);
        return;
      }
      const at = line.toUpperCase().indexOf('X-PRE-PROCESS');
      if (at !== -1) {
        if (line[at - 1] !== '<') return; // FreeSWITCH drops the line silently
        const m = INSTRUCTION.exec(line);
        if (!m) {
          errors.push(`${file}:${lineNo}: unparsable preprocessor instruction`);
          return;
        }
        const [, cmd = '', data = ''] = m;
        switch (cmd.toLowerCase()) {
          case 'set': {
            const eq = data.indexOf('=');
            if (eq === -1) errors.push(`${file}:${lineNo}: set without '='`);
            else variables.set(data.slice(0, eq).trim(), data.slice(eq + 1).trim());
            break;
          }
          case 'include': {
            const pattern = isAbsolute(data) ? data : resolve(cwd, data);
            const matches = expandGlob(pattern);
            if (matches.length === 0)
              errors.push(`${file}:${lineNo}: include ${data} matched nothing (Couldnt open)`);
            for (const m2 of matches) run(m2, depth + 1);
            break;
          }
          default:
            errors.push(`${file}:${lineNo}: preprocessor command '${cmd}' is not emulated`);
        }
        return;
      }
      out += line;
    });
  };

  run(resolve(rootFile), 0);
  return { text: out, variables, undefinedVariables, errors, files };
}
