/**
 * The intake model: every question of a medical-massage intake (`shared/reference/intake-questions.md`), grouped as
 * a form groups them. Safety questions are required and tri-state; follow-ups are optional and only read when the
 * question they follow was answered `yes` or `unsure`. Objects are strict: a misspelt safety field is an issue, never
 * a silently unanswered question.
 */
import * as z from 'zod/mini';
import {
  checkbox,
  decimal,
  integer,
  list,
  meta,
  preprocess,
  optionalCheckbox,
  optionalChoice,
  optionalDate,
  optionalTri,
  regions,
  required,
  requiredDate,
  text,
  tri,
  INTAKE_MESSAGES,
  MAX_LIST,
} from './fields.js';
import { CONDITIONS, CONDITION_LABELS, SIDES, SIDE_LABELS } from './vocabulary.js';

/** The version of the intake model. A stored intake names the version it was written for. */
export const INTAKE_SCHEMA_VERSION = '2';

/**
 * Every intake model version `parseIntake` reads. An intake of model 1 still parses: the questions model 2 added are
 * optional, and a safety question it did not ask is listed by the screening (`derived.unansweredQuestions`), never
 * read as "no".
 */
export const SUPPORTED_INTAKE_SCHEMA_VERSIONS = ['1', '2'] as const;

/**
 * The intake's top-level fields that are not groups of answers (file metadata, the completion date, clearances on
 * file): a rule never reads them as facts.
 */
export const NOT_ANSWER_GROUPS: ReadonlySet<string> = new Set(['$schema', 'schemaVersion', 'completedAt', 'clearances']);

const group = <T extends z.core.$ZodLooseShape>(title: string, description: string, shape: T) =>
  meta(z.strictObject(shape, INTAKE_MESSAGES), { title, description });

const client = group('About you', 'Date of birth and pregnancy.', {
  dateOfBirth: requiredDate({ title: 'Date of birth', description: 'Used to work out your age on the day of the appointment.' }),
  pregnant: tri({ title: 'Are you pregnant?' }),
  pregnancyWeeks: integer(0, 45, { title: 'Weeks of pregnancy', description: 'How many weeks pregnant you are today.' }),
  pregnancyComplications: optionalTri({
    title: 'Earlier form: high-risk pregnancy or warning signs',
    description:
      'The single question of intake model 1 (high-risk, or bleeding, cramping, swelling, headache, high blood pressure, placenta problems or contractions). Model 2 asks the two questions below instead; leave this one blank.',
  }),
  // Added in intake model 2: the history and what is happening now are two questions (issue 18, item 1).
  pregnancyHighRisk: optionalTri({
    title: 'Has your pregnancy been called high-risk?',
    description: 'By your midwife or doctor: for example twins, placenta problems, high blood pressure or diabetes in pregnancy, or an earlier early birth.',
  }),
  pregnancyWarningSigns: optionalTri({
    title: 'Right now: bleeding or fluid leaking, cramps or contractions, sudden swelling of the face or hands, a severe headache, blurred vision or spots, or pain under the ribs or in the upper belly?',
    description: 'Any one of these today. If so, please contact your midwife or doctor today.',
  }),
});

const DIAGNOSED_BY = ['physician', 'chiropractor', 'physical-therapist', 'other'] as const;
const PRESSURES = ['light', 'medium', 'firm', 'deep'] as const;

