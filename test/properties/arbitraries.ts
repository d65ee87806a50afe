/**
 * Generators drawn from the intake model itself (`factCatalog()` and the intake JSON Schema), so that every question
 * is covered and a new question cannot be forgotten: `RISK_ORDER` must name every field, and a test checks it.
 */
import fc from 'fast-check';
import { BASELINE_INTAKE, defaultRuleSet, factCatalog, FOLLOW_UPS, intakeJsonSchema, withAnswers, type FactEntry } from 'massage-triage';

/** The appointment date of the property tests. */
export const AT = '2026-06-15';

type Js = Record<string, unknown>;
const schema = intakeJsonSchema() as unknown as { properties: Record<string, { properties: Record<string, Js>; required?: string[] }> };

/** Every intake question: the catalog entries that are not derived facts, with their JSON Schema. */
export const QUESTIONS = factCatalog()
  .filter((e) => e.fact !== 'derived')
  .map((e) => {
    const group = schema.properties[e.fact]!;
    const raw = group.properties[e.path]!;
    const js = (Array.isArray(raw.anyOf) ? (raw.anyOf as Js[]).find((s) => s.type !== 'null') : raw) ?? raw;
    return { ...e, js, required: (group.required ?? []).includes(e.path) };
  });
export type Question = (typeof QUESTIONS)[number];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** A real calendar date between two dates (inclusive). */
export const dateBetween = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map(isoDay);

/** Any allowed answer to one question (undefined: not answered, for optional questions). */
export function answerArb(q: Question): fc.Arbitrary<unknown> {
  const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => (q.required ? a : fc.option(a, { nil: undefined, freq: 3 }));
  switch (q.kind) {
    case 'answer':
    case 'choice':
      return opt(fc.constantFrom(...q.options!));
    case 'list':
      if (q.options) return opt(fc.subarray([...q.options], { maxLength: Math.min(4, q.options.length) }));
      return opt(fc.constantFrom(['M54.50'], ['M79.7', 'G43.909']));
    case 'number': {
      const min = Number(q.js.minimum ?? 0);
      const max = Number(q.js.maximum ?? 100);
      return opt(q.js.type === 'integer' ? fc.integer({ min, max }) : fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10));
    }
    case 'date':
      return q.path === 'dateOfBirth' ? dateBetween('1925-01-01', '2025-12-31') : opt(dateBetween('2024-01-01', AT));
    case 'boolean':
      return opt(fc.boolean());
    case 'text':
      return opt(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''));
  }
}

type Intake = Record<string, Record<string, unknown>>;
const clone = <T>(v: T): T => structuredClone(v);

const RULES = defaultRuleSet().rules;
/** A physician's clearance on file, for a default rule or a rule category. */
const clearanceArb = fc.oneof(
  fc.record({ ruleId: fc.constantFrom(...RULES.map((r) => r.id)), date: dateBetween('2025-01-01', AT), clearedBy: fc.constant('Dr Test') }),
  fc.record({ condition: fc.constantFrom(...new Set(RULES.flatMap((r) => (r.category ? [r.category] : [])))), date: dateBetween('2025-01-01', AT) }),
);

/**
 * A valid intake: the baseline, with each question kept (most often) or answered at random from its allowed values,
 * and sometimes a completion date.
 */
export const intakeArb: fc.Arbitrary<Intake> = fc
  .tuple(
    fc.tuple(...QUESTIONS.map((q) => fc.oneof({ arbitrary: fc.constant('keep' as const), weight: 3 }, { arbitrary: answerArb(q).map((v) => ({ v })), weight: 1 }))),
    fc.option(dateBetween('2026-01-01', AT), { nil: undefined }),
    fc.option(clearanceArb, { nil: undefined, freq: 4 }),
  )
  .map(([answers, completedAt, clearance]) => {
    const intake = clone(BASELINE_INTAKE) as unknown as Intake;
    QUESTIONS.forEach((q, i) => {
      const a = answers[i]!;
      if (a === 'keep') return;
      intake[q.fact] ??= {};
      if (a.v === undefined) delete intake[q.fact]![q.path];
      else intake[q.fact]![q.path] = a.v;
    });
    if (completedAt) {
      (intake as Record<string, unknown>).completedAt = completedAt;
      // An event cannot be dated after the intake was completed (parseIntake refuses it): keep dates on or before it.
      for (const q of QUESTIONS) {
        const v = intake[q.fact]?.[q.path];
        if (q.kind === 'date' && typeof v === 'string' && v > completedAt) intake[q.fact]![q.path] = completedAt;
      }
    }
    if (clearance) (intake as Record<string, unknown>).clearances = [clearance];
    return intake;
  });

