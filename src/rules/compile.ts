/**
 * The rule evaluator: each rule's conditions compiled once into a synchronous function that says whether the rule
 * fires and which comparisons made it fire (a flag's `because`).
 *
 * json-rules-engine 7.3.1 is the reference semantics, and a differential property test
 * (test/properties/differential-engine.test.ts) holds the two together. What this file copies from the engine:
 * - `all` / `any`: an empty list is true; a list of one gives its child's value as it is; a longer list counts only
 *   children that are `=== true`. Every child is evaluated (the engine evaluates a priority group at once, and no
 *   condition of the rules format carries a priority), so a comparison that throws makes the whole rule throw
 *   wherever it stands.
 * - `not`: the negation of its child's value. A group nested in another gives `=== true` of its own value.
 * - a comparison: the operator from the table (unknown → throws), the fact (missing → throws, as with
 *   `allowUndefinedFacts: false`), read through `path` with {@link resolvePath} when the fact is an object and the path
 *   is not empty, else the fact itself; then the operator, checked to give a boolean (`strictEvaluate`).
 * - a reference `{ "condition": name }` to a named condition: the named condition in its place (an unknown name
 *   throws). `loadRuleSet` inlines them, so a loaded rule never holds one; a root that inlining left as a single
 *   comparison is evaluated as the engine evaluates the reference it came from.
 * - `because`: every comparison whose result is true (false under an odd number of `not`s), in the order it is
 *   written, with the value the rule compares with and the value it read, as json-rules-engine's result tree gives them.
 *
 * A form outside the rules format (a value that refers to a fact, condition priorities or params, an operator with a
 * json-rules-engine decorator such as `not:equal`, a misshapen group) is not compiled: {@link compileRule} gives
 * undefined, and the screener runs that rule on json-rules-engine itself.
 */
import type { RuleCondition } from './format.js';
import { OPERATORS, strictEvaluate, type OperatorSpec } from './operators.js';
import { resolvePath } from './path.js';