const visit = group('Reason for your visit', 'What brings you in, and what a clinician has said about it.', {
  conditions: list(CONDITIONS, CONDITION_LABELS, {
    title: 'What brings you in?',
    description: 'Choose all that apply.',
  }),
  otherConcerns: text({ title: 'Anything else that brings you in', description: 'In your own words.' }),
  diagnosed: tri({ title: 'Has a clinician diagnosed it?' }, 'paperwork'),
  diagnosisText: text({ title: 'Diagnosis', description: 'What the clinician called it.' }),
  icd10Codes: meta(
    z.optional(
      preprocess(
        (v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v),
        z.optional(
          z
            .array(
              z
                .string(INTAKE_MESSAGES)
                .check(
                  z.trim(),
                  z.toUpperCase(),
                  z.regex(/^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'Expected an ICD-10-CM code such as M54.50.'),
                ),
              INTAKE_MESSAGES,
            )
            .check(z.maxLength(MAX_LIST)),
        ),
      ),
    ),
    { title: 'ICD-10-CM codes', description: 'The diagnosis codes on your prescription or referral, for example M54.50.' },
  ),
  diagnosedBy: optionalChoice(
    DIAGNOSED_BY,
    { physician: 'Physician', chiropractor: 'Chiropractor', 'physical-therapist': 'Physical therapist', other: 'Other' },
    { title: 'Who made the diagnosis?' },
  ),
  prescription: tri({ title: 'Do you have a prescription or referral for massage?', description: 'Insurers usually need one.' }, 'paperwork'),
  prescriber: text({ title: 'Prescriber' }),
  prescriptionDate: optionalDate({ title: 'Date of the prescription' }),
  prescribedFrequency: text({ title: 'Prescribed frequency and duration', description: 'For example "2 times a week for 6 weeks".' }),
  prescribedRegions: regions({ title: 'Body areas on the prescription' }),
  painRegions: regions({ title: 'Where is the pain?' }),
  painLevel: integer(0, 10, { title: 'How bad is the pain (0–10)?', description: '0 is no pain, 10 the worst imaginable.' }),
  painSince: optionalDate({ title: 'Since when?' }),
  goals: text({ title: 'Your goals for treatment' }),
  preferredPressure: optionalChoice(
    PRESSURES,
    { light: 'Light', medium: 'Medium', firm: 'Firm', deep: 'Deep' },
    { title: 'Preferred pressure' },
  ),
});

const clots = group('Blood clots', 'Clots in a vein (DVT) and in the lungs (pulmonary embolism).', {
  history: tri({ title: 'Have you ever had a blood clot (DVT) or pulmonary embolism?' }),
  historyDate: optionalDate({ title: 'When was the clot diagnosed?' }),
  historyRegions: regions({ title: 'Where was the clot?' }),
  onTreatment: optionalTri({ title: 'Are you still being treated for it?' }),
  cleared: optionalTri({ title: 'Has a physician cleared you since?' }),
  legSigns: tri({ title: 'Right now: is one leg (calf or thigh) swollen, painful, warm or red?' }),
  legSignsSide: optionalChoice(SIDES, SIDE_LABELS, { title: 'Which leg?' }),
  breathlessnessOrChestPain: tri({ title: 'Right now: sudden shortness of breath or chest pain?' }),
  immobility: tri({
    title: 'Recent long immobility or major surgery?',
    description: 'Bed rest of more than 3 days, a cast, long travel, or major surgery in the last 12 weeks.',
  }),
  immobilityDate: optionalDate({ title: 'When did it end?' }),
});

const OSTEO = ['none', 'osteopenia', 'osteoporosis', 'severe', 'unsure'] as const;

const bones = group('Bones', 'Fractures, falls and bone density.', {
  fracture: tri({ title: 'Any fracture in the last 12 months?' }),
  fractureRegions: regions({ title: 'Where was the fracture?' }),
  fractureDate: optionalDate({ title: 'When did it happen?' }),
  fractureHealedCleared: optionalTri({ title: 'Has it healed and been cleared by a clinician?' }),
  fractureCastOrHardware: optionalTri({ title: 'Is there still a cast, brace, pins or plates?' }),
  fractureSymptoms: optionalTri({ title: 'Does it still hurt, swell or feel weak when you use it?' }),
  suspectedFracture: tri({
    title: 'A recent fall or injury with bone pain or trouble bearing weight, not yet checked by a clinician?',
  }),
  suspectedFractureRegions: regions({ title: 'Where?' }),
  suspectedFractureDate: optionalDate({ title: 'When did it happen?' }),
  osteoporosis: required(
    OSTEO,
    { none: 'No', osteopenia: 'Osteopenia', osteoporosis: 'Osteoporosis', severe: 'Severe osteoporosis', unsure: 'Not sure' },
    { title: 'Osteoporosis or osteopenia?' },
  ),
  fragilityFracture: optionalTri({ title: 'Have you broken a bone from a minor fall or less (a fragility fracture)?' }),
  vertebralFracture: optionalTri({ title: 'Have you had a fracture of the spine (vertebral fracture)?' }),
  heightLoss: optionalTri({ title: 'Have you lost height?' }),
});

