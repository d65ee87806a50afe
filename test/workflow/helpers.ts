import { leaf } from '../rules/helpers.js';

export { leaf, rule, ruleSet } from '../rules/helpers.js';

/** `{ all: [leaf] }` */
export const when = (fact: string, path: string, operator: string, value: unknown) => ({ all: [leaf(fact, path, operator, value)] });

/** `date` moved by `days` (YYYY-MM-DD, UTC). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An element of a parsed XML document. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text, entities decoded. */
  readonly text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );

/** Characters XML 1.0 does not allow anywhere: most controls, lone surrogates, U+FFFE and U+FFFF. */
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(s: string, where: number): void {
  if (FORBIDDEN_CHARS.test(s)) throw new Error(`a character XML does not allow near ${where}`);
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '<') throw new Error(`unescaped < at ${where + i}`);
    if (s[i] === '&' && !ENTITY.test(s.slice(i))) throw new Error(`bad entity at ${where + i}`);
  }
}

/**
 * A strict parser for the XML subset an SVG string uses (elements, quoted attributes, text, entities, comments).
 * Throws on anything that is not well-formed: unclosed or mismatched tags, unquoted or duplicate attributes, a raw
 * `<` or a bad `&` in text or attributes, more than one root, text outside the root.
 */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const stack: { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }[] = [];
  let root: XmlElement | undefined;
  const ws = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  while (i < src.length) {
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new Error('unclosed comment');
      i = end + 3;
      continue;
    }
    if (src.startsWith('</', i)) {
      i += 2;
      const m = NAME.exec(src.slice(i));
      if (!m) throw new Error(`bad closing tag at ${i}`);
      i += m[0].length;
      ws();
      if (src[i] !== '>') throw new Error(`bad closing tag at ${i}`);
      i++;
      const top = stack.pop();
      if (!top || top.name !== m[0]) throw new Error(`mismatched </${m[0]}>`);
      const el: XmlElement = top;
      if (stack.length === 0) {
        if (root) throw new Error('more than one root');
        root = el;
      } else stack[stack.length - 1]!.children.push(el);
      continue;
    }
    if (src[i] === '<') {
      i++;
      const m = NAME.exec(src.slice(i));
      if (!m) throw new Error(`bad tag at ${i}`);
      i += m[0].length;
      const attrs: Record<string, string> = {};
      for (;;) {
        const before = i;
        ws();
        if (src[i] === '>' || src.startsWith('/>', i)) break;
        if (i === before) throw new Error(`expected whitespace before an attribute at ${i}`);
        const a = NAME.exec(src.slice(i));
        if (!a) throw new Error(`bad attribute at ${i}`);
        i += a[0].length;
        if (src[i] !== '=') throw new Error(`attribute without value at ${i}`);
        i++;
        const q = src[i];
        if (q !== '"' && q !== "'") throw new Error(`unquoted attribute at ${i}`);
        const end = src.indexOf(q, i + 1);
        if (end < 0) throw new Error('unterminated attribute');
        const raw = src.slice(i + 1, end);
        checkText(raw, i + 1);
        if (Object.hasOwn(attrs, a[0])) throw new Error(`duplicate attribute ${a[0]}`);
        attrs[a[0]] = decode(raw);
        i = end + 1;
      }
      const selfClosing = src.startsWith('/>', i);
      i += selfClosing ? 2 : 1;
      const node = { name: m[0], attrs, children: [] as XmlElement[], text: '' };
      if (stack.length === 0 && root) throw new Error('more than one root');
      if (selfClosing) {
        if (stack.length === 0) root = node;
        else stack[stack.length - 1]!.children.push(node);
      } else stack.push(node);
      continue;
    }
    const next = src.indexOf('<', i);
    const text = src.slice(i, next < 0 ? src.length : next);
    checkText(text, i);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error('text outside the root');
    } else stack[stack.length - 1]!.text += decode(text);
    i = next < 0 ? src.length : next;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element of the tree, depth first. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}
