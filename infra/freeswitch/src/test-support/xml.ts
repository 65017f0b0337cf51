/**
 * A small, strict XML 1.0 well-formedness parser for the configuration tests. FreeSWITCH's own parser
 * (ezxml) forgives a lot; this one does not, so a file that passes here parses there. Supported: one
 * root element, attributes in single or double quotes (unique per element), comments (no `--` inside),
 * CDATA, the XML declaration / processing instructions, the five predefined entities and character
 * references. No DTDs: FreeSWITCH configuration never uses them.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded). */
  readonly text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'XmlError';
  }
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface MutableElement {
  name: string;
  attributes: Record<string, string>;
  children: MutableElement[];
  text: string;
  line: number;
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;

  const lineAt = (at: number): number => source.slice(0, at).split('\n').length;
  const fail = (message: string, at = pos): never => {
    throw new XmlError(message, lineAt(at));
  };

  const decode = (raw: string, at: number): string => {
    if (raw.includes('<')) fail("'<' is not allowed here", at);
    return raw.replace(/&([^;\s&]*);?/g, (match, ref: string) => {
      if (!match.endsWith(';')) return fail(`unterminated entity '${match}'`, at);
      if (ref.startsWith('#x')) {
        const code = Number.parseInt(ref.slice(2), 16);
        if (!/^#x[0-9a-fA-F]+$/.test(ref) || code > 0x10ffff) fail(`bad character reference '${match}'`, at);
        return String.fromCodePoint(code);
      }
      if (ref.startsWith('#')) {
        if (!/^#[0-9]+$/.test(ref) || Number(ref.slice(1)) > 0x10ffff)
          fail(`bad character reference '${match}'`, at);
        return String.fromCodePoint(Number(ref.slice(1)));
      }
      const value = ENTITIES[ref];
      return value ?? fail(`unknown entity '${match}'`, at);
    });
  };

  const addText = (raw: string, at: number): void => {
    const text = decode(raw, at);
    const parent = stack[stack.length - 1];
    if (parent) parent.text += text;
    else if (text.trim() !== '') fail('text outside the root element', at);
  };

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    if (lt === -1) {
      addText(source.slice(pos), pos);
      break;
    }
    if (lt > pos) addText(source.slice(pos, lt), pos);
    pos = lt;

    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end === -1) fail('unterminated comment');
      const body = source.slice(pos + 4, end);
      if (body.includes('--') || body.endsWith('-')) fail("'--' inside a comment");
      pos = end + 3;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos);
      if (end === -1) fail('unterminated CDATA section');
      const parent = stack[stack.length - 1];
      if (!parent) fail('CDATA outside the root element');
      else parent.text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos);
      if (end === -1) fail('unterminated processing instruction');
      if (
        source.slice(pos + 2, pos + 5).toLowerCase() === 'xml' &&
        pos !== 0 &&
        /\s/.test(source[pos + 5] ?? '')
      )
        fail('the XML declaration must start the document');
      pos = end + 2;
    } else if (source.startsWith('<!', pos)) {
      fail('DOCTYPE and other declarations are not supported');
    } else if (source.startsWith('</', pos)) {
      const name = NAME.exec(source.slice(pos + 2))?.[0];
      if (!name) return fail('bad end tag');
      const open = stack.pop();
      if (!open) return fail(`end tag </${name}> without a start tag`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}> (line ${open.line})`);
      pos += 2 + name.length;
      const close = /^\s*>/.exec(source.slice(pos));
      if (!close) fail(`bad end tag </${name}>`);
      pos += close![0].length;
    } else {
      const start = pos;
      const name = NAME.exec(source.slice(pos + 1))?.[0];
      if (!name) return fail('bad start tag');
      pos += 1 + name.length;
      const element: MutableElement = { name, attributes: {}, children: [], text: '', line: lineAt(start) };
      for (;;) {
        const space = /^\s*/.exec(source.slice(pos))![0];
        pos += space.length;
        if (source.startsWith('/>', pos) || source.startsWith('>', pos)) break;
        if (space === '') fail(`missing space before an attribute of <${name}>`);
        const attr = NAME.exec(source.slice(pos))?.[0];
        if (!attr) return fail(`bad attribute in <${name}>`);
        pos += attr.length;
        const eq = /^\s*=\s*/.exec(source.slice(pos));
        if (!eq) fail(`attribute ${attr} of <${name}> has no value`);
        pos += eq![0].length;
        const quote = source[pos];
        if (quote !== '"' && quote !== "'") return fail(`attribute ${attr} of <${name}> is not quoted`);
        const end = source.indexOf(quote, pos + 1);
        if (end === -1) fail(`unterminated value of ${attr} in <${name}>`);
        if (Object.hasOwn(element.attributes, attr)) fail(`duplicate attribute ${attr} in <${name}>`);
        element.attributes[attr] = decode(source.slice(pos + 1, end), pos);
        pos = end + 1;
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail(`second root element <${name}>`);
      else root = element;
      if (source.startsWith('/>', pos)) {
        pos += 2;
      } else {
        pos += 1;
        stack.push(element);
      }
    }
  }
  const unclosed = stack.pop();
  if (unclosed) fail(`<${unclosed.name}> (line ${unclosed.line}) is never closed`);
  if (!root) return fail('no root element');
  return root;
}

/** Depth-first list of every element named `name` under (and including) `from`. */
export function findAll(from: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = from.name === name ? [from] : [];
  for (const child of from.children) found.push(...findAll(child, name));
  return found;
}

/** The direct children named `name`. */
export function childrenNamed(of: XmlElement, name: string): XmlElement[] {
  return of.children.filter((c) => c.name === name);
}

/** `<param name="…" value="…">` children of an element as a map (later duplicates are reported by the tests). */
export function params(of: XmlElement | undefined, tag = 'param'): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of of ? childrenNamed(of, tag) : [])
    out.set(p.attributes.name ?? '', p.attributes.value ?? '');
  return out;
}
