/**
 * Monotonic safety and determinism of the default rule set over intakes drawn from the intake model.
 * Run counts: monotonic 200 runs; deterministic 60 runs (times MT_PROPERTY_SCALE, default 1, for a deeper search).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, dispositionRank, parseIntake, screen, withAnswers, type ScreeningResult } from 'massage-triage';
import { AT, QUESTIONS, RISK_ORDER, intakeArb, intakeWithRiskArb, riskFactors, shuffleKeys } from './arbitraries.js';

const SCALE = Math.max(1, Number(process.env.MT_PROPERTY_SCALE ?? 1) || 1);
type Ok = Extract<ScreeningResult, { ok: true }>;

/** The cap each region gets: the lower of the whole-body cap and its own (6 = no cap). */
function effectiveCaps(r: Ok): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of r.modifications.regionalPressureCaps) m.set(c.region, c.pressureCap);
  return m;
}

/** Every way `after` is less restrictive than `before`, as readable lines (empty when none). */
function loosenings(before: Ok, after: Ok): string[] {
  const out: string[] = [];
  if (dispositionRank(after.disposition) < dispositionRank(before.disposition)) out.push(`disposition ${before.disposition} → ${after.disposition}`);
  const capB = before.modifications.pressureCap ?? 6;
  const capA = after.modifications.pressureCap ?? 6;
  if (capA > capB) out.push(`whole-body pressure cap ${capB} → ${capA}`);
  const regB = effectiveCaps(before);
  const regA = effectiveCaps(after);
  for (const [region, c] of regB) {
    const a = Math.min(regA.get(region) ?? 6, capA);
    if (a > Math.min(c, capB)) out.push(`pressure cap on ${region} ${c} → ${a}`);
  }
  for (const r of before.modifications.avoidRegions) if (!after.modifications.avoidRegions.includes(r)) out.push(`region ${r} no longer avoided`);
  for (const t of before.modifications.avoidTechniques) if (!after.modifications.avoidTechniques.includes(t)) out.push(`technique ${t} allowed again`);
  const idsA = new Set(after.flags.map((f) => f.ruleId));
  for (const f of before.flags) if (!idsA.has(f.ruleId)) out.push(`flag ${f.ruleId} disappeared`);
  return out;
}

describe('monotonic safety (default rules)', () => {
  it('RISK_ORDER names every question of the intake model', () => {
    const missing = QUESTIONS.map((q) => `${q.fact}.${q.path}`).filter((k) => !(k in RISK_ORDER));
    expect(missing).toEqual([]);
  });

  it('generated intakes are valid (200 runs)', () => {
    fc.assert(
      fc.property(intakeArb, (intake) => {
        const r = parseIntake(intake);
        if (!r.success) throw new Error(JSON.stringify(r.issues));
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

  it('adding one risk factor never makes the result less restrictive (200 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(intakeWithRiskArb, async ({ intake, factor }) => {
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
