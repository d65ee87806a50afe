// The friendly messages come from the schema itself: `intakeSchema.safeParse`, alone or composed into an app's own
// schema, names what was expected at each path exactly as `parseIntake` does, never zod/mini's bare "Invalid input",
// and never the answer that was sent.
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, intakeSchema, parseIntake, withAnswers } from 'massage-triage';
import { QUESTIONS } from '../properties/arbitraries.js';

const MARKER = 'SECRET-ANSWER-7f3a';

/** A wrong value for a field: blanks, wrong types, words no option has, impossible dates, the marker. */
const wrongValue = fc.oneof(
  fc.constantFrom<unknown>('', ' ', null, true, false, 0, -1, 1e9, 2.5, NaN, [], {}, [[]], ['bogus'], 'bogus', 'yes', 'unsure', 'on', '12', '2026-02-30', '2026-13-01', '12/01/2026'),
  fc.constantFrom<unknown>(MARKER, [MARKER], { [MARKER]: MARKER }, `${MARKER} and more words`),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Where a wrong value goes: a question, a whole group, a top-level field, or a key the intake does not have. */
const mutation = fc.oneof(
  fc.tuple(fc.constantFrom(...QUESTIONS.map((q) => `${q.fact}.${q.path}`)), wrongValue),
  fc.tuple(fc.constantFrom(...new Set(QUESTIONS.map((q) => q.fact))), wrongValue),
  fc.tuple(fc.constantFrom('completedAt', 'schemaVersion', '$schema', 'clearances', 'clearances.0', 'clearances.0.date', 'clearances.0.ruleId'), wrongValue),
  fc.tuple(fc.constantFrom('clots.legSign', 'bones.fractureDates', 'unknownGroup', 'visit.painlevel'), wrongValue),
);

/** The baseline with one to three fields replaced. */
const mutatedIntake = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => {
  let v: unknown = structuredClone(BASELINE_INTAKE);
  for (const [path, value] of ms) v = withAnswers(v, { [path]: value });
  return v;
});

/**
 * What parseIntake makes of zod's issues: an unknown key is named at its own path (`clots.legSign`), or by its
 * position (`unknown-key-2`) when it does not look like a field name, so a path never carries a client's words.
 */
function expectedIssues(input: unknown, issues: readonly z.core.$ZodIssue[]): [string, string][] {
  return issues.flatMap((i): [string, string][] => {
    if (i.code !== 'unrecognized_keys') return [[i.path.join('.'), i.message]];
    const at = i.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)[k], input);
    const keys = Object.keys(at as object);
    return i.keys.map((k) => [[...i.path, /^[A-Za-z_$][A-Za-z0-9_$-]{0,39}$/.test(k) ? k : `unknown-key-${keys.indexOf(k) + 1}`].join('.'), i.message]);
  });
}

describe('intakeSchema carries the messages of parseIntake', () => {
  it('on mutated intakes, safeParse gives the message parseIntake gives at each path (250 runs)', () => {
    let refused = 0;
    fc.assert(
      fc.property(mutatedIntake, (v) => {
        const s = intakeSchema.safeParse(v);
        const p = parseIntake(v);
        if (s.success) return; // parseIntake may still refuse an impossible date order: not a zod issue
        refused++;
        expect(p.ok).toBe(false);
        if (p.ok) return;
        expect(p.issues.map((i) => [i.pathString, i.message])).toEqual(expectedIssues(v, s.error.issues));
        for (const i of s.error.issues) {
          expect(i.message).not.toMatch(/^Invalid input/);
          expect(i.message).not.toContain(MARKER);
        }
      }),
      { numRuns: 250 },
    );
    expect(refused).toBeGreaterThan(125);
  });

  it('gives them when composed into an app schema, under the composing path', () => {
    const bad = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': MARKER, 'visit.painLevel': 11, 'client.dateOfBirth': '' });
    const booking = z.object({ bookingId: z.string(), intake: intakeSchema });
    const r = booking.safeParse({ bookingId: 'b-1', intake: bad });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['intake.client.dateOfBirth', 'This question needs an answer.'],
      ['intake.visit.painLevel', 'Expected at most 10.'],
      ['intake.clots.legSigns', 'Choose one of: "yes", "no", "unsure".'],
    ]);
    expect(JSON.stringify(r.error.issues)).not.toContain(MARKER);
  });

  it("keeps them whatever error map the app passes for its own schemas (the field's own error comes first)", () => {
    const r = intakeSchema.safeParse(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'maybe' }), { error: () => 'app message' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.message)).toEqual(['Choose one of: "yes", "no", "unsure".']);
  });

  it('a single checkbox string that is not an option of a list is a wrong answer, not a missing one', () => {
    const p = parseIntake(withAnswers(BASELINE_INTAKE, { 'visit.conditions': 'bogus' }));
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.issues.map((i) => [i.pathString, i.code, i.message])).toEqual([['visit.conditions.0', 'invalid_value', 'Choose one of the options offered.']]);
  });
});
