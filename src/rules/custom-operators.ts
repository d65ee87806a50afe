/**
 * Custom operators: comparisons a host app adds in code (`createScreener({ rules, operators })`), the way
 * json-rules-engine users call `addOperator`. A rules file can only name them: it is data, and an operator is code.
 * Each is declared like a built-in (what facts it reads, what its value must be), so rule sets that use it are checked
 * as strictly as any other, and it is evaluated as strictly: anything but true or false, or an exception, makes the
 * rule an `evaluation-error` flag, and the host's exception text goes no further than this module.
 */
import type { FactKind } from './catalog.js';
import { operatorTable, type OperatorTable } from './compile.js';
import { OPERATORS, type OperatorSpec, type OperatorValue } from './operators.js';

/** An operator the host app adds in code. */
export interface CustomOperator {
  /** How rules name it: a letter, then letters, digits or `_` (at most 64); not the name of a built-in operator. */
  readonly name: string;
  /** What it tests, in one sentence, for rule authors (the rules JSON Schema shows it). */
  readonly description: string;
  /** The kinds of fact it reads (see the catalog): `loadRuleSet` refuses it on any other. */
  readonly facts: readonly FactKind[];
  /** What its `value` must be in a rule: `loadRuleSet` checks it as it checks a built-in's. */
  readonly value: OperatorValue;
  /**
   * The test. Gets a copy of the answer (or derived fact) the rule reads, and the rule's `value`; returns true or
   * false, synchronously. Anything else (a promise too), or an exception, fails closed: the rule becomes an
   * `evaluation-error` flag. Keep it pure and deterministic: it may be called more than once per screening, and
   * while `createScreener` works out which answers no rule reads.
   */
  readonly evaluate: (factValue: unknown, value: unknown) => boolean;
  /** A rule condition using it, for rule authors. */
  readonly example?: string;
}

/** Most custom operators one screener (or rule set check) takes. */
export const MAX_CUSTOM_OPERATORS = 100;
/** Longest `description` or `example` of a custom operator, in characters. */
const MAX_TEXT = 2_000;

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const FACT_KINDS: readonly FactKind[] = ['answer', 'choice', 'list', 'number', 'date', 'text', 'boolean'];
const VALUES: readonly OperatorValue[] = ['true', 'number', 'option', 'options', 'scalar', 'date'];
const BUILT_IN = new Map(OPERATORS.map((o) => [o.name, o]));

/** A problem with the operators given, at its path below `operators`. */
export interface OperatorIssue {
  readonly path: (string | number)[];
  readonly code: 'invalid_format' | 'duplicate_id' | 'too_large';
  readonly message: string;
}

/** The operators rules may name: the built-ins and the custom ones given. */
export interface KnownOperators {
  /** The custom operators, as validated copies (each read once), in the order given. */
  readonly custom: readonly CustomOperator[];
  /** Every operator as the catalog documents it: the built-ins, then the custom ones. */
  readonly all: readonly OperatorSpec[];
  get(name: string): OperatorSpec | undefined;
}

/** The built-in operators only. */
export const BUILT_IN_OPERATORS: KnownOperators = Object.freeze({ custom: Object.freeze([]), all: OPERATORS, get: (name: string) => BUILT_IN.get(name) });

/** True for the name of a built-in operator. */
export const isBuiltInOperator = (name: string): boolean => BUILT_IN.has(name);

const list = (kinds: readonly string[]) => kinds.map((k) => `"${k}"`).join(', ');

/**
 * Read the custom operators a caller passes (from code, so anything JavaScript can pass: a Proxy whose traps throw, a
 * getter that answers differently each time). Each field is read once; what is kept is a frozen copy, so the operator
 * checked is the operator run. Never throws; the caller's own error messages are never repeated.
 */
