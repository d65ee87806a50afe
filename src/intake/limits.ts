/**
 * Size and depth limits checked before any validation, so that hostile input (a 100,000-level nested array, a
 * million keys) is refused in bounded time and memory instead of exhausting the stack or the CPU.
 * The walk is iterative: no input can overflow the call stack here.
 */
import { issue, type Issue } from './issues.js';

/** The limits on one input document. Documented in SECURITY.md. */
export interface InputLimits {
  /** Deepest nesting of objects and arrays. */
  readonly maxDepth: number;
  /** Most values (objects, arrays, strings, numbers, …) in the document. */
  readonly maxNodes: number;
  /** Longest string, in characters. */
  readonly maxStringLength: number;
}

/** Limits for an intake: far above any real form, far below what could hurt. */
export const INTAKE_LIMITS: InputLimits = { maxDepth: 8, maxNodes: 5_000, maxStringLength: 10_000 };

/**
 * Check `input` against `limits`. Returns an issue (with no value in its text) for the first limit passed, or
 * undefined when the input is within every limit.
 */
export function checkLimits(input: unknown, limits: InputLimits, what: string): Issue | undefined {
  // Two parallel stacks rather than one of {value, depth} pairs: this runs on every intake, and a pair per value
  // would be most of what it allocates.
  const values: unknown[] = [input];
  const depths: number[] = [0];
  let nodes = 0;
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (++nodes > limits.maxNodes) return issue([], 'too_large', `The ${what} has more than ${limits.maxNodes} values.`);
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength)
        return issue(pathTo(input, v), 'too_large', `This text is longer than ${limits.maxStringLength} characters.`);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) return issue([], 'too_large', `The ${what} is nested deeper than ${limits.maxDepth} levels.`);
    if (Array.isArray(v)) {
      // Every value waiting on the stack will be counted: refuse a huge list now rather than after walking it.
      if (nodes + values.length + v.length > limits.maxNodes) return issue([], 'too_large', `The ${what} has more than ${limits.maxNodes} values.`);
      for (const c of v as unknown[]) {
        values.push(c);
        depths.push(depth + 1);
      }
      continue;
    }
    // Keys are enumerated once: on an object with a huge number of keys, that enumeration is the whole cost.
    const keys = Object.keys(v);
    if (nodes + values.length + keys.length > limits.maxNodes) return issue([], 'too_large', `The ${what} has more than ${limits.maxNodes} values.`);
    for (const k of keys) {
      if (k.length > limits.maxStringLength) return issue(pathTo(input, v), 'too_large', `This object has a field name longer than ${limits.maxStringLength} characters.`);
      values.push((v as Record<string, unknown>)[k]);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

/** A key kept in a path: a field name as the schemas spell them. Anything else may be a client's words. */
const NAMED = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Where `target` first is in `input`, walking in the order `checkLimits` does (so it meets it no later, and the walk
 * stays within the limits already checked). The path ends above the first key that is not a plain field name, so a
 * client's text never becomes part of it; indices are kept. Iterative, like `checkLimits`.
 */
function pathTo(input: unknown, target: unknown): (string | number)[] {
  const values: unknown[] = [input];
  const paths: (string | number)[][] = [[]];
  // Whether the path may still grow: false below a key that is not a field name.
  const open: boolean[] = [true];
  while (values.length > 0) {
    const v = values.pop();
    const path = paths.pop()!;
    const growing = open.pop()!;
    if (v === target) return path;
    if (v === null || typeof v !== 'object') continue;
    const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (const k of keys) {
      values.push((v as Record<string | number, unknown>)[k]);
      const named = growing && (typeof k === 'number' || NAMED.test(k));
      paths.push(named ? [...path, k] : path);
      open.push(named);
    }
  }
  return [];
}
