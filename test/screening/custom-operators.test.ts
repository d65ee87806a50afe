/**
 * Custom operators registered in code (issue 24.4): given to createScreener (never by a rules file), validated,
 * evaluated as strictly as the built-ins (a non-boolean or an exception fails closed, without its text), listed in the
 * audit, and known to loadRuleSet / checkRuleSet through the same list.
 */
import { Ajv } from 'ajv';
import fc from 'fast-check';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  checkRuleSet,
  createScreener,
  defaultRuleSet,
  dispositionRank,
  isRuleSetError,
  loadRuleSet,
  MAX_CUSTOM_OPERATORS,
  RuleSetError,
  rulesJsonSchema,
  withAnswers,
  type CustomOperator,
  type ScreeningSuccess,
} from 'massage-triage';
import { GENERATORS } from '../properties/arbitraries.js';
import { leaf, rule, ruleSet } from '../rules/helpers.js';

const AT = '2026-06-15';

const withinWeeks: CustomOperator = {
  name: 'withinWeeks',
  description: 'A days-since fact is known and at most the value in weeks.',
  facts: ['number'],
  value: 'number',
  evaluate: (days, weeks) => typeof days === 'number' && typeof weeks === 'number' && days <= weeks * 7,
};

const fractureRule = rule(
  'clinic-fracture-12-weeks',
  { all: [leaf('bones', 'fracture', 'yesOrUnsure', true), leaf('derived', 'daysSinceFracture', 'withinWeeks', 12)] },
  { disposition: 'postpone' },
);
const clinicSet = ruleSet([fractureRule], { id: 'clinic' });
/** 84 days (12 weeks) before the appointment, and one day earlier. */
const fractureOn = (date: string) => withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'bones.fractureDate': date, 'bones.fractureRegions': ['left-wrist'] });

async function ok(p: Promise<unknown>): Promise<ScreeningSuccess> {
  const r = (await p) as ScreeningSuccess | { ok: false };
  expect(r.ok).toBe(true);
  if (!r.ok) throw new Error('not screened');
  return r;
}

function problemsOf(fn: () => unknown): { pathString: string; code: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(isRuleSetError(e)).toBe(true);
    return [...(e as RuleSetError).problems];
  }
  throw new Error('expected a RuleSetError');
}

describe('a custom operator given in code', () => {
  const screener = createScreener({ rules: [defaultRuleSet(), clinicSet], operators: [withinWeeks] });

  it('fires a rule, is named in its because, and is listed in the audit', async () => {
    const r = await ok(screener.screen(fractureOn('2026-03-23'), { at: AT }));
    const flag = r.flags.find((f) => f.ruleId === 'clinic-fracture-12-weeks');
    expect(flag).toBeDefined();
    expect(flag!.because).toContainEqual({ fact: 'derived', path: 'daysSinceFracture', operator: 'withinWeeks', expected: 12, actual: 84 });
    expect(r.audit.customOperators).toEqual(['withinWeeks']);
    expect(screener.operators.map((o) => o.name)).toEqual(['withinWeeks']);
  });

  it('does not fire one day past its edge', async () => {
    const r = await ok(screener.screen(fractureOn('2026-03-22'), { at: AT }));
    expect(r.flags.map((f) => f.ruleId)).not.toContain('clinic-fracture-12-weeks');
    expect(r.flags.map((f) => f.ruleId)).not.toContain('evaluation-error');
  });

  it('lists the operators sorted in the audit, and none without them', async () => {
    const other: CustomOperator = { ...withinWeeks, name: 'atLeastWeeks', evaluate: (d, w) => typeof d === 'number' && typeof w === 'number' && d >= w * 7 };
    const r = await ok(createScreener({ rules: clinicSet, operators: [withinWeeks, other] }).screen(BASELINE_INTAKE, { at: AT }));
    expect(r.audit.customOperators).toEqual(['atLeastWeeks', 'withinWeeks']);
    const plain = await ok(createScreener({ rules: defaultRuleSet() }).screen(BASELINE_INTAKE, { at: AT }));
    expect(plain.audit.customOperators).toEqual([]);
  });

  it('gets copies: changing the answer it reads changes nothing the other rules read', async () => {
    const grabby: CustomOperator = {
      name: 'clearsList',
      description: 'Empties the list it reads (a faulty operator).',
      facts: ['list'],
      value: 'true',
      evaluate: (list) => {
        if (Array.isArray(list)) list.length = 0;
        return false;
      },
    };
    const set = ruleSet([
      rule('a-clears', { all: [leaf('bones', 'fractureRegions', 'clearsList', true)] }),
      rule('b-reads', { all: [leaf('bones', 'fractureRegions', 'contains', 'left-wrist')] }),
    ]);
    const r = await ok(createScreener({ rules: set, operators: [grabby] }).screen(fractureOn('2026-03-23'), { at: AT }));
    expect(r.flags.map((f) => f.ruleId)).toContain('b-reads');
  });
});

