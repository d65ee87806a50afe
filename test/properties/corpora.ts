/**
 * The measured corpora of issue 19: ordinary clients drawn from a realistic mix of common, low-risk history, and
 * the helpers that combine them with red-flag cases. Deterministic: every corpus is sampled with a fixed seed, so
 * a printed percentage is reproducible.
 */
import fc from 'fast-check';
import { BASELINE_INTAKE, withAnswers } from 'massage-triage';
import { dateBetween } from './arbitraries.js';

/** The appointment date of the corpora. */
export const CORPUS_AT = '2026-06-15';

type Answers = Record<string, unknown>;

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const side = pick('left', 'right');

/** Desk-work pain: what most clients come in with. */
const deskPain = fc
  .record({
    conditions: fc.subarray(['low-back-pain', 'neck-pain', 'tension-headache', 'stress'], { minLength: 1, maxLength: 3 }),
    painLevel: fc.integer({ min: 1, max: 7 }),
    pressure: pick('light', 'medium', 'firm', 'deep'),
  })
  .map(({ conditions, painLevel, pressure }): Answers => ({
    'visit.conditions': conditions,
    'visit.painRegions': [
      ...(conditions.includes('low-back-pain') ? ['low-back'] : []),
      ...(conditions.includes('neck-pain') || conditions.includes('tension-headache') ? ['neck', 'upper-back'] : []),
    ],
    'visit.painLevel': painLevel,
    'visit.preferredPressure': pressure,
  }));

/** A fracture 4 to 11 months ago, long healed; some clients never went back to have it "cleared". */
const oldFracture = fc
  .record({ s: side, part: pick('wrist', 'ankle', 'foot', 'hand', 'forearm'), date: dateBetween('2025-07-15', '2026-02-15'), cleared: pick('yes', 'yes', 'no') })
  .map(({ s, part, date, cleared }): Answers => ({
    'bones.fracture': 'yes',
    'bones.fractureRegions': [`${s}-${part}`],
    'bones.fractureDate': date,
    'bones.fractureHealedCleared': cleared,
    'bones.fractureCastOrHardware': 'no',
    'bones.fractureSymptoms': 'no',
  }));

/** Controlled high blood pressure, usually with a normal reading today. */
const controlledBp = fc
  .record({ reading: fc.option(fc.tuple(fc.integer({ min: 108, max: 136 }), fc.integer({ min: 66, max: 86 })), { nil: undefined, freq: 4 }) })
  .map(({ reading }): Answers => ({
    'heart.bloodPressure': 'controlled',
    ...(reading ? { 'heart.systolic': reading[0], 'heart.diastolic': reading[1] } : {}),
  }));

/** A cancer treated years ago: most often a skin cancer removed, sometimes breast, prostate, bowel or thyroid. */
const remoteCancer = fc
  .record({
    type: pick('skin-non-melanoma', 'skin-non-melanoma', 'skin-non-melanoma', 'breast', 'breast', 'prostate', 'bowel', 'thyroid'),
    ended: dateBetween('2006-01-01', '2021-12-31'),
    s: side,
  })
  .map(({ type, ended, s }): Answers => ({
    'cancer.status': 'history',
    'cancer.types': [type],
    'cancer.treatments': type === 'breast' ? ['surgery', 'radiation'] : ['surgery'],
    'cancer.lastTreatmentDate': ended,
    'cancer.portOrDevice': 'no',
    'cancer.lymphNodesRemoved': type === 'breast' ? 'yes' : 'no',
    ...(type === 'breast' ? { 'cancer.lymphNodeRegions': [`${s}-axilla`], 'cancer.radiationRegions': [`${s}-chest`] } : {}),
    'cancer.boneMetastasis': 'no',
    'cancer.lowBloodCounts': 'no',
  }));

/** One clot years ago, treated, off medication. */
const oldClot = fc
  .record({ date: dateBetween('2012-01-01', '2024-12-31'), s: side, cleared: pick('yes', 'no', 'no') })
  .map(({ date, s, cleared }): Answers => ({
    'clots.history': 'yes',
    'clots.historyDate': date,
    'clots.historyRegions': [`${s}-lower-leg`],
    'clots.onTreatment': 'no',
    'clots.cleared': cleared,
  }));

/** Eczema or psoriasis: not contagious, on a few patches of skin. */
const eczema = fc
  .record({ kind: pick('eczema', 'eczema', 'psoriasis'), s: side, part: pick('hand', 'elbow', 'forearm', 'knee') })
  .map(({ kind, s, part }): Answers => ({ 'skin.contagious': 'yes', 'skin.conditionTypes': [kind], 'skin.contagiousRegions': [`${s}-${part}`] }));

/** Asthma with an inhaler: no question of its own; written under other medications. */
const asthma = fc.constant<Answers>({ 'medications.other': 'salbutamol inhaler as needed' });

