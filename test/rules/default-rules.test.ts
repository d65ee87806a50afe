/**
 * The default clinical rule set: it loads, every rule is documented and sourced, every fixture case passes, every
 * rule is shown both firing and not firing, the healthy baseline proceeds, every row of the reference's
 * contraindication table has rules, and adding a risk factor never lowers the disposition.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  createScreener,
  defaultRuleSet,
  DISPOSITIONS,
  fixtureFileSchema,
  loadRuleSet,
  runFixtures,
  withAnswers,
  type FixtureFile,
} from 'massage-triage';

const ROOT = path.resolve(__dirname, '../..');
const RULES_FILE = path.join(ROOT, 'rules/default.rules.json');
const FIXTURE_DIR = path.join(ROOT, 'rules/fixtures/default');
const AT = '2026-06-15';

const CATEGORIES = [
  'clots', 'bones', 'medications', 'surgery', 'injections', 'cancer', 'lymph', 'heart', 'metabolic', 'blood', 'skin',
  'veins', 'illness', 'injury', 'joints', 'nerves', 'other', 'red-flags', 'today', 'allergies', 'consent', 'pregnancy',
  'unsure',
];

const raw: unknown = JSON.parse(fs.readFileSync(RULES_FILE, 'utf8'));
const loaded = loadRuleSet(raw);
const ids = loaded.rules.map((r) => r.id);
const screener = createScreener({ rules: defaultRuleSet() });

const fixtureFiles: { name: string; file: FixtureFile }[] = fs
  .readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f, file: fixtureFileSchema.parse(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, f), 'utf8'))) }));

/**
 * Every row of the contraindication table (clinical-reference §2.2), the outcome map (§1.6) and the published
 * screening items (§2.1), with the rules that cover it.
 */
