import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  FOLLOW_UPS,
  INTAKE_QUESTIONNAIRE_URL,
  fromFhirQuestionnaireResponse,
  parseIntake,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  withAnswers,
  type FhirQuestionnaireItem,
  type FhirQuestionnaireResponse,
  type FhirQuestionnaireResponseItem,
  type Intake,
  type ParseIntakeResult,
} from 'massage-triage';
import { allItems, fhirSchemaErrors } from './fhir-validator.js';
import { expectSoundParse } from '../intake/sound-result.js';

const TRI = 'https://massage-triage.dev/fhir/CodeSystem/tri-state';

function parsed(input: unknown): Intake {
  const r = parseIntake(input);
  if (!r.ok) throw new Error(`sample does not validate: ${r.issues.map((i) => `${i.pathString} ${i.message}`).join('; ')}`);
  return r.data;
}

/** What survives FHIR: `$schema` is not an answer, and FHIR has no empty answer list. */
function normalised(intake: Intake): unknown {
  return JSON.parse(
    JSON.stringify(intake, (k, v: unknown) => (k === '$schema' || (Array.isArray(v) && v.length === 0) ? undefined : v)),
  ) as unknown;
}

function data(r: ParseIntakeResult): Intake {
  if (!r.ok) throw new Error(`does not validate: ${r.issues.map((i) => `${i.pathString} ${i.message}`).join('; ')}`);
  return r.data;
}

const EXAMPLES_DIR = new URL('../../examples/intakes/', import.meta.url);
const examples: [string, unknown][] = existsSync(EXAMPLES_DIR)
  ? readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f): [string, unknown] => [f, JSON.parse(readFileSync(new URL(f, EXAMPLES_DIR), 'utf8')) as unknown])
      // the folder also holds expectations (a list); a sample intake is an object with its groups
      .filter(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v) && 'client' in v)
  : [];

const variants: [string, unknown][] = [
  ['baseline', BASELINE_INTAKE],
  [
    'pregnant with follow-ups',
    withAnswers(BASELINE_INTAKE, { 'client.pregnant': 'yes', 'client.pregnancyWeeks': 30, 'client.pregnancyComplications': 'unsure', completedAt: '2026-05-01' }),
  ],
  [
    'fracture with date and regions, osteoporosis',
    withAnswers(BASELINE_INTAKE, {
      'bones.fracture': 'yes',
      'bones.fractureDate': '2026-03-02',
      'bones.fractureRegions': ['left-wrist', 'right-ankle'],
      'bones.fractureHealedCleared': 'no',
      'bones.osteoporosis': 'severe',
      'bones.heightLoss': 'yes',
    }),
  ],
  [
    'cancer, devices, numbers, free text, icd-10, clearances',
    withAnswers(BASELINE_INTAKE, {
      'cancer.status': 'active-treatment',
      'cancer.treatments': ['chemotherapy', 'radiation'],
      'cancer.radiationRegions': ['left-chest'],
      'cancer.portOrDevice': 'yes',
      'cancer.portRegions': ['right-chest'],
      'heart.bloodPressure': 'uncontrolled',
      'heart.systolic': 165,
      'heart.diastolic': 101,
      'illness.feverOrAcuteIllness': 'yes',
      'illness.temperatureC': 38.4,
      'visit.diagnosed': 'yes',
      'visit.diagnosisText': 'Lumbar strain, "acute" — with *stars*',
      'visit.icd10Codes': ['M54.50', 'S39.012A'],
      'visit.diagnosedBy': 'physical-therapist',
      'visit.goals': 'Walk without pain.\nSleep through the night.',
      'visit.conditions': ['low-back-pain', 'sciatica', 'stress'],
      'consent.guardianName': 'A. Parent',
      'consent.guardianConsent': false,
      clearances: [
        { ruleId: 'clot-history-not-cleared', clearedBy: 'Dr. Who', date: '2026-04-01', validUntil: '2026-10-01' },
        { condition: 'cancer', date: '2026-04-02', scope: 'Light pressure only' },
      ],
    }),
  ],
  ['form strings normalised first', withAnswers(BASELINE_INTAKE, { 'clots.history': 'Not sure', 'visit.painLevel': '7', 'consent.informedConsent': 'on' })],
];