const medications = group('Medications', 'Medicines that change how safe pressure is.', {
  anticoagulants: tri({ title: 'Blood thinners (anticoagulants such as warfarin, apixaban, rivaroxaban, heparin)?' }),
  antiplatelets: tri({ title: 'Antiplatelets (daily aspirin, clopidogrel)?' }),
  corticosteroids: tri({ title: 'Corticosteroid tablets (such as prednisone) for more than 3 months?' }),
  painMedicationToday: tri({ title: 'Pain medication taken today?', description: 'It can hide pain during the session.' }),
  other: text({ title: 'Other medications' }),
});

const SURGERY_TYPES = ['joint-replacement', 'arthroscopy', 'abdominal', 'spinal', 'other'] as const;
const SURGERY_TYPE_LABELS = {
  'joint-replacement': 'Joint replacement (hip, knee, shoulder)',
  arthroscopy: 'Keyhole joint surgery (arthroscopy)',
  abdominal: 'Abdominal surgery',
  spinal: 'Spine surgery',
  other: 'Other surgery',
} as const;

const surgery = group('Surgery', 'Operations in the last 12 months.', {
  recent: tri({ title: 'Surgery in the last 12 months?' }),
  regions: regions({ title: 'Where was the surgery?' }),
  date: optionalDate({ title: 'Date of the surgery' }),
  restrictions: text({ title: "Your surgeon's restrictions" }),
  // Added in intake model 2: the kind of surgery and a new joint's precautions (issue 18, item 3).
  types: list(SURGERY_TYPES, SURGERY_TYPE_LABELS, {
    title: 'What kind of surgery?',
    description: 'Choose all that apply. Give the side and place under "Where was the surgery?".',
  }),
  surgeonPrecautions: optionalTri({
    title: 'Did your surgeon give you precautions for the new joint?',
    description: 'For example hip precautions after a hip replacement: no bending the hip past 90°, no crossing the legs, no turning the knee inwards.',
  }),
  precautionWeeks: integer(1, 52, {
    title: 'For how many weeks after the surgery do the precautions last?',
    description: 'As your surgeon said. Leave blank if you do not know: we then keep them for 12 weeks.',
  }),
});

const INJECTION_TYPES = ['steroid', 'botox', 'filler', 'vaccine', 'other'] as const;
const injections = group('Injections', 'Injections in the last 2 weeks.', {
  recent: tri({ title: 'Injections in the last 2 weeks (steroid, Botox, filler, vaccine)?' }),
  types: list(
    INJECTION_TYPES,
    { steroid: 'Steroid', botox: 'Botox', filler: 'Filler', vaccine: 'Vaccine', other: 'Other' },
    { title: 'Which kind?' },
  ),
  regions: regions({ title: 'Where was the injection?' }),
  date: optionalDate({ title: 'Date of the injection' }),
});

const CANCER_STATUS = ['none', 'history', 'active-treatment', 'unsure'] as const;
const CANCER_TREATMENTS = ['chemotherapy', 'radiation', 'surgery', 'hormone', 'immunotherapy', 'other'] as const;
const CANCER_TYPES = [
  'breast',
  'prostate',
  'lung',
  'kidney',
  'thyroid',
  'myeloma',
  'melanoma',
  'blood',
  'bowel',
  'skin-non-melanoma',
  'other',
] as const;
const cancer = group('Cancer', 'Cancer now or in the past, and its treatment.', {
  status: required(
    CANCER_STATUS,
    { none: 'No', history: 'In the past', 'active-treatment': 'In treatment now', unsure: 'Not sure' },
    { title: 'Cancer now or in the past?' },
  ),
  treatments: list(
    CANCER_TREATMENTS,
    {
      chemotherapy: 'Chemotherapy',
      radiation: 'Radiation',
      surgery: 'Surgery',
      hormone: 'Hormone therapy',
      immunotherapy: 'Immunotherapy',
      other: 'Other',
    },
    { title: 'Treatment' },
  ),
  types: list(
    CANCER_TYPES,
    {
      breast: 'Breast',
      prostate: 'Prostate',
      lung: 'Lung',
      kidney: 'Kidney',
      thyroid: 'Thyroid',
      myeloma: 'Myeloma',
      melanoma: 'Melanoma',
      blood: 'Leukaemia or lymphoma',
      bowel: 'Bowel',
      'skin-non-melanoma': 'Skin cancer other than melanoma (basal or squamous cell)',
      other: 'Other',
    },
    { title: 'Which cancer?' },
  ),
  lastTreatmentDate: optionalDate({ title: 'When did your last cancer treatment end?', description: 'Leave blank if you are still in treatment.' }),
  radiationRegions: regions({ title: 'Where was radiation given?' }),
  portOrDevice: optionalTri({ title: 'A port, pump or other device?' }),
  portRegions: regions({ title: 'Where is the device?' }),
  lymphNodesRemoved: optionalTri({ title: 'Lymph nodes removed or irradiated?' }),
  lymphNodeRegions: regions({ title: 'Which nodes?', description: 'For example the left armpit.' }),
  boneMetastasis: optionalTri({ title: 'Has the cancer spread to bone?' }),
  lowBloodCounts: optionalTri({ title: 'Low blood counts right now?' }),
});

