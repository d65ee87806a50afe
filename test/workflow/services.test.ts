import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  BASELINE_INTAKE,
  BODY_REGIONS,
  checkServices,
  createDraftScreener,
  createScreener,
  TECHNIQUES,
  withAnswers,
  type CheckServicesResult,
  type ScreeningSuccess,
  type ServiceCheck,
  type ServiceInput,
} from 'massage-triage';
import { rule, ruleSet, when } from './helpers';

const AT = '2026-12-01';
const ref = [{ title: 'Test reference' }];
const tech = (id: string, min: number, max: number) => ({ id, name: id, description: 'A technique.', pressure: { min, max }, indications: [], references: ref });
const CATALOG = {
  version: 'test',
  techniques: [tech('swedish', 2, 3), tech('deep-tissue', 4, 5), tech('hot-stone', 2, 3), tech('lymphatic-drainage', 1, 1)],
  session: { frequencyAcute: 'a', frequencyChronic: 'b', aftercare: ['c'], references: ref },
};

const screener = createScreener({
  techniques: CATALOG,
  rules: ruleSet([
    rule('cap-2', when('heart', 'heartCondition', 'equal', 'yes'), { pressureCap: 2 }),
    rule('no-deep', when('medications', 'anticoagulants', 'equal', 'yes'), { avoidTechniques: ['deep-tissue'] }),
    rule('avoid-injury', when('injury', 'recent', 'equal', 'yes'), { scope: 'local', regionsFrom: ['injury.regions'], avoidRegions: true }),
    rule('varicose-cap', when('veins', 'varicose', 'equal', 'yes'), { scope: 'local', regionsFrom: ['veins.varicoseRegions'], pressureCap: 1 }),
    rule('stop', when('illness', 'feverOrAcuteIllness', 'equal', 'yes'), { disposition: 'postpone' }),
    rule('no-heat', when('metabolic', 'diabetes', 'equal', 'yes'), { positioning: ['no-heat'] }),
    rule('no-prone', when('client', 'pregnant', 'equal', 'yes'), { positioning: ['no-prone'] }),
  ]),
});

const SERVICES: ServiceInput[] = [
  { id: 'swedish-60', name: 'Swedish 60', techniques: ['swedish'], pressure: 3, durationMinutes: 60, bodyAreas: 'full-body', positioning: ['prone', 'supine'] },
  { id: 'deep-60', name: 'Deep tissue 60', techniques: ['deep-tissue'], pressure: 4, durationMinutes: 60, bodyAreas: 'full-body' },
  { id: 'knee-30', name: 'Knee 30', techniques: ['swedish'], pressure: 3, durationMinutes: 30, bodyAreas: ['left-knee'] },
  {
    id: 'legs-45',
    name: 'Legs 45',
    techniques: ['swedish'],
    pressure: 3,
    durationMinutes: 45,
    bodyAreas: ['left-knee', 'right-knee', 'left-lower-leg', 'right-lower-leg'],
  },
  { id: 'hot-stone-75', name: 'Hot stone 75', techniques: ['hot-stone', 'swedish'], pressure: 3, durationMinutes: 75, bodyAreas: 'full-body', heat: true },
  { id: 'heat-wrap-60', name: 'Swedish with heat 60', techniques: ['swedish'], pressure: 2, durationMinutes: 60, bodyAreas: ['upper-back', 'neck'], heat: true },
];

async function screened(set: Record<string, unknown>): Promise<ScreeningSuccess> {
  const r = await screener.screen(withAnswers(BASELINE_INTAKE, set), { at: AT });
  if (!r.ok) throw new Error(r.issues.map((i) => i.pathString).join(', '));
  return r;
}
function byId(r: CheckServicesResult): Record<string, ServiceCheck> {
  if (!r.ok) throw new Error(r.issues.map((i) => i.pathString).join(', '));
  return Object.fromEntries(r.services.map((s) => [s.serviceId, s]));
}
const check = async (set: Record<string, unknown>) => byId(checkServices(await screened(set), SERVICES, { techniques: CATALOG }));