/**
 * How each answer can get riskier. Explicit per field: a new question must be placed here (a test checks that every
 * catalog question is). Kinds:
 * - `tri`: no → yes, no → unsure (a follow-up only from an explicit "no"; an absent follow-up may be read as unsure).
 * - `protective`: a clearance: yes → no, yes → unsure.
 * - `ordinal`: along the chain; `unsure` is riskier than the first (none) only.
 * - `add-item` / `add-region`: one more option or region in a list that already names one. Naming the first one is
 *   not a risk factor: it replaces an unknown answer, which the rules read as the worst case, with a known one
 *   (no region named: the whole body; no injection type named: treated as "other", with the longer window).
 *   Found by this property: `injections.types` undefined → ["steroid"] drops `injection-other-site` (by design).
 * - `higher`: a higher number; `lower`: a lower one (hours since the last drink); `recent`: an event date moved closer to the appointment (never past it).
 * - `revoke`: a consent given (true) → not given (false).
 * - `none`: not a risk dimension (free text, who diagnosed, preferred pressure, the side of a clot sign or fistula
 *   (naming the side narrows both sides to one), pregnancy weeks (trimesters are not ordered by risk), date of birth
 *   (both ends of life carry risks), a prescription or a diagnosis, being in treatment).
 */
export const RISK_ORDER: Readonly<Record<string, { kind: 'tri' | 'protective' | 'add-item' | 'add-region' | 'higher' | 'lower' | 'recent' | 'revoke' | 'none' } | { kind: 'ordinal'; chain: readonly string[] }>> = {
  'client.dateOfBirth': { kind: 'none' },
  'client.pregnant': { kind: 'tri' },
  'client.pregnancyWeeks': { kind: 'none' },
  'client.pregnancyComplications': { kind: 'tri' },
  'client.pregnancyHighRisk': { kind: 'tri' },
  'client.pregnancyWarningSigns': { kind: 'tri' },
  'visit.conditions': { kind: 'add-item' },
  'visit.otherConcerns': { kind: 'none' },
  'visit.diagnosed': { kind: 'none' },
  'visit.diagnosisText': { kind: 'none' },
  'visit.icd10Codes': { kind: 'none' },
  'visit.diagnosedBy': { kind: 'none' },
  'visit.prescription': { kind: 'none' },
  'visit.prescriber': { kind: 'none' },
  'visit.prescriptionDate': { kind: 'none' },
  'visit.prescribedFrequency': { kind: 'none' },
  'visit.prescribedRegions': { kind: 'none' },
  'visit.painRegions': { kind: 'add-region' },
  'visit.painLevel': { kind: 'higher' },
  'visit.painSince': { kind: 'none' },
  'visit.goals': { kind: 'none' },
  'visit.preferredPressure': { kind: 'none' },
  'clots.history': { kind: 'tri' },
  'clots.historyDate': { kind: 'recent' },
  'clots.historyRegions': { kind: 'add-region' },
  'clots.onTreatment': { kind: 'none' },
  'clots.cleared': { kind: 'protective' },
  'clots.legSigns': { kind: 'tri' },
  'clots.legSignsSide': { kind: 'none' },
  'clots.breathlessnessOrChestPain': { kind: 'tri' },
  'clots.immobility': { kind: 'tri' },
  'clots.immobilityDate': { kind: 'recent' },
  'bones.fracture': { kind: 'tri' },
  'bones.fractureRegions': { kind: 'add-region' },
  'bones.fractureDate': { kind: 'recent' },
  'bones.fractureHealedCleared': { kind: 'protective' },
  'bones.fractureCastOrHardware': { kind: 'tri' },
  'bones.fractureSymptoms': { kind: 'tri' },
  'bones.suspectedFracture': { kind: 'tri' },
  'bones.suspectedFractureRegions': { kind: 'add-region' },
  'bones.suspectedFractureDate': { kind: 'recent' },
  'bones.osteoporosis': { kind: 'ordinal', chain: ['none', 'osteopenia', 'osteoporosis', 'severe'] },
  'bones.fragilityFracture': { kind: 'tri' },
  'bones.vertebralFracture': { kind: 'tri' },
  'bones.heightLoss': { kind: 'tri' },
  'medications.anticoagulants': { kind: 'tri' },
  'medications.antiplatelets': { kind: 'tri' },
  'medications.corticosteroids': { kind: 'tri' },
  'medications.painMedicationToday': { kind: 'tri' },
  'medications.other': { kind: 'none' },
  'surgery.recent': { kind: 'tri' },
  'surgery.regions': { kind: 'add-region' },
  'surgery.date': { kind: 'recent' },
  'surgery.restrictions': { kind: 'none' },
  'surgery.types': { kind: 'add-item' },
  'surgery.surgeonPrecautions': { kind: 'none' },
  'surgery.precautionWeeks': { kind: 'higher' },
  'injections.recent': { kind: 'tri' },
  'injections.types': { kind: 'add-item' },
  'injections.regions': { kind: 'add-region' },
  'injections.date': { kind: 'recent' },
  'cancer.status': { kind: 'ordinal', chain: ['none', 'history', 'active-treatment'] },
  'cancer.treatments': { kind: 'add-item' },
  'cancer.types': { kind: 'add-item' },
  'cancer.lastTreatmentDate': { kind: 'recent' },
  'cancer.radiationRegions': { kind: 'add-region' },
  'cancer.portOrDevice': { kind: 'tri' },
  'cancer.portRegions': { kind: 'add-region' },
  'cancer.lymphNodesRemoved': { kind: 'tri' },
  'cancer.lymphNodeRegions': { kind: 'add-region' },
  'cancer.boneMetastasis': { kind: 'tri' },
  'cancer.lowBloodCounts': { kind: 'tri' },
  'lymph.lymphedema': { kind: 'tri' },
  'lymph.regions': { kind: 'add-region' },
  'lymph.inTreatment': { kind: 'none' },
  'lymph.cellulitisSigns': { kind: 'tri' },
  'heart.bloodPressure': { kind: 'ordinal', chain: ['none', 'controlled', 'uncontrolled'] },
  'heart.systolic': { kind: 'higher' },
  'heart.diastolic': { kind: 'higher' },
  'heart.heartAttackOrStroke': { kind: 'tri' },
  'heart.heartAttackOrStrokeDate': { kind: 'recent' },
  'heart.cardiologistCleared': { kind: 'protective' },
  'heart.heartCondition': { kind: 'tri' },
  'heart.heartConditionTypes': { kind: 'add-item' },
  'heart.heartConditionLimits': { kind: 'ordinal', chain: ['none', 'ordinary-activity', 'light-activity', 'at-rest'] },
  'heart.implantedDevice': { kind: 'tri' },
  'heart.implantedDeviceRegions': { kind: 'add-region' },
  'heart.aneurysm': { kind: 'tri' },
  'heart.aneurysmRegions': { kind: 'add-region' },
  'metabolic.diabetes': { kind: 'tri' },
  'metabolic.neuropathy': { kind: 'tri' },
  'metabolic.neuropathyRegions': { kind: 'add-region' },
  'metabolic.insulinSiteRegions': { kind: 'add-region' },
  'metabolic.kidneyDisease': { kind: 'tri' },
  'metabolic.kidneyStatus': { kind: 'ordinal', chain: ['stage-1-3', 'stage-4-5', 'dialysis'] },
  'metabolic.fistulaArm': { kind: 'none' },
  'blood.bleedingDisorder': { kind: 'tri' },
  'blood.bleedingTypes': { kind: 'add-item' },
  'skin.contagious': { kind: 'tri' },
  'skin.conditionTypes': { kind: 'add-item' },
  'skin.contagiousRegions': { kind: 'add-region' },
  'skin.woundsOrBurns': { kind: 'tri' },
  'skin.woundRegions': { kind: 'add-region' },
  'veins.varicose': { kind: 'tri' },
  'veins.varicoseRegions': { kind: 'add-region' },
  'veins.phlebitis': { kind: 'tri' },
  'veins.phlebitisRegions': { kind: 'add-region' },
  'illness.feverOrAcuteIllness': { kind: 'tri' },
  'illness.temperatureC': { kind: 'higher' },
  'injury.recent': { kind: 'tri' },
  'injury.regions': { kind: 'add-region' },
  'injury.date': { kind: 'recent' },
  'joints.inflammatoryArthritis': { kind: 'tri' },
  'joints.flaring': { kind: 'tri' },
  'joints.hotJointRegions': { kind: 'add-region' },
  'joints.arthritisTypes': { kind: 'add-item' },
  'nerves.epilepsy': { kind: 'tri' },
  'nerves.lastSeizure': { kind: 'recent' },
  'nerves.triggers': { kind: 'none' },
  'other.hernia': { kind: 'tri' },
  'other.herniaRegions': { kind: 'add-region' },
  'other.fibromyalgiaFlare': { kind: 'tri' },
  'redFlags.saddleNumbness': { kind: 'tri' },
  'redFlags.bladderBowelChange': { kind: 'tri' },
  'redFlags.unexplainedWeightLoss': { kind: 'tri' },
  'redFlags.nightPain': { kind: 'tri' },
  'redFlags.suddenHeadacheOrNeuro': { kind: 'tri' },
  'today.alcoholOrDrugs': { kind: 'tri' },
  'neurology.tia': { kind: 'tri' },
  'neurology.tiaDate': { kind: 'recent' },
  'neurology.tiaAssessed': { kind: 'protective' },
  'neurology.numbness': { kind: 'tri' },
  'neurology.numbnessRegions': { kind: 'add-region' },
  'neurology.spinalCordInjury': { kind: 'tri' },
  'neurology.spinalCordInjuryLevel': { kind: 'ordinal', chain: ['lower', 'upper-thoracic', 'cervical'] },
  'neurology.autonomicDysreflexia': { kind: 'tri' },
  'neurology.faintingOrDizziness': { kind: 'tri' },
  'neurology.headInjury': { kind: 'tri' },
  'neurology.headInjuryDate': { kind: 'recent' },
  'neurology.whiplash': { kind: 'tri' },
  'neurology.whiplashDate': { kind: 'recent' },
  'liver.liverDisease': { kind: 'tri' },
  'liver.liverDetails': { kind: 'none' },
  'medicationEffects.muscleRelaxants': { kind: 'tri' },
  'medicationEffects.strongPainkillers': { kind: 'tri' },
  'medicationEffects.immunosuppressants': { kind: 'tri' },
  'medicationEffects.skinPatch': { kind: 'tri' },
  'medicationEffects.skinPatchRegions': { kind: 'add-region' },
  'bodyArt.recent': { kind: 'tri' },
  'bodyArt.regions': { kind: 'add-region' },
  'bodyArt.date': { kind: 'recent' },
  'today.hoursSinceLast': { kind: 'lower' },
  'today.feelsEffects': { kind: 'tri' },
  'allergies.any': { kind: 'tri' },
  'allergies.allergens': { kind: 'add-item' },
  'allergies.details': { kind: 'none' },
  'consent.informedConsent': { kind: 'revoke' },
  'consent.guardianName': { kind: 'none' },
  'consent.guardianConsent': { kind: 'revoke' },
};