const lymph = group('Lymphedema', 'Swelling of an arm or a leg from the lymph system.', {
  lymphedema: tri({ title: 'Lymphedema (swelling of an arm or leg)?' }),
  regions: regions({ title: 'Where?' }),
  inTreatment: optionalTri({ title: 'In treatment (decongestive therapy, compression)?' }),
  // Added in intake model 2: signs of infection in the swollen limb (issue 18, item 6).
  cellulitisSigns: optionalTri({
    title: 'Right now: is the swollen arm or leg red, hot, or more swollen or painful than usual?',
    description: 'These can be signs of an infection (cellulitis). If so, please contact your doctor today.',
  }),
});

const BP = ['none', 'controlled', 'uncontrolled', 'unsure'] as const;
const HEART_CONDITION_TYPES = ['heart-failure', 'coronary-disease', 'arrhythmia', 'valve', 'cardiomyopathy', 'congenital', 'other'] as const;
/** The grading of a heart condition by what it limits: the four classes of the NYHA functional classification. */
const HEART_LIMITS = ['none', 'ordinary-activity', 'light-activity', 'at-rest', 'unsure'] as const;
const KIDNEY_STATUS = ['stage-1-3', 'stage-4-5', 'dialysis', 'transplant', 'unsure'] as const;
const heart = group('Heart and blood pressure', 'Blood pressure, heart attack, stroke and implanted devices.', {
  bloodPressure: required(
    BP,
    { none: 'No', controlled: 'Yes, controlled', uncontrolled: 'Yes, not controlled', unsure: 'Not sure' },
    { title: 'High blood pressure?' },
  ),
  systolic: integer(50, 300, { title: "Today's reading: systolic (top number)" }),
  diastolic: integer(30, 200, { title: "Today's reading: diastolic (bottom number)" }),
  heartAttackOrStroke: tri({ title: 'Have you had a heart attack or stroke?' }),
  heartAttackOrStrokeDate: optionalDate({ title: 'When?' }),
  cardiologistCleared: optionalTri({ title: 'Has your cardiologist or physician cleared you for massage?' }),
  heartCondition: tri({ title: 'Heart failure, or another heart condition?' }),
  heartConditionTypes: list(
    HEART_CONDITION_TYPES,
    {
      'heart-failure': 'Heart failure',
      'coronary-disease': 'Angina or coronary artery disease',
      arrhythmia: 'An irregular heartbeat (arrhythmia, atrial fibrillation)',
      valve: 'A heart valve problem or murmur',
      cardiomyopathy: 'Cardiomyopathy',
      congenital: 'A heart condition since birth',
      other: 'Other',
    },
    { title: 'Which heart condition?' },
  ),
  heartConditionLimits: optionalChoice(
    HEART_LIMITS,
    {
      none: 'It does not limit my everyday activities',
      'ordinary-activity': 'Ordinary activity (stairs, brisk walking) makes me breathless, tired or gives chest discomfort',
      'light-activity': 'Even light activity (dressing, walking in the house) does',
      'at-rest': 'I have these symptoms at rest',
      unsure: 'Not sure',
    },
    { title: 'Does it limit what you can do?' },
  ),
  implantedDevice: tri({ title: 'A pacemaker, defibrillator or other implanted device?' }),
  implantedDeviceRegions: regions({ title: 'Where is it?' }),
  aneurysm: tri({ title: 'A known aneurysm?' }),
  aneurysmRegions: regions({ title: 'Where?' }),
});

