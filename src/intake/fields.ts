/**
 * Field builders for the intake schema. HTML forms send strings ("yes", "on", "12", "" for blank), so each builder
 * normalises what a form sends before zod checks it; the normalised value is what the rest of the library sees.
 * Option labels are kept in a registry of our own so that the JSON Schema can show "Not sure" while the data says
 * `unsure`.
 *
 * zod/mini (functions, not methods) keeps a browser bundle small: only the checks we call are bundled.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { intakeErrorMap } from './issues.js';
import { BODY_REGIONS, BODY_REGION_LABELS, TRI_STATE, TRI_STATE_LABELS } from './vocabulary.js';

/** Labels for the options of an enum schema, read when the JSON Schema is generated. */
export const optionLabels = z.registry<{ labels: Readonly<Record<string, string>> }>();

/** Longest free-text answer we accept, in characters. */
export const MAX_TEXT = 2000;
/** Most items in one multi-select answer. */
export const MAX_LIST = 64;

const blankToUndefined = (v: unknown): unknown =>
  typeof v === 'string' && v.trim() === '' ? undefined : v === null ? undefined : v;

const TRI_WORDS: Record<string, (typeof TRI_STATE)[number]> = {
  yes: 'yes',
  y: 'yes',
  true: 'yes',
  on: 'yes',
  '1': 'yes',
  no: 'no',
  n: 'no',
  false: 'no',
  off: 'no',
  '0': 'no',
  unsure: 'unsure',
  'not sure': 'unsure',
  "don't know": 'unsure',
  'dont know': 'unsure',
  unknown: 'unsure',
};

function toTri(v: unknown): unknown {
  if (v === true) return 'yes';
  if (v === false) return 'no';
  if (typeof v === 'string') return TRI_WORDS[v.trim().toLowerCase()] ?? v;
  return blankToUndefined(v);
}

const BOOL_WORDS: Record<string, boolean> = { yes: true, true: true, on: true, '1': true, no: false, false: false, off: false, '0': false };
function toBool(v: unknown): unknown {
  if (typeof v === 'string') return BOOL_WORDS[v.trim().toLowerCase()] ?? blankToUndefined(v);
  return blankToUndefined(v);
}

function toNumber(v: unknown): unknown {
  const b = blankToUndefined(v);
  if (typeof b === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(b)) return Number(b);
  return b;
}

/** A single checked checkbox arrives as a string; a multi-select wants a list. */
function toList(v: unknown): unknown {
  const b = blankToUndefined(v);
  if (b === undefined) return undefined;
  return typeof b === 'string' ? [b] : b;
}

type Meta = { title: string; description?: string };

/**
 * A copy of `schema` with a title and description (read by the JSON Schema export and the fact catalog). A copy, as
 * zod classic's `.meta()` makes one, so that a schema shared by several fields keeps each field's own description.
 */
export function meta<T extends z.ZodMiniType>(schema: T, m: Meta | { description: string }): T {
  const copy = z.clone(schema);
  z.globalRegistry.add(copy, m);
  return copy;
}

let english: z.core.ParseContext<z.core.$ZodIssue> | undefined;
/**
 * Parse options that give zod's own English messages. zod/mini loads no locale (its messages would all read
 * "Invalid input"), and setting one globally would change the messages of the app's own schemas too.
 */
export function englishMessages(): z.core.ParseContext<z.core.$ZodIssue> {
  return (english ??= { error: en().localeError });
}

/**
 * The `error` of every intake field: the messages `parseIntake` gives, carried by the schema itself, so that
 * `intakeSchema.safeParse` (or a schema that composes it) says them too, not zod/mini's bare "Invalid input".
 */
export const INTAKE_MESSAGES = { error: intakeErrorMap } as const;

const atLeast = (min: number) => (min > 0 ? [z.minLength(min)] : []);
/** A string of `min` to `max` characters. */
export const stringOf = (min: number, max: number) => z.string().check(...atLeast(min), z.maxLength(max));
/** Text of 1 to `max` characters once trimmed. */
export const trimmedText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A whole number from `min` to `max`. */
export const intBetween = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
/** A list of at most `max` (and at least `min`) items. */
export const upTo = <T extends z.ZodMiniType>(max: number, item: T, min = 0) => z.array(item).check(...atLeast(min), z.maxLength(max));

