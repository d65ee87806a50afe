import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  createScreener,
  defaultRuleSet,
  isRuleSetError,
  VERSION,
  withAnswers,
  type ScreeningSuccess,
} from 'massage-triage';
import { leaf, rule, ruleSet } from '../rules/helpers.js';

const AT = '2026-06-15';
const yes = (fact: string, path: string) => ({ all: [leaf(fact, path, 'yesOrUnsure', true)] });

const set = ruleSet([
  rule('anticoagulants', yes('medications', 'anticoagulants'), { pressureCap: 3, avoidTechniques: ['deep-tissue', 'cupping'] }),
  rule('osteo-severe', { all: [leaf('bones', 'osteoporosis', 'equal', 'severe')] }, {
    pressureCap: 2,
    avoidTechniques: ['joint-mobilization', 'deep-tissue'],
    positioning: ['side-lying'],
  }),
  rule('fracture', yes('bones', 'fracture'), { scope: 'local', regionsFrom: ['bones.fractureRegions'], avoidRegions: true }),
  rule('neuropathy', yes('metabolic', 'neuropathy'), { scope: 'local', regionsFrom: ['metabolic.neuropathyRegions'], pressureCap: 1 }),
  rule('fever', yes('illness', 'feverOrAcuteIllness'), { disposition: 'postpone' }),
  rule('clot-signs', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'refer-urgent', regionsFrom: ['derived.clotSignRegions'] }),
  rule('not-consented', { not: leaf('consent', 'informedConsent', 'equal', true) }, { disposition: 'postpone' }),
]);
const screener = createScreener({ rules: set });

async function ok(input: unknown, options: Parameters<typeof screener.screen>[1] = { at: AT }): Promise<ScreeningSuccess> {
  const r = await screener.screen(input, options);
  if (!r.ok) throw new Error(`expected a screening, got issues: ${JSON.stringify(r.issues)}`);
  return r;
}

