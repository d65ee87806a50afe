/**
 * Monotonic safety and determinism of the default rule set over intakes drawn from the intake model.
 * Run counts: monotonic 200 runs on each generator (dense and sparse), and 20,000 (intake, risk factor) cases as 2,000
 * intakes with 10 factors each (one screening of the intake serves its 10 riskier copies); deterministic 60 runs
 * (times MT_PROPERTY_SCALE, default 1, for a deeper search).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, defaultRuleSet, parseIntake, screen, withAnswers } from 'massage-triage';
import { AT, GENERATORS, QUESTIONS, RISK_ORDER, intakeArb, intakeWithRiskArb, riskFactors, shuffleKeys } from './arbitraries.js';
import { loosenings } from './compare.js';

const SCALE = Math.max(1, Number(process.env.MT_PROPERTY_SCALE ?? 1) || 1);

describe('monotonic safety (default rules)', () => {
  it('RISK_ORDER names every question of the intake model', () => {
    const missing = QUESTIONS.map((q) => `${q.fact}.${q.path}`).filter((k) => !(k in RISK_ORDER));
    expect(missing).toEqual([]);
  });

  it('generated intakes are valid (200 runs)', () => {
    fc.assert(
      fc.property(intakeArb, (intake) => {
        const r = parseIntake(intake);
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
      }),
      { numRuns: 200 },
    );
  });

  it('every risk factor on the baseline intake (exhaustive, one screening per factor)', async () => {
    const before = await screen(BASELINE_INTAKE, { at: AT });
    if (!before.ok) throw new Error('the baseline must screen');
    const factors = riskFactors(structuredClone(BASELINE_INTAKE) as never);
    expect(factors.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const factor of factors) {
      const after = await screen(withAnswers(BASELINE_INTAKE, factor.set), { at: AT });
      if (!after.ok) found.push(`${factor.name}: does not screen`);
      else for (const l of loosenings(before, after)) found.push(`${factor.name}: ${l}`);
    }
    expect(found).toEqual([]);
  });

  for (const g of GENERATORS) {
    it(`adding one risk factor never makes the result less restrictive (${g.name} intakes, 200 runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(g.withRisk, async ({ intake, factor }) => {
          const before = await screen(intake, { at: AT });
          const riskier = withAnswers(intake, factor.set);
          const after = await screen(riskier, { at: AT });
          expect(before.ok, 'base intake screens').toBe(true);
          expect(after.ok, `riskier intake screens (${factor.name})`).toBe(true);
          if (!before.ok || !after.ok) return;
          const worse = loosenings(before, after);
          if (worse.length > 0) throw new Error(`risk factor ${factor.name} loosened the result: ${worse.join('; ')}`);
        }),
        { numRuns: 200 * SCALE },
      );
    });
  }
});

describe('monotonic safety at scale (default rules)', () => {
  const screener = createScreener({ rules: defaultRuleSet() });
  const FACTORS_PER_INTAKE = 10;

  it('20,000 cases: adding one risk factor never makes the result less restrictive', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(intakeArb, fc.array(fc.nat(), { minLength: FACTORS_PER_INTAKE, maxLength: FACTORS_PER_INTAKE }), async (intake, picks) => {
        const factors = riskFactors(intake);
        if (factors.length === 0) return;
        const before = await screener.screen(intake, { at: AT });
        if (!before.ok) throw new Error('the generated intake must screen');
        for (const n of picks) {
          const factor = factors[n % factors.length]!;
          const after = await screener.screen(withAnswers(intake, factor.set), { at: AT });
          if (!after.ok) throw new Error(`riskier intake does not screen (${factor.name})`);
          const worse = loosenings(before, after);
          if (worse.length > 0) throw new Error(`risk factor ${factor.name} loosened the result: ${worse.join('; ')}`);
          cases++;
        }
      }),
      { numRuns: 2_000 * SCALE, seed: 19 },
    );
    expect(cases).toBeGreaterThanOrEqual(20_000 * SCALE * 0.99);
  }, 600_000);
});

describe('deterministic (default rules)', () => {
  it('the same intake twice, and with its keys in another order, gives deep-equal results (60 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(intakeArb, fc.integer(), async (intake, seed) => {
        const a = await screen(intake, { at: AT });
        const b = await screen(intake, { at: AT });
        const c = await screen(shuffleKeys(intake, seed), { at: AT });
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        expect(JSON.stringify(c)).toBe(JSON.stringify(a));
      }),
      { numRuns: 60 * SCALE },
    );
  });

  it('a loosening is detected (the checker itself can fail)', async () => {
    const risky = await screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: AT });
    const healthy = await screen(BASELINE_INTAKE, { at: AT });
    if (!risky.ok || !healthy.ok) throw new Error('fixtures must screen');
    expect(loosenings(risky, healthy).length).toBeGreaterThan(0);
    expect(loosenings(healthy, risky)).toEqual([]);
  });
});
