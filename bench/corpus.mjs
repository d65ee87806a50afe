// A fixed, seeded corpus of varied intakes for the benchmarks: most healthy (with harmless variation), some with
// one to five risk factors. Same seed → same corpus, so runs compare like with like.

/** mulberry32: a tiny seeded PRNG (deterministic across Node versions). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The appointment date every healthy-heavy corpus intake is screened for. */
export const AT = '2026-12-01';
/** The appointment date of the sample intakes (examples/intakes/expected.json), and so of the risk-heavy corpus. */
export const RISK_AT = '2026-06-15';

const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];
const side = (rnd) => pick(rnd, ['left', 'right']);
/** The appointment the risk factors' dates count back from (set by each corpus maker). */
let appointment = Date.parse(AT);
/** A date `min..max` days before the appointment. */
const daysAgo = (rnd, min, max) => {
  const d = new Date(appointment - (min + Math.floor(rnd() * (max - min + 1))) * 86400000);
  return d.toISOString().slice(0, 10);
};
const tri = (rnd) => (rnd() < 0.8 ? 'yes' : 'unsure');

/** Each risk factor: a function of the PRNG giving the answers to set (dot paths, as `withAnswers` takes them). */
const RISKS = [
  (r) => ({ 'clots.legSigns': tri(r), 'clots.legSignsSide': side(r) }),
  (r) => ({ 'clots.history': 'yes', 'clots.historyDate': daysAgo(r, 10, 2000) }),
  (r) => ({ 'clots.immobility': tri(r), 'clots.immobilityDate': daysAgo(r, 0, 120) }),
  (r) => ({ 'clots.breathlessnessOrChestPain': tri(r) }),
  (r) => ({ 'bones.fracture': tri(r), 'bones.fractureDate': daysAgo(r, 5, 300), 'bones.fractureRegions': [`${side(r)}-wrist`] }),
  (r) => ({ 'bones.suspectedFracture': tri(r), 'bones.suspectedFractureRegions': [`${side(r)}-ankle`] }),
  (r) => ({ 'bones.osteoporosis': pick(r, ['osteopenia', 'osteoporosis', 'severe', 'unsure']) }),
  (r) => ({ 'medications.anticoagulants': tri(r) }),
  (r) => ({ 'medications.corticosteroids': tri(r) }),
  (r) => ({ 'surgery.recent': 'yes', 'surgery.date': daysAgo(r, 3, 360), 'surgery.regions': [`${side(r)}-knee`] }),
  (r) => ({ 'injections.recent': 'yes', 'injections.date': daysAgo(r, 0, 14), 'injections.types': [pick(r, ['steroid', 'botox', 'vaccine'])] }),
  (r) => ({ 'heart.bloodPressure': pick(r, ['controlled', 'uncontrolled', 'unsure']) }),
  (r) => ({ 'heart.heartAttackOrStroke': 'yes', 'heart.heartAttackOrStrokeDate': daysAgo(r, 30, 3000) }),
  (r) => ({ 'heart.heartCondition': tri(r) }),
  (r) => ({ 'metabolic.diabetes': 'yes', 'metabolic.neuropathy': 'yes', 'metabolic.neuropathyRegions': [`${side(r)}-foot`] }),
  (r) => ({ 'metabolic.kidneyDisease': 'yes', 'metabolic.fistulaArm': side(r) }),
  (r) => ({ 'blood.bleedingDisorder': tri(r) }),
  (r) => ({ 'skin.contagious': tri(r), 'skin.contagiousRegions': ['upper-back'] }),
  (r) => ({ 'skin.woundsOrBurns': 'yes', 'skin.woundRegions': [`${side(r)}-forearm`] }),
  (r) => ({ 'veins.varicose': 'yes', 'veins.varicoseRegions': [`${side(r)}-lower-leg`] }),
  (r) => ({ 'illness.feverOrAcuteIllness': tri(r) }),
  (r) => ({ 'injury.recent': 'yes', 'injury.date': daysAgo(r, 0, 3), 'injury.regions': [`${side(r)}-ankle`] }),
  (r) => ({ 'joints.inflammatoryArthritis': 'yes', 'joints.flaring': tri(r) }),
  (r) => ({ 'nerves.epilepsy': 'yes', 'nerves.lastSeizure': daysAgo(r, 1, 900) }),
  (r) => ({ 'other.hernia': tri(r) }),
  (r) => ({ 'redFlags.nightPain': tri(r) }),
  (r) => ({ 'redFlags.saddleNumbness': 'yes' }),
  (r) => ({ 'today.alcoholOrDrugs': 'yes' }),
  (r) => ({ 'client.pregnant': 'yes', 'client.pregnancyWeeks': 4 + Math.floor(r() * 36) }),
  (r) => ({ 'client.dateOfBirth': `20${10 + Math.floor(r() * 5)}-06-15` }),
  (r) => ({ completedAt: daysAgo(r, 100, 300) }),
  (r) => ({ 'cancer.status': 'active-treatment', 'cancer.treatments': ['chemotherapy'], 'cancer.lymphNodesRemoved': 'yes', 'cancer.lymphNodeRegions': [`${side(r)}-axilla`] }),
];

