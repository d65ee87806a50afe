/**
 * The form-builder setup the library ships as data: the react-jsonschema-form uiSchema (a widget for every question
 * that needs one, hidden what a client does not fill in and what the answers do not ask), the RJSF defaults that must
 * stay off, and the follow-up conditions, which must say exactly what `FOLLOW_UPS` / `isFollowUpRelevant` say.
 */
import { getDefaultFormState } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv from 'ajv';
import fc from 'fast-check';
import {
  ALWAYS_ASKED_FOLLOW_UPS,
  BASELINE_INTAKE,
  FOLLOW_UPS,
  INTAKE_FORM_DEFAULTS,
  intakeFollowUpConditions,
  intakeJsonSchema,
  intakeUiSchema,
  isFollowUpRelevant,
  relevantFollowUps,
  withAnswers,
} from 'massage-triage';
import { describe, expect, it } from 'vitest';

type Json = Record<string, unknown>;
const schema = intakeJsonSchema() as Json & { properties: Record<string, Json & { properties?: Record<string, Json> }> };
const NOT_FILLED_IN = ['$schema', 'schemaVersion', 'completedAt', 'clearances'];
const HIDDEN = { 'ui:widget': 'hidden' };
const AT = '2026-06-15';

/** Every question of the schema: group, field, its schema. */
const questions = Object.entries(schema.properties)
  .filter(([, g]) => g.type === 'object')
  .flatMap(([group, g]) => Object.entries(g.properties ?? {}).map(([field, s]) => ({ group, field, path: `${group}.${field}`, s })));
const labelled = (s: unknown) => (s as { oneOf?: { const: unknown; title: string }[] } | undefined)?.oneOf;
const uiOf = (ui: Json, path: string) => {
  const [g, f] = path.split('.') as [string, string];
  return (ui[g] as Json | undefined)?.[f] as Json | undefined;
};

describe('intakeUiSchema', () => {
  it('has an entry for every top-level field and every question of the JSON Schema, and nothing else', () => {
    const ui = intakeUiSchema();
    expect(Object.keys(ui).sort()).toEqual(Object.keys(schema.properties).sort());
    for (const [group, g] of Object.entries(schema.properties))
      if (g.type === 'object') expect(Object.keys(ui[group] as Json).sort()).toEqual(Object.keys(g.properties ?? {}).sort());
    for (const key of NOT_FILLED_IN) expect(ui[key]).toEqual(HIDDEN);
  });

  it('gives a widget to every question that needs one: radio buttons, checkboxes with the schema’s labels, a checkbox', () => {
    // Every follow-up and guardian question shown: answers that ask them all, for a minor.
    const askAll: Record<string, unknown> = {};
    for (const { question, answers } of Object.values(FOLLOW_UPS)) {
      const isList = questions.find((x) => x.path === question)?.s.type === 'array';
      askAll[question] = isList ? [...new Set([...((askAll[question] as string[] | undefined) ?? []), ...answers])] : answers[0];
    }
    const answers = withAnswers(BASELINE_INTAKE, { ...askAll, 'client.dateOfBirth': '2012-01-01' });
    expect(relevantFollowUps(answers)).toEqual(Object.keys(FOLLOW_UPS));
    const ui = intakeUiSchema({ answers, at: AT });
    let radios = 0;
    let checkboxes = 0;
    for (const q of questions) {
      const u = uiOf(ui, q.path)!;
      if (q.path === 'client.pregnancyComplications') {
        expect(u).toEqual(HIDDEN); // intake model 1 only
        continue;
      }
      expect(u['ui:widget'], q.path).not.toBe('hidden');
      if (labelled(q.s)) {
        expect(u['ui:widget'], q.path).toBe('radio');
        radios += 1;
      } else if (q.s.type === 'array' && labelled(q.s.items)) {
        expect(u['ui:widget'], q.path).toBe('checkboxes');
        const options = (u['ui:options'] as { enumOptions: { value: unknown; label: string }[] }).enumOptions;
        expect(options).toEqual(labelled(q.s.items)!.map((o) => ({ value: o.const, label: o.title })));
        checkboxes += 1;
      } else if (q.s.type === 'boolean') expect(u['ui:widget'], q.path).toBe('checkbox');
    }
    expect(radios).toBeGreaterThan(80);
    expect(checkboxes).toBeGreaterThan(20);
    expect(uiOf(ui, 'visit.otherConcerns')?.['ui:widget']).toBe('textarea');
  });

  it('hides exactly the follow-ups the answers do not ask (the library’s own table)', () => {
    const answerArb = fc.dictionary(
      fc.constantFrom(...new Set(Object.values(FOLLOW_UPS).map((r) => r.question))),
      fc.constantFrom('yes', 'no', 'unsure', 'history', 'osteoporosis', 'none', ['radiation'], ['joint-replacement'], []),
      { maxKeys: 12 },
    );
    fc.assert(
      fc.property(answerArb, (set) => {
        const answers = withAnswers(BASELINE_INTAKE, set);
        const ui = intakeUiSchema({ answers, at: AT });
        const shown = new Set(relevantFollowUps(answers));
        for (const path of Object.keys(FOLLOW_UPS)) {
          if (path === 'client.pregnancyComplications') continue;
          expect(uiOf(ui, path)?.['ui:widget'] === 'hidden', path).toBe(!shown.has(path));
        }
      }),
      { numRuns: 200 },
    );
    // A new form: every follow-up hidden.
    const fresh = intakeUiSchema();
    for (const path of Object.keys(FOLLOW_UPS)) expect(uiOf(fresh, path)).toEqual(HIDDEN);
  });

  it('shows the guardian’s questions for a client under 18 on the appointment day, and when that cannot be told', () => {
    const guardian = (answers: unknown, at?: string) => uiOf(intakeUiSchema({ answers, ...(at ? { at } : {}) }), 'consent.guardianConsent')?.['ui:widget'];
    expect(guardian(withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '2008-06-16' }), AT)).toBe('checkbox'); // 17 the day before their birthday
    expect(guardian(withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '2008-06-15' }), AT)).toBe('hidden'); // 18 today
    expect(guardian({}, AT)).toBe('hidden'); // no date of birth yet
    expect(guardian(withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '2008-06-15' }))).toBe('checkbox'); // no appointment date
  });

  it('gives a fresh object each call', () => {
    const a = intakeUiSchema();
    ((a.client as Json).pregnant as Json)['ui:widget'] = 'select';
    (((a.visit as Json).painRegions as Json)['ui:options'] as { enumOptions: { label: string }[] }).enumOptions[0]!.label = 'changed';
    const b = intakeUiSchema();
    expect(((b.client as Json).pregnant as Json)['ui:widget']).toBe('radio');
    expect((((b.visit as Json).painRegions as Json)['ui:options'] as { enumOptions: { label: string }[] }).enumOptions[0]!.label).not.toBe('changed');
  });
});