/** Event questions and their dates: "a fracture with a date" is one risk factor. */
export const EVENT_DATES: Readonly<Record<string, string>> = {
  'clots.history': 'historyDate',
  'clots.immobility': 'immobilityDate',
  'bones.fracture': 'fractureDate',
  'bones.suspectedFracture': 'suspectedFractureDate',
  'surgery.recent': 'date',
  'injections.recent': 'date',
  'heart.heartAttackOrStroke': 'heartAttackOrStrokeDate',
  'injury.recent': 'date',
  'nerves.epilepsy': 'lastSeizure',
  'neurology.tia': 'tiaDate',
  'neurology.headInjury': 'headInjuryDate',
  'neurology.whiplash': 'whiplashDate',
  'bodyArt.recent': 'date',
};

/** One risk factor: answers to set, and a readable name for counterexamples. */
export interface RiskFactor {
  readonly name: string;
  readonly set: Readonly<Record<string, unknown>>;
}

const laterDates = (d: string): string[] => {
  const out: string[] = [];
  const t = Date.parse(`${d}T00:00:00Z`);
  const end = Date.parse(`${AT}T00:00:00Z`);
  for (const step of [1, 2, 7, 30, 90, 400]) if (t + step * 86_400_000 <= end) out.push(isoDay(new Date(t + step * 86_400_000)));
  return out;
};