describe('a rules file naming a custom operator', () => {
  it('is refused with a typed error when the operator is not given', () => {
    const problems = problemsOf(() => loadRuleSet(clinicSet));
    expect(problems).toEqual([
      expect.objectContaining({ pathString: 'rules[0].conditions.all[1].operator', code: 'unknown_operator', message: expect.stringContaining('given in code') }),
    ]);
    const checked = checkRuleSet(clinicSet);
    expect(checked.ok).toBe(false);
    expect(problemsOf(() => createScreener({ rules: clinicSet }))[0]).toMatchObject({ code: 'unknown_operator' });
  });

  it('loads with the operator, and the loaded set screens with it', async () => {
    const loaded = loadRuleSet(clinicSet, { operators: [withinWeeks] });
    expect(checkRuleSet(clinicSet, { operators: [withinWeeks] }).ok).toBe(true);
    const r = await ok(createScreener({ rules: loaded, operators: [withinWeeks] }).screen(fractureOn('2026-03-23'), { at: AT }));
    expect(r.flags.map((f) => f.ruleId)).toContain('clinic-fracture-12-weeks');
  });

  it('loaded with the operator, is refused by a screener that is not given it', () => {
    const loaded = loadRuleSet(clinicSet, { operators: [withinWeeks] });
    expect(problemsOf(() => createScreener({ rules: loaded }))).toEqual([
      expect.objectContaining({ pathString: 'rules[0].conditions.all[1].operator', code: 'unknown_operator' }),
    ]);
    expect(checkRuleSet(loaded).ok).toBe(false);
    // An operator of the same name declared for other facts does not fit the rule either.
    const forLists: CustomOperator = { ...withinWeeks, facts: ['list'] };
    expect(problemsOf(() => createScreener({ rules: [defaultRuleSet(), loaded], operators: [forLists] }))).toEqual([
      expect.objectContaining({ pathString: '[1].rules[0].conditions.all[1].operator', code: 'operator_mismatch' }),
    ]);
  });

  it('has its value checked as the operator declares', () => {
    const bad = ruleSet([rule('r', { all: [leaf('derived', 'daysSinceFracture', 'withinWeeks', '12')] })]);
    expect(problemsOf(() => loadRuleSet(bad, { operators: [withinWeeks] }))).toEqual([
      expect.objectContaining({ pathString: 'rules[0].conditions.all[0].value', code: 'invalid_value' }),
    ]);
    const onAnswer = ruleSet([rule('r', { all: [leaf('clots', 'history', 'withinWeeks', 12)] })]);
    expect(problemsOf(() => loadRuleSet(onAnswer, { operators: [withinWeeks] }))[0]).toMatchObject({ code: 'operator_mismatch' });
  });

  it('cannot define an operator: a rules file is data', () => {
    const defining = { ...clinicSet, operators: [{ name: 'withinWeeks', description: 'x', facts: ['number'], value: 'number', evaluate: 'return true' }] };
    const problems = problemsOf(() => loadRuleSet(defining));
    expect(problems.some((p) => p.code === 'invalid_format' && p.message.includes('operators'))).toBe(true);
    const inline = ruleSet([rule('r', { all: [{ fact: 'clots', path: 'history', operator: { name: 'x', evaluate: '() => true' }, value: true }] })]);
    expect(problemsOf(() => loadRuleSet(inline))[0]).toMatchObject({ pathString: 'rules[0].conditions.all[0].operator', code: 'invalid_format' });
    // Parsed JSON cannot carry a function; a function placed in a rule object from code is refused as well.
    const withFunction = ruleSet([rule('r', { all: [{ fact: 'clots', path: 'history', operator: () => true, value: true }] })]);
    expect(checkRuleSet(withFunction).ok).toBe(false);
  });
});

