/** The workbench from code: checkFixtureFile, fixtureCoverage and ruleImpact. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  checkFixtureFile,
  createScreener,
  defaultRuleSet,
  fixtureCoverage,
  fixtureFileSchema,
  ruleImpact,
  withAnswers,
  type FixtureFile,
} from 'massage-triage';

const root = new URL('../../', import.meta.url);
const readJson = (p: string): unknown => JSON.parse(readFileSync(new URL(p, root), 'utf8'));
const defaults = createScreener({ rules: defaultRuleSet() });
const ids = defaultRuleSet().rules.map((r) => r.id);

describe('checkFixtureFile', () => {
  it('every default fixture names only rules the default set has', () => {
    for (const name of readdirSync(new URL('rules/fixtures/default/', root))) {
      const checked = checkFixtureFile(readJson(`rules/fixtures/default/${name}`), ids);
      expect(checked.problems, name).toEqual([]);
      expect(checked.runnable, name).toBeDefined();
    }
  });

  it('an unknown id is a problem at its place, with the id it is probably a typo of', () => {
    const checked = checkFixtureFile({ at: '2026-12-01', cases: [{ name: 'x', fires: ['clot-current-signs', 'clots-current-signs'] }] }, ids);
    expect(checked.problems).toEqual([
      expect.objectContaining({ pathString: 'cases[0].fires[1]', code: 'unknown_rule', ruleId: 'clots-current-signs', didYouMean: 'clot-current-signs' }),
    ]);
    expect(checked.runnable?.cases).toHaveLength(1);
  });

  it('an id far from every loaded one gets no suggestion', () => {
    const checked = checkFixtureFile({ at: '2026-12-01', cases: [{ name: 'x', doesNotFire: ['acme-policy'] }] }, ids);
    expect(checked.problems[0]).toMatchObject({ code: 'unknown_rule', ruleId: 'acme-policy' });
    expect(checked.problems[0]!.didYouMean).toBeUndefined();
  });

  it('shape problems are plain and all reported; the well-formed cases stay runnable', () => {
    const checked = checkFixtureFile({ at: '2026-13-45', cases: [{ fires: ['x'] }, { name: 'own date', at: '2026-12-01' }] }, ids);
    const messages = checked.problems.map((p) => `${p.pathString}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'at: `at` should be a date written YYYY-MM-DD, such as "2026-12-01".',
        'cases[0].name: `name` is missing.',
        'cases[0].fires[0]: No loaded rule set has a rule "x".',
      ]),
    );
    expect(checked.runnable?.cases.map((c) => c.name)).toEqual(['own date']);
    expect(checkFixtureFile('not a file', ids)).toMatchObject({ runnable: undefined, problems: [expect.objectContaining({ message: 'The file should be an object.' })] });
  });
});

describe('fixtureCoverage', () => {
  it('the default fixtures give every default rule a firing case and a near miss, and make (nearly) every comparison true', async () => {
    const files = readdirSync(new URL('rules/fixtures/default/', root)).map((n) => fixtureFileSchema.parse(readJson(`rules/fixtures/default/${n}`)));
    const c = await fixtureCoverage(defaults, files);
    expect(c.rules.filter((r) => !r.covered).map((r) => r.ruleId)).toEqual([]);
    expect(c.percent).toBe(100);
    expect(c.total).toBe(ids.length);
    // Every comparison of the default set is made true by some case today (130 of 130); a comparison in an `any`
    // that no case reaches is reported rather than required, so the bar is most of them.
    expect(c.leaves.total).toBeGreaterThan(ids.length);
    expect(c.leaves.madeTrue / c.leaves.total).toBeGreaterThanOrEqual(0.95);
  });

  it('a set no case names is not under test', async () => {
    const clinic = readJson('examples/rule-authoring/clinic.rules.json');
    const screener = createScreener({ rules: [defaultRuleSet(), clinic] });
    const file = fixtureFileSchema.parse(readJson('examples/rule-authoring/clinic.fixtures.json'));
    const c = await fixtureCoverage(screener, [file]);
    expect(c.setsNotUnderTest).toEqual(['massage-triage-default']);
    expect(c.rules.map((r) => r.ruleSetId)).toEqual(['riverside-clinic', 'riverside-clinic', 'riverside-clinic']);
    expect(c.percent).toBe(100);
  });

  it('a rule with only a firing case is not covered, and its comparisons never made true are named', async () => {
    const file: FixtureFile = { at: '2026-12-01', cases: [{ name: 'fever', set: { 'illness.feverOrAcuteIllness': 'yes' }, fires: ['fever-acute-illness'] }] };
    const c = await fixtureCoverage(defaults, [file]);
    const fever = c.rules.find((r) => r.ruleId === 'fever-acute-illness')!;
    expect(fever).toMatchObject({ covered: false, firingCases: ['fever'], nearMissCases: [] });
    expect(c.covered).toBe(0);
    expect(c.percent).toBe(0);
  });
});

describe('ruleImpact', () => {
  const clinic = readJson('examples/rule-authoring/clinic.rules.json');
  const v2 = readJson('examples/rule-authoring/clinic.v2.rules.json');
  const before = createScreener({ rules: [defaultRuleSet(), clinic] });
  const after = createScreener({ rules: [defaultRuleSet(), v2] });
  const at = '2026-12-01';
  const age = (dob: string) => withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': dob });

  it('reports the matrix, the changed intakes by position with the rules that explain them, and firing counts', async () => {
    const intakes = [age('1985-04-12'), age('1954-01-01'), age('1948-01-01'), { not: 'an intake' }];
    const r = await ruleImpact(before, after, intakes, { at });
    expect(r.intakes).toBe(4);
    expect(r.matrix.proceed.proceed).toBe(1);
    expect(r.matrix.proceed.modify).toBe(1);
    expect(r.matrix.modify.modify).toBe(1);
    expect(r.matrix.invalid.invalid).toBe(1);
    expect(r.changedCount).toBe(1);
    expect(r.changed).toEqual([{ line: 2, from: 'proceed', to: 'modify', nowFiring: ['clinic-over-75-no-deep-tissue'], noLongerFiring: [], outcomeChanged: [] }]);
    expect(r.rules).toEqual([{ ruleId: 'clinic-over-75-no-deep-tissue', from: 1, to: 2 }]);
  });

  it('the same rules change nothing; swapping the sides mirrors the matrix', async () => {
    const intakes = ['1950-01-01', '1955-06-01', '1990-01-01'].map(age);
    const same = await ruleImpact(before, before, intakes, { at });
    expect(same.changedCount).toBe(0);
    expect(same.rules).toEqual([]);
    const forward = await ruleImpact(before, after, intakes, { at });
    const back = await ruleImpact(after, before, intakes, { at });
    expect(back.matrix.modify.proceed).toBe(forward.matrix.proceed.modify);
    expect(back.changed.map((c) => c.noLongerFiring)).toEqual(forward.changed.map((c) => c.nowFiring));
  });

  it('maxChanges bounds the list, not the counts', async () => {
    const intakes = ['1950-01-01', '1954-01-01', '1955-01-01', '1956-01-01'].map(age);
    const r = await ruleImpact(before, after, intakes, { at, maxChanges: 1 });
    expect(r.changedCount).toBe(3);
    expect(r.changed).toHaveLength(1);
  });
});

describe('called from JavaScript with the wrong arguments', () => {
  it('ruleImpact and fixtureCoverage say what they take', async () => {
    await expect(ruleImpact(null as never, defaults, [])).rejects.toThrow(/two screeners/);
    await expect(ruleImpact(defaults, defaults, 5 as never)).rejects.toThrow(/iterable/);
    await expect(fixtureCoverage(defaults, 'x' as never)).rejects.toThrow(/list of fixture files/);
  });
});