const metabolic = group('Diabetes and kidneys', 'Diabetes, nerve damage and kidney disease.', {
  diabetes: tri({ title: 'Diabetes?' }),
  neuropathy: optionalTri({ title: 'Numbness or tingling in your feet or hands?' }),
  neuropathyRegions: regions({ title: 'Where is the numbness?' }),
  insulinSiteRegions: regions({ title: 'Where do you inject insulin?' }),
  kidneyDisease: tri({ title: 'Kidney disease or dialysis?' }),
  kidneyStatus: optionalChoice(
    KIDNEY_STATUS,
    {
      'stage-1-3': 'Mild or moderate (stage 1 to 3), no dialysis',
      'stage-4-5': 'Severe (stage 4 or 5), no dialysis',
      dialysis: 'On dialysis',
      transplant: 'A kidney transplant',
      unsure: 'Not sure',
    },
    { title: 'Which describes it best?' },
  ),
  fistulaArm: optionalChoice(SIDES, SIDE_LABELS, { title: 'Which arm has a dialysis fistula?' }),
});

const BLEEDING_TYPES = ['bleeding-disorder', 'low-platelets', 'bruise-easily'] as const;
const blood = group('Bleeding', 'Bleeding and bruising.', {
  bleedingDisorder: tri({ title: 'A bleeding disorder or low platelets, or do you bruise easily?' }),
  bleedingTypes: list(
    BLEEDING_TYPES,
    { 'bleeding-disorder': 'A bleeding disorder (such as haemophilia or von Willebrand disease)', 'low-platelets': 'Low platelets', 'bruise-easily': 'I bruise easily' },
    { title: 'Which?' },
  ),
});

const SKIN_CONDITION_TYPES = ['contagious', 'infected', 'eczema', 'psoriasis', 'other-not-contagious'] as const;
const skin = group('Skin', 'Rashes, infections, wounds and burns.', {
  contagious: tri({
    title: 'A rash, infection or contagious skin condition?',
    description: 'Ringworm, impetigo, scabies, shingles, cold sores and the like.',
  }),
  conditionTypes: list(
    SKIN_CONDITION_TYPES,
    {
      contagious: 'Contagious: ringworm, impetigo, scabies, lice, shingles, cold sores',
      infected: 'Infected: hot, swollen, weeping or spreading',
      eczema: 'Eczema (dermatitis)',
      psoriasis: 'Psoriasis',
      'other-not-contagious': 'Another condition a clinician has said is not contagious (acne, rosacea, hives)',
    },
    { title: 'What kind of skin condition?' },
  ),
  contagiousRegions: regions({ title: 'Where?' }),
  woundsOrBurns: tri({ title: 'Open wounds, burns, sunburn or skin grafts?' }),
  woundRegions: regions({ title: 'Where?' }),
});

const veins = group('Veins', 'Varicose veins and inflamed veins.', {
  varicose: tri({ title: 'Varicose veins?' }),
  varicoseRegions: regions({ title: 'Where?' }),
  phlebitis: tri({ title: 'A red, hot, hard, cord-like vein (phlebitis)?' }),
  phlebitisRegions: regions({ title: 'Where?' }),
});

const illness = group('Feeling unwell', 'Fever and acute illness today.', {
  feverOrAcuteIllness: tri({ title: 'Fever (38 °C / 100.4 °F or more) or feeling acutely ill today?' }),
  temperatureC: decimal(30, 45, { title: 'Temperature (°C)' }),
});

const injury = group('New injuries', 'Sprains, strains and other injuries of the last few days.', {
  recent: tri({ title: 'A sprain, strain or other new injury in the last 3 days?' }),
  regions: regions({ title: 'Where?' }),
  date: optionalDate({ title: 'When did it happen?' }),
});

