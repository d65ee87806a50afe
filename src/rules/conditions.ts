/**
 * Walking a rule's condition tree: one place that knows the shape of `all` / `any` / `not` / comparison, for the
 * screener's answer coverage, the fixture coverage report and the fixture analysis.
 */
import type { RuleCondition } from './format.js';

/** A comparison: `fact`, `path`, `operator`, `value`. */
export type Comparison = Extract<RuleCondition, { fact: string }>;

/** One comparison of a condition tree, where it stands, and whether a `not` above it negates it. */
export interface ConditionLeaf {
  readonly comparison: Comparison;
  /** Where it stands, e.g. `conditions.all[1].not`. */
  readonly path: string;
  readonly negated: boolean;
}

/**
 * Every comparison of a condition tree, in order. Named conditions are inlined by `loadRuleSet`, so a reference left
 * in the tree is skipped.
 */
export function conditionLeaves(c: RuleCondition, path = 'conditions', negated = false): ConditionLeaf[] {
  if ('all' in c) return c.all.flatMap((s, i) => conditionLeaves(s, `${path}.all[${i}]`, negated));
  if ('any' in c) return c.any.flatMap((s, i) => conditionLeaves(s, `${path}.any[${i}]`, negated));
  if ('not' in c) return conditionLeaves(c.not, `${path}.not`, !negated);
  if ('condition' in c) return [];
  return [{ comparison: c, path, negated }];
}