export function readCustomOperators(input: unknown): { ok: true; table: KnownOperators } | { ok: false; issues: OperatorIssue[] } {
  if (input === undefined || input === null) return { ok: true, table: BUILT_IN_OPERATORS };
  const issues: OperatorIssue[] = [];
  const bad = (path: (string | number)[], message: string, code: OperatorIssue['code'] = 'invalid_format') => issues.push({ path: ['operators', ...path], code, message });
  let items: unknown[];
  try {
    if (!Array.isArray(input)) {
      bad([], '"operators" must be a list of operators: [{ name, description, facts, value, evaluate }].');
      return { ok: false, issues };
    }
    const length = input.length;
    if (length > MAX_CUSTOM_OPERATORS) {
      bad([], `"operators" may have at most ${MAX_CUSTOM_OPERATORS} entries.`, 'too_large');
      return { ok: false, issues };
    }
    items = Array.from({ length }, (_, i) => (input as unknown[])[i]);
  } catch {
    bad([], '"operators" could not be read.');
    return { ok: false, issues };
  }
  const custom: CustomOperator[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    let o: Record<string, unknown>;
    try {
      if (item === null || typeof item !== 'object') {
        bad([i], 'Each operator is an object { name, description, facts, value, evaluate }.');
        return;
      }
      const r = item as Record<string, unknown>;
      o = { name: r.name, description: r.description, facts: r.facts, value: r.value, evaluate: r.evaluate, example: r.example };
      if (Array.isArray(o.facts)) o.facts = Array.from({ length: Math.min(o.facts.length, FACT_KINDS.length + 1) }, (_, k) => (o.facts as unknown[])[k]);
    } catch {
      bad([i], 'The operator could not be read.');
      return;
    }
    const before = issues.length;
    const { name, description, facts, value, evaluate, example } = o;
    if (typeof name !== 'string' || !NAME.test(name)) bad([i, 'name'], 'A name is a letter, then letters, digits or "_" (at most 64), such as "withinWeeks".');
    else if (BUILT_IN.has(name)) bad([i, 'name'], `"${name}" is a built-in operator; give the custom one another name.`, 'duplicate_id');
    else if (name in Object.prototype) bad([i, 'name'], `"${name}" is not allowed as an operator name.`);
    else if (seen.has(name)) bad([i, 'name'], `The name "${name}" is already used by operators[${seen.get(name)}].`, 'duplicate_id');
    else seen.set(name, i);
    if (typeof description !== 'string' || description.trim() === '' || description.length > MAX_TEXT)
      bad([i, 'description'], `A description says what the operator tests (text of 1 to ${MAX_TEXT} characters).`);
    if (!Array.isArray(facts) || facts.length === 0 || facts.length > FACT_KINDS.length || facts.some((k) => !FACT_KINDS.includes(k as FactKind)) || new Set(facts).size !== facts.length)
      bad([i, 'facts'], `"facts" lists the kinds of fact the operator reads, each once: ${list(FACT_KINDS)}.`);
    if (!VALUES.includes(value as OperatorValue)) bad([i, 'value'], `"value" says what a rule's value must be: one of ${list(VALUES)}.`);
    if (typeof evaluate !== 'function') bad([i, 'evaluate'], '"evaluate" is a function (factValue, value) => true or false.');
    if (example !== undefined && (typeof example !== 'string' || example.length > MAX_TEXT)) bad([i, 'example'], `"example" is text of at most ${MAX_TEXT} characters.`);
    if (issues.length > before) return;
    custom.push(
      Object.freeze({
        name: name as string,
        description: description as string,
        facts: Object.freeze([...(facts as FactKind[])]),
        value: value as OperatorValue,
        evaluate: evaluate as CustomOperator['evaluate'],
        ...(example === undefined ? {} : { example: example as string }),
      }),
    );
  });
  if (issues.length > 0) return { ok: false, issues };
  if (custom.length === 0) return { ok: true, table: BUILT_IN_OPERATORS };
  const all = Object.freeze([...OPERATORS, ...custom.map(specOf)]);
  const byName = new Map<string, OperatorSpec>(all.map((o) => [o.name, o]));
  return { ok: true, table: Object.freeze({ custom: Object.freeze(custom), all, get: (n: string) => byName.get(n) }) };
}

/** A custom operator as the catalog and the checks see it (its example, when it gives none, is built from its name). */
function specOf(c: CustomOperator): OperatorSpec {
  return { name: c.name, description: c.description, facts: c.facts, value: c.value, example: c.example ?? `{ "fact": …, "path": …, "operator": "${c.name}", "value": … }` };
}

/** How the evaluator calls an operator: true or false, or it throws. */
export type Evaluate = (factValue: unknown, value: unknown) => boolean;

/** Thrown in place of whatever a custom operator threw or returned: its text could carry a client's answer. */
const failed = (name: string) => new Error(`The custom operator "${name}" did not give true or false.`);

const copy = (v: unknown): unknown => (v !== null && typeof v === 'object' ? structuredClone(v) : v);

/**
 * A custom operator as the evaluator calls it. It gets copies, so it cannot change the facts the other rules read;
 * anything but a boolean, or an exception, becomes an error without the operator's own text; a promise it returns
 * (an async function) is a non-boolean, and its rejection is handled here so it cannot end the process.
 */
function strictCustom(op: CustomOperator): Evaluate {
  const { name, evaluate } = op;
  return (factValue, value) => {
    let r: unknown;
    try {
      r = evaluate(copy(factValue), copy(value));
    } catch {
      throw failed(name);
    }
    if (typeof r === 'boolean') return r;
    try {
      if (r !== null && typeof r === 'object' && typeof (r as { then?: unknown }).then === 'function') (r as PromiseLike<unknown>).then(undefined, () => undefined);
    } catch {
      // A thenable whose `then` throws has nothing left to handle.
    }
    throw failed(name);
  };
}

/**
 * The operators the evaluator looks up by name: every built-in and every custom one, all strict: anything but true or
 * false throws, so the rule is flagged, never read as "did not fire".
 */
export function evaluationOperators(custom: readonly CustomOperator[]): OperatorTable {
  const out = new Map(operatorTable());
  for (const op of custom) out.set(op.name, strictCustom(op));
  return out;
}
