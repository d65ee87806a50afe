/**
 * Hostile rule files: loadRuleSet refuses each with a RuleSetError naming the problem at its JSON path, before
 * json-rules-engine ever sees it. Covers what json-rules-engine itself would reject at run time (dist/condition.js,
 * rule.js, engine.js: a leaf without value, priority 0, `not` with an array, `all` that is not an array) and what it
 * would accept but we must not (JSONPath, operator decorators such as "not:equal", { "fact": … } values, event
 * params, empty groups, prototype keys, forged "loaded" sets).
 */
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, RuleSetError, checkRuleSet, createScreener, defaultRuleSet, loadRuleSet, withAnswers, type RuleSetProblem } from 'massage-triage';
import { MAX_CONDITION_DEPTH, MAX_INLINED_CONDITIONS, MAX_NAMED_CONDITIONS } from '../../src/rules/load.js';
import { leaf, rule, ruleSet } from '../rules/helpers.js';

const LEG = leaf('clots', 'legSigns', 'equal', 'yes');

/** The problems of a refused set (and that loadRuleSet and createScreener refuse it too). */
function refused(json: unknown): readonly RuleSetProblem[] {
  const r = checkRuleSet(json);
  expect(r.ok).toBe(false);
  expect(() => loadRuleSet(json)).toThrow(RuleSetError);
  expect(() => createScreener({ rules: json })).toThrow(RuleSetError);
  return r.ok ? [] : r.problems;
}
const at = (problems: readonly RuleSetProblem[]) => problems.map((p) => `${p.pathString} ${p.code}`);
const withLeaf = (l: unknown) => ruleSet([rule('r', { all: [l] })]);
function nest(depth: number, kind: 'all' | 'any' | 'not'): unknown {
  let c: unknown = LEG;
  for (let i = 0; i < depth; i++) c = kind === 'not' ? { not: c } : { [kind]: [c] };
  return c;
}

