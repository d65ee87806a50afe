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
  const stack: { v: unknown; depth: number }[] = [{ v: input, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (++nodes > limits.maxNodes) return issue([], 'too_large', `The ${what} has more than ${limits.maxNodes} values.`);
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength)
        return issue([], 'too_large', `The ${what} has a text longer than ${limits.maxStringLength} characters.`);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) return issue([], 'too_large', `The ${what} is nested deeper than ${limits.maxDepth} levels.`);
    // Keys are enumerated once: on an object with a huge number of keys, that enumeration is the whole cost.
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    if (keys?.some((k) => k.length > limits.maxStringLength))
      return issue([], 'too_large', `The ${what} has a field name longer than ${limits.maxStringLength} characters.`);
    // Every value waiting on the stack will be counted: refuse a huge list now rather than after walking it.
    if (nodes + stack.length + (keys ?? (v as unknown[])).length > limits.maxNodes)
      return issue([], 'too_large', `The ${what} has more than ${limits.maxNodes} values.`);
    const values: readonly unknown[] = keys ? keys.map((k) => (v as Record<string, unknown>)[k]) : (v as unknown[]);
    for (const c of values) stack.push({ v: c, depth: depth + 1 });
  }
  return undefined;
}
