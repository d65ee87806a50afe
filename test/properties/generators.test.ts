/**
 * The intake generators of the property tests, and the mix of dispositions each produces. The dense generator answers
 * every question at random and lands mostly on refer-urgent; the sparse one (a mostly healthy client, zero to two risk
 * factors) must reach proceed and modify often, where a loosening would matter. The mix is printed.
 * Run counts: 400 intakes of each generator (fixed seeds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISPOSITIONS, parseIntake, screen, type Disposition } from 'massage-triage';
import { AT, GENERATORS, riskFactors } from './arbitraries.js';

const N = 400;

async function mix(arb: fc.Arbitrary<Record<string, Record<string, unknown>>>, seed: number) {
  const counts = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;
  const intakes = fc.sample(arb, { numRuns: N, seed });
  for (const intake of intakes) {
    const r = await screen(intake, { at: AT });
    expect(r.ok, 'a generated intake screens').toBe(true);
    if (r.ok) counts[r.disposition] += 1;
  }
  return { counts, intakes };
}

const pct = (n: number) => Math.round((100 * n) / N);

describe('the intake generators', () => {
  const results = new Map<string, Awaited<ReturnType<typeof mix>>>();
  it.each(GENERATORS.map((g, i) => [g.name, i] as const))('%s: generated intakes are valid, and the disposition mix is printed', async (name, i) => {
    const r = await mix(GENERATORS[i]!.intakes, 20260615 + i);
    results.set(name, r);
    for (const intake of r.intakes) expect(parseIntake(intake).ok).toBe(true);
    console.log(`${name} generator, ${N} intakes: ${DISPOSITIONS.map((d) => `${d} ${pct(r.counts[d])} %`).join(', ')}`);
    expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(N);
  });

  it('the sparse generator reaches proceed and modify often, and leaves room to add a risk factor', async () => {
    const r = results.get('sparse') ?? (await mix(GENERATORS[1].intakes, 20260616));
    expect(pct(r.counts.proceed)).toBeGreaterThanOrEqual(20);
    expect(pct(r.counts.modify)).toBeGreaterThanOrEqual(20);
    expect(r.intakes.every((intake) => riskFactors(intake).length > 20)).toBe(true);
  });

  it('the dense generator stays mostly restrictive (the reason the sparse one exists)', async () => {
    const r = results.get('dense') ?? (await mix(GENERATORS[0].intakes, 20260615));
    expect(pct(r.counts.proceed + r.counts.modify)).toBeLessThan(pct(r.counts['refer-urgent'] + r.counts['clearance-required'] + r.counts.postpone));
  });
});
