/**
 * Validation issues as a form shows them: where (path), what kind (code) and a plain message. Messages are written
 * here, not taken from zod's locales, because they must never repeat what the client typed (an intake is health
 * data): they name what was expected, never what was received. The intake schema carries them itself
 * ({@link intakeErrorMap}), so an app that composes `intakeSchema` gets the messages `parseIntake` gives.
 */
import type * as z from 'zod/mini';
import { closestMatch } from './spelling.js';

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

const listOptions = (values: readonly unknown[]) => `Choose one of: ${values.map((v) => JSON.stringify(v)).join(', ')}.`;

function describeOptions(values: readonly unknown[]): string {
  return values.length > 8 ? 'Choose one of the options offered.' : listOptions(values);
}

/** Longest value read for a suggestion: an id, not a text (edit distance costs its length times each option's). */
const MAX_SUGGESTED_LENGTH = 100;

/**
 * For an id an app wrote (a service's technique), not a client's answer: every option, after the nearest one to the
 * value sent when it looks like a typo of it.
 */
function suggestOptions(values: readonly unknown[], value: unknown): string {
  const ids = values.filter((v): v is string => typeof v === 'string');
  const near = typeof value === 'string' && value.length <= MAX_SUGGESTED_LENGTH ? closestMatch(value, ids) : undefined;
  return `${near === undefined ? '' : `Did you mean ${JSON.stringify(near)}? `}${listOptions(values)}`;
}

/** How {@link fromZodIssues} words an issue. */
export interface IssueWording {
  /**
   * For ids a developer wrote (services, a technique catalog), never for a client's answers: a wrong option lists
   * every allowed value and suggests the nearest one ("Did you mean \"deep-tissue\"?").
   */
  readonly suggest?: boolean;
}

/** A zod issue, as an error map sees it (before zod finalises it) or as `safeParse` returns it. */
type RawIssue = z.core.$ZodIssue | z.core.$ZodRawIssue;

const REQUIRED = 'This question needs an answer.';
const SECTION_REQUIRED = 'This section needs answers.';
const UNKNOWN_FIELD = 'This field is not part of the intake. Check its spelling.';

/**
 * Our code and message for one zod issue. `value` is the value that failed (after the field's form normalising), read
 * only to tell a missing answer (`required`) from a wrong one; it is never repeated in the message.
 */
function describeIssue(raw: RawIssue, value: unknown, wording: IssueWording = {}): { code: IssueCode; message: string } {
  if ((raw.code === 'invalid_type' || raw.code === 'invalid_value') && isBlank(value))
    return { code: 'required', message: raw.code === 'invalid_type' && raw.expected === 'object' ? SECTION_REQUIRED : REQUIRED };
  switch (raw.code) {
    case 'invalid_type':
      return { code: 'invalid_type', message: `Expected ${raw.expected === 'array' ? 'a list' : raw.expected === 'object' ? 'a group of answers' : `a ${raw.expected}`}.` };
    case 'invalid_value':
      return { code: 'invalid_value', message: wording.suggest ? suggestOptions(raw.values, value) : describeOptions(raw.values) };
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
      return { code: 'unrecognized_key', message: UNKNOWN_FIELD };
    case 'custom':
      // Our own refinements carry fixed messages that never include the value.
      return { code: 'custom', message: raw.message ?? 'This answer is not valid.' };
    default:
      return { code: 'invalid', message: 'This answer is not valid.' };
  }
}

/**
 * The zod error map of the intake's fields: each field of `intakeSchema` is built with it as its `error`, so the
 * schema's own `safeParse` (alone or composed, as `z.object({ intake: intakeSchema })`) gives the messages
 * `parseIntake` gives, whatever locale or error map the app configures for its own schemas. It reads the failing
 * value only to tell a missing answer from a wrong one, and never repeats it.
 */
export const intakeErrorMap: z.core.$ZodErrorMap = (raw) => describeIssue(raw, raw.input).message;

/**
 * Turn zod's issues into ours, with the messages of {@link intakeErrorMap}. `input` is the raw input, used only to
 * tell a missing answer from a wrong one. An unrecognised key becomes one issue per key, at the key's own path, so a
 * form can mark the field.
 */
export function fromZodIssues(
  raw: readonly z.core.$ZodIssue[],
  input: unknown,
  prefix: readonly (string | number)[] = [],
  wording: IssueWording = {},
): Issue[] {
  const out: Issue[] = [];
  for (const r of raw) {
    const path = [...prefix, ...r.path.map((p) => (typeof p === 'symbol' ? String(p.description) : p))];
    if (r.code === 'invalid_union' && r.errors.length > 0) {
      // No option fitted: the one that got furthest into the value (a list whose item is misspelt, not the string
      // option beside it) says what is wrong; the first on a tie.
      const depth = (issues: readonly z.core.$ZodIssue[]) => Math.max(...issues.map((i) => i.path.length));
      const closest = r.errors.reduce((best, e) => (depth(e) > depth(best) ? e : best));
      out.push(...fromZodIssues(closest, valueAt(input, r.path), path, wording));
      continue;
    }
    if (r.code === 'unrecognized_keys') {
      const at = valueAt(input, r.path);
      const keys = at !== null && typeof at === 'object' ? Object.keys(at) : [];
      for (const key of r.keys) out.push(issue([...path, unknownKeyInPath(key, keys.indexOf(key))], 'unrecognized_key', UNKNOWN_FIELD));
      continue;
    }
    // The failing value as zod saw it, when the parse kept it (`reportInput`), so a form value the field normalised
    // (one checkbox string for a list) is read as the error map read it; else the raw input at the issue's path.
    const { code, message } = describeIssue(r, 'input' in r ? r.input : valueAt(input, r.path), wording);
    out.push(issue(path, code, message));
  }
  return out;
}
