/**
 * Fail closed when json-rules-engine's own rule evaluation fails: Rule.prototype.evaluate rejects (or throws) for
 * one rule. That rule becomes an `evaluation-error` flag naming it; the other rules' flags stay.
 * Run counts: 60 runs over each generator's intakes (dense and sparse).
 */
import fc from 'fast-check';
import { Rule } from 'json-rules-engine';
import { afterAll, describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, dispositionRank, withAnswers } from 'massage-triage';
import { AT, GENERATORS } from './arbitraries.js';
import { leaf, rule, ruleSet } from '../rules/helpers.js';

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

const screener = createScreener({
  rules: ruleSet([
    // Conditions that hold for every valid intake: the screener's synchronous pre-check sets aside only rules it
    // proves do not fire, so these always reach json-rules-engine, where the fault is injected.
    // 'throws' comes first: json-rules-engine starts every rule of a priority group inside one Array.map, so a rule
    // that throws synchronously after one that already rejected leaves that rejection unhandled inside the engine
    // (its Rule.evaluate never throws synchronously; the injected fault is harsher than the real failure modes).
    rule('throws', { any: [leaf('clots', 'history', 'in', ['no', 'unsure']), leaf('clots', 'history', 'equal', 'yes')] }),
    rule('rejects', { all: [leaf('clots', 'history', 'in', ['yes', 'no', 'unsure'])] }),
    rule('fine', { all: [leaf('clots', 'legSigns', 'in', ['yes', 'no', 'unsure'])] }, { disposition: 'modify' }),
  ]),
});

describe('fail closed: a rule evaluation rejects or throws inside json-rules-engine', () => {
  it('flags each failing rule by name, keeps the others, never proceeds', async () => {
    const r = await screener.screen(withAnswers(BASELINE_INTAKE, {}), { at: AT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(injected).toBeGreaterThan(0);
    expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
    expect(r.flags.filter((f) => f.kind === 'evaluation-error').map((f) => f.because[0]?.actual).sort()).toEqual(['rejects', 'throws']);
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
          expect(r.flags.some((f) => f.ruleId === 'fine')).toBe(true);
        }),
        { numRuns: 60 },
      );
    });
  }
});