/** Every single risk factor that can be added to `intake` (each genuinely riskier than its current answer). */
export function riskFactors(intake: Intake): RiskFactor[] {
  const out: RiskFactor[] = [];
  // An event dated after the intake was completed is an issue, not a risk: dates stay on or before the completion date.
  const completedAt = (intake as Record<string, unknown>).completedAt;
  const possible = (d: string) => typeof completedAt !== 'string' || d <= completedAt;
  for (const q of QUESTIONS) {
    const key = `${q.fact}.${q.path}`;
    const order = RISK_ORDER[key];
    const cur = intake[q.fact]?.[q.path];
    // The name is made only when read (a failure's message): the properties draw a few of an intake's many factors.
    const add = (value: unknown, extra: Record<string, unknown> = {}) =>
      out.push({
        get name() {
          return `${key}: ${JSON.stringify(cur)} → ${JSON.stringify(value)}${Object.keys(extra).length ? ` with ${JSON.stringify(extra)}` : ''}`;
        },
        set: { [key]: value, ...extra },
      });
    if (!order) continue;
    switch (order.kind) {
      case 'tri':
        if (cur === 'no') {
          add('yes');
          add('unsure');
          const dateField = EVENT_DATES[key];
          if (dateField) for (const d of ['2026-06-14', '2026-05-01', '2025-12-01'].filter(possible)) add('yes', { [`${q.fact}.${dateField}`]: d });
        }
        break;
      case 'protective':
        if (cur === 'yes') {
          add('no');
          add('unsure');
        }
        break;
      case 'ordinal': {
        const i = order.chain.indexOf(String(cur));
        if (i >= 0) for (const next of order.chain.slice(i + 1)) add(next);
        if (i === 0) add('unsure');
        break;
      }
      case 'add-item':
      case 'add-region': {
        const list = Array.isArray(cur) ? (cur as string[]) : [];
        if (list.length === 0) break;
        if (list.length >= 60) break;
        for (const o of q.options ?? []) if (!list.includes(o)) add([...list, o]);
        break;
      }
      case 'higher':
        if (typeof cur === 'number') {
          const max = Number(q.js.maximum);
          for (const n of [cur + 1, cur + 10, max]) if (n > cur && n <= max) add(n);
        }
        break;
      case 'lower':
        if (typeof cur === 'number') {
          const min = Number(q.js.minimum);
          for (const n of [cur - 1, cur - 10, min]) if (n < cur && n >= min) add(n);
        }
        break;
      case 'recent':
        if (typeof cur === 'string') for (const d of laterDates(cur).filter(possible)) add(d);
        break;
      case 'revoke':
        if (cur === true) add(false);
        break;
      case 'none':
        break;
    }
  }
  return out;
}

