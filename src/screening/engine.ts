/**
 * Running json-rules-engine: a fresh Engine per screening (overlapping run() calls on one Engine interfere), our
 * operators installed strictly, and a synchronous pre-check that sets aside the rules that certainly do not fire.
 */
import { Engine, Fact, type RuleProperties } from 'json-rules-engine';
import { evaluationOperators, type CustomOperator, type Evaluate } from '../rules/custom-operators.js';
import { resolvePath } from '../rules/path.js';

/** json-rules-engine's own operators (`equal`, `in`, `lessThan`, …), validators included, as a fresh Engine has them. */
const BUILT_IN = (new Engine() as unknown as { operators: EngineOperators }).operators;
const builtInEvaluate = (name: string): Evaluate | undefined => {
  const op = BUILT_IN.get(name);
  return op ? (a, b) => op.evaluate(a, b) as boolean : undefined;
};

// Wrapped once: every screening builds a fresh engine, but the operators it installs are always these. Every operator
// is checked, json-rules-engine's own too: the engine reads anything but true (undefined from a faulty operator) as
// "did not fire", which would drop a flag silently; the strict wrapper throws instead, so the rule is flagged.
const STRICT_OPERATORS = evaluationOperators([], builtInEvaluate);

/** The operators an engine installs: the built-ins, and a screener's custom operators (issue 24.4), all strict. */
export function engineOperators(custom: readonly CustomOperator[]): ReadonlyMap<string, Evaluate> {
  return custom.length === 0 ? STRICT_OPERATORS : evaluationOperators(custom, builtInEvaluate);
}

export type EngineRule = RuleProperties & { name: string };

export function newEngine(engineRules: readonly EngineRule[], operators: ReadonlyMap<string, Evaluate> = STRICT_OPERATORS): Engine {
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

/** What json-rules-engine's operator map gives for a name: its own operator, validator included. */
export interface EngineOperators {
  get(name: string): { evaluate(factValue: unknown, value: unknown): unknown } | null;
}

/** A synchronous twin of json-rules-engine's verdict on one rule. May throw where the engine would reject. */
export type Precheck = (facts: Record<string, unknown>) => unknown;

/**
 * Compile a rule's conditions into a synchronous twin of json-rules-engine's evaluation: the engine's own operator
 * objects (`engine.operators.get`, validators included), the same fact and path reading as its almanac, and all /
 * any / not combined as its `Rule.evaluate` combines them (only `=== true` counts inside all and any; empty lists
 * are true). It evaluates every leaf, never short-circuits, so any leaf that could throw in the engine throws here
 * too. Undefined for a form it does not model (fact references in `value`, named-condition references): such a
 * rule always goes to the engine.
 */
export function compilePrecheck(conditions: unknown, operators: EngineOperators): Precheck | undefined {
  const node = (c: unknown): Precheck | undefined => {
    if (c === null || typeof c !== 'object') return undefined;
    const n = c as Record<string, unknown>;
    const own = (k: string) => Object.prototype.hasOwnProperty.call(n, k);
    if (own('any') || own('all')) {
      const any = own('any');
      const list = n[any ? 'any' : 'all'];
      if (!Array.isArray(list)) return undefined;
      const kids = list.map(node);
      if (kids.some((k) => k === undefined)) return undefined;
      const ks = kids as Precheck[];
      // A list of one passes its child's raw value up, as the engine's `prioritizeAndRun` does.
      if (ks.length === 1) return ks[0];
      return function precheckList(f) {
        let some = false;
        let every = true;
        for (const k of ks) {
          if (k(f) === true) some = true;
          else every = false;
        }
        return ks.length === 0 || (any ? some : every);
      };
    }
    if (own('not')) {
      const k = node(n.not);
      return k && (function precheckNot(f) {
        return !k(f);
      });
    }
    // A leaf the engine's Condition constructor would refuse (so the run fails, and the rule is flagged) is not modelled.
    if (own('condition') || !own('fact') || !own('operator') || !own('value') || typeof n.fact !== 'string') return undefined;
    const v = n.value;
    if (v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact')) return undefined;
    const fact = n.fact;
    const path = n.path;
    const op = operators.get(String(n.operator));
    return function precheckLeaf(f) {
      if (!op) throw new Error('unknown operator');
      if (!Object.prototype.hasOwnProperty.call(f, fact)) throw new Error('undefined fact');
      let value = f[fact];
      if (path && value !== null && value !== undefined && typeof value === 'object') value = resolvePath(value, String(path));
      return op.evaluate(value, v);
    };
  };
  const root = conditions as Record<string, unknown>;
  // Rule.evaluate: the root is any, else all, else not; a root that is a lone leaf or reference is not modelled.
  if (root === null || typeof root !== 'object' || !['any', 'all', 'not'].some((k) => Object.prototype.hasOwnProperty.call(root, k))) return undefined;
  return node(root);
}