describe('screen', () => {
  it('gives a rule whose id an event emitter treats as special ("error", "success") its own flag, not a fault', async () => {
    for (const id of ['error', 'success', 'failure', 'rule-fired']) {
      const r = await createScreener({ rules: ruleSet([rule(id, { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'refer-urgent' })]) })
        .screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: AT });
      expect(r.ok && r.flags.map((f) => [f.ruleId, f.kind])).toEqual([[id, 'contraindication']]);
      expect(r.ok && r.disposition).toBe('refer-urgent');
    }
  });
  it('proceeds when nothing fires, with a full audit', async () => {
    const r = await ok(BASELINE_INTAKE);
    expect(r.disposition).toBe('proceed');
    expect(r.flags).toEqual([]);
    expect(r.audit).toMatchObject({
      ruleSets: [{ id: 'test-set', version: '1.0.0', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      rulesHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      disabledRules: [],
      customOperators: [],
      libraryVersion: VERSION,
      intakeSchemaVersion: '2',
      at: AT,
      locale: 'en',
    });
  });

  it('takes the most restrictive disposition and orders flags most restrictive first, then by id', async () => {
    const r = await ok(
      withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'yes', 'illness.feverOrAcuteIllness': 'yes', 'bones.osteoporosis': 'severe' }),
    );
    expect(r.disposition).toBe('postpone');
    expect(r.flags.map((f) => f.ruleId)).toEqual(['fever', 'anticoagulants', 'osteo-severe']);
  });

  it('merges modifications safely: lowest cap, unions of techniques and positioning', async () => {
    const r = await ok(withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'yes', 'bones.osteoporosis': 'severe' }));
    expect(r.disposition).toBe('modify');
    expect(r.modifications).toEqual({
      pressureCap: 2,
      regionalPressureCaps: [],
      avoidRegions: [],
      avoidTechniques: ['deep-tissue', 'joint-mobilization', 'cupping'],
      regionalAvoidTechniques: [],
      positioning: ['side-lying'],
    });
  });

  it('applies a local cap only to its regions, and only below the whole-body cap', async () => {
    const r = await ok(
      withAnswers(BASELINE_INTAKE, {
        'metabolic.diabetes': 'yes',
        'metabolic.neuropathy': 'yes',
        'metabolic.neuropathyRegions': ['left-foot', 'right-foot'],
        'medications.anticoagulants': 'yes',
      }),
    );
    expect(r.modifications.pressureCap).toBe(3);
    expect(r.modifications.regionalPressureCaps).toEqual([
      { region: 'left-foot', pressureCap: 1 },
      { region: 'right-foot', pressureCap: 1 },
    ]);
  });

  it('keeps left and right apart: a left wrist fracture avoids the left wrist only', async () => {
    const r = await ok(withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'bones.fractureRegions': ['left-wrist'] }));
    const flag = r.flags.find((f) => f.ruleId === 'fracture');
    expect(flag).toMatchObject({ scope: 'local', regions: ['left-wrist'] });
    expect(r.modifications.avoidRegions).toEqual(['left-wrist']);
  });

  it('reads a local rule without named regions as whole-body (conservative)', async () => {
    const r = await ok(withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'unsure' }));
    expect(r.flags.find((f) => f.ruleId === 'fracture')?.scope).toBe('systemic');
  });

  it('explains each flag with the conditions json-rules-engine evaluated', async () => {
    const r = await ok(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'right', 'consent.informedConsent': false }));
    const clot = r.flags.find((f) => f.ruleId === 'clot-signs');
    expect(clot).toMatchObject({
      title: 'Rule clot-signs',
      kind: 'contraindication',
      disposition: 'refer-urgent',
      regions: ['right-thigh', 'right-knee', 'right-lower-leg', 'right-ankle', 'right-foot'],
      message: 'Therapist message of clot-signs.',
      clientMessage: 'Client message of clot-signs.',
      references: [{ key: 'T1', title: 'Test reference', url: 'https://example.org/ref' }],
      because: [{ fact: 'clots', path: 'legSigns', operator: 'equal', expected: 'yes', actual: 'yes' }],
    });
    // Under a `not`, the leaf that was false is what made the rule fire.
    expect(r.flags.find((f) => f.ruleId === 'not-consented')?.because).toEqual([
      { fact: 'consent', path: 'informedConsent', operator: 'equal', expected: true, actual: false },
    ]);
  });

  it('is deterministic: same intake, same rules, same date, deep-equal results, whatever the key order', async () => {
    const input = withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'yes', 'bones.fracture': 'yes', 'bones.fractureRegions': ['right-knee'] });
    const reversed = JSON.parse(JSON.stringify(input), function (_k, v) {
      return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v;
    });
    const [a, b, c] = await Promise.all([screener.screen(input, { at: AT }), screener.screen(input, { at: AT }), screener.screen(reversed, { at: AT })]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('returns the issues for an invalid intake and never throws', async () => {
    const r = await screener.screen({ client: 'nope' }, { at: AT });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
    for (const v of [undefined, null, 42, 'x', [], new Date()]) await expect(screener.screen(v)).resolves.toMatchObject({ ok: false });
  });

  it('refuses an appointment date it cannot read', async () => {
    const r = await screener.screen(BASELINE_INTAKE, { at: 'next tuesday' });
    expect(r).toEqual({ ok: false, issues: [expect.objectContaining({ pathString: 'options.at', code: 'invalid_format' })] });
  });

  it('reads a Date appointment in the clinic’s time zone', async () => {
    const late = new Date('2026-06-15T23:30:00Z');
    expect((await ok(BASELINE_INTAKE, { at: late })).audit.at).toBe('2026-06-15');
    expect((await ok(BASELINE_INTAKE, { at: late, timeZone: 'Europe/Berlin' })).audit.at).toBe('2026-06-16');
  });
});