describe('paths: plain dot paths only', () => {
  it.each([
    ['$..[?(@.a)]', 'a JSONPath filter expression'],
    ['$.x', 'a JSONPath root'],
    ['$..[?(globalThis.pwned = 1)]', 'a script in a filter'],
    ['legSigns[0]', 'brackets'],
    ['a..b', 'an empty segment'],
    ['legSigns.', 'a trailing dot'],
    ['leg signs', 'a space'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['prototype', 'prototype'],
    ['legSigns.__proto__', '__proto__ further down'],
    ['constructor.name', 'constructor further down'],
    ['toString', 'an inherited method'],
  ])('%s (%s) is refused at the path', (path) => {
    const problems = refused(withLeaf(leaf('clots', path, 'equal', 'yes')));
    expect(at(problems)).toEqual([expect.stringMatching(/^rules\[0\]\.conditions\.all\[0\]\.path (forbidden_path|unknown_path)$/)]);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
  it('a leaf without a path is refused', () => {
    expect(at(refused(withLeaf({ fact: 'clots', operator: 'equal', value: 'yes' })))).toEqual(['rules[0].conditions.all[0].path unknown_path']);
  });
  it('regionsFrom cannot reach into prototypes', () => {
    for (const p of ['__proto__.x', 'bones.__proto__', 'constructor.prototype', 'bones.constructor']) {
      const problems = refused(ruleSet([rule('r', { all: [LEG] }, { scope: 'local', regionsFrom: [p] })]));
      expect(at(problems)).toContain('rules[0].outcome.regionsFrom[0] unknown_path');
    }
  });
});

describe('facts and operators', () => {
  it.each(['process', 'globalThis', 'derived2', '__proto__', 'constructor', 'toString', ''])('unknown fact %j', (fact) => {
    const problems = refused(withLeaf(leaf(fact, 'legSigns', 'equal', 'yes')));
    expect(problems[0]!.pathString).toMatch(/^rules\[0\]\.conditions/);
    expect(problems.map((p) => p.code)).toEqual([expect.stringMatching(/unknown_fact|invalid_format/)]);
  });
  it.each(['not:equal', 'someFact:equal', 'everyValue:in', 'swap:lessThan', 'matches', 'eval', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'operator %j (decorators and unknown names) is refused at the operator',
    (op) => {
      expect(at(refused(withLeaf(leaf('clots', 'legSigns', op, 'yes'))))).toEqual(['rules[0].conditions.all[0].operator unknown_operator']);
    },
  );
  it('an operator that cannot read the fact', () => {
    expect(at(refused(withLeaf(leaf('clots', 'legSigns', 'lessThan', 3))))).toEqual(['rules[0].conditions.all[0].operator operator_mismatch']);
  });
  it.each([
    ['withinDays', 'daysSinceFracture', '84'],
    ['withinDays', 'daysSinceFracture', null],
    ['equal', 'legSigns', ['yes']],
    ['in', 'legSigns', 'yes'],
    ['yesOrUnsure', 'legSigns', 'yes'],
    ['equal', 'legSigns', 'maybe'],
  ] as const)('a wrong value: %s on %s with %j', (op, path, value) => {
    const fact = path.startsWith('days') ? 'derived' : 'clots';
    expect(at(refused(withLeaf(leaf(fact, path, op, value))))).toEqual(['rules[0].conditions.all[0].value invalid_value']);
  });
  it('NaN and Infinity are not numbers a rule can compare with', () => {
    for (const v of [NaN, Infinity, -Infinity])
      expect(at(refused(withLeaf(leaf('derived', 'daysSinceFracture', 'withinDays', v))))).toEqual([expect.stringMatching(/^rules\[0\]\.conditions\.all\[0\]\.value invalid_(value|format)$/)]);
  });
});

describe('what json-rules-engine rejects or would misread', () => {
  it.each([
    ['a leaf without value', { fact: 'clots', path: 'legSigns', operator: 'equal' }],
    ['a leaf without operator', { fact: 'clots', path: 'legSigns', value: 'yes' }],
    ['a { fact } reference as value', leaf('clots', 'legSigns', 'equal', { fact: 'clots', path: 'history' })],
    ['params on a leaf', { ...LEG, params: { x: 1 } }],
    ['priority on a leaf', { ...LEG, priority: 0 }],
    ['a name on a leaf', { ...LEG, name: 'x' }],
    ['not with an array', { not: [LEG] }],
    ['all that is not an array', { all: LEG }],
    ['an empty all (json-rules-engine reads it as true)', { all: [] }],
    ['an empty any', { any: [] }],
    ['two groups in one', { all: [LEG], any: [LEG] }],
    ['a number', 42],
    ['null', null],
  ])('%s', (_, cond) => {
    const problems = refused(withLeaf(cond));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.pathString.startsWith('rules[0].conditions')).toBe(true);
  });
  it('a { fact } value is reported at the value', () => {
    expect(at(refused(withLeaf(leaf('clots', 'legSigns', 'equal', { fact: 'clots' }))))).toEqual(['rules[0].conditions.all[0].value invalid_format']);
  });
  it('a leaf at the root of conditions (json-rules-engine needs a group)', () => {
    expect(at(refused(ruleSet([rule('r', LEG)])))[0]).toMatch(/^rules\[0\]\.conditions /);
  });
  it.each([
    ['priority 0 on a rule', { priority: 0 }],
    ['priority on a rule', { priority: 5 }],
    ['an event with params', { event: { type: 'x', params: { weeks: { fact: 'client' } } } }],
    ['onSuccess', { onSuccess: 'x' }],
    ['a name', { name: 'x' }],
  ])('%s is an unknown key', (_, extra) => {
    const r = { ...rule('r', { all: [LEG] }), ...extra };
    expect(at(refused(ruleSet([r])))).toEqual(['rules[0] invalid_format']);
  });
});

describe('nesting and named conditions', () => {
  it.each(['all', 'any', 'not'] as const)(`%s nested deeper than ${MAX_CONDITION_DEPTH} levels is too_deep`, (kind) => {
    const problems = refused(ruleSet([rule('r', { all: [nest(MAX_CONDITION_DEPTH + 2, kind)] })]));
    expect(problems.map((p) => p.code)).toContain('too_deep');
    expect(problems[0]!.pathString).toMatch(/^rules\[0\]\.conditions\.all\[0\]/);
  });
  it('absurd nesting (10,000 levels) is refused by the size limits', () => {
    expect(at(refused(ruleSet([rule('r', { all: [nest(10_000, 'all')] })])))).toEqual([' too_large']);
  });
  it('just inside the depth limit loads and runs', async () => {
    const s = createScreener({ rules: ruleSet([rule('r', nest(MAX_CONDITION_DEPTH, 'all'), { disposition: 'postpone' })]) });
    const r = await s.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: '2026-06-15' });
    expect(r.ok && r.disposition).toBe('postpone');
  });
  it('a cycle of named conditions', () => {
    const problems = refused(ruleSet([rule('r', { condition: 'a' })], { conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } } }));
    expect(at(problems)).toContain('conditions.a cyclic_condition');
  });
  it('a named condition that refers to itself', () => {
    expect(at(refused(ruleSet([rule('r', { condition: 'a' })], { conditions: { a: { not: { condition: 'a' } } } })))).toContain('conditions.a cyclic_condition');
  });
  it('a reference to a missing named condition', () => {
    expect(at(refused(ruleSet([rule('r', { all: [{ condition: 'nope' }] })])))).toEqual(['rules[0].conditions.all[0].condition unknown_condition']);
  });
  it('regression: named conditions that double at each step (a billion conditions once inlined) are refused, fast', () => {
    const conditions: Record<string, unknown> = { c0: { all: [LEG] } };
    for (let i = 1; i <= 30; i++) conditions[`c${i}`] = { all: [{ condition: `c${i - 1}` }, { condition: `c${i - 1}` }] };
    const problems = refused(ruleSet([rule('r', { condition: 'c30' })], { conditions }));
    expect(at(problems)).toEqual(['rules[0].conditions too_deep']);
    // Wide instead of deep: 3 levels of 100 × 100 × 100 references.
    const wide = { w0: { all: [LEG] }, w1: { all: Array(100).fill({ condition: 'w0' }) }, w2: { all: Array(100).fill({ condition: 'w1' }) } };
    expect(at(refused(ruleSet([rule('r', { all: [{ condition: 'w2' }] })], { conditions: wide })))).toEqual(['rules[0].conditions too_large']);
    expect(MAX_INLINED_CONDITIONS).toBeLessThan(100 * 100);
  });
  it('regression: nesting is counted through named conditions', () => {
    const conditions: Record<string, unknown> = { n0: nest(MAX_CONDITION_DEPTH - 1, 'not') };
    conditions.n1 = { not: { not: { condition: 'n0' } } };
    expect(at(refused(ruleSet([rule('r', { all: [{ condition: 'n1' }] })], { conditions })))).toEqual(['rules[0].conditions too_deep']);
  });
  it(`more than ${MAX_NAMED_CONDITIONS} named conditions`, () => {
    const conditions = Object.fromEntries(Array.from({ length: MAX_NAMED_CONDITIONS + 1 }, (_, i) => [`c${i}`, { all: [LEG] }]));
    expect(at(refused(ruleSet([rule('r', { condition: 'c0' })], { conditions })))).toEqual(['conditions too_large']);
  });
});

