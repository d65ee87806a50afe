/**
 * Field builders for the intake schema. HTML forms send strings ("yes", "on", "12", "" for blank), so each builder
 * normalises what a form sends before zod checks it; the normalised value is what the rest of the library sees.
 * Option labels are kept in a registry of our own so that the JSON Schema can show "Not sure" while the data says
 * `unsure`.
 */
import * as z from 'zod';
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

/** An enum with labelled options. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>) {
  const e = z.enum(values);
  optionLabels.add(e, { labels });
  return e;
}

/** A required yes / no / unsure safety question. */
export function tri(meta: Meta) {
  return z.preprocess(toTri, choice(TRI_STATE, TRI_STATE_LABELS)).meta(meta);
}

/** An optional yes / no / unsure follow-up. */
export function optionalTri(meta: Meta) {
  return z.preprocess(toTri, choice(TRI_STATE, TRI_STATE_LABELS).optional()).optional().meta(meta);
}

/** A required choice from a labelled vocabulary. */
export function required<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>, meta: Meta) {
  return z.preprocess(blankToUndefined, choice(values, labels)).meta(meta);
}

/** An optional choice from a labelled vocabulary. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(
  values: T,
  labels: Record<T[number], string>,
  meta: Meta,
) {
  return z.preprocess(blankToUndefined, choice(values, labels).optional()).optional().meta(meta);
}

/** A list of choices from a labelled vocabulary, each at most once. */
export function list<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>, meta: Meta) {
  return z
    .preprocess(
      toList,
      z
        .array(choice(values, labels))
        .max(MAX_LIST)
        .refine((a) => new Set(a).size === a.length, { message: 'Each option may be chosen once.' })
        .optional(),
    )
    .optional()
    .meta(meta);
}

/** A list of body regions (left and right kept apart). */
export function regions(meta: Meta) {
  return list(BODY_REGIONS, BODY_REGION_LABELS, meta);
}

/** An optional calendar date, `YYYY-MM-DD`. */
export function optionalDate(meta: Meta) {
  return z.preprocess(blankToUndefined, z.iso.date().optional()).optional().meta(meta);
}

/** A required calendar date, `YYYY-MM-DD`. */
export function requiredDate(meta: Meta) {
  return z.preprocess(blankToUndefined, z.iso.date()).meta(meta);
}

/** Optional free text, trimmed; blank is no answer. */
export function text(meta: Meta) {
  return z.preprocess(blankToUndefined, z.string().trim().max(MAX_TEXT).optional()).optional().meta(meta);
}

/** An optional whole number in a range; form strings such as "12" are read as numbers. */
export function integer(min: number, max: number, meta: Meta) {
  return z.preprocess(toNumber, z.number().int().min(min).max(max).optional()).optional().meta(meta);
}

/** An optional number in a range. */
export function decimal(min: number, max: number, meta: Meta) {
  return z.preprocess(toNumber, z.number().min(min).max(max).optional()).optional().meta(meta);
}

/** A required yes/no checkbox; "on", "yes", "true" read as true. */
export function checkbox(meta: Meta) {
  return z.preprocess(toBool, z.boolean()).meta(meta);
}

/** An optional yes/no checkbox. */
export function optionalCheckbox(meta: Meta) {
  return z.preprocess(toBool, z.boolean().optional()).optional().meta(meta);
}
