import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clearanceSchema,
  conditionCatalogSchema,
  ALWAYS_ASKED_FOLLOW_UPS,
  FOLLOW_UPS,
  ICD10CM_SYSTEM,
  INTAKE_QUESTIONNAIRE_URL,
  INTAKE_SCHEMA_VERSION,
  intakeSchema,
  TRI_STATE,
  BODY_REGIONS,
  CONDITIONS,
  toFhirQuestionnaire,
  type FhirQuestionnaireItem,
} from 'massage-triage';
import { ICD10CM_EXTENSION_URL, fhirQuestionLinkIds } from '../../src/interop/fhir.js';
import { allItems, fhirSchemaErrors, questionnaireInvariantErrors } from './fhir-validator.js';
import conditionsJson from '../../rules/conditions.json';

const q = toFhirQuestionnaire();
const items = [...allItems(q.item)] as FhirQuestionnaireItem[];
const byId = new Map(items.map((i) => [i.linkId, i]));
const questions = items.filter((i) => i.type !== 'group' && i.type !== 'display');
const item = (linkId: string): FhirQuestionnaireItem => {
  const i = byId.get(linkId);
  if (!i) throw new Error(`no item ${linkId}`);
  return i;
};

/** The questions of a group; a group added in intake model 2 is wrapped in a default (an empty group). */
function groupShape(s: unknown): object {
  const g = s as { shape?: object; _zod: { def: { innerType?: unknown } } };
  return g.shape ?? groupShape(g._zod.def.innerType);
}

/** The groups intake model 2 added: optional, so that an intake of model 1 still parses. */
const ADDED_GROUPS = ['neurology', 'liver', 'medicationEffects', 'bodyArt'];

/** Every answerable intake path, read from the zod shapes (not from the JSON Schema the generator reads). */
function intakePaths(): string[] {
  const out: string[] = [];
  const shape = intakeSchema.shape as Record<string, unknown>;
  for (const [group, s] of Object.entries(shape)) {
    if (['$schema', 'schemaVersion', 'completedAt', 'clearances'].includes(group)) continue;
    for (const k of Object.keys(groupShape(s))) out.push(`${group}.${k}`);
  }
  for (const k of Object.keys(clearanceSchema.shape)) out.push(`clearances.${k}`);
  return out;
}