/** The risk factor that moves the form's own date back (an intake too old to trust). */
const FORM_DATE_RISK = RISKS.findIndex((f) => 'completedAt' in f(prng(1)));

/** Harmless variation a healthy intake may have. */
const HEALTHY = [
  (r) => ({ 'client.dateOfBirth': `19${50 + Math.floor(r() * 50)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}` }),
  (r) => ({ 'visit.painLevel': Math.floor(r() * 11) }),
  (r) => ({ 'visit.painRegions': [pick(r, ['neck', 'low-back', 'upper-back']), `${side(r)}-shoulder`] }),
  (r) => ({ completedAt: daysAgo(r, 0, 30) }),
];

/**
 * `n` intakes from `base` (BASELINE_INTAKE) and `withAnswers`, seeded. About 70 % healthy, 30 % with one to five
 * risk factors. Returns plain JSON-able objects.
 */
export function makeCorpus(n, { base, withAnswers, seed = 20261127 }) {
  const rnd = prng(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    let set = {};
    appointment = Date.parse(AT);
    for (const h of HEALTHY) if (rnd() < 0.5) Object.assign(set, h(rnd));
    if (rnd() < 0.3) {
      const k = 1 + Math.floor(rnd() * rnd() * 5);
      const chosen = Array.from({ length: k }, () => pick(rnd, RISKS));
      // An event cannot be dated after the form was filled in: a risk that moves the form's date goes first, and
      // every risk's date counts back from the form's date.
      chosen.sort((a, b) => Number(b === RISKS[FORM_DATE_RISK]) - Number(a === RISKS[FORM_DATE_RISK]));
      for (const f of chosen) {
        if (set.completedAt) appointment = Math.min(Date.parse(AT), Date.parse(set.completedAt));
        Object.assign(set, f(rnd));
      }
    }
    out.push(withAnswers(base, set));
  }
  return out;
}

/** Variation that changes no rule's answer on a sample intake (its age, dates and regions stay as written). */
const SAMPLE_VARIATION = [
  (r) => ({ 'visit.painLevel': Math.floor(r() * 11) }),
  (r) => ({ 'visit.goals': pick(r, ['relaxation', 'pain-relief', 'mobility']) }),
];

/**
 * The risk-heavy corpus: `n` intakes drawn from the sample intakes (examples/intakes/*.json, the ones `npm run demo`
 * screens), each with harmless variation and, half of the time, one more risk factor from the list above, dated
 * before the sample's `completedAt`, screened for {@link RISK_AT}. About 3 rules fire per intake with the default rules (the bench prints the count).
 * `samples` are the parsed sample files.
 */
export function makeRiskCorpus(n, { samples, withAnswers, seed = 20261206 }) {
  const rnd = prng(seed);
  // Moving the form's date back would put its own dates after it: that factor is left out here.
  const risks = RISKS.filter((_, i) => i !== FORM_DATE_RISK);
  const out = [];
  for (let i = 0; i < n; i++) {
    const sample = samples[i % samples.length];
    // A new risk's date counts back from the day the form was filled in (a later date would not validate).
    appointment = Math.min(Date.parse(RISK_AT), Date.parse(sample.completedAt.slice(0, 10)));
    const set = {};
    for (const v of SAMPLE_VARIATION) if (rnd() < 0.5) Object.assign(set, v(rnd));
    if (rnd() < 0.5) Object.assign(set, pick(rnd, risks)(rnd));
    out.push(withAnswers(sample, set));
  }
  return out;
}