describe('prototype keys and forged sets', () => {
  it.each([
    ['a named condition called __proto__', '{"conditions":{"__proto__":{"all":[{"fact":"clots","path":"legSigns","operator":"equal","value":"yes"}]}},', 'conditions.__proto__'],
    ['__proto__ at the top', '{"__proto__":{"polluted":true},', '__proto__'],
  ])('regression: %s is refused, not silently dropped', (_, head, path) => {
    const text = JSON.stringify(ruleSet([rule('r', { all: [LEG] })])).replace(/^\{/, head);
    const json = JSON.parse(text) as unknown;
    expect(at(refused(json))).toEqual([`${path} forbidden_path`]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
  it('regression: __proto__ in a rule translation or outcome is refused', () => {
    const json = JSON.parse(JSON.stringify(ruleSet([rule('r', { all: [LEG] })])).replace('"outcome":{', '"outcome":{"__proto__":{"disposition":"proceed"},')) as unknown;
    expect(at(refused(json))).toEqual(['rules[0].outcome.__proto__ forbidden_path']);
  });
  it('regression: a file claiming "kind": "massage-triage/rule-set" is still checked (it used to skip every check)', () => {
    const forged = {
      kind: 'massage-triage/rule-set',
      hash: '0'.repeat(64),
      id: 'evil',
      version: '1.0.0',
      description: 'Forged.',
      languages: ['en'],
      rules: [rule('r', { all: [leaf('clots', '$..[?(@.a)]', 'not:equal', 'yes')] }, { disposition: 'proceed' })],
    };
    const problems = refused(forged);
    expect(at(problems)).toEqual(['rules[0].conditions.all[0].path forbidden_path']);
  });
  it('a copy of a loaded set (JSON round trip) is checked again and loads, with the hash of its content', () => {
    const copy = JSON.parse(JSON.stringify(defaultRuleSet())) as unknown;
    const r = checkRuleSet(copy);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.ruleSet.rules.length).toBe(defaultRuleSet().rules.length);
  });
  it('the loaded default set is taken as is', () => {
    const r = checkRuleSet(defaultRuleSet());
    expect(r.ok && r.ruleSet).toBe(defaultRuleSet());
  });
});

describe('RuleSetError text', () => {
  it('names the path and the problem, not a stack of zod internals', () => {
    try {
      loadRuleSet(withLeaf(leaf('clots', '$..[?(@.a)]', 'equal', 'yes')));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleSetError);
      expect(String((e as Error).message)).toContain('rules[0].conditions.all[0].path: JSONPath expressions are not allowed');
    }
  });
});

describe('values of the wrong type (a rule that could never fire)', () => {
  it.each([
    ['clots', 'legSigns', 'equal', 1],
    ['clots', 'legSigns', 'equal', true],
    ['clots', 'legSigns', 'in', ['yes', 1]],
    ['heart', 'systolic', 'equal', '180'],
    ['heart', 'systolic', 'in', [180, '190']],
    ['derived', 'isMinor', 'equal', 'true'],
    ['consent', 'informedConsent', 'equal', 'yes'],
    ['injections', 'types', 'contains', 1],
    ['visit', 'painSince', 'equal', 20260101],
  ] as const)('regression: %s.%s %s %j is refused at the value', (fact, path, op, value) => {
    const problems = refused(withLeaf(leaf(fact, path, op, value)));
    expect(at(problems)).toEqual(['rules[0].conditions.all[0].value invalid_value']);
    expect(problems[0]!.message).toMatch(/can never match|is not an answer/);
  });
  it.each([
    ['clots', 'legSigns', 'equal', null],
    ['clots', 'legSigns', 'in', [null, 'unsure']],
    ['heart', 'systolic', 'equal', 180],
    ['derived', 'isMinor', 'equal', true],
    ['consent', 'informedConsent', 'equal', false],
    ['visit', 'painSince', 'equal', '2026-01-01'],
  ] as const)('%s.%s %s %j loads', (fact, path, op, value) => {
    expect(checkRuleSet(withLeaf(leaf(fact, path, op, value))).ok).toBe(true);
  });
});
