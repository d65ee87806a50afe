/**
 * Hostile and broken input: parseIntake, screen and checkRuleSet / loadRuleSet answer with a typed result (never an
 * exception), refuse what is past the documented limits, and never touch Object.prototype.
 * Run counts: 400 per arbitrary-JSON property, 300 per anything/mutation property, 150 for screen.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  DISPOSITIONS,
  INTAKE_LIMITS,
  RULE_SET_LIMITS,
  RuleSetError,
  checkRuleSet,
  defaultRuleSet,
  loadRuleSet,
  parseIntake,
  screen,
  withAnswers,
} from 'massage-triage';
import { AT, QUESTIONS } from './arbitraries.js';
import { expectSoundParse } from '../intake/sound-result.js';

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** Object.prototype and Array.prototype as they were: a polluting input would add or change a property. */
function protoSnapshot(): string {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return `${names(Object.prototype)}|${names(Array.prototype)}|${names(Function.prototype)}`;
}
let before = '';
beforeEach(() => {
  before = protoSnapshot();
});
afterEach(() => {
  expect(protoSnapshot()).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).all).toBeUndefined();
});

const keyArb = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 }));
const anythingArb = fc.anything({
  key: keyArb,
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
});
/** JSON that JSON.parse made, so "__proto__" is an own key as it is in a real request body. */
const parsedJsonArb = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...PROTO_KEYS))
  .map(([v, k]) => JSON.parse(JSON.stringify({ [k === '__proto__' ? 'x' : k]: v }).replace(/^\{"x"/, '{"__proto__"')) as unknown);

/** A value of the wrong type, or an impossible one, for any field. */
const wrongValueArb = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, '2026-02-30', '2025-02-29', '9999-12-31', '0000-00-00', '2026-13-01', '', ' ', null, true, [], {}, [[]], 'yes', 'unsure', '12', 'on'),
  fc.jsonValue({ maxDepth: 2 }),
  anythingArb,
);

/** The baseline with one field (any question, group, or the root) replaced by a wrong value. */
const mutatedIntakeArb = fc
  .tuple(fc.nat(), wrongValueArb, fc.constantFrom('question', 'group', 'extra'))
  .map(([n, v, where]) => {
    const q = QUESTIONS[n % QUESTIONS.length]!;
    if (where === 'question') return withAnswers(BASELINE_INTAKE, { [`${q.fact}.${q.path}`]: v });
    const out = structuredClone(BASELINE_INTAKE) as Record<string, unknown>;
    if (where === 'group') out[q.fact] = v;
    else Object.defineProperty(out, PROTO_KEYS[n % PROTO_KEYS.length]!, { value: v, enumerable: true, configurable: true, writable: true });
    return out;
  });

/** Nested `depth` levels deep without recursion (arrays, or objects under a key). */
function deep(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}
const MB = 'x'.repeat(1_048_576);

const EXTREMES: readonly [string, unknown][] = [
  ['10,000-deep array', deep(10_000, 'array')],
  ['10,000-deep object', deep(10_000, 'object')],
  ['10,000-deep object in a group', { ...BASELINE_INTAKE, clots: deep(10_000, 'object') }],
  ['1,000,000-item array', new Array(1_000_000).fill('yes')],
  ['1,000,000-item array in a list answer', withAnswers(BASELINE_INTAKE, { 'visit.painRegions': new Array(1_000_000).fill('neck') })],
  ['1 MB string', MB],
  ['1 MB string in a text answer', withAnswers(BASELINE_INTAKE, { 'medications.other': MB })],
  ['1 MB key', { [MB]: 1 }],
  ['200,000 keys', Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]))],
  ['__proto__ from JSON.parse', JSON.parse('{"__proto__": {"polluted": true, "all": [1]}, "rules": []}')],
  ['__proto__ in a group', JSON.parse(JSON.stringify(BASELINE_INTAKE).replace('"pregnant":', '"__proto__":{"polluted":1},"pregnant":'))],
  ['constructor.prototype', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ['NaN pain', withAnswers(BASELINE_INTAKE, { 'visit.painLevel': NaN })],
  ['Infinity systolic', withAnswers(BASELINE_INTAKE, { 'heart.systolic': Infinity })],
  ['impossible birth date', withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '2026-02-30' })],
  ['a throwing getter', Object.defineProperty({ ...BASELINE_INTAKE }, 'clots', { get() { throw new Error('getter'); }, enumerable: true })],
  ['a proxy', new Proxy({}, { ownKeys() { throw new Error('proxy'); } })],
  ['a symbol', Symbol('s')],
  ['a function', () => 1],
  ['a BigInt', 10n],
];

/** Odd but valid as an intake on its own: real calendar dates, far in the future (screening reads them against `at`). */
const ODD_BUT_VALID: readonly [string, unknown][] = [
  ['birth date in 9999', withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '9999-12-31' })],
  ['fracture in 9999', withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'bones.fractureDate': '9999-01-01', completedAt: '9999-01-01' })],
];
const LEAP_DAY = withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '2000-02-29' });