describe('clearances', () => {
  const s = createScreener({
    rules: ruleSet([
      rule('history', yes('clots', 'history'), { disposition: 'clearance-required', pressureCap: 2 }, { category: 'clots' }),
      rule('signs-unsure', { all: [leaf('clots', 'legSigns', 'equal', 'unsure')] }, { disposition: 'clearance-required', clearable: false }, { category: 'clots' }),
    ]),
  });
  const clearance = { condition: 'clots', clearedBy: 'Dr. Example', date: '2026-06-01' };

  it('a valid clearance lowers a clearable flag to modify; the cap still applies', async () => {
    const r = await s.screen(withAnswers(BASELINE_INTAKE, { 'clots.history': 'yes', clearances: [clearance] }), { at: AT });
    expect(r.ok && r.disposition).toBe('modify');
    expect(r.ok && r.modifications.pressureCap).toBe(2);
    expect(r.ok && r.audit.clearancesUsed).toEqual([{ ruleId: 'history', clearedBy: 'Dr. Example', date: '2026-06-01', matched: 'clots' }]);
  });

  it('no clearance lowers a rule marked clearable: false (current signs need a new assessment)', async () => {
    const r = await s.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'unsure', clearances: [{ ...clearance, ruleId: 'signs-unsure' }] }), { at: AT });
    expect(r.ok && r.disposition).toBe('clearance-required');
    expect(r.ok && r.audit.clearancesUsed).toEqual([]);
  });
});

describe('createScreener', () => {
  it('fails with a typed error listing the problems of a bad rule set', () => {
    let error: unknown;
    try {
      createScreener({ rules: ruleSet([rule('a', { all: [leaf('clots', '$.legSigns', 'equal', 'yes')] })]) });
    } catch (e) {
      error = e;
    }
    expect(isRuleSetError(error)).toBe(true);
  });

  it.each([undefined, null, 'rules.json', {}])('called without rules (%s), says what to pass instead of failing on a property read', (config) => {
    let error: unknown;
    try {
      createScreener(config as never);
    } catch (e) {
      error = e;
    }
    expect(isRuleSetError(error)).toBe(true);
    expect(isRuleSetError(error) && error.problems.map((p) => p.pathString)).toEqual(['rules']);
    expect(String((error as Error).message)).toContain('defaultRuleSet()');
  });

  it('extends the default set with a clinic’s rules and disables rules by id, listed in the audit', async () => {
    const defaults = defaultRuleSet();
    const first = defaults.rules[0]!.id;
    const clinic = ruleSet([rule('clinic-no-hot-stone-heart', yes('heart', 'heartCondition'), { avoidTechniques: ['hot-stone'] })], { id: 'clinic' });
    const s = createScreener({ rules: [defaults, clinic], disable: [first] });
    expect(s.rules.map((r) => r.id)).not.toContain(first);
    expect(s.rules.map((r) => r.id)).toContain('clinic-no-hot-stone-heart');
    const r = await s.screen(withAnswers(BASELINE_INTAKE, { 'heart.heartCondition': 'yes' }), { at: AT });
    expect(r.ok && r.flags.map((f) => f.ruleId)).toContain('clinic-no-hot-stone-heart');
    expect(r.ok && r.audit.disabledRules).toEqual([first]);
    expect(r.ok && r.audit.ruleSets.map((x) => x.id)).toEqual([defaults.id, 'clinic']);
  });

  it('refuses to disable a rule that does not exist, and duplicate ids across sets', () => {
    expect(() => createScreener({ rules: set, disable: ['nope'] })).toThrow(/nope/);
    expect(() => createScreener({ rules: [set, { ...set, id: 'other' }] })).toThrow(/more than one rule set/);
  });

  it('skips rules a file marks enabled: false, and lists them in the audit', async () => {
    const s = createScreener({ rules: ruleSet([rule('off', yes('clots', 'legSigns'), {}, { enabled: false }), rule('on', yes('clots', 'legSigns'))]) });
    const r = await s.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: AT });
    expect(r.ok && r.flags.map((f) => f.ruleId)).toEqual(['on']);
    expect(r.ok && r.audit.disabledRules).toEqual(['off']);
  });
});
