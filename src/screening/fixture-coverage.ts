/**
 * Rule coverage by fixtures: for each rule, whether a case that expects it to fire makes it fire, whether a near miss
 * (a case that expects it not to fire) exists and holds, and which comparisons in its conditions no case ever made
 * true. A comparison no case makes true is one whose answer the fixtures never exercise: it could be misspelt in a way
 * the format allows (a threshold off by one) and no fixture would notice.
 *
 * Comparisons are evaluated one by one by the same engine, operators and path resolution as a screening: each becomes
 * a one-comparison rule of its own, screened on the case's intake.
 */
import { conditionLeaves } from '../rules/conditions.js';
import type { Rule, RuleCondition } from '../rules/format.js';
import { BASELINE_INTAKE, withAnswers, type FixtureFile } from '../rules/fixtures.js';
import { createScreener, type Screener } from './screener.js';

/** A comparison in a rule's conditions that no fixture case made true. */
export interface UncoveredLeaf {
  /** Where it is in the rule: `conditions.all[1]` (named conditions are inlined). */
  readonly path: string;
  /** The comparison as written: `clots.legSigns yesOrUnsure true`. */
  readonly condition: string;
}

/** How well the fixtures cover one rule. */
export interface RuleCoverage {
  readonly ruleId: string;
  readonly ruleSetId: string;
  /** Names of the cases that expect the rule to fire and make it fire. */
  readonly firingCases: readonly string[];
  /** Names of the cases that expect the rule not to fire and it does not. */
  readonly nearMissCases: readonly string[];
  /** Both a firing case and a near miss. */
  readonly covered: boolean;
  /** The comparisons no case made true. */
  readonly leavesNeverTrue: readonly UncoveredLeaf[];
}

/** Coverage of the rule sets the fixtures test. */
export interface FixtureCoverage {
  /** One entry per rule of the sets under test, in the order they run. */
  readonly rules: readonly RuleCoverage[];
  /** Rule sets with no rule named by any case: not under test, and left out of `rules` and the percentage. */
  readonly setsNotUnderTest: readonly string[];
  /** Rules with both a firing case and a near miss. */
  readonly covered: number;
  readonly total: number;
  /** `covered / total` as a percentage, rounded down to one decimal (100 only when every rule is covered). */
  readonly percent: number;
  /** Comparisons in all, and those some case made true. */
  readonly leaves: { readonly total: number; readonly madeTrue: number };
}

interface Leaf {
  readonly ruleId: string;
  readonly path: string;
  readonly condition: RuleCondition;
}

function leavesOf(rule: Rule): Leaf[] {
  return conditionLeaves(rule.conditions as RuleCondition).map(({ comparison, path }) => ({ ruleId: rule.id, path, condition: comparison }));
}

const describe = (c: RuleCondition) => ('fact' in c ? `${c.fact}${c.path ? `.${c.path}` : ''} ${c.operator} ${JSON.stringify(c.value)}` : '');

/** Most rules in one rule set (see RULE_SET_LIMITS); the leaf rules are split into sets of this size. */
const LEAVES_PER_SET = 1000;

/** A screener whose rules are the comparisons, one each, named `leaf-N`, with the custom operators they may name. */
function leafScreener(leaves: readonly Leaf[], operators: Screener['operators']): Screener | undefined {
  if (leaves.length === 0) return undefined;
  const sets = [];
  for (let start = 0; start < leaves.length; start += LEAVES_PER_SET)
    sets.push({
      id: `coverage-leaves-${start}`,
      version: '1.0.0',
      description: 'One rule per comparison, for fixture coverage.',
      rules: leaves.slice(start, start + LEAVES_PER_SET).map((l, k) => ({
        id: `leaf-${start + k}`,
        title: 'A comparison',
        conditions: { all: [l.condition] },
        outcome: { disposition: 'modify', scope: 'systemic' },
        message: 'A comparison of the rule under test.',
        clientMessage: 'A comparison of the rule under test.',
        rationale: 'Fixture coverage.',
        references: [{ title: 'Fixture coverage' }],
      })),
    });
  return createScreener({ rules: sets, operators });
}

