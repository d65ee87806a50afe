import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  FOLLOW_UPS,
  isFollowUpRelevant,
  relevantFollowUps,
  withAnswers,
} from 'massage-triage';
import { fhirQuestionLinkIds } from '../../src/interop/fhir.js';

describe('FOLLOW_UPS', () => {
  it('names only intake questions, and never a safety question as a follow-up', () => {
    const paths = new Set(fhirQuestionLinkIds());
    for (const [followUp, rule] of Object.entries(FOLLOW_UPS)) {
      expect(paths.has(followUp), followUp).toBe(true);
      expect(paths.has(rule.question), rule.question).toBe(true);
      expect(rule.answers.length).toBeGreaterThan(0);
      expect(followUp.split('.')[0]).toBe(rule.question.split('.')[0]);
    }
    for (const safety of ['clots.legSigns', 'clots.history', 'bones.fracture', 'client.pregnant', 'redFlags.saddleNumbness', 'cancer.status'])
      expect(Object.keys(FOLLOW_UPS)).not.toContain(safety);
  });

  it('has no cycles', () => {
    for (const start of Object.keys(FOLLOW_UPS)) {
      const seen = new Set<string>();
      let p: string | undefined = start;
      while (p && FOLLOW_UPS[p]) {
        expect(seen.has(p), start).toBe(false);
        seen.add(p);
        p = FOLLOW_UPS[p]!.question;
      }
    }
  });
});

describe('relevantFollowUps', () => {
  it('lists nothing for a baseline intake', () => {
    expect(relevantFollowUps(BASELINE_INTAKE)).toEqual([]);
    expect(relevantFollowUps({})).toEqual([]);
    expect(relevantFollowUps(null)).toEqual([]);
  });

  it('lists the follow-ups of a yes or an unsure, and not of a no', () => {
    expect(relevantFollowUps({ bones: { fracture: 'yes' } })).toEqual([
      'bones.fractureRegions',
      'bones.fractureDate',
      'bones.fractureHealedCleared',
      'bones.fractureCastOrHardware',
      'bones.fractureSymptoms',
    ]);
    expect(relevantFollowUps({ client: { pregnant: 'unsure' } })).toEqual([
      'client.pregnancyWeeks',
      'client.pregnancyComplications',
      'client.pregnancyHighRisk',
      'client.pregnancyWarningSigns',
    ]);
    expect(relevantFollowUps({ client: { pregnant: 'no' } })).toEqual([]);
    // form strings as parseIntake reads them
    expect(relevantFollowUps({ client: { pregnant: ' Not sure ' } })).toContain('client.pregnancyWeeks');
    expect(relevantFollowUps({ client: { pregnant: 'YES' } })).toContain('client.pregnancyWeeks');
  });

  it('follows chains and multi-valued questions', () => {
    expect(relevantFollowUps({ cancer: { status: 'none' } })).toEqual([]);
    const history = relevantFollowUps({ cancer: { status: 'history' } });
    expect(history).toContain('cancer.treatments');
    expect(history).not.toContain('cancer.radiationRegions');
    expect(relevantFollowUps({ cancer: { status: 'history', treatments: ['surgery', 'radiation'] } })).toContain('cancer.radiationRegions');
    // the chain breaks when the first link is not relevant
    expect(isFollowUpRelevant('cancer.radiationRegions', { cancer: { status: 'none', treatments: ['radiation'] } })).toBe(false);
    expect(isFollowUpRelevant('metabolic.neuropathyRegions', { metabolic: { diabetes: 'yes', neuropathy: 'yes' } })).toBe(true);
    expect(isFollowUpRelevant('metabolic.neuropathyRegions', { metabolic: { diabetes: 'no', neuropathy: 'yes' } })).toBe(false);
  });

  it('treats a non-follow-up as always relevant, and reads no inherited properties', () => {
    expect(isFollowUpRelevant('clots.legSigns', {})).toBe(true);
    expect(isFollowUpRelevant('client.pregnancyWeeks', JSON.parse('{"__proto__": {"pregnant": "yes"}}'))).toBe(false);
    expect(isFollowUpRelevant('toString', {})).toBe(true);
  });

  it('matches a whole intake as fixtures build it', () => {
    const intake = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'allergies.any': 'yes' });
    expect(relevantFollowUps(intake)).toEqual(['clots.legSignsSide', 'allergies.allergens', 'allergies.details']);
  });
});
