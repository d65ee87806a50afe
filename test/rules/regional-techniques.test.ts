/**
 * Issue 19, item 10: a local rule's techniques to avoid apply to its regions only. Varicose veins on one calf rule
 * out deep work on that calf, not on the back; the merged modifications, checkServices, the body map and the technique
 * suggestions all say so. A systemic rule's techniques still apply to the whole body.
 */
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, bodyMapStates, checkServices, renderBodyMap, screen, withAnswers, type ScreeningResult, type ServiceInput } from 'massage-triage';

const AT = '2026-06-15';
const calf = { 'veins.varicose': 'yes', 'veins.varicoseRegions': ['left-lower-leg'] };
type Ok = Extract<ScreeningResult, { ok: true }>;
async function ok(set: Record<string, unknown>): Promise<Ok> {
  const r = await screen(withAnswers(BASELINE_INTAKE, set), { at: AT });
  expect(r.ok).toBe(true);
  if (!r.ok) throw new Error('the intake must screen');
  return r;
}

const SERVICES: ServiceInput[] = [
  { id: 'deep-back', name: 'Deep tissue, back', techniques: ['deep-tissue'], pressure: 4, durationMinutes: 30, bodyAreas: ['upper-back', 'mid-back', 'low-back'] },
  { id: 'deep-legs', name: 'Deep tissue, left leg', techniques: ['deep-tissue'], pressure: 4, durationMinutes: 30, bodyAreas: ['left-thigh', 'left-knee'] },
  { id: 'deep-60', name: 'Deep tissue, full body', techniques: ['deep-tissue'], pressure: 4, durationMinutes: 60, bodyAreas: 'full-body' },
];

describe('per-region technique limits', () => {
  it('varicose veins on one calf: the calf is avoided, deep work stays allowed elsewhere', async () => {
    const r = await ok(calf);
    expect(r.disposition).toBe('modify');
    expect(r.modifications.avoidRegions).toEqual(['left-lower-leg']);
    expect(r.modifications.avoidTechniques).toEqual([]);
    expect(r.techniques.suggested.map((s) => s.technique)).toContain('deep-tissue');
    const [back, , full] = (checkServices(r, SERVICES) as Extract<ReturnType<typeof checkServices>, { ok: true }>).services;
    expect(back!.verdict).toBe('book-with-modifications');
    expect(back!.reasons.map((x) => x.code)).not.toContain('technique-avoided');
    expect(full!.verdict).toBe('book-with-modifications');
    expect(full!.skipRegions).toEqual(['left-lower-leg']);
  });

  it('a local rule that keeps its region workable lists its techniques for that region only', async () => {
    // An old clot in the left calf: gentle work on that limb, no deep techniques there; the body is free.
    const r = await ok({ 'clots.history': 'yes', 'clots.historyDate': '2016-06-01', 'clots.historyRegions': ['left-lower-leg'], 'clots.onTreatment': 'no', 'clots.cleared': 'no' });
    expect(r.disposition).toBe('modify');
    expect(r.modifications.pressureCap).toBeNull();
    expect(r.modifications.avoidTechniques).toEqual([]);
    expect(r.modifications.regionalAvoidTechniques.map((x) => x.region)).toEqual(['left-lower-leg']);
    expect([...r.modifications.regionalAvoidTechniques[0]!.techniques].sort()).toEqual(
      ['cupping', 'deep-tissue', 'friction', 'instrument-assisted', 'lymphatic-drainage', 'neuromuscular', 'percussion', 'trigger-point'],
    );
    expect(r.modifications.regionalPressureCaps).toEqual([{ region: 'left-lower-leg', pressureCap: 2 }]);
    const deep = r.techniques.suggested.find((s) => s.technique === 'deep-tissue');
    expect(deep?.reason).toMatch(/Not on: left calf \/ lower leg\./);

    const states = bodyMapStates(r);
    expect(states.get('left-lower-leg')).toEqual({ states: ['cap', 'technique-limit'], cap: 2, avoidTechniques: r.modifications.regionalAvoidTechniques[0]!.techniques });
    expect(states.get('low-back')).toBeUndefined();
    expect(renderBodyMap(r)).toMatch(/data-region="left-lower-leg"[^>]*data-avoid-techniques="[a-z -]*deep-tissue/);

    const res = checkServices(r, SERVICES);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [back, , full] = res.services;
    // The back has no limit of its own: only the general precaution of a modify result (never booked online).
    expect(back!.verdict).toBe('book-with-modifications');
    expect(back!.reasons.map((x) => x.code)).toEqual(['precaution']);
    expect(full!.verdict).toBe('book-with-modifications');
    const regional = full!.reasons.find((x) => x.code === 'regional-technique-avoided');
    expect(regional?.ruleIds).toEqual(['clot-history']);
    expect(regional?.text).toBe('No deep-tissue on: left calf / lower leg.');
  });

  it('a service whose every area rules a technique out cannot be booked', async () => {
    const r = await ok({ 'clots.history': 'yes', 'clots.historyDate': '2016-06-01', 'clots.historyRegions': ['left-thigh', 'left-knee'], 'clots.onTreatment': 'no', 'clots.cleared': 'yes' });
    const res = checkServices(r, SERVICES);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const legs = res.services[1]!;
    expect(legs.verdict).toBe('not-bookable');
    expect(legs.reasons[0]!.code).toBe('technique-avoided');
    expect(legs.reasons[0]!.ruleIds).toEqual(['clot-history']);
  });

  it('a systemic rule still rules its techniques out everywhere, and a local rule with no region named applies to the regions it can name', async () => {
    const warfarin = await ok({ ...calf, 'medications.anticoagulants': 'yes' });
    expect(warfarin.modifications.avoidTechniques).toContain('deep-tissue');
    expect(warfarin.modifications.regionalAvoidTechniques.some((x) => x.techniques.includes('deep-tissue'))).toBe(false);
    // Varicose veins with no region named: both legs (the rule's `regionsIfNone`) are avoided, never nothing; the
    // back keeps its techniques.
    const unnamed = await ok({ 'veins.varicose': 'yes' });
    expect(unnamed.modifications.avoidRegions).toEqual(expect.arrayContaining(['left-lower-leg', 'right-lower-leg', 'left-thigh', 'right-thigh']));
    expect(unnamed.modifications.avoidRegions).not.toContain('low-back');
    expect(unnamed.modifications.avoidTechniques).toEqual([]);
  });

  it('reflexology, given on the feet, is excluded when both feet are numb and suggested with numb hands only', async () => {
    const base = { 'visit.conditions': ['stress'], 'metabolic.diabetes': 'yes', 'metabolic.neuropathy': 'yes' };
    const feet = await ok({ ...base, 'metabolic.neuropathyRegions': ['left-foot', 'right-foot'] });
    const excluded = feet.techniques.excluded.find((x) => x.technique === 'reflexology');
    expect(excluded?.excludedBy).toEqual(['diabetes-neuropathy']);
    const hands = await ok({ ...base, 'metabolic.neuropathyRegions': ['left-hand', 'right-hand'] });
    expect(hands.techniques.suggested.map((s) => s.technique)).toContain('reflexology');
  });
});