describe('toFhirQuestionnaire', () => {
  it('is a valid R4 Questionnaire by the official R4 JSON Schema', () => {
    expect(q.resourceType).toBe('Questionnaire');
    expect(fhirSchemaErrors(q)).toEqual([]);
  });

  it('the checks are not vacuous: a wrong item type, an unknown element and a missing status are errors', () => {
    const bad = structuredClone(q) as unknown as { status?: string; item: { type: string }[] };
    bad.item[0]!.type = 'checkbox';
    expect(fhirSchemaErrors(bad).length).toBeGreaterThan(0);
    expect(fhirSchemaErrors({ ...q, hint: 'x' }).length).toBeGreaterThan(0);
    // The R4 JSON Schema requires only resourceType; 1..1 elements are checked by our invariant check.
    const noStatus = structuredClone(q) as unknown as { status?: string };
    delete noStatus.status;
    expect(questionnaireInvariantErrors(noStatus as never)).toContain('status missing (1..1)');
  });

  it('keeps the R4 invariants the JSON Schema cannot check (unique linkIds, groups with items, que-12, …)', () => {
    expect(questionnaireInvariantErrors(q as never)).toEqual([]);
    const broken = structuredClone(q);
    broken.item![0]!.item!.push({ ...broken.item![0]!.item![1]! });
    expect(questionnaireInvariantErrors(broken as never).some((e) => e.includes('not unique'))).toBe(true);
  });

  it('names itself: canonical url, version = intake schema version, active, title', () => {
    expect(q.url).toBe(INTAKE_QUESTIONNAIRE_URL);
    expect(q.url).toBe('https://massage-triage.dev/fhir/Questionnaire/massage-intake');
    expect(q.version).toBe(INTAKE_SCHEMA_VERSION);
    expect(q.status).toBe('active');
    expect(q.title).toBeTruthy();
    expect(toFhirQuestionnaire({ url: 'https://clinic.example/Q/intake', status: 'draft' })).toMatchObject({
      url: 'https://clinic.example/Q/intake',
      status: 'draft',
    });
  });

  it('has unique linkIds, and every question linkId is an intake dot path', () => {
    const ids = items.map((i) => i.linkId);
    expect(new Set(ids).size).toBe(ids.length);
    const paths = new Set(intakePaths());
    for (const i of questions) expect(paths.has(i.linkId), i.linkId).toBe(true);
    expect(questions.map((i) => i.linkId)).toEqual(fhirQuestionLinkIds());
  });

  it('has an item for every intake field, one group per intake group', () => {
    const ids = new Set(questions.map((i) => i.linkId));
    const missing = intakePaths().filter((p) => !ids.has(p));
    expect(missing).toEqual([]);
    const groups = (q.item ?? []).map((g) => g.linkId);
    const intakeGroups = Object.keys(intakeSchema.shape).filter((k) => !['$schema', 'schemaVersion', 'completedAt'].includes(k));
    expect(groups).toEqual(intakeGroups);
    for (const g of q.item ?? []) expect(g.type).toBe('group');
    // each question sits in its own group
    for (const g of q.item ?? [])
      for (const c of g.item ?? []) expect(c.linkId.startsWith(`${g.linkId}.`), c.linkId).toBe(true);
  });

  it('uses the right R4 item types', () => {
    expect(item('clots.legSigns').type).toBe('choice');
    expect(item('clots.legSigns').repeats).toBeUndefined();
    expect(item('clots.legSigns').answerOption!.map((o) => o.valueCoding!.code)).toEqual([...TRI_STATE]);
    expect(item('bones.fractureRegions')).toMatchObject({ type: 'choice', repeats: true });
    expect(item('bones.fractureRegions').answerOption!.map((o) => o.valueCoding!.code)).toEqual([...BODY_REGIONS]);
    expect(item('visit.conditions')).toMatchObject({ type: 'choice', repeats: true });
    expect(item('bones.osteoporosis').answerOption!.map((o) => o.valueCoding!.code)).toEqual(['none', 'osteopenia', 'osteoporosis', 'severe', 'unsure']);
    expect(item('bones.fractureDate').type).toBe('date');
    expect(item('client.dateOfBirth').type).toBe('date');
    expect(item('visit.painLevel').type).toBe('integer');
    expect(item('illness.temperatureC').type).toBe('decimal');
    expect(item('consent.informedConsent').type).toBe('boolean');
    expect(item('consent.guardianName').type).toBe('string');
    expect(item('visit.goals').type).toBe('text');
    expect(item('visit.icd10Codes')).toMatchObject({ type: 'string', repeats: true });
    expect(item('clearances')).toMatchObject({ type: 'group', repeats: true });
    for (const i of questions) expect(['choice', 'date', 'integer', 'decimal', 'boolean', 'string', 'text']).toContain(i.type);
  });

  it('codes every option with a system, code and display; the same vocabulary shares one system', () => {
    for (const i of questions.filter((x) => x.type === 'choice'))
      for (const o of i.answerOption ?? []) {
        expect(o.valueCoding?.system).toMatch(/^https:\/\/massage-triage\.dev\/fhir\/CodeSystem\//);
        expect(o.valueCoding?.code).toBeTruthy();
        expect(o.valueCoding?.display).toBeTruthy();
      }
    const sys = (id: string) => item(id).answerOption![0]!.valueCoding!.system;
    expect(sys('clots.legSigns')).toBe(sys('bones.fracture'));
    expect(sys('bones.fractureRegions')).toBe(sys('skin.woundRegions'));
    expect(sys('clots.legSigns')).not.toBe(sys('bones.osteoporosis'));
  });

  it('ranges become minValue / maxValue extensions', () => {
    const ext = (id: string) => Object.fromEntries((item(id).extension ?? []).map((e) => [e.url.split('/').pop(), e.valueInteger ?? e.valueDecimal]));
    expect(ext('visit.painLevel')).toEqual({ minValue: 0, maxValue: 10 });
    expect(ext('illness.temperatureC')).toEqual({ minValue: 30, maxValue: 45 });
    expect(item('illness.temperatureC').extension![0]!.valueDecimal).toBe(30);
  });

  it('marks required exactly the fields the intake requires', () => {
    expect(item('clots.legSigns').required).toBe(true);
    expect(item('client.dateOfBirth').required).toBe(true);
    expect(item('consent.informedConsent').required).toBe(true);
    expect(item('clearances.date').required).toBe(true);
    expect(item('clots.historyDate').required).toBeUndefined();
    expect(item('visit.painLevel').required).toBeUndefined();
    for (const g of q.item ?? []) expect(g.required ?? false, g.linkId).toBe(g.linkId !== 'clearances' && !ADDED_GROUPS.includes(g.linkId));
  });

  it('asks a follow-up only when the question it follows is answered yes or unsure', () => {
    const pw = item('client.pregnancyWeeks');
    expect(pw.enableBehavior).toBe('any');
    expect(pw.enableWhen!.map((w) => [w.question, w.operator, w.answerCoding?.code])).toEqual([
      ['client.pregnant', '=', 'yes'],
      ['client.pregnant', '=', 'unsure'],
    ]);
    const fd = item('bones.fractureDate');
    expect(fd.enableWhen!.map((w) => [w.question, w.answerCoding?.code])).toEqual([
      ['bones.fracture', 'yes'],
      ['bones.fracture', 'unsure'],
    ]);
    expect(item('bones.fractureRegions').enableWhen![0]!.question).toBe('bones.fracture');
    expect(item('cancer.portRegions').enableWhen!.map((w) => [w.question, w.answerCoding?.code])).toEqual([
      ['cancer.portOrDevice', 'yes'],
      ['cancer.portOrDevice', 'unsure'],
    ]);
    // the coding in enableWhen is the controlling question's own coding
    expect(fd.enableWhen![0]!.answerCoding!.system).toBe(item('bones.fracture').answerOption![0]!.valueCoding!.system);
    // safety questions are always asked, and so are the follow-ups the rules read whatever their trigger says
    expect(item('illness.temperatureC').enableWhen).toBeUndefined();
    expect(item('cancer.radiationRegions').enableWhen).toBeUndefined();
    expect(item('clots.legSigns').enableWhen).toBeUndefined();
    expect(item('bones.fracture').enableWhen).toBeUndefined();
  });

  it('carries every follow-up of FOLLOW_UPS but those always asked, and only those', () => {
    const always = new Set(ALWAYS_ASKED_FOLLOW_UPS);
    const withEnable = questions.filter((i) => i.enableWhen).map((i) => i.linkId).sort();
    expect(withEnable).toEqual(Object.keys(FOLLOW_UPS).filter((p) => !always.has(p)).sort());
    for (const [path, rule] of Object.entries(FOLLOW_UPS)) {
      if (always.has(path)) continue;
      const i = item(path);
      expect(i.enableWhen!.map((w) => w.answerCoding?.code)).toEqual(rule.answers);
      const controller = item(rule.question);
      const codes = controller.answerOption!.map((o) => o.valueCoding!.code);
      for (const a of rule.answers) expect(codes).toContain(a);
    }
  });

  it('gives each reason for a visit its ICD-10-CM codes from rules/conditions.json', () => {
    const catalog = conditionCatalogSchema.parse(conditionsJson);
    const options = item('visit.conditions').answerOption!;
    expect(options.map((o) => o.valueCoding!.code)).toEqual([...CONDITIONS]);
    let coded = 0;
    for (const entry of catalog.conditions) {
      const o = options.find((x) => x.valueCoding!.code === entry.id)!;
      const codes = (o.extension ?? []).filter((e) => e.url === ICD10CM_EXTENSION_URL).map((e) => e.valueCoding);
      expect(codes.map((c) => c!.system)).toEqual(codes.map(() => ICD10CM_SYSTEM));
      expect(codes.map((c) => c!.code)).toEqual([...new Set(entry.icd10.map((c) => c.replace(/-$/, '')))]);
      coded += codes.length;
    }
    expect(coded).toBeGreaterThan(0);
  });

  it('takes a conditions catalog option', () => {
    const custom = toFhirQuestionnaire({
      conditions: {
        version: 'x',
        conditions: [{ id: 'sciatica', name: 'Sciatica', icd10: ['M54.30', 'M54.4-'], synonyms: [], acute: true, references: [{ title: 't' }] }],
      },
    });
    const opts = [...allItems(custom.item)].find((i) => i.linkId === 'visit.conditions')!.answerOption;
    const sciatica = opts!.find((o) => o.valueCoding!.code === 'sciatica')!;
    expect(sciatica.extension!.map((e) => e.valueCoding!.code)).toEqual(['M54.30', 'M54.4']);
    expect(opts!.find((o) => o.valueCoding!.code === 'low-back-pain')!.extension).toBeUndefined();
    expect(fhirSchemaErrors(custom)).toEqual([]);
  });

  it('shows descriptions as help display items', () => {
    const help = item('client.pregnancyWeeks.help');
    expect(help.type).toBe('display');
    expect(help.text).toBe('How many weeks pregnant you are today.');
    expect(help.extension![0]!.valueCodeableConcept!.coding![0]!.code).toBe('help');
  });

  it('is deterministic and a fresh object each time', () => {
    const a = toFhirQuestionnaire();
    const b = toFhirQuestionnaire();
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    a.item![0]!.text = 'changed';
    expect(toFhirQuestionnaire().item![0]!.text).not.toBe('changed');
  });
});

describe('src/interop stays browser-safe', () => {
  it('imports no node: module and logs nothing', () => {
    const dir = new URL('../../src/interop/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('fhir.ts');
    for (const f of [...files.map((x) => new URL(x, dir)), new URL('../../src/intake/follow-ups.ts', import.meta.url)]) {
      const src = readFileSync(f, 'utf8');
      expect(src, String(f)).not.toMatch(/from\s+['"]node:|require\(|console\./);
      expect(src, String(f)).not.toMatch(/:\s*any\s*[;,)=>\]]|as any\b|<any>|@ts-ignore/);
    }
  });
});
