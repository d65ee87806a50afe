import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, OPERATORS, withAnswers } from 'massage-triage';
import { leaf, rule, ruleSet } from './helpers.js';

const AT = '2026-06-15';

/** For every operator: a condition, answers that make it fire, and a near miss that does not. */
const CASES: Record<string, { cond: ReturnType<typeof leaf>; fires: Record<string, unknown>; nearMiss: Record<string, unknown> }> = {
  equal: { cond: leaf('clots', 'legSigns', 'equal', 'yes'), fires: { 'clots.legSigns': 'yes' }, nearMiss: { 'clots.legSigns': 'unsure' } },
  notEqual: {
    cond: leaf('bones', 'osteoporosis', 'notEqual', 'none'),
    fires: { 'bones.osteoporosis': 'osteopenia' },
    nearMiss: { 'bones.osteoporosis': 'none' },
  },
  in: {
    cond: leaf('heart', 'bloodPressure', 'in', ['uncontrolled', 'unsure']),
    fires: { 'heart.bloodPressure': 'unsure' },
    nearMiss: { 'heart.bloodPressure': 'controlled' },
  },
  notIn: { cond: leaf('cancer', 'status', 'notIn', ['none']), fires: { 'cancer.status': 'history' }, nearMiss: { 'cancer.status': 'none' } },
  contains: {
    cond: leaf('injections', 'types', 'contains', 'steroid'),
    fires: { 'injections.types': ['botox', 'steroid'] },
    nearMiss: { 'injections.types': ['botox'] },
  },
  doesNotContain: {
    cond: leaf('allergies', 'allergens', 'doesNotContain', 'latex'),
    fires: { 'allergies.allergens': ['nuts'] },
    nearMiss: { 'allergies.allergens': ['nuts', 'latex'] },
  },
  lessThan: { cond: leaf('derived', 'ageYears', 'lessThan', 18), fires: { 'client.dateOfBirth': '2008-06-16' }, nearMiss: { 'client.dateOfBirth': '2008-06-15' } },
  lessThanInclusive: {
    cond: leaf('derived', 'daysSinceSurgery', 'lessThanInclusive', 42),
    fires: { 'surgery.recent': 'yes', 'surgery.date': '2026-05-04' },
    nearMiss: { 'surgery.recent': 'yes', 'surgery.date': '2026-05-03' },
  },
  greaterThan: { cond: leaf('illness', 'temperatureC', 'greaterThan', 37.9), fires: { 'illness.temperatureC': 38 }, nearMiss: { 'illness.temperatureC': 37.9 } },
  greaterThanInclusive: {
    cond: leaf('heart', 'systolic', 'greaterThanInclusive', 180),
    fires: { 'heart.systolic': 180 },
    nearMiss: { 'heart.systolic': 179 },
  },
  yesOrUnsure: { cond: leaf('clots', 'history', 'yesOrUnsure', true), fires: { 'clots.history': 'unsure' }, nearMiss: { 'clots.history': 'no' } },
  withinDays: {
    cond: leaf('derived', 'daysSinceFracture', 'withinDays', 84),
    fires: { 'bones.fracture': 'yes', 'bones.fractureDate': '2026-03-23' },
    nearMiss: { 'bones.fracture': 'yes', 'bones.fractureDate': '2026-03-22' },
  },
  includesAny: {
    cond: leaf('cancer', 'treatments', 'includesAny', ['chemotherapy', 'radiation']),
    fires: { 'cancer.status': 'active-treatment', 'cancer.treatments': ['radiation'] },
    nearMiss: { 'cancer.status': 'active-treatment', 'cancer.treatments': ['hormone'] },
  },
  isNotEmpty: { cond: leaf('derived', 'unsureAnswers', 'isNotEmpty', true), fires: { 'today.alcoholOrDrugs': 'unsure' }, nearMiss: {} },
};

describe('operators', () => {
  it('every operator in the catalog has a fire / near-miss case here', () => {
    expect(Object.keys(CASES).sort()).toEqual(OPERATORS.map((o) => o.name).sort());
  });

  const screener = createScreener({
    rules: ruleSet(Object.entries(CASES).map(([name, c]) => rule(`op-${name.toLowerCase()}`, { all: [c.cond] }))),
  });

  it.each(Object.entries(CASES))('%s fires, and its near miss does not', async (name, c) => {
    const id = `op-${name.toLowerCase()}`;
    const fired = await screener.screen(withAnswers(BASELINE_INTAKE, c.fires), { at: AT });
    const missed = await screener.screen(withAnswers(BASELINE_INTAKE, c.nearMiss), { at: AT });
    expect(fired.ok && missed.ok, 'both intakes screen').toBe(true);
    if (!fired.ok || !missed.ok) return;
    expect(fired.flags.map((f) => f.ruleId)).toContain(id);
    expect(missed.flags.map((f) => f.ruleId)).not.toContain(id);
  });

  it('withinDays is false for an event that did not happen (no days-since value)', async () => {
    const r = await screener.screen(BASELINE_INTAKE, { at: AT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.flags.map((f) => f.ruleId)).not.toContain('op-withindays');
  });

  it('a fracture answered yes without a date counts as recent (conservative)', async () => {
    const r = await screener.screen(withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes' }), { at: AT });
    expect(r.ok && r.flags.map((f) => f.ruleId)).toContain('op-withindays');
  });
});
