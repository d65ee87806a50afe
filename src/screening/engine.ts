/**
 * json-rules-engine, for the rules the compiled evaluator (src/rules/compile.ts) does not model. The screener loads
 * this module only when a screener has such a rule (`import('./engine.js')`), so a bundle whose rules all compile
 * never loads json-rules-engine. Our operators are installed strictly, and the dot-path resolver replaces JSONPath.
 */
import { Engine, Fact, type RuleProperties } from 'json-rules-engine';
import type { OperatorTable } from '../rules/compile.js';
import { resolvePath } from '../rules/path.js';
import type { Because } from './types.js';

export type EngineRule = RuleProperties & { name: string };

/**
 * A fresh engine (overlapping run() calls on one Engine interfere) with every operator replaced by the strict one
 * from `operators`: the engine reads anything but true (undefined from a faulty operator) as "did not fire", which
 * would drop a flag silently; the strict operator throws instead, so the rule is flagged.
 */
export function newEngine(engineRules: readonly EngineRule[], operators: OperatorTable): Engine {
  const engine = new Engine([...engineRules], { allowUndefinedFacts: false, pathResolver: resolvePath });
  for (const [name, evaluate] of operators) engine.addOperator(name, evaluate);
  return engine;
}

// Facts are constants for one run; json-rules-engine would otherwise hash each one (hash-it) for a cache that a
// constant fact never reads.
const NO_CACHE = { cache: false } as const;

export async function runRules(engine: Engine, facts: Record<string, unknown>) {
  const runtimeFacts: Record<string, Fact> = {};
  for (const id of Object.keys(facts)) runtimeFacts[id] = new Fact(id, facts[id], NO_CACHE);
  const { results, failureResults } = await engine.run(runtimeFacts);
  return { results, failureResults };
}

/** Collect the leaves that made a condition tree true, with the values json-rules-engine read. */
export function collectBecause(node: unknown, negated: boolean, out: Because[]): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    if (Array.isArray(n[key])) for (const c of n[key] as unknown[]) collectBecause(c, negated, out);
  }
  if (n.not && typeof n.not === 'object') collectBecause(n.not, !negated, out);
  if (typeof n.fact === 'string' && 'result' in n && n.result === !negated) {
    out.push({
      fact: n.fact,
      path: typeof n.path === 'string' ? n.path : undefined,
      operator: String(n.operator),
      expected: n.value,
      actual: n.factResult,
    });
  }
}

/** One rule's outcome on json-rules-engine: fired (with its `because`), did not fire, or could not be evaluated. */
export type EngineVerdict = { readonly name: string; readonly fired: boolean; readonly because: Because[] } | { readonly name: string; readonly error: true };

/**
 * Run `engineRules` on json-rules-engine, in one run; when that run fails, each rule alone, so one faulty rule costs
 * only itself. A verdict per rule, in the order given.
 */
export async function evaluateOnEngine(engineRules: readonly EngineRule[], facts: Record<string, unknown>, operators: OperatorTable): Promise<EngineVerdict[]> {
  const verdicts = (results: { name?: unknown; conditions?: unknown }[], failures: { name?: unknown }[], rules: readonly EngineRule[]): EngineVerdict[] => {
    const byName = new Map<string, EngineVerdict>();
    for (const rr of results) {
      const because: Because[] = [];
      collectBecause(rr.conditions, false, because);
      byName.set(String(rr.name), { name: String(rr.name), fired: true, because });
    }
    for (const rr of failures) byName.set(String(rr.name), { name: String(rr.name), fired: false, because: [] });
    return rules.map((r) => byName.get(r.name) ?? { name: r.name, error: true });
  };
  try {
    const { results, failureResults } = await runRules(newEngine(engineRules, operators), facts);
    if (results.length + failureResults.length !== engineRules.length) throw new Error('not every rule was evaluated');
    return verdicts(results as never, failureResults as never, engineRules);
  } catch {
    const out: EngineVerdict[] = [];
    for (const rule of engineRules) {
      try {
        const { results, failureResults } = await runRules(newEngine([rule], operators), facts);
        if (results.length + failureResults.length !== 1) throw new Error('rule not evaluated');
        out.push(...verdicts(results as never, failureResults as never, [rule]));
      } catch {
        out.push({ name: rule.name, error: true });
      }
    }
    return out;
  }
}