const COVERAGE: Record<string, string[]> = {
  'Suspected DVT (§2.2, §2.1 Wells)': ['clot-current-signs', 'clot-signs-unsure', 'clot-pe-signs'],
  'Known or recent DVT or PE': ['clot-history-not-cleared', 'clot-history', 'clot-history-first-year', 'clot-within-3-months'],
  'Clot risk: immobility, major surgery (Wells)': ['clot-risk-immobility', 'surgery-clot-risk'],
  'Anticoagulants or antiplatelets': ['medication-anticoagulants', 'medication-antiplatelets'],
  'Bleeding disorder or low platelets': ['bleeding-disorder', 'easy-bruising'],
  'Recent fracture': ['fracture-healing', 'fracture-not-cleared', 'fracture-cast-hardware'],
  'Suspected fracture (§1.6, Ottawa)': ['fracture-suspected'],
  'Osteopenia or mild osteoporosis': ['osteopenia-osteoporosis', 'height-loss'],
  'Severe osteoporosis or vertebral fractures': ['osteoporosis-severe', 'osteoporosis-fracture-clearance'],
  'Fever or acute infection': ['fever-acute-illness', 'fever-temperature'],
  'Contagious skin': ['skin-contagious', 'skin-non-contagious'],
  'Open wound, burn, sunburn, graft': ['skin-wounds-burns'],
  'Recent surgery': ['surgery-recent-clearance', 'surgery-site', 'surgery-clot-risk'],
  'Pregnancy, uncomplicated': ['pregnancy', 'pregnancy-legs', 'pregnancy-first-trimester', 'pregnancy-after-20-weeks'],
  'Pregnancy warning signs': ['pregnancy-warning-signs-acute', 'pregnancy-complications'],
  'High-risk pregnancy': ['pregnancy-complications'],
  'Cancer, active treatment': [
    'cancer-active-treatment',
    'cancer-history',
    'cancer-radiation-site',
    'cancer-port-device',
    'cancer-bone-metastasis',
    'cancer-low-blood-counts',
  ],
  'Lymph nodes removed or irradiated': ['cancer-lymph-nodes'],
  'Existing lymphedema': ['lymphedema'],
  Hypertension: ['bp-diagnosed', 'bp-uncontrolled', 'bp-reading-high', 'bp-reading-stage-2', 'bp-reading-crisis', 'bp-crisis-with-symptoms'],
  'Recent MI or stroke': ['heart-attack-stroke-not-cleared', 'heart-attack-stroke-recent', 'heart-attack-stroke-history'],
  'Diabetes with neuropathy': ['diabetes-neuropathy', 'diabetes', 'diabetes-no-hot-stone'],
  'Varicose veins / thrombophlebitis': ['varicose-veins', 'phlebitis'],
  'Acute sprain or strain (0–72 h)': ['injury-acute'],
  'Inflammatory arthritis flare': ['arthritis-flare-local', 'arthritis-flare-systemic'],
  'Long-term corticosteroids': ['corticosteroids-long-term'],
  'Recent injection (steroid / Botox)': ['injection-steroid-site', 'injection-botox-filler-site', 'injection-other-site'],
  'Pacemaker or implanted device': ['implanted-device'],
  Hernia: ['hernia-site', 'hernia-no-deep-abdominal'],
  'Kidney or heart failure': ['kidney-disease', 'kidney-disease-stable', 'kidney-transplant', 'kidney-fistula-arm', 'heart-condition', 'heart-condition-stable'],
  Aneurysm: ['aneurysm'],
  Epilepsy: ['epilepsy', 'epilepsy-recent-seizure'],
  'Fibromyalgia flare': ['fibromyalgia-flare'],
  Minor: ['minor-client', 'minor-no-guardian-consent'],
  Intoxication: ['alcohol-drugs-today'],
  'Cauda equina (§2.1, §1.6)': ['red-flag-saddle-numbness', 'red-flag-bladder-bowel'],
  'Chest pain or stroke signs (§1.6)': ['clot-pe-signs', 'red-flag-stroke-signs'],
  'BP crisis with symptoms (§1.6)': ['bp-crisis-with-symptoms'],
  'Spinal red flags (§2.1)': ['red-flag-weight-loss', 'red-flag-night-pain', 'red-flag-back-pain-risk'],
  'Informed consent': ['consent-missing'],
  'Pain medication today (masks feedback)': ['pain-medication-today'],
  'Product allergies': ['allergies-products'],
  '"Not sure" answers (fail closed)': ['unsure-answers', 'clot-signs-unsure'],
  // Issue 18: what a clinician expects the form to catch (clinical review of December 2026).
  'Pregnancy: high-risk history and warning signs now (ACOG, CDC)': [
    'pregnancy-high-risk',
    'pregnancy-warning-signs-now',
    'pregnancy-blood-pressure-raised',
    'pregnancy-blood-pressure-severe',
  ],
  'Prenatal session limits': ['pregnancy-abdomen', 'pregnancy-pressure-ceiling', 'pregnancy-second-third-trimester'],
  'TIA and gradual numbness (FAST, NICE NG128)': ['tia-recent-not-assessed', 'tia-not-assessed', 'tia-history', 'numbness-local'],
  "Joint replacement within the surgeon's precautions": ['joint-replacement-precautions'],
  'Spinal cord injury, autonomic dysreflexia (PAR-Q+)': ['spinal-cord-injury', 'spinal-cord-injury-dysreflexia'],
  'Fainting or dizziness (PAR-Q+ Q3)': ['fainting-dizziness'],
  'Concussion and whiplash': ['concussion-recent', 'whiplash-recent'],
  'Liver disease (Werner; §1.6 liver failure)': ['liver-disease', 'liver-disease-abdomen'],
  'New tattoo or piercing (open wound)': ['tattoo-piercing-recent'],
  'Muscle relaxants, strong painkillers, immunosuppressants, skin patches': [
    'medication-reduced-feedback',
    'medication-immunosuppressants',
    'medication-skin-patch',
  ],
  'Cellulitis in a lymphedema limb (MLD absolute contraindication)': ['lymphedema-cellulitis-signs', 'lymphedema-cellulitis-unsure'],
  'Inflammatory arthritis of the neck (atlanto-axial instability)': ['arthritis-neck-instability'],
  'Lymphatic drainage after a clot (MLD absolute contraindication)': ['clot-no-lymphatic-drainage', 'clot-limb-no-lymphatic-drainage'],
  'Questions an older form did not ask (fail closed)': ['unanswered-safety-questions'],
};