describe('custom operators are validated', () => {
  const config = (operators: unknown) => ({ rules: clinicSet, operators: operators as CustomOperator[] });

  it('refuses a name of a built-in operator', () => {
    for (const name of ['equal', 'yesOrUnsure', 'withinDays']) {
      expect(problemsOf(() => createScreener(config([{ ...withinWeeks, name }])))).toContainEqual(
        expect.objectContaining({ pathString: 'operators[0].name', code: 'duplicate_id', message: expect.stringContaining('built-in') }),
      );
    }
  });

  it('refuses a name given twice, a name that is no identifier, and a prototype name', () => {
    expect(problemsOf(() => createScreener(config([withinWeeks, withinWeeks])))).toContainEqual(
      expect.objectContaining({ pathString: 'operators[1].name', code: 'duplicate_id' }),
    );
    for (const name of ['', 'not:equal', 'a b', '1st', 'x'.repeat(65), 7]) {
      expect(problemsOf(() => createScreener(config([{ ...withinWeeks, name }])))[0]).toMatchObject({ pathString: 'operators[0].name', code: 'invalid_format' });
    }
    expect(problemsOf(() => createScreener(config([{ ...withinWeeks, name: 'constructor' }])))[0]).toMatchObject({ pathString: 'operators[0].name' });
  });

  it('reports each bad field at its path', () => {
    const problems = problemsOf(() =>
      createScreener(config([withinWeeks, withinWeeks, { ...withinWeeks, name: 'third', description: '', facts: ['numbers'], value: 'integer', evaluate: 'true' }])),
    );
    expect(problems.map((p) => p.pathString)).toEqual(['operators[1].name', 'operators[2].description', 'operators[2].facts', 'operators[2].value', 'operators[2].evaluate']);
    expect(problemsOf(() => createScreener(config({ withinWeeks })))[0]).toMatchObject({ pathString: 'operators', code: 'invalid_format' });
    expect(problemsOf(() => createScreener(config([null])))[0]).toMatchObject({ pathString: 'operators[0]' });
  });

  it('refuses more than the limit', () => {
    const many = Array.from({ length: MAX_CUSTOM_OPERATORS + 1 }, (_, i) => ({ ...withinWeeks, name: `op${i}` }));
    expect(problemsOf(() => createScreener(config(many)))[0]).toMatchObject({ pathString: 'operators', code: 'too_large' });
  });

  it('reads an operator once: a getter that changes later changes nothing', async () => {
    let calls = 0;
    const sly = {
      ...withinWeeks,
      get evaluate() {
        calls += 1;
        return calls === 1 ? withinWeeks.evaluate : () => 'later';
      },
    };
    const r = await ok(createScreener(config([sly])).screen(fractureOn('2026-03-23'), { at: AT }));
    expect(r.flags.map((f) => f.ruleId)).toEqual(['clinic-fracture-12-weeks']);
    expect(calls).toBe(1);
  });

  it('never repeats the message of an error thrown while reading the list', () => {
    const trap = new Proxy([withinWeeks], {
      get(t, k) {
        if (k === '0') throw new Error('secret from the host');
        return Reflect.get(t, k);
      },
    });
    const problems = problemsOf(() => createScreener(config(trap)));
    expect(JSON.stringify(problems)).not.toContain('secret');
    expect(problems[0]).toMatchObject({ pathString: 'operators' });
  });
});

