import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, BODY_REGIONS, intakeSchema, parseIntake, withAnswers } from 'massage-triage';
import { expectSoundParse } from './sound-result.js';

const base = BASELINE_INTAKE;

describe('parseIntake', () => {
  it('accepts the healthy baseline and fills the schema version', () => {
    const r = parseIntake(base);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.schemaVersion).toBe('2');
  });

  it('still parses an intake of model 1, without the groups model 2 added (they read as empty groups)', () => {
    const { neurology: _n, liver: _l, medicationEffects: _m, bodyArt: _b, ...older } = base;
    const r = parseIntake({ ...older, schemaVersion: '1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.schemaVersion).toBe('1');
    expect(r.data.neurology).toEqual({});
    expect(r.data.bodyArt).toEqual({});
    expect(parseIntake({ ...older, schemaVersion: '3' }).ok).toBe(false);
  });

  it('normalises what HTML forms send', () => {
    const r = parseIntake(
      withAnswers(base, {
        'client.pregnant': 'on',
        'client.pregnancyWeeks': '12',
        'medications.anticoagulants': 'Yes',
        'clots.history': 'Not sure',
        'visit.painLevel': ' 7 ',
        'visit.goals': '   ',
        'visit.painRegions': 'left-knee',
        'consent.informedConsent': 'on',
        'consent.guardianConsent': '',
        'medications.antiplatelets': false,
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.client.pregnant).toBe('yes');
    expect(r.data.client.pregnancyWeeks).toBe(12);
    expect(r.data.medications.anticoagulants).toBe('yes');
    expect(r.data.clots.history).toBe('unsure');
    expect(r.data.visit.painLevel).toBe(7);
    expect(r.data.visit.goals).toBeUndefined();
    expect(r.data.visit.painRegions).toEqual(['left-knee']);
    expect(r.data.consent.informedConsent).toBe(true);
    expect(r.data.consent.guardianConsent).toBeUndefined();
    expect(r.data.medications.antiplatelets).toBe('no');
  });

  it('reports an unknown (misspelt) safety field at its own path instead of dropping it', () => {
    const r = parseIntake(withAnswers(base, { 'clots.legSign': 'yes' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual(expect.objectContaining({ pathString: 'clots.legSign', code: 'unrecognized_key' }));
  });

  it('reports a missing safety answer as required, at its path', () => {
    const r = parseIntake(withAnswers(base, { 'redFlags.saddleNumbness': null }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      expect.objectContaining({ path: ['redFlags', 'saddleNumbness'], pathString: 'redFlags.saddleNumbness', code: 'required' }),
    ]);
  });

  it('rejects bad values of every kind of safety field with an issue at its path', () => {
    const cases: [string, unknown, string][] = [
      ['clots.legSigns', 'maybe', 'invalid_value'],
      ['bones.osteoporosis', 'very bad', 'invalid_value'],
      ['heart.bloodPressure', 3, 'invalid_value'],
      ['bones.fractureDate', '2026-02-30', 'invalid_format'],
      ['bones.fractureDate', '12/03/2026', 'invalid_format'],
      ['visit.painLevel', 11, 'too_big'],
      ['visit.painLevel', -1, 'too_small'],
      ['visit.painLevel', 'a lot', 'invalid_type'],
      ['bones.fractureRegions', ['left-wing'], 'invalid_value'],
      ['bones.fractureRegions', ['left-wrist', 'left-wrist'], 'custom'],
      ['client.pregnancyWeeks', 4.5, 'invalid_type'],
      ['consent.informedConsent', 'perhaps', 'invalid_type'],
      ['visit.icd10Codes', ['not-a-code'], 'invalid_format'],
    ];
    for (const [path, value, code] of cases) {
      const r = parseIntake(withAnswers(base, { [path]: value }));
      expect(r.ok, path).toBe(false);
      if (r.ok) continue;
      const at = r.issues.find((i) => i.pathString.startsWith(path));
      expect(at, `${path}=${JSON.stringify(value)}`).toBeDefined();
      expect(at?.code, path).toBe(code);
    }
  });

  it('keeps left and right apart', () => {
    const r = parseIntake(withAnswers(base, { 'bones.fracture': 'yes', 'bones.fractureRegions': ['left-wrist'] }));
    expect(r.ok && r.data.bones.fractureRegions).toEqual(['left-wrist']);
    expect(BODY_REGIONS).toContain('left-wrist');
    expect(BODY_REGIONS).toContain('right-wrist');
    expect(BODY_REGIONS).not.toContain('wrist');
  });

  it('reads ICD-10-CM codes from a comma-separated form field, upper-cased', () => {
    const r = parseIntake(withAnswers(base, { 'visit.icd10Codes': 'm54.50, G56.01' }));
    expect(r.ok && r.data.visit.icd10Codes).toEqual(['M54.50', 'G56.01']);
  });

  it('refuses input past the size limits with a too_large issue', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const r = parseIntake({ ...base, visit: { ...base.visit, goals: deep } });
    expect(r).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'too_large' })] });
  });

  it('refuses a 1 MB free-text answer at that field, not at the root, without its text (issue 21, finding 11)', () => {
    const huge = `SECRET ${'x'.repeat(1_000_000)}`;
    const r = parseIntake(withAnswers(base, { 'visit.otherConcerns': huge }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.pathString, i.code])).toEqual([['visit.otherConcerns', 'too_large']]);
    expect(r.issues[0]!.path).toEqual(['visit', 'otherConcerns']);
    expect(r.issues[0]!.message).toMatch(/longer than 10000 characters/);
    expect(JSON.stringify(r.issues)).not.toContain('SECRET');
    // In a list, the index is kept; under a key that is not a field name, the path stops above it.
    const inList = parseIntake(withAnswers(base, { 'visit.goals': ['relax', huge] }));
    expect(!inList.ok && inList.issues.map((i) => i.pathString)).toEqual(['visit.goals.1']);
    const underClientKey = parseIntake({ ...base, visit: { ...base.visit, 'my DVT was in 2019': huge } });
    expect(!underClientKey.ok && underClientKey.issues.map((i) => [i.pathString, i.code])).toEqual([['visit', 'too_large']]);
  });

  it('never repeats the client’s text in an issue message', () => {
    const marker = 'SECRET-MARKER-4711';
    const r = parseIntake(
      withAnswers(base, { 'clots.legSigns': marker, 'visit.painLevel': marker, 'bones.fractureDate': marker, [`clots.${marker}`]: 'yes' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const i of r.issues) expect(i.message).not.toContain(marker);
  });
});

describe('parseIntake properties', () => {
  it('never throws on arbitrary JSON and always returns a typed result (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        expectSoundParse(parseIntake(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary values inside an otherwise valid intake (500 runs)', () => {
    const paths = Object.entries(base).flatMap(([g, v]) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).map((k) => `${g}.${k}`) : [],
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
        expectSoundParse(parseIntake(withAnswers(base, { [path]: value })));
      }),
      { numRuns: 500 },
    );
  });

  it('an intake built from the schema’s own values parses to an equal value (300 runs)', () => {
    const tri = fc.constantFrom('yes', 'no', 'unsure');
    const region = fc.constantFrom(...BODY_REGIONS);
    const date = fc
      .date({ min: new Date('1920-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const arb = fc.record({
      legSigns: tri,
      history: tri,
      fracture: tri,
      fractureRegions: fc.uniqueArray(region, { maxLength: 4 }),
      fractureDate: date,
      painLevel: fc.integer({ min: 0, max: 10 }),
      osteoporosis: fc.constantFrom('none', 'osteopenia', 'osteoporosis', 'severe', 'unsure'),
      weeks: fc.integer({ min: 0, max: 45 }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const input = withAnswers(base, {
          'clots.legSigns': a.legSigns,
          'clots.history': a.history,
          'bones.fracture': a.fracture,
          'bones.fractureRegions': a.fractureRegions,
          'bones.fractureDate': a.fractureDate,
          'bones.osteoporosis': a.osteoporosis,
          'visit.painLevel': a.painLevel,
          'client.pregnancyWeeks': a.weeks,
        });
        const r = parseIntake(input);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.data).toEqual({ ...input, schemaVersion: '2' });
          // Parsing is idempotent: the output is itself a valid input that parses to itself.
          expect(intakeSchema.parse(r.data)).toEqual(r.data);
        }
      }),
      { numRuns: 300 },
    );
  });
});