describe('checkServices: verdicts', () => {
  it('nothing found: every service books online', async () => {
    const s = await check({});
    for (const c of Object.values(s)) {
      expect(c.verdict).toBe('book-online');
      expect(c.reasons).toEqual([]);
      expect(c.alternatives).toEqual([]);
    }
    expect(Object.keys(s)).toEqual(SERVICES.map((x) => x.id));
  });

  it('a pressure cap: lighter where the technique allows it, not bookable where it needs more', async () => {
    const s = await check({ 'heart.heartCondition': 'yes' });
    expect(s['swedish-60']).toMatchObject({ verdict: 'book-with-modifications', maxPressure: 2, ruleIds: ['cap-2'] });
    expect(s['swedish-60']!.reasons.map((r) => r.code)).toContain('pressure-above-cap');
    expect(s['deep-60']).toMatchObject({ verdict: 'not-bookable', ruleIds: ['cap-2'] });
    expect(s['deep-60']!.reasons.map((r) => r.code)).toEqual(['technique-needs-more-pressure']);
    // Already at the cap: no lighter pressure needed, but a modify screening never books online.
    expect(s['heat-wrap-60']!.verdict).toBe('book-with-modifications');
    expect(s['heat-wrap-60']!.maxPressure).toBeUndefined();
    expect(s['deep-60']!.alternatives.length).toBeGreaterThan(0);
    for (const id of s['deep-60']!.alternatives) expect(s[id]!.verdict).not.toBe('not-bookable');
    // Full-body services first (they share the most areas), then by duration.
    expect(s['deep-60']!.alternatives[0]).toBe('swedish-60');
  });

  it('an avoided technique: not bookable', async () => {
    const s = await check({ 'medications.anticoagulants': 'yes' });
    expect(s['deep-60']).toMatchObject({ verdict: 'not-bookable', ruleIds: ['no-deep'] });
    expect(s['deep-60']!.reasons[0]?.code).toBe('technique-avoided');
    expect(s['swedish-60']).toMatchObject({ verdict: 'book-with-modifications', ruleIds: ['no-deep'] });
    expect(s['swedish-60']!.reasons.map((r) => r.code)).toEqual(['precaution']);
  });

  it('avoided regions: all of a service’s areas → not bookable; some → leave them out', async () => {
    const s = await check({ 'injury.recent': 'yes', 'injury.regions': ['left-knee'] });
    expect(s['knee-30']).toMatchObject({ verdict: 'not-bookable', ruleIds: ['avoid-injury'] });
    expect(s['knee-30']!.reasons[0]?.code).toBe('regions-avoided');
    expect(s['legs-45']).toMatchObject({ verdict: 'book-with-modifications', skipRegions: ['left-knee'] });
    expect(s['swedish-60']).toMatchObject({ verdict: 'book-with-modifications', skipRegions: ['left-knee'] });
    expect(s['heat-wrap-60']!.skipRegions).toEqual([]);
    expect(s['knee-30']!.alternatives[0]).toBe('legs-45');
  });

  it('a lower cap on some regions: with modifications', async () => {
    const s = await check({ 'veins.varicose': 'yes', 'veins.varicoseRegions': ['right-lower-leg'] });
    expect(s['legs-45']!.verdict).toBe('book-with-modifications');
    expect(s['legs-45']!.reasons.find((r) => r.code === 'regional-pressure-cap')).toMatchObject({ ruleIds: ['varicose-cap'] });
    expect(s['knee-30']!.reasons.map((r) => r.code)).toEqual(['precaution']);
  });

  it('no heat: hot stone not bookable, a heated Swedish without heat', async () => {
    const s = await check({ 'metabolic.diabetes': 'yes' });
    expect(s['hot-stone-75']).toMatchObject({ verdict: 'not-bookable', ruleIds: ['no-heat'] });
    expect(s['heat-wrap-60']).toMatchObject({ verdict: 'book-with-modifications', ruleIds: ['no-heat'] });
    expect(s['heat-wrap-60']!.reasons[0]?.code).toBe('heat');
  });

  it('no lying face down: a prone service with modifications', async () => {
    const s = await check({ 'client.pregnant': 'yes' });
    expect(s['swedish-60']!.reasons.map((r) => r.code)).toEqual(['positioning']);
    expect(s['swedish-60']!.ruleIds).toEqual(['no-prone']);
  });

  it('postpone or worse: nothing bookable, the reasons are the flags (the deciding one as the summary), no alternatives', async () => {
    const s = await check({ 'illness.feverOrAcuteIllness': 'yes', 'heart.heartCondition': 'yes' });
    for (const c of Object.values(s)) {
      expect(c.verdict).toBe('not-bookable');
      expect(c.ruleIds).toEqual(['stop']);
      expect(c.reasons).toEqual([
        {
          code: 'disposition',
          ruleIds: ['stop'],
          text: 'Postpone: no session today. Rule stop. Therapist message of stop.',
          clientText: 'No massage today. Client message of stop.',
        },
      ]);
      expect(c.alternatives).toEqual([]);
    }
  });

  it('an incomplete draft: nothing bookable; a complete one as its screening', async () => {
    const drafts = createDraftScreener(screener);
    const partial = await drafts.screen({ clots: { legSigns: 'no' } }, { at: AT });
    const s = byId(checkServices(partial, SERVICES, { techniques: CATALOG }));
    for (const c of Object.values(s)) expect(c.reasons.map((r) => r.code)).toEqual(['incomplete']);
    const complete = await drafts.screen(withAnswers(BASELINE_INTAKE, { 'heart.heartCondition': 'yes' }), { at: AT });
    expect(checkServices(complete, SERVICES, { techniques: CATALOG })).toEqual(
      checkServices(await screened({ 'heart.heartCondition': 'yes' }), SERVICES, { techniques: CATALOG }),
    );
  });

  it('a failed screening: nothing bookable', async () => {
    const failed = await screener.screen({ clots: 'nonsense' }, { at: AT });
    const s = byId(checkServices(failed, SERVICES, { techniques: CATALOG }));
    for (const c of Object.values(s)) expect(c).toMatchObject({ verdict: 'not-bookable', alternatives: [] });
    expect(s['swedish-60']!.reasons[0]?.code).toBe('screening-failed');
  });

  it('works with the bundled technique catalog', async () => {
    const r = byId(checkServices(await screened({ 'heart.heartCondition': 'yes' }), SERVICES));
    expect(r['deep-60']!.verdict).toBe('not-bookable');
    expect(r['swedish-60']!.verdict).toBe('book-with-modifications');
  });

  it('a technique the catalog does not describe cannot be promised lighter', async () => {
    const s = byId(
      checkServices(await screened({ 'heart.heartCondition': 'yes' }), [{ ...SERVICES[0]!, id: 'cupping', techniques: ['cupping'] }], { techniques: CATALOG }),
    );
    expect(s['cupping']!.verdict).toBe('not-bookable');
  });
});