describe('toFhirQuestionnaireResponse → fromFhirQuestionnaireResponse', () => {
  it('has samples to run on', () => {
    expect(variants.length + examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each([...examples, ...variants])('round-trips %s and the response is valid R4', (_name, sample) => {
    const intake = parsed(sample);
    const qr = toFhirQuestionnaireResponse(intake);
    expect(fhirSchemaErrors(qr)).toEqual([]);
    expect(qr.questionnaire).toBe(`${INTAKE_QUESTIONNAIRE_URL}|${intake.schemaVersion}`);
    expect(qr.status).toBe('completed');
    const back = fromFhirQuestionnaireResponse(qr);
    expect(data(back)).toEqual(normalised(intake));
  });

  it('round-trips any valid intake (property)', () => {
    fc.assert(
      fc.property(arbitraryIntake(), (raw) => {
        const r = parseIntake(raw);
        fc.pre(r.ok);
        if (!r.ok) return;
        const qr = toFhirQuestionnaireResponse(r.data);
        expect(fhirSchemaErrors(qr)).toEqual([]);
        expect(data(fromFhirQuestionnaireResponse(qr))).toEqual(normalised(r.data));
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });

  it('writes typed answers: Coding for choices, one answer per list entry, authored from completedAt', () => {
    const intake = parsed(variants[3]![1]);
    const qr = toFhirQuestionnaireResponse({ ...intake, completedAt: '2026-05-03' }, { subject: { reference: 'Patient/1' } });
    const items = [...allResponseItems(qr.item)];
    const at = (id: string) => items.find((i) => i.linkId === id)!;
    expect(at('clots.legSigns').answer).toEqual([{ valueCoding: { system: TRI, code: 'no', display: 'No' } }]);
    expect(at('cancer.treatments').answer!.map((a) => a.valueCoding!.code)).toEqual(['chemotherapy', 'radiation']);
    expect(at('illness.temperatureC').answer).toEqual([{ valueDecimal: 38.4 }]);
    expect(at('heart.systolic').answer).toEqual([{ valueInteger: 165 }]);
    expect(at('consent.guardianConsent').answer).toEqual([{ valueBoolean: false }]);
    expect(at('visit.icd10Codes').answer).toEqual([{ valueString: 'M54.50' }, { valueString: 'S39.012A' }]);
    expect(items.filter((i) => i.linkId === 'clearances')).toHaveLength(2);
    expect(qr.authored).toBe('2026-05-03');
    expect(qr.subject).toEqual({ reference: 'Patient/1' });
  });
});

function* allResponseItems(items: readonly FhirQuestionnaireResponseItem[] | undefined): Generator<FhirQuestionnaireResponseItem> {
  for (const i of items ?? []) {
    yield i;
    yield* allResponseItems(i.item);
    for (const a of i.answer ?? []) yield* allResponseItems(a.item);
  }
}

const baseQr = () => toFhirQuestionnaireResponse(parsed(BASELINE_INTAKE));

function setAnswer(qr: FhirQuestionnaireResponse, linkId: string, answer: unknown[]): FhirQuestionnaireResponse {
  const copy = structuredClone(qr);
  const found = [...allResponseItems(copy.item)].find((i) => i.linkId === linkId);
  if (!found) throw new Error(linkId);
  found.answer = answer as never;
  return copy;
}

function addItem(qr: FhirQuestionnaireResponse, group: string, item: unknown): FhirQuestionnaireResponse {
  const copy = structuredClone(qr);
  copy.item!.find((g) => g.linkId === group)!.item!.push(item as FhirQuestionnaireResponseItem);
  return copy;
}

function issuesOf(r: ParseIntakeResult) {
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

const SECRET = 'SECRET-7731';

describe('fromFhirQuestionnaireResponse: problems', () => {
  it('an unknown linkId is an issue at that linkId, without the answer', () => {
    const qr = addItem(baseQr(), 'clots', { linkId: 'clots.legSignz', answer: [{ valueCoding: { system: TRI, code: SECRET } }] });
    const issues = issuesOf(fromFhirQuestionnaireResponse(qr));
    const i = issues.find((x) => x.pathString === 'clots.legSignz')!;
    expect(i).toMatchObject({ path: ['clots', 'legSignz'], code: 'unrecognized_key' });
    expect(JSON.stringify(issues)).not.toContain(SECRET);
  });

  it('a wrongly typed answer is an issue at its linkId, without the value', () => {
    const cases: [string, unknown][] = [
      ['clots.legSigns', { valueString: SECRET }],
      ['client.dateOfBirth', { valueInteger: 7731 }],
      ['visit.painLevel', { valueString: SECRET }],
      ['consent.informedConsent', { valueCoding: { code: SECRET } }],
      ['clots.legSigns', { valueCoding: { system: 'http://snomed.info/sct', code: SECRET } }],
      ['clots.legSigns', { valueCoding: SECRET }],
      ['clots.legSigns', { valueCoding: { code: 'yes' }, valueString: SECRET }],
    ];
    for (const [linkId, answer] of cases) {
      const issues = issuesOf(fromFhirQuestionnaireResponse(setAnswer(baseQr(), linkId, [answer])));
      expect(issues.map((i) => i.pathString), linkId).toContain(linkId);
      expect(issues.filter((i) => i.pathString === linkId), linkId).toHaveLength(1);
      expect(JSON.stringify(issues)).not.toContain(SECRET);
      expect(JSON.stringify(issues)).not.toContain('7731');
    }
  });

  it('a code the question does not offer is refused by the intake, at the linkId, without the value', () => {
    const issues = issuesOf(fromFhirQuestionnaireResponse(setAnswer(baseQr(), 'clots.legSigns', [{ valueCoding: { system: TRI, code: SECRET } }])));
    expect(issues).toEqual([expect.objectContaining({ pathString: 'clots.legSigns', code: 'invalid_value' })]);
    expect(JSON.stringify(issues)).not.toContain(SECRET);
  });

  it('a missing safety answer is `required` at its linkId', () => {
    const qr = structuredClone(baseQr());
    const clots = qr.item!.find((g) => g.linkId === 'clots')!;
    clots.item = clots.item!.filter((i) => i.linkId !== 'clots.legSigns');
    expect(issuesOf(fromFhirQuestionnaireResponse(qr))).toEqual([expect.objectContaining({ pathString: 'clots.legSigns', code: 'required' })]);
  });

  it('refuses two answers to a single question, a question answered twice, and a clearance field outside its group', () => {
    const two = setAnswer(baseQr(), 'clots.legSigns', [{ valueCoding: { code: 'no' } }, { valueCoding: { code: 'yes' } }]);
    expect(issuesOf(fromFhirQuestionnaireResponse(two)).map((i) => i.pathString)).toContain('clots.legSigns');
    const twice = addItem(baseQr(), 'clots', { linkId: 'clots.legSigns', answer: [{ valueCoding: { code: 'yes' } }] });
    expect(issuesOf(fromFhirQuestionnaireResponse(twice)).map((i) => i.pathString)).toContain('clots.legSigns');
    const stray = addItem(baseQr(), 'clots', { linkId: 'clearances.date', answer: [{ valueDate: '2026-01-01' }] });
    expect(issuesOf(fromFhirQuestionnaireResponse(stray)).map((i) => i.pathString)).toContain('clearances.date');
  });

  it('refuses another questionnaire, another version, and what is not a QuestionnaireResponse', () => {
    const other = { ...baseQr(), questionnaire: 'https://example.org/Questionnaire/phq-9' };
    expect(issuesOf(fromFhirQuestionnaireResponse(other))[0]).toMatchObject({ pathString: 'questionnaire' });
    const v3 = { ...baseQr(), questionnaire: `${INTAKE_QUESTIONNAIRE_URL}|3` };
    expect(issuesOf(fromFhirQuestionnaireResponse(v3))[0]).toMatchObject({ pathString: 'questionnaire' });
    // An answer to version 1 is still read, and keeps its version (so the questions it did not ask are listed).
    const v1 = fromFhirQuestionnaireResponse({ ...baseQr(), questionnaire: `${INTAKE_QUESTIONNAIRE_URL}|1` });
    expect(v1.ok && v1.data.schemaVersion).toBe('1');
    const clinic = { ...baseQr(), questionnaire: 'https://clinic.example/Q/intake' };
    expect(fromFhirQuestionnaireResponse(clinic, { questionnaireUrl: 'https://clinic.example/Q/intake' }).ok).toBe(true);
    expect(issuesOf(fromFhirQuestionnaireResponse({ resourceType: 'Patient' }))[0]).toMatchObject({ pathString: 'resourceType' });
    expect(issuesOf(fromFhirQuestionnaireResponse(null))[0]).toMatchObject({ pathString: 'resourceType' });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expectSoundParse(fromFhirQuestionnaireResponse(x));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), fc.integer({ min: 0, max: 30 }), (junk, n) => {
        const qr = structuredClone(baseQr()) as unknown as { item: unknown[] };
        qr.item.splice(n % qr.item.length, 1, junk);
        const r = fromFhirQuestionnaireResponse(qr);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a response past the size limits', () => {
    let deep: unknown = { linkId: 'clots' };
    for (let i = 0; i < 40; i++) deep = { linkId: 'clots', item: [deep] };
    const r = fromFhirQuestionnaireResponse({ resourceType: 'QuestionnaireResponse', status: 'completed', item: [deep] });
    expect(issuesOf(r)[0]!.code).toBe('too_large');
  });
});

describe('fromFhirQuestionnaireResponse: shapes renderers send', () => {
  const sample = parsed(variants[2]![1]);
  const expected = normalised(sample);

  it('reads items without their groups (flat)', () => {
    const qr = toFhirQuestionnaireResponse(sample);
    const flat = { ...qr, item: qr.item!.flatMap((g) => (g.linkId === 'clearances' ? [g] : (g.item ?? []))) };
    expect(fhirSchemaErrors(flat)).toEqual([]);
    expect(data(fromFhirQuestionnaireResponse(flat))).toEqual(expected);
  });

  it('reads follow-ups nested under the answer of the question they follow', () => {
    const qr = structuredClone(toFhirQuestionnaireResponse(sample));
    let moved = 0;
    for (const g of qr.item!) {
      const kids = g.item ?? [];
      for (const child of [...kids]) {
        const rule = FOLLOW_UPS[child.linkId];
        const parent = rule && kids.find((k) => k.linkId === rule.question);
        if (!parent?.answer?.[0]) continue;
        (parent.answer[0].item ??= []).push(child);
        kids.splice(kids.indexOf(child), 1);
        moved++;
      }
    }
    expect(moved).toBeGreaterThanOrEqual(3);
    expect(fhirSchemaErrors(qr)).toEqual([]);
    expect(data(fromFhirQuestionnaireResponse(qr))).toEqual(expected);
  });

  it('reads authored as a date-time, and an ICD-10-CM Coding as its code', () => {
    const qr = toFhirQuestionnaireResponse(parsed(BASELINE_INTAKE));
    const withTime = addItem({ ...qr, authored: '2026-05-04T09:30:00+02:00' }, 'visit', {
      linkId: 'visit.icd10Codes',
      answer: [{ valueCoding: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M54.50' } }, { valueString: 'g44.209' }],
    });
    const d = data(fromFhirQuestionnaireResponse(withTime));
    expect(d.completedAt).toBe('2026-05-04');
    expect(d.visit.icd10Codes).toEqual(['M54.50', 'G44.209']);
    expect(issuesOf(fromFhirQuestionnaireResponse({ ...qr, authored: '2026-05' }))[0]).toMatchObject({ pathString: 'authored' });
  });
});

/** Random intakes built from the Questionnaire itself: every question answered or not, within its type and range. */
function arbitraryIntake(): fc.Arbitrary<Record<string, unknown>> {
  const q = toFhirQuestionnaire();
  const valueOf = (i: FhirQuestionnaireItem): fc.Arbitrary<unknown> => {
    const bound = (name: string) => i.extension?.find((e) => e.url.endsWith(name));
    const one = (): fc.Arbitrary<unknown> => {
      switch (i.type) {
        case 'choice':
          return fc.constantFrom(...i.answerOption!.map((o) => o.valueCoding!.code!));
        case 'date':
          return fc.date({ min: new Date('1920-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
        case 'integer':
          return fc.integer({ min: bound('minValue')?.valueInteger ?? 0, max: bound('maxValue')?.valueInteger ?? 100 });
        case 'decimal':
          return fc.integer({ min: (bound('minValue')?.valueDecimal ?? 0) * 10, max: (bound('maxValue')?.valueDecimal ?? 100) * 10 }).map((n) => n / 10);
        case 'boolean':
          return fc.boolean();
        default:
          return i.linkId === 'visit.icd10Codes' ? fc.constantFrom('M54.50', 'G44.209', 'M79.7') : fc.string({ minLength: 1, maxLength: 40 });
      }
    };
    return i.repeats ? fc.uniqueArray(one(), { minLength: 1, maxLength: 4 }) : one();
  };
  const groupArb = (g: FhirQuestionnaireItem) => {
    const qs = (g.item ?? []).filter((i) => i.type !== 'display');
    const key = (i: FhirQuestionnaireItem) => i.linkId.split('.').pop()!;
    return fc.record(Object.fromEntries(qs.map((i) => [key(i), valueOf(i)])), {
      requiredKeys: qs.filter((i) => i.required).map(key),
    });
  };
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const g of q.item ?? []) shape[g.linkId] = g.repeats ? fc.array(groupArb(g), { maxLength: 2 }) : groupArb(g);
  shape.completedAt = fc.option(fc.constantFrom('2026-01-15', '2025-12-31'), { nil: undefined });
  return fc.record(shape).map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
}
