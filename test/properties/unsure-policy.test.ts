/**
 * The "not sure" policy (issue 19, rules/README.md "Not sure": the policy), as a property over 20,000 cases: for a
 * current sign, "not sure" is as restrictive as "yes" (unless the rule that makes the difference records a reviewed
 * reason); for any other safety question, "not sure" never gives proceed. Every question that accepts "not sure" has
 * a row in the README's table, and the table's current signs are the ones tested here.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScreener, defaultRuleSet, withAnswers } from 'massage-triage';
import { AT, QUESTIONS, intakeArb, sparseIntakeArb } from './arbitraries.js';
import { loosenings } from './compare.js';
import { benignAnswersArb, intakeOf } from './corpora.js';

const CASES = 20_000;
const screener = createScreener({ rules: defaultRuleSet() });
const RULES = new Map(defaultRuleSet().rules.map((r) => [r.id, r]));
const REVIEWED = /Reviewed "unsure":/;

/** The current signs, and the answer that makes each one asked. */
const CURRENT_SIGNS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'clots.legSigns': {},
  'clots.breathlessnessOrChestPain': {},
  'redFlags.saddleNumbness': {},
  'redFlags.bladderBowelChange': {},
  'redFlags.suddenHeadacheOrNeuro': {},
  'client.pregnancyComplications': { 'client.pregnant': 'yes' },
  'client.pregnancyWarningSigns': { 'client.pregnant': 'yes' },
};

/** Questions about paperwork, not safety: "not sure" changes nothing. */
const PAPERWORK = ['visit.diagnosed', 'visit.prescription'];

const UNSURE_QUESTIONS = QUESTIONS.filter((q) => q.options?.includes('unsure')).map((q) => `${q.fact}.${q.path}`);
const HISTORY = UNSURE_QUESTIONS.filter((k) => !(k in CURRENT_SIGNS) && !PAPERWORK.includes(k));

const readme = fs.readFileSync(path.resolve(__dirname, '../../rules/README.md'), 'utf8');
const policy = readme.slice(readme.indexOf('## "Not sure": the policy'), readme.indexOf('## Every rule'));
/** The table's rows: the questions named in the first cell, and the kind. */
const rows = policy
  .split('\n')
  .filter((l) => l.startsWith('| `'))
  .map((l) => {
    const [, first = '', kind = ''] = l.split('|');
    return { questions: [...first.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), kind: kind.trim() };
  });

/** A client to ask: an ordinary one most of the time, any intake the model allows otherwise. */
// Benign clients most of the time, then the sparse generator (zero to two risk factors) and the dense one.
const baseArb = fc.oneof(
  { arbitrary: benignAnswersArb.map(intakeOf), weight: 2 },
  { arbitrary: sparseIntakeArb as fc.Arbitrary<Record<string, unknown>>, weight: 1 },
  { arbitrary: intakeArb as fc.Arbitrary<Record<string, unknown>>, weight: 1 },
);

describe('the "not sure" policy', () => {
  it('is written in rules/README.md for every question that accepts "not sure", with the current signs marked', () => {
    expect(UNSURE_QUESTIONS.length).toBeGreaterThan(50);
    const named = new Set(rows.flatMap((r) => r.questions));
    expect(UNSURE_QUESTIONS.filter((k) => !named.has(k))).toEqual([]);
    const current = rows.filter((r) => r.kind === 'current sign').flatMap((r) => r.questions);
    expect(current.sort()).toEqual(Object.keys(CURRENT_SIGNS).sort());
  });

  it(`holds over ${CASES.toLocaleString('en')} cases: a current sign "not sure" is as restrictive as "yes"; any other "not sure" never proceeds`, async () => {
    let current = 0;
    let history = 0;
    await fc.assert(
      fc.asyncProperty(baseArb, fc.constantFrom(...Object.keys(CURRENT_SIGNS), ...HISTORY), async (base, question) => {
        if (question in CURRENT_SIGNS) {
          const pre = CURRENT_SIGNS[question]!;
          const yes = await screener.screen(withAnswers(base, { ...pre, [question]: 'yes' }), { at: AT });
          const unsure = await screener.screen(withAnswers(base, { ...pre, [question]: 'unsure' }), { at: AT });
          if (!yes.ok || !unsure.ok) throw new Error(`${question}: the intake must screen`);
          const looser = loosenings(yes, unsure, { flags: false });
          if (looser.length > 0) {
            // Allowed only when every rule that "yes" fires and "not sure" does not records a reviewed reason.
            const unsureIds = new Set(unsure.flags.map((f) => f.ruleId));
            const unreviewed = yes.flags.filter((f) => !unsureIds.has(f.ruleId) && !REVIEWED.test(RULES.get(f.ruleId)?.rationale ?? ''));
            if (unreviewed.length > 0) throw new Error(`${question} "not sure" is lighter than "yes" (${looser.join('; ')}) without a reviewed reason in ${unreviewed.map((f) => f.ruleId).join(', ')}`);
          }
          current++;
        } else {
          const r = await screener.screen(withAnswers(base, { [question]: 'unsure' }), { at: AT });
          if (!r.ok) throw new Error(`${question}: the intake must screen`);
          if (r.disposition === 'proceed') throw new Error(`${question} "not sure" gave proceed`);
          history++;
        }
      }),
      { numRuns: CASES, seed: 19 },
    );
    expect(current + history).toBe(CASES);
    expect(current).toBeGreaterThan(CASES / 20);
  }, 600_000);

  it('the check can fail: a rule set that reads a current sign only as "yes" is caught', async () => {
    const weak = createScreener({ rules: defaultRuleSet(), disable: ['clot-signs-unsure', 'unsure-answers'] });
    const yes = await weak.screen(withAnswers(intakeOf({}), { 'clots.legSigns': 'yes' }), { at: AT });
    const unsure = await weak.screen(withAnswers(intakeOf({}), { 'clots.legSigns': 'unsure' }), { at: AT });
    expect(yes.ok && unsure.ok).toBe(true);
    if (!yes.ok || !unsure.ok) return;
    expect(loosenings(yes, unsure, { flags: false })).toContain('disposition refer-urgent → proceed');
  });
});
