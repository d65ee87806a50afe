import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  CONDITIONS,
  TECHNIQUES,
  conditionCatalogSchema,
  createScreener,
  parseIntake,
  techniqueCatalogSchema,
  withAnswers,
  type Condition,
  type Flag,
  type Intake,
  type PressureLevel,
  type Technique,
} from 'massage-triage';
import { mergeModifications } from '../../src/screening/merge.js';
import { conditionsOf, suggestTechniques } from '../../src/techniques/suggest.js';
import conditionsJson from '../../rules/conditions.json';
import techniquesJson from '../../rules/techniques.json';

const techniques = techniqueCatalogSchema.parse(techniquesJson);
const conditions = conditionCatalogSchema.parse(conditionsJson);
const order = (id: string) => techniques.techniques.findIndex((t) => t.id === id);

function intake(set: Record<string, unknown>): Intake {
  const r = parseIntake(withAnswers(BASELINE_INTAKE, set));
  if (!r.ok) throw new Error(`fixture intake does not parse: ${r.issues.map((i) => i.pathString).join(', ')}`);
  return r.data;
}

function flag(ruleId: string, opts: { cap?: PressureLevel; avoid?: Technique[]; scope?: 'systemic' | 'local' } = {}): Flag {
  return {
    ruleId,
    title: ruleId,
    kind: 'precaution',
    disposition: 'modify',
    scope: opts.scope ?? 'systemic',
    regions: opts.scope === 'local' ? ['low-back'] : [],
    message: 'm',
    clientMessage: 'c',
    rationale: 'r',
    references: [{ title: 't' }],
    modifications: {
      ...(opts.cap !== undefined ? { pressureCap: opts.cap } : {}),
      avoidRegions: [],
      avoidTechniques: opts.avoid ?? [],
      positioning: [],
    },
    because: [],
  };
}

function advise(i: Intake, flags: Flag[]) {
  return suggestTechniques(i, 'modify', flags, mergeModifications(flags), techniques, conditions);
}

const rule = (id: string, when: object, outcome: object) => ({
  id,
  title: id,
  category: 'medications',
  conditions: { all: [when] },
  outcome: { disposition: 'modify', scope: 'systemic', ...outcome },
  message: 'Therapist message.',
  clientMessage: 'Client message.',
  rationale: 'Test rule.',
  references: [{ title: 'test' }],
});

const RULES = {
  id: 'technique-tests',
  version: '1.0.0',
  description: 'Small rule set for the technique tests.',
  rules: [
    rule(
      'test-anticoagulants',
      { fact: 'medications', path: 'anticoagulants', operator: 'equal', value: 'yes' },
      { pressureCap: 2, avoidTechniques: ['deep-tissue', 'cupping', 'instrument-assisted', 'friction'] },
    ),
    rule('test-lymph', { fact: 'lymph', path: 'lymphedema', operator: 'equal', value: 'yes' }, { avoidTechniques: ['lymphatic-drainage'] }),
  ],
};

describe('suggestTechniques: ranking', () => {
  it('ranks by the number of the client’s conditions served, catalog order breaking ties', () => {
    const advice = advise(intake({ 'visit.conditions': ['low-back-pain', 'neck-pain', 'myofascial-pain', 'stress'] }), []);
    const s = advice.suggested;
    expect(s.length).toBeGreaterThan(3);
    for (let k = 1; k < s.length; k++) {
      const [a, b] = [s[k - 1]!, s[k]!];
      expect(a.forConditions.length).toBeGreaterThanOrEqual(b.forConditions.length);
      if (a.forConditions.length === b.forConditions.length) expect(order(a.technique)).toBeLessThan(order(b.technique));
    }
    // Swedish serves low back, neck and stress (3); deep tissue serves low back, neck and myofascial pain (3): Swedish
    // comes first because it is earlier in the catalog. Hot stone serves only stress: it ranks below both.
    const pos = (t: string) => s.findIndex((x) => x.technique === t);
    expect(pos('swedish')).toBeLessThan(pos('deep-tissue'));
    expect(pos('deep-tissue')).toBeLessThan(pos('hot-stone'));
    expect(s.find((x) => x.technique === 'swedish')!.forConditions).toEqual(['low-back-pain', 'neck-pain', 'stress']);
  });

  it('suggests nothing, with a note, when the client names no condition', () => {
    const advice = advise(intake({ 'visit.conditions': null }), []);
    expect(advice.suggested).toEqual([]);
    expect(advice.note).toMatch(/no condition/);
  });

  it('gives the acute frequency for an acute problem and the chronic one otherwise', () => {
    expect(advise(intake({ 'visit.conditions': ['sprain-strain'] }), []).sessionNotes.frequency).toBe(techniques.session.frequencyAcute);
    expect(advise(intake({ 'visit.conditions': ['fibromyalgia'] }), []).sessionNotes.frequency).toBe(techniques.session.frequencyChronic);
  });
});

