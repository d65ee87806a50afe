/**
 * Issue 21, finding 5: json-rules-engine's built-in operators (which the library evaluates with its own copy of them)
 * are checked like the library's: one that gives anything but true or false (undefined, a truthy string) is an
 * `evaluation-error` flag naming the rule, never a silent "did not fire". The faults are injected into the operator
 * table every screener compiles its rules against.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/rules/operators.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/rules/operators.js')>();
  const faults: Record<string, (a: unknown, b: unknown) => unknown> = {
    equal: () => undefined,
    in: () => 'yes',
  };
  return {
    ...real,
    OPERATORS: real.OPERATORS.map((op) => (faults[op.name] ? { ...op, evaluate: faults[op.name] } : op)),
  };
});

const { BASELINE_INTAKE, createScreener, defaultRuleSet, dispositionRank, withAnswers } = await import('massage-triage');
const { leaf, rule, ruleSet } = await import('../rules/helpers.js');
const AT = '2026-06-15';

describe('fail closed: json-rules-engine\'s built-in operators', () => {
  it('an equal that gives undefined flags its rule instead of not firing', async () => {
    const s = createScreener({
      rules: ruleSet([
        rule('clot-signs', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'refer-urgent' }),
        rule('bp', { all: [leaf('heart', 'bloodPressure', 'in', ['uncontrolled', 'unsure'])] }, { disposition: 'postpone' }),
        rule('healthy', { all: [leaf('clots', 'history', 'yesOrUnsure', true)] }),
      ]),
    });
    const r = await s.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.history': 'yes' }), { at: AT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
    const errors = r.flags.filter((f) => f.ruleId === 'evaluation-error').map((f) => f.because[0]?.actual);
    expect(errors.sort()).toEqual(['bp', 'clot-signs']);
    expect(r.flags.map((f) => f.ruleId)).toContain('healthy');
  });

  it('the default rules with a faulty equal never proceed on leg clot signs', async () => {
    const s = createScreener({ rules: defaultRuleSet() });
    const r = await s.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: AT });
    expect(r.ok && r.disposition).not.toBe('proceed');
    expect(r.ok && r.flags.some((f) => f.ruleId === 'evaluation-error')).toBe(true);
  });
});