const ARTHRITIS_TYPES = ['rheumatoid', 'psoriatic', 'ankylosing-spondylitis', 'gout', 'lupus', 'other', 'unsure'] as const;
const ARTHRITIS_TYPE_LABELS = {
  rheumatoid: 'Rheumatoid arthritis',
  psoriatic: 'Psoriatic arthritis',
  'ankylosing-spondylitis': 'Ankylosing spondylitis',
  gout: 'Gout',
  lupus: 'Lupus',
  other: 'Other',
  unsure: 'Not sure',
} as const;

const joints = group('Joints', 'Inflammatory arthritis.', {
  inflammatoryArthritis: tri({ title: 'Inflammatory arthritis (rheumatoid, gout, lupus)?' }),
  flaring: optionalTri({ title: 'Is it flaring now?' }),
  hotJointRegions: regions({ title: 'Which joints are hot or swollen?' }),
  // Added in intake model 2: which kind, because rheumatoid arthritis can loosen the top of the neck (issue 18, item 7).
  arthritisTypes: list(ARTHRITIS_TYPES, ARTHRITIS_TYPE_LABELS, { title: 'Which kind of inflammatory arthritis?' }),
});

const nerves = group('Seizures', 'Epilepsy and seizures.', {
  epilepsy: tri({ title: 'Epilepsy or seizures?' }),
  lastSeizure: optionalDate({ title: 'Date of the last seizure' }),
  triggers: text({ title: 'Known triggers' }),
});

const other = group('Other conditions', 'Hernia and fibromyalgia flares.', {
  hernia: tri({ title: 'A hernia?' }),
  herniaRegions: regions({ title: 'Where?' }),
  fibromyalgiaFlare: tri({ title: 'A fibromyalgia flare right now?' }),
});

const redFlags = group('Warning signs', 'Signs that need a doctor before any massage.', {
  saddleNumbness: tri({ title: 'Numbness around the groin, buttocks or inner thighs (saddle area)?' }),
  bladderBowelChange: tri({ title: 'New trouble controlling or starting urination, or bowel control?' }),
  unexplainedWeightLoss: tri({ title: 'Unexplained weight loss?' }),
  nightPain: tri({ title: 'Pain that is constant at night, not eased by rest or position?' }),
  suddenHeadacheOrNeuro: tri({
    title: 'Right now or since it began: sudden weakness, numbness or drooping on one side of the face, arm or leg, sudden trouble speaking or confusion, or a sudden severe headache?',
    description:
      'Stroke warning signs (FAST: face, arms, speech, time). If this is happening now, call emergency services. Numbness or tingling that came on slowly is asked under "Nerves, head and balance".',
  }),
});

const today = group('Today', 'Things that change today’s session.', {
  alcoholOrDrugs: tri({
    title: 'Alcohol or recreational drugs in the last 12 hours?',
    description: 'Count back 12 hours from your appointment.',
  }),
  hoursSinceLast: integer(0, 72, { title: 'How many hours before your appointment was the last drink or drug?' }),
  feelsEffects: optionalTri({ title: 'Do you still feel its effects?' }),
});

// ---------------------------------------------------------------------------------------------------------------
// Added in intake model 2 (issue 18). Whole groups, each optional (an intake of model 1 has none of them): a
// missing group reads as a group of unanswered questions, which the screening lists rather than reads as "no".

/** An answer group added in a later model: optional, and an empty group when absent, so rules can read it. */
function addedGroup<T extends z.core.$ZodLooseShape>(title: string, description: string, shape: T) {
  const answers = z.strictObject(shape, INTAKE_MESSAGES);
  // Every question of an added group is optional, so an empty group is valid; a new one each time, never shared.
  // (The cast: zod cannot see, for a generic shape, that every field is optional and {} is a valid output.)
  return meta(z._default(answers, (() => ({})) as never), { title, description });
}

