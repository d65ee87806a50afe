/**
 * The benign-population corpus (issue 19): 400 ordinary clients drawn from a realistic mix of common, low-risk
 * history. A screening tool that sends such clients to their doctor gets switched off, so the target is at least
 * 95 % proceed or modify, and none referred urgently. The test prints the measured percentage.
 */
import { describe, expect, it } from 'vitest';
import { createScreener, defaultRuleSet, DISPOSITIONS, parseIntake, type Disposition } from 'massage-triage';
import { benignCorpus, CORPUS_AT, intakeOf } from './corpora.js';

const SIZE = 400;
const screener = createScreener({ rules: defaultRuleSet() });

describe('benign-population corpus', () => {
  const corpus = benignCorpus(SIZE);

  it('is a realistic mix: every common history item turns up, and most clients have some history', () => {
    expect(corpus.length).toBe(SIZE);
    const has = (path: string, value?: unknown) => corpus.filter((a) => (value === undefined ? a[path] !== undefined : a[path] === value)).length;
    for (const [path, value] of [
      ['bones.fracture', 'yes'],
      ['heart.bloodPressure', 'controlled'],
      ['cancer.status', 'history'],
      ['clots.history', 'yes'],
      ['skin.conditionTypes', undefined],
      ['today.hoursSinceLast', undefined],
      ['medications.painMedicationToday', 'yes'],
      ['blood.bleedingTypes', undefined],
      ['veins.varicose', 'yes'],
      ['metabolic.diabetes', 'yes'],
    ] as const)
      expect(has(path, value), path).toBeGreaterThanOrEqual(8);
    const withHistory = corpus.filter((a) => Object.keys(a).some((k) => !k.startsWith('visit.') && k !== 'client.dateOfBirth')).length;
    expect(withHistory / SIZE).toBeGreaterThan(0.6);
  });

  it('at least 95 % proceed or modify, none refer-urgent (prints the percentage)', async () => {
    const counts = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;
    const stops: Record<string, number> = {};
    for (const answers of corpus) {
      const intake = intakeOf(answers);
      expect(parseIntake(intake).ok, JSON.stringify(answers)).toBe(true);
      const r = await screener.screen(intake, { at: CORPUS_AT });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      counts[r.disposition]++;
      for (const f of r.flags) if (f.disposition !== 'modify') stops[f.ruleId] = (stops[f.ruleId] ?? 0) + 1;
    }
    const bookable = (counts.proceed + counts.modify) / SIZE;
    console.log(
      `benign corpus (${SIZE} clients): ${(bookable * 100).toFixed(1)} % proceed or modify — ${JSON.stringify(counts)}; flags above modify: ${JSON.stringify(stops)}`,
    );
    expect(counts['refer-urgent']).toBe(0);
    expect(bookable).toBeGreaterThanOrEqual(0.95);
  });
});