/** A valid intake and one risk factor that applies to it. */
export const intakeWithRiskArb = fc
  .tuple(intakeArb, fc.nat())
  .map(([intake, n]) => {
    const factors = riskFactors(intake);
    return { intake, factor: factors[n % factors.length]! };
  })
  .filter((x) => x.factor !== undefined);

/** A copy of `value` with object keys shuffled, recursively (same content, another key order). */
export function shuffleKeys(value: unknown, seed: number): unknown {
  let s = seed >>> 0 || 1;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = walk((v as Record<string, unknown>)[k]);
    return out;
  };
  return walk(value);
}

export type { FactEntry };

/**
 * A realistic event date: most within the last four months, the rest spread over ten years (an old fracture, a clot
 * years ago), never after the appointment.
 */
export const realisticDateArb = fc.oneof(
  { arbitrary: dateBetween('2026-02-15', AT), weight: 3 },
  { arbitrary: dateBetween('2016-06-15', AT), weight: 2 },
);

/** The questions that can be a client's risk factor on their own: the safety questions the baseline answers "no" or "none". */
const RISK_QUESTIONS = QUESTIONS.filter((q) => {
  const key = `${q.fact}.${q.path}`;
  const kind = RISK_ORDER[key]?.kind;
  const base = (BASELINE_INTAKE as unknown as Intake)[q.fact]?.[q.path];
  return (kind === 'tri' && base === 'no') || (kind === 'ordinal' && base === 'none');
});

/** The follow-ups asked after a question (one level; a follow-up of a follow-up comes with its parent). */
const followUpsOf = (key: string): Question[] =>
  QUESTIONS.filter((q) => {
    const parent = FOLLOW_UPS[`${q.fact}.${q.path}`]?.question;
    return parent === key || (parent !== undefined && FOLLOW_UPS[parent]?.question === key);
  });

/** A follow-up's answer, with dates drawn as real events are. */
const followUpArb = (q: Question): fc.Arbitrary<unknown> => (q.kind === 'date' ? realisticDateArb : answerArb(q));

