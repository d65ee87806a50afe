/**
 * Fail closed when the derived facts cannot be computed (deriveFacts throws): the rules that read them are flagged
 * as not evaluated, each by name, the rules that read answers only still run, and the result is never `proceed`.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/screening/derive.js', () => ({
  deriveFacts: () => {
    throw new Error('injected fault in a derived fact');
  },
}));

const { BASELINE_INTAKE, createScreener, dispositionRank, screen, withAnswers } = await import('massage-triage');
const { leaf, rule, ruleSet } = await import('../rules/helpers.js');

describe('fail closed: deriveFacts throws', () => {
  it('flags the rules that need derived facts, keeps the others, never proceeds', async () => {
    const screener = createScreener({
      rules: ruleSet([
        rule('needs-age', { all: [leaf('derived', 'ageYears', 'lessThan', 18)] }),
        rule('answers-only', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'refer-urgent' }),
      ]),
    });
    const r = await screener.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: '2026-06-15' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.disposition).toBe('refer-urgent');
    expect(r.flags.map((f) => f.ruleId)).toContain('answers-only');
    const errors = r.flags.filter((f) => f.kind === 'evaluation-error');
    expect(errors.some((f) => f.because[0]?.actual === 'needs-age' && f.message.includes('"needs-age"'))).toBe(true);
    expect(JSON.stringify(r)).not.toContain('injected');
  });

  it('with the default rules a healthy intake is at least clearance-required', async () => {
    const r = await screen(BASELINE_INTAKE, { at: '2026-06-15' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
    expect(r.flags.some((f) => f.kind === 'evaluation-error')).toBe(true);
  });
});
