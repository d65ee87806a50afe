import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRuleSet, loadRuleSet, RuleSetError, isRuleSetError, type RuleSetProblem } from 'massage-triage';
import { canonicalJson, sha256Hex } from '../../src/rules/hash.js';
import { leaf, rule, ruleSet } from './helpers.js';

const legSigns = { all: [leaf('clots', 'legSigns', 'equal', 'yes')] };

function problems(json: unknown): RuleSetProblem[] {
  const r = checkRuleSet(json);
  expect(r.ok).toBe(false);
  return r.ok ? [] : [...r.problems];
}

describe('loadRuleSet', () => {
  it('loads a valid set, inlines named conditions and hashes it', () => {
    const set = loadRuleSet(
      ruleSet([rule('a', { condition: 'leg-signs' })], { conditions: { 'leg-signs': legSigns } }),
    );
    expect(set.id).toBe('test-set');
    expect(set.languages).toEqual(['en']);
    expect(set.rules[0]?.conditions).toEqual(legSigns);
    expect(set.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(set.rules[0])).toBe(true);
  });

  it('throws a typed RuleSetError listing every problem at once, each with its JSON path', () => {
    const bad = ruleSet([
      rule('dup', legSigns),
      rule('dup', { all: [leaf('clots', 'legSign', 'equal', 'yes')] }),
      rule('c', { all: [leaf('clotz', 'legSigns', 'equal', 'yes')] }),
      rule('d', { all: [leaf('clots', 'legSigns', 'looksLike', 'yes')] }),
      rule('e', { all: [leaf('clots', 'legSigns', 'equal', 'Yes')] }),
      rule('f', legSigns, { avoidTechniques: ['reiki'] as never }),
      rule('g', legSigns, { scope: 'local', regions: ['left-wing'] as never }),
      { ...rule('h', legSigns), references: [] },
    ]);
    let error: unknown;
    try {
      loadRuleSet(bad);
    } catch (e) {
      error = e;
    }
    expect(isRuleSetError(error)).toBe(true);
    const found = (error as RuleSetError).problems.map((p) => [p.pathString, p.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['rules[5].outcome.avoidTechniques[0]', 'invalid_format'],
        ['rules[6].outcome.regions[0]', 'invalid_format'],
        ['rules[7].references', 'invalid_format'],
      ]),
    );
    // Format problems are reported first; fix them and the semantic ones come out, again all at once.
    const semantic = problems(ruleSet((bad.rules as unknown[]).slice(0, 5)));
    expect(semantic.map((p) => [p.pathString, p.code])).toEqual([
      ['rules[1].id', 'duplicate_id'],
      ['rules[1].conditions.all[0].path', 'unknown_path'],
      ['rules[2].conditions.all[0].fact', 'unknown_fact'],
      ['rules[3].conditions.all[0].operator', 'unknown_operator'],
      ['rules[4].conditions.all[0].value', 'invalid_value'],
    ]);
    expect((error as Error).message).toContain('problem');
  });

  it('refuses a JSONPath filter expression in a path', () => {
    const p = problems(ruleSet([rule('a', { all: [leaf('clots', '$..[?(@.legSigns == "yes")]', 'equal', 'yes')] })]));
    expect(p).toEqual([expect.objectContaining({ pathString: 'rules[0].conditions.all[0].path', code: 'forbidden_path' })]);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'legSigns.__proto__', 'constructor.name'])('refuses the path %s', (path) => {
    const p = problems(ruleSet([rule('a', { all: [leaf('clots', path, 'equal', 'yes')] })]));
    expect(p[0]).toMatchObject({ pathString: 'rules[0].conditions.all[0].path', code: 'forbidden_path' });
  });

  it('refuses an operator that does not fit the question, and a value of the wrong kind', () => {
    const p = problems(
      ruleSet([
        rule('a', { all: [leaf('clots', 'legSigns', 'withinDays', 3)] }),
        rule('b', { all: [leaf('derived', 'daysSinceFracture', 'withinDays', 'soon')] }),
        rule('c', { all: [leaf('clots', 'legSigns', 'yesOrUnsure', 'yes')] }),
        rule('d', { all: [leaf('heart', 'bloodPressure', 'in', 'uncontrolled')] }),
        rule('e', { all: [leaf('bones', 'fractureRegions', 'contains', 'left-wing')] }),
      ]),
    );
    expect(p.map((x) => [x.pathString, x.code])).toEqual([
      ['rules[0].conditions.all[0].operator', 'operator_mismatch'],
      ['rules[1].conditions.all[0].value', 'invalid_value'],
      ['rules[2].conditions.all[0].value', 'invalid_value'],
      ['rules[3].conditions.all[0].value', 'invalid_value'],
      ['rules[4].conditions.all[0].value', 'invalid_value'],
    ]);
  });

  it('refuses unknown and cyclic named conditions', () => {
    const p = problems(
      ruleSet([rule('a', { condition: 'x' }), rule('b', { condition: 'nope' })], {
        conditions: { x: { any: [{ condition: 'y' }] }, y: { all: [{ condition: 'x' }] } },
      }),
    );
    expect(p.map((x) => x.code)).toEqual(expect.arrayContaining(['cyclic_condition', 'unknown_condition']));
    expect(p.find((x) => x.code === 'unknown_condition')?.pathString).toBe('rules[1].conditions.condition');
  });

  it('refuses absurd nesting: too deep for a rule, or past the file limits', () => {
    let huge: unknown = leaf('clots', 'legSigns', 'equal', 'yes');
    for (let i = 0; i < 10_000; i++) huge = { all: [huge] };
    expect(problems(ruleSet([rule('a', huge)]))[0]?.code).toBe('too_large');
    let c: unknown = leaf('clots', 'legSigns', 'equal', 'yes');
    for (let i = 0; i < 14; i++) c = { all: [c] };
    const p = problems(ruleSet([rule('a', c)]));
    expect(p[0]?.code).toBe('too_deep');
  });

  it('needs regions on a local outcome, and region lists in regionsFrom', () => {
    const p = problems(
      ruleSet([
        rule('a', legSigns, { scope: 'local' }),
        rule('b', legSigns, { scope: 'local', regionsFrom: ['clots.legSigns'] }),
      ]),
    );
    expect(p.map((x) => [x.pathString, x.code])).toEqual([
      ['rules[0].outcome', 'missing_regions'],
      ['rules[1].outcome.regionsFrom[0]', 'unknown_path'],
    ]);
  });

  it('needs messages in every language the set declares', () => {
    const p = problems(ruleSet([rule('a', legSigns)], { languages: ['de'] }));
    expect(p[0]).toMatchObject({ pathString: 'rules[0].translations', code: 'missing_translation' });
  });

  it('reports unknown keys (a typo in a rule) instead of ignoring them', () => {
    const p = problems(ruleSet([{ ...rule('a', legSigns), mesage: 'typo' }]));
    expect(p[0]).toMatchObject({ pathString: 'rules[0]', code: 'invalid_format' });
    expect(p[0]!.message).toMatch(/Unknown key.*mesage/);
  });

  it("says what was expected in zod's own words, not a bare 'Invalid input'", () => {
    const p = problems(ruleSet([{ ...rule('a', legSigns), title: 'x'.repeat(201) }]));
    expect(p[0]).toMatchObject({ pathString: 'rules[0].title', code: 'invalid_format' });
    expect(p[0]!.message).toMatch(/200/);
  });

  it('checkRuleSet never throws, even for non-objects', () => {
    for (const v of [null, 1, 'rules', [], { rules: 'x' }, undefined]) expect(checkRuleSet(v).ok).toBe(false);
  });
});

describe('rule-set hash', () => {
  it('is SHA-256 of the canonical JSON, as node:crypto computes it', () => {
    for (const text of ['', 'abc', 'é€𝄞', 'x'.repeat(1000)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    // Every length around the 64-byte blocks and the 9 bytes of padding the last one needs.
    for (let n = 0; n <= 200; n++) {
      const text = 'é'.repeat(n >> 1) + 'a'.repeat(n & 1);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on key order', () => {
    const a = ruleSet([rule('a', legSigns)]);
    const b = Object.fromEntries(Object.entries(a).reverse());
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(loadRuleSet(a).hash).toBe(loadRuleSet(b).hash);
  });
});