/** A comparison that made a rule fire: what it read and what it compared with. */
export interface FiredComparison {
  readonly fact: string;
  readonly path: string | undefined;
  readonly operator: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** What a compiled rule gives for one set of facts. */
export interface RuleVerdict {
  readonly fired: boolean;
  /** The comparisons that made it fire; empty when it did not fire. */
  readonly because: FiredComparison[];
}

/** A compiled rule. Throws where json-rules-engine's run would fail (an undefined fact, a faulty operator). */
export type CompiledRule = (facts: Readonly<Record<string, unknown>>) => RuleVerdict;

/** The operators a compiled rule may call, by name, each already strict (a boolean or a throw). */
export type OperatorTable = ReadonlyMap<string, (factValue: unknown, value: unknown) => boolean>;

/** The strict operator table for these operators (by default the library's {@link OPERATORS}). */
export function operatorTable(operators: readonly Pick<OperatorSpec, 'name' | 'evaluate'>[] = OPERATORS): OperatorTable {
  return new Map(operators.map((op) => [op.name, strictEvaluate(op)] as const));
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const onlyKeys = (o: object, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));
const LEAF_KEYS = ['fact', 'path', 'operator', 'value'] as const;

/** A comparison's value as the format allows it: a scalar, or a flat list of scalars. */
function isPlainValue(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function' && typeof v !== 'symbol' && typeof v !== 'bigint';
  return Array.isArray(v) && v.every((x) => x === null || (typeof x !== 'object' && typeof x !== 'function' && typeof x !== 'symbol' && typeof x !== 'bigint'));
}

/** One evaluation's per-comparison record: the operator's result and the fact value it read, two slots each. */
type Slots = unknown[];
type Node = (facts: Readonly<Record<string, unknown>>, slots: Slots) => unknown;

interface LeafInfo {
  readonly fact: string;
  readonly path: string | undefined;
  readonly operator: string;
  readonly value: unknown;
  readonly negated: boolean;
}

class NotModelled extends Error {}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Compile a rule's conditions. Undefined when they hold a form the compiler does not model (see the file comment).
 * `named` gives the named conditions that `{ "condition": name }` refers to, when the conditions are not inlined.
 */
export function compileRule(
  conditions: RuleCondition | unknown,
  operators: OperatorTable = defaultTable(),
  named: Readonly<Record<string, unknown>> = {},
): CompiledRule | undefined {
  const leaves: LeafInfo[] = [];
  // Named conditions are followed at most this deep: a loop (which loadRuleSet refuses) is not modelled.
  const MAX_DEPTH = 200;

  const leaf = (n: Record<string, unknown>, negated: boolean): Node => {
    if (!onlyKeys(n, LEAF_KEYS) || !own(n, 'fact') || !own(n, 'operator') || !own(n, 'value')) throw new NotModelled();
    const { fact, operator, value } = n;
    const path = own(n, 'path') ? n.path : undefined;
    if (typeof fact !== 'string' || fact === '' || typeof operator !== 'string' || operator.includes(':')) throw new NotModelled();
    if (path !== undefined && typeof path !== 'string') throw new NotModelled();
    if (!isPlainValue(value)) throw new NotModelled();
    const at = leaves.length * 2;
    leaves.push({ fact, path, operator, value, negated });
    const op = operators.get(operator);
    const p = path ?? '';
    return function comparison(facts, slots) {
      if (!op) fail('Unknown operator');
      if (!own(facts, fact)) fail('Undefined fact');
      let actual = facts[fact];
      if (p && actual !== null && typeof actual === 'object') actual = resolvePath(actual, p);
      const result = op(actual, value);
      slots[at] = result;
      slots[at + 1] = actual;
      return result;
    };
  };

  /** json-rules-engine's `prioritizeAndRun` over a list, for `all` or `any`. */
  const list = (items: unknown, any: boolean, negated: boolean, depth: number): Node => {
    if (!Array.isArray(items)) throw new NotModelled();
    const kids = items.map((c) => condition(c, negated, depth));
    if (kids.length === 0) return () => true;
    if (kids.length === 1) return kids[0]!;
    return function group(facts, slots) {
      let some = false;
      let every = true;
      for (const k of kids) {
        if (k(facts, slots) === true) some = true;
        else every = false;
      }
      return any ? some : every;
    };
  };

  const not = (c: unknown, negated: boolean, depth: number): Node => {
    const k = condition(c, !negated, depth);
    return (facts, slots) => !k(facts, slots);
  };

  /** The engine's `evaluateCondition`: a reference, a group (its value `=== true`), or a comparison. */
  const condition = (c: unknown, negated: boolean, depth: number): Node => {
    if (c === null || typeof c !== 'object' || Array.isArray(c) || depth > MAX_DEPTH) throw new NotModelled();
    const n = c as Record<string, unknown>;
    if (own(n, 'any') || own(n, 'all') || own(n, 'not')) {
      const g = group(n, negated, depth);
      return (facts, slots) => g(facts, slots) === true;
    }
    if (own(n, 'condition')) return reference(n, negated, depth);
    return leaf(n, negated);
  };

  const group = (n: Record<string, unknown>, negated: boolean, depth: number): Node => {
    if (Object.keys(n).length !== 1) throw new NotModelled();
    if (own(n, 'any')) return list(n.any, true, negated, depth + 1);
    if (own(n, 'all')) return list(n.all, false, negated, depth + 1);
    return not(n.not, negated, depth + 1);
  };

  const reference = (n: Record<string, unknown>, negated: boolean, depth: number): Node => {
    if (!onlyKeys(n, ['condition']) || typeof n.condition !== 'string') throw new NotModelled();
    const target = own(named, n.condition) ? named[n.condition] : undefined;
    // The engine throws at evaluation for an unknown name: the rule is not evaluated.
    if (target === undefined) return () => fail('Unknown named condition');
    return condition(target, negated, depth + 1);
  };

  let root: Node;
  try {
    if (conditions === null || typeof conditions !== 'object' || Array.isArray(conditions)) return undefined;
    const n = conditions as Record<string, unknown>;
    // Rule.evaluate: the root's any, else all, else not, each without the `=== true` a nested group gets; else the
    // root is a reference (or what inlining one left).
    root = own(n, 'any') || own(n, 'all') || own(n, 'not') ? group(n, false, 0) : own(n, 'condition') ? reference(n, false, 0) : leaf(n, false);
  } catch (e) {
    if (e instanceof NotModelled || e instanceof RangeError) return undefined;
    throw e;
  }
  const size = leaves.length * 2;
  return function compiledRule(facts) {
    const slots: Slots = new Array<unknown>(size);
    // The engine sorts a rule by the truthiness of its root's value.
    if (!root(facts, slots)) return { fired: false, because: [] };
    const because: FiredComparison[] = [];
    for (let i = 0; i < leaves.length; i++) {
      const l = leaves[i]!;
      if (slots[i * 2] === !l.negated)
        because.push({ fact: l.fact, path: l.path, operator: l.operator, expected: Array.isArray(l.value) ? [...(l.value as unknown[])] : l.value, actual: slots[i * 2 + 1] });
    }
    return { fired: true, because };
  };
}

let table: OperatorTable | undefined;
/** The library's operators, made strict once. */
function defaultTable(): OperatorTable {
  return (table ??= operatorTable());
}
