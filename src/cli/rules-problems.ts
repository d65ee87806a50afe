/** Problems in a JSON file, placed at their line:column, printed the way compilers print them (editors and CI parse it). */
import type { RuleSetProblem } from 'massage-triage';
import { duplicateKeys, LineIndex, offsetOfPath, parseJsonTree } from './json-locate.js';

/** A problem at its place in a file. */
export interface LocatedProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The JSON path, `rules[3].conditions.all[0].operator` (empty for syntax errors). */
  readonly path: string;
  readonly code: string;
}

/** A problem with a JSON path, as the rule checker and the fixture schema report them. */
export interface PathProblem {
  readonly path: readonly (string | number)[];
  readonly pathString: string;
  readonly code: string;
  readonly message: string;
}

/** zod names an unrecognised key in its message; point at that key rather than at the object around it. */
function unknownKeyOf(p: PathProblem): string | undefined {
  return /^Unknown keys?: "([^"]+)"/.exec(p.message)?.[1] ?? /^Unrecognized keys?: "([^"]+)"/.exec(p.message)?.[1];
}

/** Syntax errors of a text, each at its line:column; empty when the text is valid JSON. */
export function locateSyntaxErrors(text: string): LocatedProblem[] {
  const { errors } = parseJsonTree(text);
  const index = new LineIndex(text);
  return errors.map((e) => ({ ...index.position(e.offset), message: e.message, path: '', code: 'json_syntax' }));
}

/** Place each problem of a syntactically valid text; duplicate keys (which JSON.parse hides) are added as problems. */
export function locatePathProblems(text: string, problems: readonly PathProblem[], withDuplicateKeys = false): LocatedProblem[] {
  const { tree } = parseJsonTree(text);
  const index = new LineIndex(text);
  const out: LocatedProblem[] = problems.map((p) => {
    const offset = tree ? offsetOfPath(tree, p.path, unknownKeyOf(p)) : 0;
    return { ...index.position(offset), message: p.message, path: p.pathString, code: p.code };
  });
  if (withDuplicateKeys && tree)
    for (const d of duplicateKeys(tree))
      out.push({
        ...index.position(d.offset),
        message: `The key "${d.key}" appears twice in this object; JSON keeps only the last one.`,
        path: d.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join(''),
        code: 'duplicate_key',
      });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

export function locateRuleSetProblems(text: string, problems: readonly RuleSetProblem[]): LocatedProblem[] {
  return locatePathProblems(text, problems);
}

/** `FILE:LINE:COL: error: message (path) [code]`, one line each. */
export function formatProblems(file: string, problems: readonly LocatedProblem[]): string[] {
  return problems.map((p) => `${file}:${p.line}:${p.column}: error: ${p.message}${p.path ? ` (${p.path})` : ''} [${p.code}]`);
}
