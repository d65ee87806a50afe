/**
 * From JSON paths to places in a file. `checkRuleSet` and the fixture schema report problems at JSON paths
 * (`rules[3].conditions.all[0].operator`); editors and CI want `line:column`. jsonc-parser keeps offsets for every
 * node, so a path maps to the node it names, or to the nearest node above it when the named key is missing.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Offsets → line:column for one text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

/** A JSON syntax error, where it is and what kind (never the text around it). */
export interface SyntaxProblem {
  readonly offset: number;
  readonly code: string;
  readonly message: string;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'Expected a property name in double quotes.',
  ValueExpected: 'Expected a value.',
  ColonExpected: 'Expected ":".',
  CommaExpected: 'Expected ",".',
  CloseBraceExpected: 'Expected "}".',
  CloseBracketExpected: 'Expected "]".',
  EndOfFileExpected: 'Expected the end of the file.',
  InvalidCommentToken: 'Comments are not allowed in JSON.',
  UnexpectedEndOfComment: 'Unexpected end of comment.',
  UnexpectedEndOfString: 'Unterminated string.',
  UnexpectedEndOfNumber: 'Unexpected end of number.',
  InvalidUnicode: 'Invalid unicode escape.',
  InvalidEscapeCharacter: 'Invalid escape character.',
  InvalidCharacter: 'Invalid character in a string.',
};

/**
 * Deepest nesting of arrays and objects this module reads. jsonc-parser and the walks here recurse once per level, so
 * a line of 6,000 `[` would overflow the stack; a text nested deeper is reported as one problem instead. Far above any
 * rules file or intake (an intake may nest 8 levels).
 */
export const MAX_JSON_DEPTH = 500;

/**
 * The offset of the first bracket that opens a level deeper than `max` (outside strings), or -1 when there is none.
 * One pass over the text, no recursion.
 */
export function tooDeepAt(text: string, max: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return -1;
}

/**
 * Parse strictly (no comments, no trailing commas): the tree, and every syntax error. Never throws: a text nested
 * deeper than `MAX_JSON_DEPTH` has no tree and one error where the nesting passes the limit.
 */
export function parseJsonTree(text: string): { tree: Node | undefined; errors: SyntaxProblem[] } {
  const deep = tooDeepAt(text);
  if (deep !== -1) return { tree: undefined, errors: [{ offset: deep, code: 'TooDeep', message: `Nested deeper than ${MAX_JSON_DEPTH} levels.` }] };
  const raw: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, raw, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // A stack that is smaller than expected (a worker thread's): still one problem, never an escaped error.
    return { tree: undefined, errors: [{ offset: 0, code: 'TooDeep', message: 'Nested too deeply to read.' }] };
  }
  const errors = raw.map((e) => {
    const code = printParseErrorCode(e.error);
    return { offset: e.offset, code, message: SYNTAX_MESSAGES[code] ?? 'Invalid JSON.' };
  });
  return { tree, errors };
}

/** The first syntax error of a text, or undefined when it is valid JSON. */
export function firstSyntaxError(text: string): SyntaxProblem | undefined {
  return parseJsonTree(text).errors[0];
}

/**
 * The offset to report for a JSON path: the property's key when the path names a property (where an editor puts the
 * cursor), the element for an array item, or the deepest existing ancestor when the path names something missing.
 * `unknownKey` points at an unrecognised key inside the object the path names.
 */
export function offsetOfPath(tree: Node, path: readonly (string | number)[], unknownKey?: string): number {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, [...path.slice(0, n)]);
    if (!node) continue;
    if (unknownKey !== undefined && n === path.length && node.type === 'object') {
      const prop = node.children?.find((p) => p.children?.[0]?.value === unknownKey);
      if (prop) return prop.offset;
    }
    return node.parent?.type === 'property' ? node.parent.offset : node.offset;
  }
  return tree.offset;
}

/** Keys that appear twice in one object: JSON.parse silently keeps the last, which hides a mistake. */
export function duplicateKeys(tree: Node): { offset: number; key: string; path: (string | number)[] }[] {
  const out: { offset: number; key: string; path: (string | number)[] }[] = [];
  const walk = (node: Node, path: (string | number)[]): void => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const keyNode = prop.children?.[0];
        const valueNode = prop.children?.[1];
        const key = typeof keyNode?.value === 'string' ? keyNode.value : '';
        if (seen.has(key)) out.push({ offset: prop.offset, key, path: [...path, key] });
        seen.add(key);
        if (valueNode) walk(valueNode, [...path, key]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((c, i) => walk(c, [...path, i]));
    }
  };
  walk(tree, []);
  return out;
}
