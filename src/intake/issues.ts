/**
 * Validation issues as a form shows them: where (path), what kind (code) and a plain message. Messages are written
 * here, not taken from zod, because they must never repeat what the client typed (an intake is health data): they
 * name what was expected, never what was received.
 */
import type * as z from 'zod/mini';

/** Why an answer was refused. `required`: no answer; `too_large`: the input is past the documented limits. */
export type IssueCode =
  | 'required'
  | 'invalid_type'
  | 'invalid_value'
  | 'invalid_format'
  | 'too_small'
  | 'too_big'
  | 'unrecognized_key'
  | 'too_large'
  | 'invalid'
  | 'custom';

/** One problem with one answer. */
export interface Issue {
  /** Where the problem is, as keys and indices: `['clots', 'legSigns']`. */
  readonly path: readonly (string | number)[];
  /** The same path as a dotted string, `clots.legSigns` (empty for the whole intake). */
  readonly pathString: string;
  readonly code: IssueCode;
  /** A message a client can read. It never contains the value that was sent. */
  readonly message: string;
}

/** `['bones', 'fractureRegions', 0]` → `bones.fractureRegions.0` */
export function pathToString(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Build an issue. */
export function issue(path: readonly (string | number)[], code: IssueCode, message: string): Issue {
  return { path, pathString: pathToString(path), code, message };
}

/** A key that looks like a field name: letters, digits, `_` and `-`, at most 40 characters. */
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$-]{0,39}$/;

/**
 * How an issue's path names a key the intake does not have. A key that looks like a field name (a misspelling, which
 * a form can mark) is named as sent; any other key (a sentence, a long text, dots or spaces) is named by its position
 * among its object's keys, `unknown-key-3`, so an issue never carries a client's words.
 */
export function unknownKeyInPath(key: PropertyKey, position: number): string {
  return isFieldName(key) ? key : `unknown-key-${position + 1}`;
}

/** True for a key that looks like a field name (letters, digits, `_`, `-`; at most 40 characters). */
export function isFieldName(key: unknown): key is string {
  return typeof key === 'string' && FIELD_NAME.test(key);
}

const own = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !own(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function describeOptions(values: readonly unknown[]): string {
  if (values.length > 8) return 'Choose one of the options offered.';
  return `Choose one of: ${values.map((v) => JSON.stringify(v)).join(', ')}.`;
}

type RawIssue = z.core.$ZodIssue;

function messageFor(raw: RawIssue): { code: IssueCode; message: string } {
  switch (raw.code) {
    case 'invalid_type':
      return { code: 'invalid_type', message: `Expected ${raw.expected === 'array' ? 'a list' : raw.expected === 'object' ? 'a group of answers' : `a ${raw.expected}`}.` };
    case 'invalid_value':
      return { code: 'invalid_value', message: describeOptions(raw.values) };
    case 'invalid_format':
      if (raw.format === 'date') return { code: 'invalid_format', message: 'Expected a calendar date as YYYY-MM-DD.' };
      if (raw.format === 'regex' && raw.message && !raw.message.startsWith('Invalid'))
        return { code: 'invalid_format', message: raw.message };
      return { code: 'invalid_format', message: `Expected the ${raw.format} format.` };
    case 'too_small':
      return {
        code: 'too_small',
        message:
          raw.origin === 'array' || raw.origin === 'string'
            ? `Expected at least ${String(raw.minimum)} ${raw.origin === 'array' ? 'items' : 'characters'}.`
            : `Expected ${raw.inclusive ? 'at least' : 'more than'} ${String(raw.minimum)}.`,
      };
    case 'too_big':
      return {
        code: 'too_big',
        message:
          raw.origin === 'array' || raw.origin === 'string'
            ? `Expected at most ${String(raw.maximum)} ${raw.origin === 'array' ? 'items' : 'characters'}.`
            : `Expected ${raw.inclusive ? 'at most' : 'less than'} ${String(raw.maximum)}.`,
      };
    case 'unrecognized_keys':
      return { code: 'unrecognized_key', message: 'This field is not part of the intake. Check its spelling.' };
    case 'custom':
      // Our own refinements carry fixed messages that never include the value.
      return { code: 'custom', message: raw.message };
    default:
      return { code: 'invalid', message: 'This answer is not valid.' };
  }
}

/**
 * Turn zod's issues into ours. `input` is the raw input, used only to tell a missing answer from a wrong one.
 * An unrecognised key becomes one issue per key, at the key's own path, so a form can mark the field.
 */
export function fromZodIssues(raw: readonly RawIssue[], input: unknown, prefix: readonly (string | number)[] = []): Issue[] {
  const out: Issue[] = [];
  for (const r of raw) {
    const path = [...prefix, ...r.path.map((p) => (typeof p === 'symbol' ? String(p.description) : p))];
    if (r.code === 'unrecognized_keys') {
      const at = valueAt(input, r.path);
      const keys = at !== null && typeof at === 'object' ? Object.keys(at) : [];
      for (const key of r.keys) out.push(issue([...path, unknownKeyInPath(key, keys.indexOf(key))], 'unrecognized_key', messageFor(r).message));
      continue;
    }
    if ((r.code === 'invalid_type' || r.code === 'invalid_value') && isBlank(valueAt(input, r.path))) {
      out.push(issue(path, 'required', r.code === 'invalid_type' && r.expected === 'object' ? 'This section needs answers.' : 'This question needs an answer.'));
      continue;
    }
    const { code, message } = messageFor(r);
    out.push(issue(path, code, message));
  }
  return out;
}