describe('INTAKE_FORM_DEFAULTS', () => {
  const validator = customizeValidator();
  it('leaves every safety question unanswered and consent not given in a new RJSF form; RJSF’s own defaults answer them', () => {
    const mine = getDefaultFormState(validator, schema as never, {}, schema as never, false, INTAKE_FORM_DEFAULTS) as Json;
    // Only real defaults are filled in: the intake model's version.
    const answered = JSON.stringify(mine);
    expect(answered).not.toMatch(/"yes"|"no"|"unsure"/);
    expect((mine.consent as Json | undefined)?.informedConsent).toBeUndefined();
    // What the setting prevents: RJSF's defaults pre-answer "Are you pregnant?" with its first option.
    const rjsf = getDefaultFormState(validator, schema as never, {}, schema as never, false, {}) as Json;
    expect((rjsf.client as Json | undefined)?.pregnant).toBe('yes');
  });
});

describe('intakeFollowUpConditions', () => {
  const conditions = intakeFollowUpConditions();
  const ajv = new Ajv({ strict: false });
  const check = new Map(conditions.map((c) => [c.field, ajv.compile(c.jsonSchema)]));
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const holds = (answers: Json, when: readonly { question: string; answers: readonly string[] }[]) =>
    when.every((w) => {
      let v: unknown = answers;
      for (const k of w.question.split('.')) v = v !== null && typeof v === 'object' && !Array.isArray(v) && own(v, k) ? (v as Json)[k] : undefined;
      return Array.isArray(v) ? v.some((x) => w.answers.includes(x as string)) : w.answers.includes(v as string);
    });

  it('one per follow-up of FOLLOW_UPS, in its order, with its own trigger first and ALWAYS_ASKED_FOLLOW_UPS kept', () => {
    expect(conditions.map((c) => c.field)).toEqual(Object.keys(FOLLOW_UPS));
    for (const c of conditions) {
      expect(c.when[0]).toEqual(FOLLOW_UPS[c.field]);
      expect(c.keepHiddenAnswer).toBe(ALWAYS_ASKED_FOLLOW_UPS.includes(c.field));
    }
    // A chain is spelt out: radiation regions follow the treatments, which follow the cancer status.
    expect(conditions.find((c) => c.field === 'cancer.radiationRegions')?.when.map((w) => w.question)).toEqual(['cancer.treatments', 'cancer.status']);
  });

  it('as data and as JSON Schema, each says exactly what isFollowUpRelevant says, for answers as the form gives them', () => {
    const triggers = [...new Set(Object.values(FOLLOW_UPS).map((r) => r.question))];
    const optionsOf = (path: string) => {
      const q = questions.find((x) => x.path === path)!;
      return q.s.type === 'array' ? { list: true, values: labelled(q.s.items)!.map((o) => o.const) } : { list: false, values: labelled(q.s)!.map((o) => o.const) };
    };
    const answerArb = fc.record(
      Object.fromEntries(
        triggers.map((t) => {
          const { list, values } = optionsOf(t);
          return [t, list ? fc.subarray(values) : fc.constantFrom(...values)];
        }),
      ),
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answerArb, (set) => {
        const answers = withAnswers({}, set) as Json;
        for (const c of conditions) {
          const expected = isFollowUpRelevant(c.field, answers);
          expect(check.get(c.field)!(answers), c.field).toBe(expected);
          expect(holds(answers, c.when), c.field).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