/** Normalise a form value with `fn`, then check it with `schema` (what zod classic calls `preprocess`). */
export function preprocess<T extends z.ZodMiniType>(fn: (v: unknown) => unknown, schema: T) {
  return z.pipe(z.transform(fn), schema);
}

/** `schema`, or nothing: the outer optional lets the key be absent, the inner one lets a blank become no answer. */
function maybe<T extends z.ZodMiniType>(fn: (v: unknown) => unknown, schema: T, m: Meta) {
  return meta(z.optional(preprocess(fn, z.optional(schema))), m);
}

/** An enum with labelled options. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>) {
  const e = z.enum(values, INTAKE_MESSAGES);
  optionLabels.add(e, { labels });
  return e;
}

/**
 * The safety questions and the one answer of each that needs no screening ("no", "none"). Every other answer of a
 * safety question is a risk some enabled rule must read, or the screening says it was not screened
 * (`unscreened-answer`): the screener reads this registry, so a new safety question is covered as soon as it exists.
 */
export const safeAnswers = z.registry<{ safe: string }>();

/**
 * A required yes / no / unsure question. A safety question by default ("no" is its safe answer); `'paperwork'` for
 * a required question that asks about paperwork, not risk (a diagnosis, a prescription).
 */
export function tri(m: Meta, kind: 'safety' | 'paperwork' = 'safety') {
  const s = meta(preprocess(toTri, choice(TRI_STATE, TRI_STATE_LABELS)), m);
  if (kind === 'safety') safeAnswers.add(s, { safe: 'no' });
  return s;
}

/** An optional yes / no / unsure follow-up. */
export function optionalTri(m: Meta) {
  return maybe(toTri, choice(TRI_STATE, TRI_STATE_LABELS), m);
}

/** A required choice from a labelled vocabulary; a safety question when one of its options is "none" (the safe one). */
export function required<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>, m: Meta) {
  const s = meta(preprocess(blankToUndefined, choice(values, labels)), m);
  if ((values as readonly string[]).includes('none')) safeAnswers.add(s, { safe: 'none' });
  return s;
}

/** An optional choice from a labelled vocabulary. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(
  values: T,
  labels: Record<T[number], string>,
  m: Meta,
) {
  return maybe(blankToUndefined, choice(values, labels), m);
}

/** A list of choices from a labelled vocabulary, each at most once. */
export function list<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>, m: Meta) {
  const items = z
    .array(choice(values, labels), INTAKE_MESSAGES)
    .check(
      z.maxLength(MAX_LIST),
      z.refine((a) => new Set(a).size === a.length, { message: 'Each option may be chosen once.' }),
    );
  return maybe(toList, items, m);
}

/** A list of body regions (left and right kept apart). */
export function regions(m: Meta) {
  return list(BODY_REGIONS, BODY_REGION_LABELS, m);
}

/** An optional calendar date, `YYYY-MM-DD`. */
export function optionalDate(m: Meta) {
  return maybe(blankToUndefined, z.iso.date(INTAKE_MESSAGES), m);
}

/** A required calendar date, `YYYY-MM-DD`. */
export function requiredDate(m: Meta) {
  return meta(preprocess(blankToUndefined, z.iso.date(INTAKE_MESSAGES)), m);
}

/** Optional free text, trimmed; blank is no answer. */
export function text(m: Meta) {
  return maybe(blankToUndefined, z.string(INTAKE_MESSAGES).check(z.trim(), z.maxLength(MAX_TEXT)), m);
}

/** An optional whole number in a range; form strings such as "12" are read as numbers. */
export function integer(min: number, max: number, m: Meta) {
  return maybe(toNumber, z.number(INTAKE_MESSAGES).check(z.int(), z.minimum(min), z.maximum(max)), m);
}

/** An optional number in a range. */
export function decimal(min: number, max: number, m: Meta) {
  return maybe(toNumber, z.number(INTAKE_MESSAGES).check(z.minimum(min), z.maximum(max)), m);
}

/** A required yes/no checkbox; "on", "yes", "true" read as true. */
export function checkbox(m: Meta) {
  return meta(preprocess(toBool, z.boolean(INTAKE_MESSAGES)), m);
}

/** An optional yes/no checkbox. */
export function optionalCheckbox(m: Meta) {
  return maybe(toBool, z.boolean(INTAKE_MESSAGES), m);
}
