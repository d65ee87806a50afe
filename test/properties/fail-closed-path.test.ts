/**
 * Fail closed when reading a fact fails (the path resolver throws for one question): only the rules reading it
 * are flagged, by name; the others still run.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/rules/path.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/rules/path.js')>();
  return {
    ...real,
    resolvePath: (value: unknown, path: string) => {
      if (path === 'anticoagulants') throw new Error('injected fault in a fact');
      return real.resolvePath(value, path);
    },
  };
});

const { BASELINE_INTAKE, createScreener, dispositionRank, withAnswers } = await import('massage-triage');
const { leaf, rule, ruleSet } = await import('../rules/helpers.js');

describe('fail closed: a fact cannot be read', () => {
  it('flags the rule reading it and keeps the others', async () => {
    const screener = createScreener({
      rules: ruleSet([
        rule('reads-anticoagulants', { all: [leaf('medications', 'anticoagulants', 'equal', 'yes')] }),
        rule('reads-leg-signs', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'postpone' }),
      ]),
    });
    for (const legSigns of ['yes', 'no']) {
      const r = await screener.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': legSigns }), { at: '2026-06-15' });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
      expect(r.flags.filter((f) => f.kind === 'evaluation-error').map((f) => f.because[0]?.actual)).toEqual(['reads-anticoagulants']);
      expect(r.flags.some((f) => f.ruleId === 'reads-leg-signs')).toBe(legSigns === 'yes');
    }
  });
});
