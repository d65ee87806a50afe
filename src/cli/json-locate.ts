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

/** Parse strictly (no comments, no trailing commas): the tree, and every syntax error. */
export function parseJsonTree(text: string): { tree: Node | undefined; errors: SyntaxProblem[] } {
  const raw: ParseError[] = [];
  const tree = parseTree(text, raw, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
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
