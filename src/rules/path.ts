/**
 * The only way a rule reaches into a fact: a plain dot path over own properties. No JSONPath, so no filter or script
 * expressions can run, and no prototype access (`__proto__`, `constructor`, `prototype` are refused), so a rules
 * file cannot run code or probe the runtime. Installed as json-rules-engine's `pathResolver`.
 */

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a key that reaches into the prototype chain (`__proto__`, `constructor`, `prototype`). */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}

/** A JSON-style object (not null, not an array): what answers are grouped in and a dot path steps into. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Why a path is not a plain dot path, or undefined when it is one. */
export function pathProblem(path: string): string | undefined {
  if (path.startsWith('$')) return 'JSONPath expressions are not allowed; write a plain dot path such as "legSigns".';
  const parts = path.split('.');
  for (const p of parts) {
    if (FORBIDDEN.has(p)) return `The path segment "${p}" is not allowed.`;
    if (!SEGMENT.test(p)) return 'A path is names joined by dots, such as "legSigns"; brackets, filters and expressions are not allowed.';
  }
  return undefined;
}

const SPLIT_CACHE = new Map<string, readonly string[]>();
const MAX_CACHED_PATHS = 10_000;

/** `"a.b"` → `['a', 'b']`, remembered: rules read the same few paths on every screening. */
function segments(path: string): readonly string[] {
  let parts = SPLIT_CACHE.get(path);
  if (!parts) {
    parts = path.split('.');
    if (SPLIT_CACHE.size < MAX_CACHED_PATHS) SPLIT_CACHE.set(path, parts);
  }
  return parts;
}

/** Read `path` (dots between names) from `value`, own properties only. Anything else reads as undefined. */
export function resolvePath(value: unknown, path: string): unknown {
  let v: unknown = value;
  for (const key of segments(path)) {
    if (FORBIDDEN.has(key) || v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