describe('the default rule set', () => {
  it('loads without problems, with a semantic version and at least 40 rules', () => {
    expect(loaded.id).toBe('massage-triage-default');
    expect(loaded.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(loaded.rules.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ids).size).toBe(ids.length);
    expect((raw as { $schema?: string }).$schema).toBe('../schemas/rules.schema.json');
    expect(defaultRuleSet().hash).toBe(loaded.hash);
  });

  it('documents and sources every rule', () => {
    const sourceless: string[] = [];
    for (const r of loaded.rules) {
      expect(CATEGORIES, r.id).toContain(r.category);
      expect(r.message.length, r.id).toBeGreaterThan(10);
      expect(r.clientMessage.length, r.id).toBeGreaterThan(10);
      expect(r.rationale.length, r.id).toBeGreaterThan(10);
      if (r.references.length === 0 || r.references.some((ref) => !ref.url && !ref.key)) sourceless.push(r.id);
    }
    expect(sourceless).toEqual([]);
  });

  it('keeps diagnoses and myths out of the client messages', () => {
    const myths = /toxin|lactic acid|spread(s)? cancer|cure/i;
    for (const r of loaded.rules) {
      expect(r.clientMessage, r.id).not.toMatch(myths);
      expect(r.message, r.id).not.toMatch(myths);
      expect(r.clientMessage, r.id).not.toMatch(/\b(DVT|thrombosis|embolism|cauda equina|metastas|preeclampsia)\b/i);
    }
  });

  it('gives the healthy baseline intake "proceed" with no flags', async () => {
    const r = await screener.screen(BASELINE_INTAKE, { at: AT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.disposition).toBe('proceed');
    expect(r.flags).toEqual([]);
  });
});

describe('clearances and the most restrictive outcome', () => {
  const clot = { 'clots.history': 'yes', 'clots.historyDate': '2025-10-10', 'clots.onTreatment': 'no', 'clots.cleared': 'no' };

  it('a clearance on file lowers "clot-history-not-cleared" to modify and keeps its modifications', async () => {
    const before = await screener.screen(withAnswers(BASELINE_INTAKE, clot), { at: AT });
    const after = await screener.screen(
      withAnswers(BASELINE_INTAKE, { ...clot, clearances: [{ ruleId: 'clot-history-not-cleared', clearedBy: 'Dr. Lee', date: '2026-06-01' }] }),
      { at: AT },
    );
    expect(before.ok && before.disposition).toBe('clearance-required');
    expect(after.ok && after.disposition).toBe('modify');
    if (!after.ok) return;
    expect(after.modifications.pressureCap).toBe(1);
    expect(after.modifications.avoidTechniques).toEqual(expect.arrayContaining(['deep-tissue', 'cupping', 'instrument-assisted', 'friction']));
  });

  it('nothing clears an urgent referral', async () => {
    const r = await screener.screen(
      withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', clearances: [{ ruleId: 'clot-current-signs', date: '2026-06-01' }] }),
      { at: AT },
    );
    expect(r.ok && r.disposition).toBe('refer-urgent');
  });

  it('combines a healing fracture (local) with osteoporosis (systemic): lowest cap, the fracture site avoided', async () => {
    const r = await screener.screen(
      withAnswers(BASELINE_INTAKE, {
        'bones.fracture': 'yes',
        'bones.fractureDate': '2026-05-01',
        'bones.fractureRegions': ['left-wrist'],
        'bones.fractureHealedCleared': 'yes',
        'bones.osteoporosis': 'osteopenia',
      }),
      { at: AT },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.disposition).toBe('modify');
    expect(r.modifications.pressureCap).toBe(3);
    expect(r.modifications.avoidRegions).toEqual(['left-wrist']);
    expect(r.modifications.avoidTechniques).toEqual(expect.arrayContaining(['percussion', 'joint-mobilization', 'stretching']));
  });

  it('caps pressure only in the at-risk quadrant after left axillary node removal', async () => {
    const r = await screener.screen(
      withAnswers(BASELINE_INTAKE, { 'cancer.status': 'history', 'cancer.lymphNodesRemoved': 'yes', 'cancer.lymphNodeRegions': ['left-axilla'], 'visit.conditions': ['stress'] }),
      { at: AT },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const capped = r.modifications.regionalPressureCaps.map((c) => c.region);
    expect(capped).toEqual(expect.arrayContaining(['left-axilla', 'left-upper-arm', 'left-chest']));
    expect(capped.some((c) => c.startsWith('right-'))).toBe(false);
  });
});

describe('coverage of the clinical reference', () => {
  it('covers clots, fractures, osteoporosis and every category', () => {
    const categories = new Set(loaded.rules.map((r) => r.category));
    for (const c of CATEGORIES) expect(categories, c).toContain(c);
    expect(ids).toEqual(expect.arrayContaining(['clot-current-signs', 'fracture-suspected', 'fracture-healing', 'osteopenia-osteoporosis', 'osteoporosis-severe']));
  });

  it.each(Object.entries(COVERAGE))('row "%s" has rules', (_row, ruleIds) => {
    expect(ruleIds.length).toBeGreaterThan(0);
    for (const id of ruleIds) expect(ids, id).toContain(id);
  });

  it('maps every rule to some row', () => {
    const mapped = new Set(Object.values(COVERAGE).flat());
    expect(ids.filter((id) => !mapped.has(id))).toEqual([]);
  });

  it('shows every rule firing in some case and not firing in another', () => {
    const fires = new Set(fixtureFiles.flatMap(({ file }) => file.cases.flatMap((c) => c.fires ?? [])));
    const misses = new Set(fixtureFiles.flatMap(({ file }) => file.cases.flatMap((c) => c.doesNotFire ?? [])));
    expect(ids.filter((id) => !fires.has(id))).toEqual([]);
    expect(ids.filter((id) => !misses.has(id))).toEqual([]);
    const unknown = [...fires, ...misses].filter((id) => !ids.includes(id));
    expect(unknown).toEqual([]);
  });
});

describe.each(fixtureFiles)('fixtures $name', ({ name, file }) => {
  it.each(file.cases.map((c, i) => [`${name}: ${c.name}`, i] as const))('%s', async (_label, i) => {
    const one: FixtureFile = { ...file, cases: [file.cases[i]!] };
    const [report] = await runFixtures(screener, one);
    expect(report, 'no report').toBeDefined();
    if (!report!.passed) expect.fail(`${report!.failures.join('\n')}\nfired: ${report!.fired.join(', ') || '(none)'}`);
    expect(report!.passed).toBe(true);
  });
});

/** Risk answers a client can add to an intake; each makes the picture worse or leaves it as it was. */
const RISKS: Record<string, unknown[]> = {
  'clots.history': ['yes', 'unsure'],
  'clots.onTreatment': ['yes', 'unsure'],
  'clots.legSigns': ['yes', 'unsure'],
  'clots.breathlessnessOrChestPain': ['yes', 'unsure'],
  'clots.immobility': ['yes', 'unsure'],
  'bones.fracture': ['yes', 'unsure'],
  'bones.suspectedFracture': ['yes', 'unsure'],
  'bones.vertebralFracture': ['yes', 'unsure'],
  'bones.fragilityFracture': ['yes', 'unsure'],
  'bones.heightLoss': ['yes', 'unsure'],
  'medications.anticoagulants': ['yes', 'unsure'],
  'medications.antiplatelets': ['yes', 'unsure'],
  'medications.corticosteroids': ['yes', 'unsure'],
  'medications.painMedicationToday': ['yes', 'unsure'],
  'surgery.recent': ['yes', 'unsure'],
  'injections.recent': ['yes', 'unsure'],
  'cancer.lymphNodesRemoved': ['yes', 'unsure'],
  'cancer.boneMetastasis': ['yes', 'unsure'],
  'cancer.lowBloodCounts': ['yes', 'unsure'],
  'cancer.portOrDevice': ['yes', 'unsure'],
  'lymph.lymphedema': ['yes', 'unsure'],
  'heart.heartAttackOrStroke': ['yes', 'unsure'],
  'heart.heartCondition': ['yes', 'unsure'],
  'heart.implantedDevice': ['yes', 'unsure'],
  'heart.aneurysm': ['yes', 'unsure'],
  'metabolic.diabetes': ['yes', 'unsure'],
  'metabolic.neuropathy': ['yes', 'unsure'],
  'metabolic.kidneyDisease': ['yes', 'unsure'],
  'blood.bleedingDisorder': ['yes', 'unsure'],
  'skin.contagious': ['yes', 'unsure'],
  'skin.woundsOrBurns': ['yes', 'unsure'],
  'veins.varicose': ['yes', 'unsure'],
  'veins.phlebitis': ['yes', 'unsure'],
  'illness.feverOrAcuteIllness': ['yes', 'unsure'],
  'injury.recent': ['yes', 'unsure'],
  'joints.inflammatoryArthritis': ['yes', 'unsure'],
  'nerves.epilepsy': ['yes', 'unsure'],
  'other.hernia': ['yes', 'unsure'],
  'other.fibromyalgiaFlare': ['yes', 'unsure'],
  'redFlags.saddleNumbness': ['yes', 'unsure'],
  'redFlags.bladderBowelChange': ['yes', 'unsure'],
  'redFlags.unexplainedWeightLoss': ['yes', 'unsure'],
  'redFlags.nightPain': ['yes', 'unsure'],
  'redFlags.suddenHeadacheOrNeuro': ['yes', 'unsure'],
  'today.alcoholOrDrugs': ['yes', 'unsure'],
  'allergies.any': ['yes', 'unsure'],
  'client.pregnant': ['yes', 'unsure'],
  'client.pregnancyComplications': ['yes', 'unsure'],
  'bones.osteoporosis': ['osteopenia', 'osteoporosis', 'severe', 'unsure'],
  'cancer.status': ['history', 'active-treatment', 'unsure'],
  'heart.bloodPressure': ['controlled', 'uncontrolled', 'unsure'],
  'heart.systolic': [145, 165, 185],
  'illness.temperatureC': [38.5],
};
const FOLLOW_UPS = ['clots.onTreatment', 'client.pregnancyComplications'];
const rank = (d: string) => DISPOSITIONS.indexOf(d as (typeof DISPOSITIONS)[number]);

describe('monotonicity', () => {
  it('adding one more risk answer never lowers the disposition', async () => {
    const keys = Object.keys(RISKS);
    const risk = fc.constantFrom(...keys).chain((k) => fc.constantFrom(...RISKS[k]!).map((v) => [k, v] as const));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(risk, { minLength: 0, maxLength: 5, selector: ([k]) => k }), risk, async (base, [k, v]) => {
        fc.pre(!base.some(([bk]) => bk === k));
        const before = Object.fromEntries(base);
        const a = await screener.screen(withAnswers(BASELINE_INTAKE, before), { at: AT });
        const b = await screener.screen(withAnswers(BASELINE_INTAKE, { ...before, [k]: v }), { at: AT });
        expect(a.ok && b.ok).toBe(true);
        if (!a.ok || !b.ok) return;
        expect(rank(b.disposition)).toBeGreaterThanOrEqual(rank(a.disposition));
        // A follow-up alone (still on treatment, without a clot) is no risk of its own.
        if (!FOLLOW_UPS.includes(k)) expect(b.disposition).not.toBe('proceed');
      }),
      { numRuns: 300, seed: 20260615 },
    );
  });
});