describe('a custom operator that misbehaves fails closed', () => {
  const faulty = (name: string, evaluate: (a: unknown, b: unknown) => unknown): CustomOperator => ({
    name,
    description: 'A faulty operator.',
    facts: ['answer'],
    value: 'true',
    evaluate: evaluate as CustomOperator['evaluate'],
  });
  const operators = [
    faulty('throwsWithAnswer', (a) => {
      throw new Error(`client said ${String(a)} SECRET-ANSWER`);
    }),
    faulty('givesNumber', () => 1),
    faulty('givesUndefined', () => undefined),
    faulty('isAsync', async () => true),
    faulty('rejects', () => Promise.reject(new Error('SECRET-REJECTION'))),
  ];
  const set = ruleSet([
    ...operators.map((o) => rule(`uses-${o.name.toLowerCase()}`, { all: [leaf('clots', 'history', o.name, true)] })),
    rule('healthy', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'postpone' }),
  ]);
  const screener = createScreener({ rules: set, operators });

  it('each rule that uses one is an evaluation-error flag naming it, never proceed, no exception text anywhere', async () => {
    for (const intake of [BASELINE_INTAKE, withAnswers(BASELINE_INTAKE, { 'clots.history': 'yes', 'clots.legSigns': 'yes' })]) {
      const r = await ok(screener.screen(intake, { at: AT }));
      expect(r.disposition).not.toBe('proceed');
      expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
      const named = r.flags.filter((f) => f.ruleId === 'evaluation-error').map((f) => f.because[0]?.actual);
      expect(named.sort()).toEqual(operators.map((o) => `uses-${o.name.toLowerCase()}`).sort());
      const text = JSON.stringify(r);
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain('client said');
    }
    const r = await ok(screener.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: AT }));
    expect(r.flags.map((f) => f.ruleId)).toContain('healthy');
  });

  for (const g of GENERATORS) {
    it(`holds for any ${g.name} intake (50 runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(g.intakes, async (intake) => {
          const r = await ok(screener.screen(intake, { at: AT }));
          expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
          expect(r.flags.filter((f) => f.ruleId === 'evaluation-error').length).toBe(operators.length);
          expect(JSON.stringify(r)).not.toContain('SECRET');
        }),
        { numRuns: 50 },
      );
    });
  }
});

describe('the rules JSON Schema', () => {
  const validator = (schema: object) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    return ajv.compile(schema);
  };

  it('offers a custom operator given to it, for the facts it reads, and checks its value', () => {
    const withOps = validator(rulesJsonSchema({ operators: [withinWeeks] }));
    expect(withOps(clinicSet)).toBe(true);
    expect(withOps(ruleSet([rule('r', { all: [leaf('derived', 'daysSinceFracture', 'withinWeeks', 'twelve')] })]))).toBe(false);
    expect(withOps(ruleSet([rule('r', { all: [leaf('clots', 'history', 'withinWeeks', 12)] })]))).toBe(false);
    const text = JSON.stringify(rulesJsonSchema({ operators: [withinWeeks] }));
    expect(text).toContain(withinWeeks.description);
  });

  it('does not offer it without them, and refuses an invalid list with a typed error', () => {
    expect(validator(rulesJsonSchema())(clinicSet)).toBe(false);
    expect(JSON.stringify(rulesJsonSchema())).not.toContain('withinWeeks');
    expect(problemsOf(() => rulesJsonSchema({ operators: [{ ...withinWeeks, name: 'equal' }] }))[0]).toMatchObject({ pathString: 'operators[0].name' });
  });
});