/** A drink or two last night, 13 to 20 hours before the appointment, no effects now. */
const drinkLastNight = fc
  .integer({ min: 13, max: 20 })
  .map((h): Answers => ({ 'today.alcoholOrDrugs': 'yes', 'today.hoursSinceLast': h, 'today.feelsEffects': 'no' }));

/** One ibuprofen or paracetamol this morning. */
const ibuprofen = fc.constant<Answers>({ 'medications.painMedicationToday': 'yes' });

/** Hay fever, with an antihistamine; some clients tick "allergies" for it and name a scent. */
const seasonalAllergies = pick<Answers>(
  { 'medications.other': 'cetirizine in spring' },
  { 'allergies.any': 'yes', 'allergies.allergens': ['scents'], 'allergies.details': 'hay fever, strong perfumes' },
);

/** Bruises easily, nothing else. */
const bruising = fc.constant<Answers>({ 'blood.bleedingDisorder': 'yes', 'blood.bleedingTypes': ['bruise-easily'] });

/** Osteopenia, or not sure about bone density after a scan long ago. */
const bones = pick<Answers>({ 'bones.osteoporosis': 'osteopenia' }, { 'bones.osteoporosis': 'unsure' });

/** Varicose veins on one calf. */
const varicose = side.map((s): Answers => ({ 'veins.varicose': 'yes', 'veins.varicoseRegions': [`${s}-lower-leg`] }));

/** A heart attack long ago, stable since. */
const oldHeartAttack = fc
  .record({ date: dateBetween('2006-01-01', '2022-12-31'), cleared: pick('yes', 'no') })
  .map(({ date, cleared }): Answers => ({ 'heart.heartAttackOrStroke': 'yes', 'heart.heartAttackOrStrokeDate': date, 'heart.cardiologistCleared': cleared }));

/** A stable heart condition that does not limit daily life (an arrhythmia, a mild valve problem). */
const stableHeart = pick('arrhythmia', 'valve').map((t): Answers => ({ 'heart.heartCondition': 'yes', 'heart.heartConditionTypes': [t], 'heart.heartConditionLimits': 'none' }));

/** Mild chronic kidney disease, no dialysis. */
const mildKidney = fc.constant<Answers>({ 'metabolic.kidneyDisease': 'yes', 'metabolic.kidneyStatus': 'stage-1-3' });

/** Type 2 diabetes without numbness. */
const diabetes = fc.constant<Answers>({ 'metabolic.diabetes': 'yes', 'metabolic.neuropathy': 'no' });

/** The common history items, each with its weight (how often it turns up in an ordinary practice). */
const HISTORY: readonly { arbitrary: fc.Arbitrary<Answers>; weight: number }[] = [
  { arbitrary: oldFracture, weight: 8 },
  { arbitrary: controlledBp, weight: 14 },
  { arbitrary: remoteCancer, weight: 6 },
  { arbitrary: oldClot, weight: 4 },
  { arbitrary: eczema, weight: 8 },
  { arbitrary: asthma, weight: 8 },
  { arbitrary: drinkLastNight, weight: 8 },
  { arbitrary: ibuprofen, weight: 12 },
  { arbitrary: seasonalAllergies, weight: 10 },
  { arbitrary: bruising, weight: 4 },
  { arbitrary: bones, weight: 5 },
  { arbitrary: varicose, weight: 5 },
  { arbitrary: oldHeartAttack, weight: 2 },
  { arbitrary: stableHeart, weight: 2 },
  { arbitrary: mildKidney, weight: 2 },
  { arbitrary: diabetes, weight: 5 },
];

/** The answer paths the intake model of version 0.1 did not have (the follow-ups added for issue 19). */
export const NEW_FOLLOW_UPS: readonly string[] = [
  'bones.fractureSymptoms',
  'cancer.types',
  'cancer.lastTreatmentDate',
  'skin.conditionTypes',
  'today.hoursSinceLast',
  'today.feelsEffects',
  'blood.bleedingTypes',
  'heart.heartConditionTypes',
  'heart.heartConditionLimits',
  'metabolic.kidneyStatus',
];

/** One ordinary client: an adult of 20 to 79 with desk-work pain and zero to three common history items. */
export const benignAnswersArb: fc.Arbitrary<Answers> = fc
  .tuple(dateBetween('1947-01-01', '2006-01-01'), deskPain, fc.array(fc.oneof(...HISTORY), { minLength: 0, maxLength: 3 }))
  .map(([dob, pain, items]) => Object.assign({ 'client.dateOfBirth': dob }, pain, ...items) as Answers);

/** An intake of those answers on the healthy baseline. */
export const intakeOf = (answers: Answers): Record<string, unknown> => withAnswers(BASELINE_INTAKE, answers);

/** The benign corpus: `n` ordinary clients, the same ones every run. */
export function benignCorpus(n: number, seed = 19): Answers[] {
  return fc.sample(benignAnswersArb, { numRuns: n, seed });
}