/** What JavaScript (or JSON from a booking app's database) can pass where the types say `readonly ServiceInput[]`. */
const fromJs = (services: unknown) => services as readonly ServiceInput[];

describe('checkServices: input', () => {
  it('bad services are typed issues at their path', () => {
    const r = checkServices({ ok: false, issues: [] }, fromJs([{ ...SERVICES[0], pressure: 7 }, { ...SERVICES[1], techniques: ['magic'] }]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.pathString, i.code])).toEqual([['0.pressure', 'too_big'], ['1.techniques.0', 'invalid_value']]);
    const dup = checkServices({ ok: false, issues: [] }, [SERVICES[0]!, SERVICES[1]!, SERVICES[0]!]);
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.issues.map((i) => i.pathString)).toEqual(['2.id']);
    const missing = checkServices({ ok: false, issues: [] }, fromJs([{ id: 'x' }]));
    expect(!missing.ok && missing.issues.some((i) => i.pathString === '0.techniques' && i.code === 'required')).toBe(true);
  });

  it('takes readonly ServiceInput[] in the types: ids are checked by the compiler, services declared as const fit', () => {
    expectTypeOf(checkServices).parameter(1).toEqualTypeOf<readonly ServiceInput[]>();
    const asConst = [{ id: 'relax-60', name: 'Relax 60', techniques: ['swedish'], pressure: 2, durationMinutes: 60, bodyAreas: ['neck', 'upper-back'] }] as const;
    expect(checkServices({ ok: false, issues: [] }, asConst).ok).toBe(true);
    // @ts-expect-error a misspelt technique is a compile error
    const typo: ServiceInput = { ...SERVICES[0]!, techniques: ['deep-tisue'] };
    expect(checkServices({ ok: false, issues: [] }, [typo]).ok).toBe(false);
  });

  it('a misspelt technique, region or position lists the allowed ids and suggests the nearest', () => {
    const r = checkServices(
      { ok: false, issues: [] },
      fromJs([{ ...SERVICES[1], techniques: ['deep-tisue'], bodyAreas: ['left-kne'], positioning: ['prone', 'sidelying'] }]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const all = (ids: readonly string[]) => `Choose one of: ${ids.map((t) => JSON.stringify(t)).join(', ')}.`;
    expect(r.issues.map((i) => [i.pathString, i.code, i.message])).toEqual([
      ['0.techniques.0', 'invalid_value', `Did you mean "deep-tissue"? ${all(TECHNIQUES)}`],
      ['0.bodyAreas.0', 'invalid_value', `Did you mean "left-knee"? ${all(BODY_REGIONS)}`],
      ['0.positioning.1', 'invalid_value', `Did you mean "side-lying"? ${all(['prone', 'supine', 'side-lying', 'seated'])}`],
    ]);
  });

  it('an id near none of the allowed ones lists them without a suggestion; "full body" is near "full-body"', () => {
    const far = checkServices({ ok: false, issues: [] }, fromJs([{ ...SERVICES[0], techniques: ['shiatsu'] }]));
    expect(!far.ok && far.issues.map((i) => i.message)).toEqual([`Choose one of: ${TECHNIQUES.map((t) => JSON.stringify(t)).join(', ')}.`]);
    const spaced = checkServices({ ok: false, issues: [] }, fromJs([{ ...SERVICES[0], bodyAreas: 'full body' }]));
    expect(!spaced.ok && spaced.issues.map((i) => [i.pathString, i.message])).toEqual([['0.bodyAreas', 'Did you mean "full-body"? Choose one of: "full-body".']]);
  });

  it('a misspelt technique id in a catalog suggests too', async () => {
    const catalog = { ...CATALOG, techniques: [{ ...CATALOG.techniques[0]!, id: 'sweedish' }] };
    const r = checkServices(await screened({}), SERVICES, { techniques: catalog });
    expect(!r.ok && r.issues.map((i) => [i.pathString, i.message.slice(0, 30)])).toEqual([['techniques.techniques.0.id', 'Did you mean "swedish"? Choose']]);
  });

  it('a bad catalog is an issue', async () => {
    const r = checkServices(await screened({}), SERVICES, { techniques: { version: 1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.every((i) => i.path[0] === 'techniques')).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (result, services) => {
        const r = checkServices(result as never, fromJs(services));
        // A refusal names its issues; an answer has one verdict per service given, and random input never books.
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
        else {
          expect(Array.isArray(services) ? r.services.length : -1).toBe(Array.isArray(services) ? services.length : -1);
          for (const s of r.services) expect(s.verdict).not.toBe('book-online');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkServices: properties', () => {
  const answers = fc.record(
    {
      'heart.heartCondition': fc.constantFrom('yes', 'no'),
      'medications.anticoagulants': fc.constantFrom('yes', 'no'),
      'injury.recent': fc.constantFrom('yes', 'no'),
      'injury.regions': fc.subarray(['left-knee', 'right-knee', 'upper-back', 'neck']),
      'veins.varicose': fc.constantFrom('yes', 'no'),
      'veins.varicoseRegions': fc.subarray(['left-lower-leg', 'right-lower-leg']),
      'illness.feverOrAcuteIllness': fc.constantFrom('yes', 'no', 'no', 'no'),
      'metabolic.diabetes': fc.constantFrom('yes', 'no'),
    },
    { requiredKeys: [] },
  );

  it('alternatives are bookable and never the service itself; only proceed books online; stops book nothing', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async (set) => {
        const r = await screened(set);
        const s = byId(checkServices(r, SERVICES, { techniques: CATALOG }));
        for (const c of Object.values(s)) {
          if (r.disposition !== 'proceed') expect(c.verdict).not.toBe('book-online');
          if (['postpone', 'clearance-required', 'refer-urgent'].includes(r.disposition)) expect(c.verdict).toBe('not-bookable');
          if (c.verdict !== 'book-online') expect(c.reasons.length).toBeGreaterThan(0);
          for (const a of c.alternatives) {
            expect(a).not.toBe(c.serviceId);
            expect(s[a]!.verdict).not.toBe('not-bookable');
          }
          for (const id of c.ruleIds) expect(r.flags.map((f) => f.ruleId)).toContain(id);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('adding a risk never makes a service more bookable', async () => {
    const rank = { 'book-online': 0, 'book-with-modifications': 1, 'not-bookable': 2 } as const;
    await fc.assert(
      fc.asyncProperty(answers, fc.constantFrom('heart.heartCondition', 'medications.anticoagulants', 'metabolic.diabetes', 'illness.feverOrAcuteIllness'), async (set, extra) => {
        const a = byId(checkServices(await screened(set), SERVICES, { techniques: CATALOG }));
        const b = byId(checkServices(await screened({ ...set, [extra]: 'yes' }), SERVICES, { techniques: CATALOG }));
        for (const id of Object.keys(a)) expect(rank[b[id]!.verdict]).toBeGreaterThanOrEqual(rank[a[id]!.verdict]);
      }),
      { numRuns: 40 },
    );
  });
});

