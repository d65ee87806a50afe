/**
 * Fail closed when an operator misbehaves: throws, gives undefined instead of true/false, or gives a rejected
 * promise. Each faulty rule becomes an `evaluation-error` flag naming it; the other rules' flags stay.
 * Run counts: 100 runs over each generator's intakes (dense and sparse).
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/rules/operators.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/rules/operators.js')>();
  const faults: Record<string, (a: unknown, b: unknown) => unknown> = {
    yesOrUnsure: () => {
      throw new Error('injected fault in an operator');
    },
    withinDays: () => undefined,
    includesAny: () => {
      const p = Promise.reject(new Error('injected rejection'));
      p.catch(() => undefined);
      return p;
    },
  };
  return {
    ...real,
    OPERATORS: real.OPERATORS.map((op) => (faults[op.name] ? { ...op, evaluate: faults[op.name] } : op)),
  };
});

const { BASELINE_INTAKE, createScreener, dispositionRank, withAnswers } = await import('massage-triage');
const { GENERATORS, AT } = await import('./arbitraries.js');
const { leaf, rule, ruleSet } = await import('../rules/helpers.js');

const screener = createScreener({
  rules: ruleSet([
    rule('throws', { all: [leaf('clots', 'history', 'yesOrUnsure', true)] }),
    rule('gives-undefined', { all: [leaf('derived', 'daysSinceFracture', 'withinDays', 84)] }),
    rule('rejects', { all: [leaf('cancer', 'treatments', 'includesAny', ['chemotherapy'])] }),
    rule('healthy-rule', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'postpone' }),
    rule('always-modify', { all: [leaf('client', 'pregnant', 'in', ['yes', 'no', 'unsure'])] }),
  ]),
});

describe('fail closed: faulty operators', () => {
  it('each faulty rule gives an evaluation-error flag naming it; other flags stay; never proceed', async () => {
    const r = await screener.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: AT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
    const errors = r.flags.filter((f) => f.kind === 'evaluation-error');
    const named = errors.map((f) => f.because[0]?.actual);
    expect(named.sort()).toEqual(['gives-undefined', 'rejects', 'throws']);
    for (const f of errors) expect(f.message).toContain(`"${String(f.because[0]?.actual)}"`);
    expect(r.flags.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['healthy-rule', 'always-modify']));
    expect(JSON.stringify(r)).not.toContain('injected');
  });

  for (const g of GENERATORS) {
    it(`holds for any ${g.name} intake (100 runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(g.intakes, async (intake) => {
          const r = await screener.screen(intake, { at: AT });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.disposition).not.toBe('proceed');
          expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
          expect(r.flags.some((f) => f.ruleId === 'always-modify')).toBe(true);
          expect(r.flags.filter((f) => f.ruleId === 'evaluation-error').length).toBe(3);
        }),
        { numRuns: 100 },
      );
    });
  }
});