describe('parseIntake never throws', () => {
  it.each([...ODD_BUT_VALID, ['leap day birth date', LEAP_DAY] as const])('accepts %s', (_, v) => {
    expect(parseIntake(v).ok).toBe(true);
  });
  it('on arbitrary JSON (400 runs)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => expectSoundParse(parseIntake(v))), { numRuns: 400 });
  });
  it('on anything, prototype-ish keys included (300 runs)', () => {
    fc.assert(fc.property(fc.oneof(anythingArb, parsedJsonArb), (v) => expectSoundParse(parseIntake(v))), { numRuns: 300 });
  });
  it('on the baseline with a wrong value anywhere (300 runs)', () => {
    fc.assert(
      fc.property(mutatedIntakeArb, (v) => {
        expectSoundParse(parseIntake(v));
      }),
      { numRuns: 300 },
    );
  });
  it.each(EXTREMES)('on %s', (_, v) => {
    const r = parseIntake(v);
    expect(r.ok).toBe(false);
  });
  it(`refuses past the limits (depth ${INTAKE_LIMITS.maxDepth}, ${INTAKE_LIMITS.maxNodes} values, ${INTAKE_LIMITS.maxStringLength} characters) with too_large`, () => {
    for (const v of [deep(INTAKE_LIMITS.maxDepth + 1, 'array'), new Array(INTAKE_LIMITS.maxNodes + 1).fill(1), 'x'.repeat(INTAKE_LIMITS.maxStringLength + 1), { ['k'.repeat(INTAKE_LIMITS.maxStringLength + 1)]: 1 }]) {
      const r = parseIntake(v);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['too_large']);
    }
    // Just inside the limits it is ordinary validation, not too_large.
    const r = parseIntake(deep(INTAKE_LIMITS.maxDepth - 1, 'array'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.code).not.toBe('too_large');
  });
  it('year 0000–0099 dates are real dates (regression: Date.UTC read 0050 as 1950)', async () => {
    const r = await screen(withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '0050-06-01' }), { at: AT });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.flags.filter((f) => f.kind === 'evaluation-error')).toEqual([]);
    const { daysBetween, yearsBetween } = await import('../../src/screening/dates.js');
    expect(daysBetween('0050-06-01', '0050-06-02')).toBe(1);
    expect(daysBetween('0099-12-31', '0100-01-01')).toBe(1);
    expect(yearsBetween('0050-06-01', '2026-06-15')).toBe(1976);
  });
});

describe('screen never throws', () => {
  const typed = (r: Awaited<ReturnType<typeof screen>>) => {
    // A success has a disposition of the scale, proceed exactly when nothing fired; a failure names its issues.
    if (r.ok) {
      expect(DISPOSITIONS).toContain(r.disposition);
      expect(r.disposition === 'proceed').toBe(r.flags.length === 0);
    } else expectSoundParse({ ok: false, issues: r.issues });
  };
  it('on arbitrary JSON, anything and mutated intakes (150 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), anythingArb, parsedJsonArb, mutatedIntakeArb), async (v) => typed(await screen(v, { at: AT }))),
      { numRuns: 150 },
    );
  });
  it.each(EXTREMES)('on %s', async (_, v) => typed(await screen(v, { at: AT })));
  it.each(ODD_BUT_VALID)('on %s: a date after the appointment is an issue at its path', async (_, v) => {
    const r = await screen(v, { at: AT });
    expect(r.ok).toBe(false);
    if (!r.ok) for (const i of r.issues) expect(i.path.length).toBeGreaterThan(0);
  });
  it('on a leap day birth date: screened', async () => {
    const r = await screen(LEAP_DAY, { at: AT });
    expect(r.ok && r.flags.filter((f) => f.kind === 'evaluation-error')).toEqual([]);
  });
  it('with broken options', async () => {
    for (const opts of [{ at: 'nonsense' }, { at: new Date(NaN) }, { at: '2026-02-30' }, { at: AT, timeZone: 'Mars/Olympus' }, { at: {} as Date }, { at: AT, locale: '__proto__' }, { at: AT, locale: 'constructor' }, { at: AT, reconfirmAfterDays: NaN }]) {
      typed(await screen(BASELINE_INTAKE, opts));
    }
    // Not a language tag: refused at options.locale, never looked up in a rule's translations.
    const r = await screen(BASELINE_INTAKE, { at: AT, locale: '__proto__' });
    expect(!r.ok && r.issues.map((i) => i.pathString)).toEqual(['options.locale']);
  });
});

describe('checkRuleSet never throws; loadRuleSet throws only RuleSetError', () => {
  const onlyRuleSetError = (v: unknown) => {
    const c = checkRuleSet(v);
    try {
      loadRuleSet(v);
      expect(c.ok).toBe(true);
    } catch (e) {
      expect(e).toBeInstanceOf(RuleSetError);
      expect(c.ok).toBe(false);
    }
  };
  it('on arbitrary JSON (400 runs)', () => {
    fc.assert(fc.property(fc.jsonValue(), onlyRuleSetError), { numRuns: 400 });
  });
  it('on anything, prototype-ish keys included (300 runs)', () => {
    fc.assert(fc.property(fc.oneof(anythingArb, parsedJsonArb), onlyRuleSetError), { numRuns: 300 });
  });
  it.each(EXTREMES)('on %s', (_, v) => {
    onlyRuleSetError(v);
    expect(checkRuleSet(v).ok).toBe(false);
  });
  it(`refuses past the limits (depth ${RULE_SET_LIMITS.maxDepth}, ${RULE_SET_LIMITS.maxNodes} values) with too_large`, () => {
    const r = checkRuleSet({ ...structuredClone(defaultRuleSet()), rules: [deep(RULE_SET_LIMITS.maxDepth + 1, 'object')] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.code)).toEqual(['too_large']);
  });
});