/** Risk factors common in an ordinary massage clientele; they are drawn three times as often as the rest. */
const COMMON = new Set([
  'allergies.any', 'medications.painMedicationToday', 'medications.antiplatelets', 'heart.bloodPressure', 'bones.osteoporosis',
  'bones.fracture', 'veins.varicose', 'metabolic.diabetes', 'injury.recent', 'surgery.recent', 'injections.recent',
  'other.fibromyalgiaFlare', 'joints.inflammatoryArthritis', 'client.pregnant', 'skin.woundsOrBurns', 'cancer.status',
]);

/** One risk factor of a mostly healthy client: a safety answer other than "no" (mostly "yes"), with its follow-ups. */
const riskQuestionArb = fc.oneof(
  { arbitrary: fc.constantFrom(...RISK_QUESTIONS.filter((q) => COMMON.has(`${q.fact}.${q.path}`))), weight: 3 },
  { arbitrary: fc.constantFrom(...RISK_QUESTIONS.filter((q) => !COMMON.has(`${q.fact}.${q.path}`))), weight: 1 },
);
const sparseFactorArb: fc.Arbitrary<Record<string, unknown>> = riskQuestionArb.chain((q) => {
  const key = `${q.fact}.${q.path}`;
  const worse = (q.options ?? []).filter((o) => o !== 'no' && o !== 'none');
  const answer = fc.oneof({ arbitrary: fc.constantFrom(...worse.filter((o) => o !== 'unsure')), weight: 4 }, { arbitrary: fc.constant('unsure'), weight: 1 });
  const follow = followUpsOf(key);
  return fc
    .tuple(answer, fc.tuple(...follow.map((f) => fc.option(followUpArb(f), { nil: undefined, freq: 2 }))))
    .map(([a, fs]) => {
      const set: Record<string, unknown> = { [key]: a };
      follow.forEach((f, i) => {
        if (fs[i] !== undefined) set[`${f.fact}.${f.path}`] = fs[i];
      });
      return set;
    });
});

/** A value one time in `n`, otherwise undefined. */
const sometimes = <T>(a: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: a, weight: 1 }, { arbitrary: fc.constant(undefined), weight: n - 1 });

/**
 * A sparse-risk intake: a mostly healthy adult (born 1940–2007) with zero, one or two risk factors (zero 40 % of
 * the time, common ones drawn more often), dates as real events have them, a blood-pressure reading one time in
 * five and a temperature one time in ten, in the normal to high range. The dense `intakeArb` answers every question at random and lands mostly on refer-urgent; this
 * one lands where loosening would matter (proceed and modify).
 */
export const sparseIntakeArb: fc.Arbitrary<Intake> = fc
  .tuple(
    dateBetween('1940-01-01', '2007-12-31'),
    fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.constant(1), weight: 2 }, { arbitrary: fc.constant(2), weight: 1 }),
    fc.array(sparseFactorArb, { minLength: 2, maxLength: 2 }),
    sometimes(fc.tuple(fc.integer({ min: 100, max: 165 }), fc.integer({ min: 60, max: 100 })), 5),
    sometimes(fc.integer({ min: 360, max: 384 }).map((n) => n / 10), 10),
  )
  .map(([dob, n, factors, reading, temperature]) => {
    const set: Record<string, unknown> = { 'client.dateOfBirth': dob };
    for (const f of factors.slice(0, n)) Object.assign(set, f);
    if (reading) Object.assign(set, { 'heart.systolic': reading[0], 'heart.diastolic': reading[1] });
    if (temperature !== undefined) set['illness.temperatureC'] = temperature;
    return withAnswers(BASELINE_INTAKE, set) as Intake;
  });

/** A sparse-risk intake and one risk factor that applies to it. */
export const sparseIntakeWithRiskArb = fc
  .tuple(sparseIntakeArb, fc.nat())
  .map(([intake, n]) => {
    const factors = riskFactors(intake);
    return { intake, factor: factors[n % factors.length]! };
  })
  .filter((x) => x.factor !== undefined);

/** Both generators, by name, for properties that run on each. */
export const GENERATORS = [
  { name: 'dense', intakes: intakeArb, withRisk: intakeWithRiskArb },
  { name: 'sparse', intakes: sparseIntakeArb, withRisk: sparseIntakeWithRiskArb },
] as const;
