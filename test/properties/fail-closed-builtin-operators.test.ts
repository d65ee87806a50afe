/**
 * Issue 21, finding 5: json-rules-engine's own operators are checked like the library's: one that gives anything but
 * true or false (undefined, a truthy string) is an `evaluation-error` flag naming the rule, never a silent "did not
 * fire". The faults are injected into json-rules-engine's operator table as every fresh Engine gets it.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('json-rules-engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('json-rules-engine')>();
  class Engine extends real.Engine {
    constructor(...args: ConstructorParameters<typeof real.Engine>) {
      super(...args);
      this.addOperator('equal', () => undefined as unknown as boolean);
      this.addOperator('in', () => 'yes' as unknown as boolean);
    }
  }
  return { ...real, Engine, default: { ...real, Engine } };
});

const { BASELINE_INTAKE, createScreener, defaultRuleSet, dispositionRank, withAnswers } = await import('massage-triage');
const { leaf, rule, ruleSet } = await import('../rules/helpers.js');
const AT = '2026-06-15';

describe('fail closed: json-rules-engine operators', () => {
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