describe('suggestTechniques: exclusions', () => {
  it('excludes a technique a flag avoids, naming that flag’s rule id', () => {
    const advice = advise(intake({ 'visit.conditions': ['low-back-pain', 'myofascial-pain'] }), [flag('blood-thinner', { avoid: ['deep-tissue', 'cupping'] })]);
    const ids = advice.suggested.map((s) => s.technique);
    expect(ids).not.toContain('deep-tissue');
    expect(ids).not.toContain('cupping');
    expect(ids).toContain('swedish');
    expect(advice.excluded.find((e) => e.technique === 'deep-tissue')?.excludedBy).toEqual(['blood-thinner']);
    expect(advice.excluded.find((e) => e.technique === 'cupping')?.excludedBy).toEqual(['blood-thinner']);
  });

  it('excludes a technique whose least pressure is above the merged cap, and caps the others', () => {
    const advice = advise(intake({ 'visit.conditions': ['low-back-pain'] }), [flag('cap-three', { cap: 3 }), flag('cap-two', { cap: 2 })]);
    const tp = advice.excluded.find((e) => e.technique === 'trigger-point');
    expect(tp?.excludedBy).toContain('cap-two');
    expect(tp?.reason).toMatch(/above the cap of 2/);
    expect(advice.excluded.map((e) => e.technique)).toEqual(expect.arrayContaining(['deep-tissue', 'neuromuscular', 'trigger-point']));
    const swedish = advice.suggested.find((s) => s.technique === 'swedish');
    expect(swedish?.pressure).toEqual({ min: 2, max: 2 });
    for (const s of advice.suggested) expect(s.pressure.max).toBeLessThanOrEqual(2);
  });

  it('does not exclude a technique whole-body for a local pressure cap', () => {
    const advice = advise(intake({ 'visit.conditions': ['low-back-pain'] }), [flag('local-cap', { cap: 1, scope: 'local' })]);
    expect(advice.suggested.map((s) => s.technique)).toContain('deep-tissue');
  });

  it('says nothing suitable remains when every indicated technique is excluded', () => {
    const advice = advise(intake({ 'visit.conditions': ['lymphedema'] }), [flag('no-mld', { avoid: ['lymphatic-drainage'] })]);
    expect(advice.suggested).toEqual([]);
    expect(advice.excluded.map((e) => e.technique)).toEqual(['lymphatic-drainage']);
    expect(advice.note).toMatch(/Nothing suitable remains/);
  });

  it('applies a rule set’s avoidTechniques and cap through createScreener', async () => {
    const screener = createScreener({ rules: RULES });
    const r = await screener.screen(
      withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'yes', 'visit.conditions': ['low-back-pain', 'myofascial-pain', 'tendinopathy'] }),
      { at: '2026-06-15' },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.disposition).toBe('modify');
    const excluded = Object.fromEntries(r.techniques.excluded.map((e) => [e.technique, e.excludedBy]));
    for (const t of ['deep-tissue', 'cupping', 'instrument-assisted', 'friction']) expect(excluded[t], t).toEqual(['test-anticoagulants']);
    // Trigger point needs pressure 3, above the cap of 2.
    expect(excluded['trigger-point']).toEqual(['test-anticoagulants']);
    expect(r.techniques.suggested.map((s) => s.technique)).toContain('swedish');
  });

  it('says nothing suitable remains through createScreener, and that no session happens when postponed', async () => {
    const screener = createScreener({ rules: RULES });
    const r = await screener.screen(withAnswers(BASELINE_INTAKE, { 'lymph.lymphedema': 'yes', 'visit.conditions': ['lymphedema'] }), { at: '2026-06-15' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.techniques.suggested).toEqual([]);
    expect(r.techniques.excluded).toEqual([expect.objectContaining({ technique: 'lymphatic-drainage', excludedBy: ['test-lymph'] })]);
    expect(r.techniques.note).toMatch(/Nothing suitable remains/);
    const later = suggestTechniques(intake({ 'visit.conditions': ['low-back-pain'] }), 'postpone', [], mergeModifications([]), techniques, conditions);
    expect(later.note).toMatch(/No session today \(postpone\)/);
  });

  it('suggests nothing while the client must be referred urgently, and says why', () => {
    const i = intake({ 'visit.conditions': ['sprain-strain'] });
    const urgent = suggestTechniques(i, 'refer-urgent', [], mergeModifications([]), techniques, conditions);
    expect(urgent.suggested).toEqual([]);
    expect(urgent.note).toBe('No session today (refer-urgent): no technique is suggested until a clinician has assessed the client.');
    expect(urgent.sessionNotes.frequency).toBeUndefined();
    expect(urgent.sessionNotes.aftercare).toEqual([]);
    // A postponement plans no session either: no suggestion, frequency or aftercare.
    const postponed = suggestTechniques(i, 'postpone', [], mergeModifications([]), techniques, conditions);
    expect(postponed).toMatchObject({ suggested: [], sessionNotes: { aftercare: [] } });
    expect(postponed.sessionNotes.frequency).toBeUndefined();
    // The same intake, waiting for a clearance, has suggestions for the cleared session: the emptiness comes from the disposition.
    const cleared = suggestTechniques(i, 'clearance-required', [], mergeModifications([]), techniques, conditions);
    expect(cleared.suggested.length).toBeGreaterThan(0);
    expect(cleared.note).toMatch(/^No session until cleared \(clearance-required\): the suggestions are for the cleared session\./);
    expect(cleared.sessionNotes.frequency).toBe(techniques.session.frequencyAcute);
  });

  it('never suggests an avoided technique or a pressure above the cap (property)', () => {
    fc.assert(
      fc.property(
        fc.subarray([...CONDITIONS] as Condition[], { minLength: 1 }),
        fc.subarray([...TECHNIQUES] as Technique[]),
        fc.option(fc.constantFrom<PressureLevel>(1, 2, 3, 4, 5), { nil: undefined }),
        (conds, avoid, cap) => {
          const advice = advise(intake({ 'visit.conditions': conds }), [flag('f', { avoid, ...(cap !== undefined ? { cap } : {}) })]);
          for (const s of advice.suggested) {
            expect(avoid).not.toContain(s.technique);
            if (cap !== undefined) {
              expect(s.pressure.max).toBeLessThanOrEqual(cap);
              expect(s.pressure.min).toBeLessThanOrEqual(cap);
            }
            expect(s.forConditions.length).toBeGreaterThan(0);
          }
          const all = [...advice.suggested.map((s) => s.technique), ...advice.excluded.map((e) => e.technique)];
          expect(new Set(all).size).toBe(all.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('conditionsOf', () => {
  it('does not read "stress fracture" as stress', () => {
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.diagnosisText': 'Stress fracture of the left foot' }), conditions)).toEqual([]);
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.diagnosisText': 'work stress and burnout' }), conditions)).toEqual(['stress']);
  });

  it('maps ICD-10-CM codes, exact and by family', () => {
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.icd10Codes': ['M54.50'] }), conditions)).toEqual(['low-back-pain']);
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.icd10Codes': ['G56.01'] }), conditions)).toEqual(['carpal-tunnel']);
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.icd10Codes': 'S93.401A, M79.7' }), conditions)).toEqual(['fibromyalgia', 'sprain-strain']);
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.icd10Codes': ['G44.209'] }), conditions)).toEqual(['tension-headache']);
  });

  it('does not map the deleted M54.5 or a near miss', () => {
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.icd10Codes': ['M54.5'] }), conditions)).toEqual([]);
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.icd10Codes': ['G56.10'] }), conditions)).toEqual([]);
  });

  it('maps a known phrase in the diagnosis text or the client’s own words, whole words only', () => {
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.diagnosisText': 'Lumbago, and chronic Tension Headache' }), conditions)).toEqual([
      'low-back-pain',
      'tension-headache',
    ]);
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.otherConcerns': 'my carpal tunnel flares at work' }), conditions)).toEqual(['carpal-tunnel']);
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.diagnosisText': 'frozen shoulder' }), conditions)).toEqual(['joint-pain']);
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.diagnosisText': 'tendinitis of the wrist' }), conditions)).toEqual(['tendinopathy']);
    // "scarf" is not "scar".
    expect(conditionsOf(intake({ 'visit.conditions': null, 'visit.otherConcerns': 'I wear a scarf' }), conditions)).toEqual([]);
  });

  it('merges chosen conditions with coded ones, in vocabulary order, each once', () => {
    const found = conditionsOf(intake({ 'visit.conditions': ['stress', 'low-back-pain'], 'visit.icd10Codes': ['M54.51'] }), conditions);
    expect(found).toEqual(['low-back-pain', 'stress']);
  });
});

describe('insurance hints', () => {
  const hints = (set: Record<string, unknown>) => advise(intake(set), []).sessionNotes.insurance;

  it('asks for a prescription when there is none', () => {
    expect(hints({ 'visit.prescription': 'no' }).join(' ')).toMatch(/prescription or referral/);
  });

  it('names each item missing from a prescription', () => {
    const h = hints({ 'visit.prescription': 'yes' }).join(' ');
    expect(h).toMatch(/ICD-10-CM/);
    expect(h).toMatch(/prescriber/);
    expect(h).toMatch(/frequency and duration/);
    expect(h).toMatch(/body areas/);
  });

  it('names only what is missing', () => {
    const h = hints({
      'visit.prescription': 'yes',
      'visit.icd10Codes': ['M54.50'],
      'visit.prescriber': 'Dr Example',
      'visit.prescribedFrequency': '2 times a week for 6 weeks',
    });
    expect(h).toHaveLength(1);
    expect(h[0]).toMatch(/body areas/);
    const complete = hints({
      'visit.prescription': 'yes',
      'visit.icd10Codes': ['M54.50'],
      'visit.prescriber': 'Dr Example',
      'visit.prescribedFrequency': '2 times a week for 6 weeks',
      'visit.prescribedRegions': ['low-back'],
    });
    expect(complete).toEqual([]);
  });

  it('warns that payers scrutinise relaxation-only goals', () => {
    expect(hints({ 'visit.conditions': ['stress', 'insomnia'] }).join(' ')).toMatch(/relaxation goals/);
    expect(hints({ 'visit.conditions': ['stress', 'low-back-pain'] }).join(' ')).not.toMatch(/relaxation goals/);
  });
});

describe('adapted forms of massage', () => {
  it('ranks prenatal massage first for a pregnant client, for whatever brings her in; not suggested otherwise', async () => {
    const { screen, BASELINE_INTAKE: base, withAnswers: set } = await import('massage-triage');
    const pregnant = await screen(set(base, { 'client.pregnant': 'yes', 'client.pregnancyWeeks': 30 }), { at: '2026-06-15' });
    expect(pregnant.ok && pregnant.techniques.suggested[0]).toMatchObject({ technique: 'prenatal', forConditions: ['low-back-pain'] });
    const not = await screen(base, { at: '2026-06-15' });
    expect(not.ok).toBe(true);
    if (!not.ok) return;
    expect(not.techniques.suggested.length).toBeGreaterThan(0);
    expect(not.techniques.suggested.map((s) => s.technique)).not.toContain('prenatal');
  });
});