const SPINAL_LEVELS = ['cervical', 'upper-thoracic', 'lower', 'unsure'] as const;
const neurology = addedGroup('Nerves, head and balance', 'Mini-strokes, numbness, spinal cord injury, fainting, concussion and whiplash.', {
  tia: optionalTri({
    title: 'Have you had a mini-stroke (TIA)?',
    description: 'Stroke signs (one-sided weakness or numbness, drooping face, trouble speaking) that went away by themselves.',
  }),
  tiaDate: optionalDate({ title: 'When was the last one?' }),
  tiaAssessed: optionalTri({ title: 'Has a doctor assessed it?' }),
  numbness: optionalTri({
    title: 'Numbness or tingling that came on gradually, for any reason?',
    description: 'For example from diabetes, chemotherapy or a trapped nerve (carpal tunnel). Sudden numbness on one side is a warning sign, asked under "Warning signs".',
  }),
  numbnessRegions: regions({ title: 'Where is the numbness or tingling?' }),
  spinalCordInjury: optionalTri({ title: 'A spinal cord injury?' }),
  spinalCordInjuryLevel: optionalChoice(
    SPINAL_LEVELS,
    { cervical: 'Neck (cervical)', 'upper-thoracic': 'Upper back, at or above T6', lower: 'Below T6', unsure: 'Not sure' },
    { title: 'At what level is the injury?' },
  ),
  autonomicDysreflexia: optionalTri({
    title: 'Do you get autonomic dysreflexia?',
    description: 'Sudden pounding headache, flushing or sweating above the injury, a sudden rise in blood pressure.',
  }),
  faintingOrDizziness: optionalTri({
    title: 'Have you fainted, or lost your balance from dizziness, in the last 12 months?',
    description: 'Dizziness or fainting without a clear reason (not just standing up too fast once).',
  }),
  headInjury: optionalTri({ title: 'A concussion or blow to the head in the last 4 weeks?' }),
  headInjuryDate: optionalDate({ title: 'When did it happen?' }),
  whiplash: optionalTri({ title: 'Whiplash or another neck injury in the last 12 weeks?' }),
  whiplashDate: optionalDate({ title: 'When did it happen?' }),
});

const liver = addedGroup('Liver', 'Liver disease.', {
  liverDisease: optionalTri({
    title: 'Liver disease (cirrhosis, hepatitis, or liver damage from another cause)?',
    description: 'It can change bruising and how your body clears medicines.',
  }),
  liverDetails: text({ title: 'Which liver condition?' }),
});

const medicationEffects = addedGroup(
  'More medicines',
  'Medicines that dull pain or muscle feedback, weaken the immune system, or are worn as a skin patch.',
  {
    muscleRelaxants: optionalTri({ title: 'Muscle relaxants (such as cyclobenzaprine, baclofen, tizanidine, diazepam)?' }),
    strongPainkillers: optionalTri({
      title: 'Strong painkillers taken regularly (opioids such as codeine, tramadol, oxycodone, morphine)?',
    }),
    immunosuppressants: optionalTri({
      title: 'Medicines that weaken the immune system?',
      description: 'For example after a transplant, or for rheumatoid arthritis or Crohn’s disease: methotrexate, biologics, ciclosporin.',
    }),
    skinPatch: optionalTri({
      title: 'A medicine skin patch?',
      description: 'For example for pain (fentanyl, buprenorphine, lidocaine), hormones, nicotine or nitroglycerin.',
    }),
    skinPatchRegions: regions({ title: 'Where is the patch?' }),
  },
);

const bodyArt = addedGroup('Tattoos and piercings', 'A new tattoo or piercing is an open wound while it heals.', {
  recent: optionalTri({ title: 'A new tattoo or piercing in the last 2 weeks?' }),
  regions: regions({ title: 'Where?' }),
  date: optionalDate({ title: 'When was it done?' }),
});

/**
 * The safety questions that intake model 2 added (dot paths). An intake that does not answer one that is relevant (by
 * the follow-up table, `FOLLOW_UPS`) lists it in `derived.unansweredQuestions`, and the `unanswered-safety-questions` rule keeps the
 * result from `proceed`.
 */
export const ADDED_SAFETY_QUESTIONS: readonly string[] = Object.freeze([
  'client.pregnancyHighRisk',
  'client.pregnancyWarningSigns',
  'surgery.types',
  'lymph.cellulitisSigns',
  'joints.arthritisTypes',
  'neurology.tia',
  'neurology.numbness',
  'neurology.spinalCordInjury',
  'neurology.faintingOrDizziness',
  'neurology.headInjury',
  'neurology.whiplash',
  'liver.liverDisease',
  'medicationEffects.muscleRelaxants',
  'medicationEffects.strongPainkillers',
  'medicationEffects.immunosuppressants',
  'medicationEffects.skinPatch',
  'bodyArt.recent',
]);

