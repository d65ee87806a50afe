/**
 * Fail closed when a rule's evaluation fails, wherever it runs: a compiled rule that throws, and, for a rule the
 * compiler does not model, json-rules-engine's own Rule.prototype.evaluate rejecting (or throwing). Each failing rule
 * becomes an `evaluation-error` flag naming it; the other rules' flags stay.
 * Run counts: 60 runs over each generator's intakes (dense and sparse), for each of the two places.
 */
import fc from 'fast-check';
import { Rule } from 'json-rules-engine';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Which compiled rules to fault, and which to leave to json-rules-engine, by the identity of their (frozen, loaded)
// condition trees: a loaded rule set cannot fault by itself, and every loadable rule compiles.
const faults = vi.hoisted(() => ({ throwing: new Set<unknown>(), declined: new Set<unknown>() }));
vi.mock('../../src/rules/compile.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/rules/compile.js')>();
  return {
    ...real,
    compileRule: (...args: Parameters<typeof real.compileRule>) => {
      if (faults.declined.has(args[0])) return undefined;
      const compiled = real.compileRule(...args);
      if (compiled && faults.throwing.has(args[0]))
        return () => {
          throw new Error('injected fault in a compiled rule');
        };
      return compiled;
    },
  };
});

const { BASELINE_INTAKE, createScreener, dispositionRank, loadRuleSet, withAnswers } = await import('massage-triage');
const { AT, GENERATORS } = await import('./arbitraries.js');
const { leaf, rule, ruleSet } = await import('../rules/helpers.js');

// `evaluate` is json-rules-engine's internal per-rule step; its published types leave it out. It is replaced by hand,
// not with vi.spyOn: a spy keeps every returned promise, and its bookkeeping of the rejected ones is reported as
// unhandled rejections that the library never leaves.
type Evaluate = (...args: unknown[]) => Promise<unknown>;
const proto = Rule.prototype as unknown as { evaluate: Evaluate };
const original = proto.evaluate;
let injected = 0;
proto.evaluate = function (this: Rule, ...args: unknown[]) {
  const name = (this as unknown as { name?: unknown }).name;
  if (name === 'rejects' || name === 'throws') injected++;
  if (name === 'rejects') return Promise.reject(new Error('injected rejection'));
  if (name === 'throws') throw new Error('injected throw');
  return original.apply(this, args);
};
afterAll(() => {
  proto.evaluate = original;
});

// Conditions that hold for every valid intake, so the fault is met on every screening.
// 'throws' comes first: json-rules-engine starts every rule of a priority group inside one Array.map, so a rule
// that throws synchronously after one that already rejected leaves that rejection unhandled inside the engine
// (its Rule.evaluate never throws synchronously; the injected fault is harsher than the real failure modes).
const rules = loadRuleSet(
  ruleSet([
    rule('throws', { any: [leaf('clots', 'history', 'in', ['no', 'unsure']), leaf('clots', 'history', 'equal', 'yes')] }),
    rule('rejects', { all: [leaf('clots', 'history', 'in', ['yes', 'no', 'unsure'])] }),
    rule('fine', { all: [leaf('clots', 'legSigns', 'in', ['yes', 'no', 'unsure'])] }, { disposition: 'modify' }),
  ]),
);
const [throwing, rejecting] = rules.rules;
faults.throwing.add(throwing!.conditions);
faults.throwing.add(rejecting!.conditions);
const compiledFaults = createScreener({ rules });
faults.throwing.clear();
faults.declined.add(throwing!.conditions);
faults.declined.add(rejecting!.conditions);
const engineFaults = createScreener({ rules });
faults.declined.clear();

for (const [where, screener] of [
  ['in a compiled rule', compiledFaults],
  ['inside json-rules-engine (a rule the compiler does not model)', engineFaults],
] as const) {
  describe(`fail closed: a rule evaluation throws ${where}`, () => {
    it('flags each failing rule by name, keeps the others, never proceeds', async () => {
      const before = injected;
      const r = await screener.screen(withAnswers(BASELINE_INTAKE, {}), { at: AT });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      if (screener === engineFaults) {
        expect(screener.engineRules).toEqual(['throws', 'rejects']);
        expect(injected).toBeGreaterThan(before);
      } else expect(screener.engineRules).toEqual([]);
      expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
      expect(r.flags.filter((f) => f.ruleId === 'evaluation-error').map((f) => f.because[0]?.actual).sort()).toEqual(['rejects', 'throws']);
      expect(r.flags.some((f) => f.ruleId === 'fine')).toBe(true);
      expect(JSON.stringify(r)).not.toContain('injected');
    });
    for (const g of GENERATORS) {
      it(`for any ${g.name} intake (60 runs)`, async () => {
        await fc.assert(
          fc.asyncProperty(g.intakes, async (intake) => {
            const r = await screener.screen(intake, { at: AT });
            expect(r.ok).toBe(true);
            if (!r.ok) return;
            expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
            expect(r.flags.filter((f) => f.ruleId === 'evaluation-error')).toHaveLength(2);
            expect(r.flags.some((f) => f.ruleId === 'fine')).toBe(true);
          }),
          { numRuns: 60 },
        );
      });
    }
  });
}