/**
 * Measure how well fixture files cover a screener's rules. Runs every case of every file (as `runFixtures` does) and
 * each comparison of each rule on its own. A rule set counts as under test when some case names one of its rules in
 * `fires` or `doesNotFire`; the others are listed in `setsNotUnderTest` and left out of the percentage, so a clinic
 * testing its own file beside the default set sees its own coverage.
 *
 * @param screener - the screener the fixtures run against (its rules after `disable`).
 * @param files - the fixture files, already checked (see `fixtureFileSchema` and `checkFixtureFile`).
 * @throws TypeError when `screener` is not a screener or `files` not a list (only possible from JavaScript).
 */
export async function fixtureCoverage(screener: Screener, files: readonly FixtureFile[]): Promise<FixtureCoverage> {
  if (typeof (screener as Partial<Screener> | null)?.screen !== 'function' || !Array.isArray(files as unknown))
    throw new TypeError('fixtureCoverage takes a screener (createScreener) and a list of fixture files.');
  const named = new Set(files.flatMap((f) => f.cases.flatMap((c) => [...(c.fires ?? []), ...(c.doesNotFire ?? [])])));
  const underTest = screener.ruleSets.filter((s) => s.rules.some((r) => named.has(r.id)));
  const setOf = new Map(underTest.flatMap((s) => s.rules.map((r) => [r.id, s.id] as const)));
  const rules = screener.rules.filter((r) => setOf.has(r.id));
  const leaves = rules.flatMap(leavesOf);
  const leafRun = leafScreener(leaves, screener.operators ?? []);
  const firing = new Map<string, string[]>(rules.map((r) => [r.id, []]));
  const nearMiss = new Map<string, string[]>(rules.map((r) => [r.id, []]));
  const madeTrue = new Set<number>();

  for (const file of files)
    for (const c of file.cases) {
      const intake = withAnswers(file.base ?? BASELINE_INTAKE, c.set ?? {});
      const at = c.at ?? file.at;
      const r = await screener.screen(intake, { at });
      if (!r.ok) continue;
      const fired = new Set(r.flags.filter((f) => f.kind !== 'evaluation-error').map((f) => f.ruleId));
      for (const id of c.fires ?? []) if (fired.has(id)) firing.get(id)?.push(c.name);
      for (const id of c.doesNotFire ?? []) if (!fired.has(id)) nearMiss.get(id)?.push(c.name);
      const lr = leafRun ? await leafRun.screen(intake, { at }) : undefined;
      if (lr?.ok) for (const f of lr.flags) if (f.kind !== 'evaluation-error' && f.ruleId.startsWith('leaf-')) madeTrue.add(Number(f.ruleId.slice(5)));
    }

  const report: RuleCoverage[] = rules.map((rule) => {
    const firingCases = firing.get(rule.id) ?? [];
    const nearMissCases = nearMiss.get(rule.id) ?? [];
    const leavesNeverTrue = leaves
      .map((l, i) => ({ l, i }))
      .filter(({ l, i }) => l.ruleId === rule.id && !madeTrue.has(i))
      .map(({ l }) => ({ path: l.path, condition: describe(l.condition) }));
    return { ruleId: rule.id, ruleSetId: setOf.get(rule.id)!, firingCases, nearMissCases, covered: firingCases.length > 0 && nearMissCases.length > 0, leavesNeverTrue };
  });
  const covered = report.filter((r) => r.covered).length;
  return {
    rules: report,
    setsNotUnderTest: screener.ruleSets.filter((s) => !underTest.includes(s)).map((s) => s.id),
    covered,
    total: report.length,
    percent: report.length === 0 ? 100 : Math.floor((1000 * covered) / report.length) / 10,
    leaves: { total: leaves.length, madeTrue: madeTrue.size },
  };
}