const ALLERGENS = ['oils', 'lotions', 'nuts', 'latex', 'scents'] as const;
const allergies = group('Allergies', 'Allergies to what a session uses.', {
  any: tri({ title: 'Allergies to oils, lotions, nuts, latex or scents?' }),
  allergens: list(
    ALLERGENS,
    { oils: 'Oils', lotions: 'Lotions', nuts: 'Nuts (nut oils)', latex: 'Latex', scents: 'Scents' },
    { title: 'Which?' },
  ),
  details: text({ title: 'Details' }),
});

const consent = group('Consent', 'Informed consent, and a guardian’s consent for a minor.', {
  informedConsent: checkbox({ title: 'I give my informed consent to treatment' }),
  guardianName: text({ title: "Guardian's name", description: 'For a client under 18.' }),
  guardianConsent: optionalCheckbox({ title: "Guardian's consent given", description: 'For a client under 18.' }),
});

/** A physician's clearance on file. A clearance lowers a `clearance-required` flag; nothing clears `refer-urgent`. */
export const clearanceSchema = meta(
  z.strictObject(
    {
      ruleId: text({ title: 'Rule cleared', description: 'The id of the rule the clearance answers, for example "clot-history-not-cleared".' }),
      condition: text({ title: 'Condition cleared', description: 'Or the condition it answers, as the rules name it.' }),
      clearedBy: text({ title: 'Cleared by', description: 'The clinician who gave the clearance.' }),
      date: requiredDate({ title: 'Date of the clearance' }),
      validUntil: optionalDate({ title: 'Valid until' }),
      scope: text({ title: 'Scope', description: 'What the clearance allows, in the clinician’s words.' }),
    },
    INTAKE_MESSAGES,
  ),
  { title: 'Clearance', description: 'A clearance from a physician on file.' },
);

/**
 * The zod schema of a whole intake. `parseIntake` is the friendly way to use it; the schema is exported for
 * composition (and its JSON Schema for form builders). Its fields carry the messages `parseIntake` gives, so
 * `intakeSchema.safeParse(x)` and any schema that composes it name what was expected, never the answer sent.
 * `safeParse` is zod's API: its result says `success`, where the library's own results say `ok`.
 */
export const intakeSchema = meta(
  z.strictObject({
    $schema: meta(z.optional(z.string(INTAKE_MESSAGES).check(z.maxLength(500))), {
      title: 'JSON Schema',
      description: 'Ignored; lets editors check the file.',
    }),
    schemaVersion: meta(z._default(z.enum(SUPPORTED_INTAKE_SCHEMA_VERSIONS, INTAKE_MESSAGES), INTAKE_SCHEMA_VERSION), {
      title: 'Intake model version',
      description: 'The version of the intake model this intake was written for ("1" or "2"; "2" when not given).',
    }),
    completedAt: optionalDate({
      title: 'Date the intake was completed',
      description: 'Time-bound answers ("in the last 3 days") are read against this date.',
    }),
    client,
    visit,
    clots,
    bones,
    medications,
    surgery,
    injections,
    cancer,
    lymph,
    heart,
    metabolic,
    blood,
    skin,
    veins,
    illness,
    injury,
    joints,
    nerves,
    other,
    redFlags,
    today,
    neurology,
    liver,
    medicationEffects,
    bodyArt,
    allergies,
    consent,
    clearances: meta(z.optional(z.array(clearanceSchema, INTAKE_MESSAGES).check(z.maxLength(MAX_LIST))), {
      title: 'Clearances on file',
      description: 'Physician clearances recorded by the clinic.',
    }),
  }, INTAKE_MESSAGES),
  {
    title: 'Medical massage intake',
    description: 'A client’s health history for a medical-massage appointment.',
  },
);

/** A validated, normalised intake. */
export type Intake = z.output<typeof intakeSchema>;
/** What an intake may look like before validation (form strings allowed). */
export type IntakeInput = z.input<typeof intakeSchema>;
/** A clearance on file. */
export type Clearance = z.output<typeof clearanceSchema>;
/** The names of the intake's question groups (`clots`, `bones`, …). */
export type IntakeGroup = Exclude<keyof Intake, '$schema' | 'schemaVersion' | 'completedAt' | 'clearances'>;
