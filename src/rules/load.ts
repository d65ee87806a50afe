/**
 * Loading a rule set: the zod format first, then what a schema cannot say (facts and paths that exist, operators
 * that fit them, values from the right vocabulary, unique ids, named conditions that exist and do not loop). Every
 * problem is reported at once, each at its JSON path. A rule set with any problem does not load at all.
 */
import { englishMessages } from '../intake/fields.js';
import { checkLimits, type InputLimits } from '../intake/limits.js';
import { BODY_REGIONS } from '../intake/vocabulary.js';
import { factIds, findFact, type FactEntry } from './catalog.js';
import { ruleSetSchema, type Rule, type RuleCondition, type RuleSetFile } from './format.js';
import { conditionLeaves } from './conditions.js';
import { canonicalJson, sha256Hex } from './hash.js';
import { BUILT_IN_OPERATORS, isBuiltInOperator, readCustomOperators, type CustomOperator, type KnownOperators } from './custom-operators.js';
import type { OperatorSpec } from './operators.js';
import { pathProblem } from './path.js';
import { plainIssueMessage, type IssueLike } from './plain-messages.js';

/** What kind of problem a rules file has. */
export type RuleSetProblemCode =
  | 'too_large'
  | 'invalid_format'
  | 'duplicate_id'
  | 'unknown_fact'
  | 'unknown_path'
  | 'forbidden_path'
  | 'unknown_operator'
  | 'operator_mismatch'
  | 'invalid_value'
  | 'unknown_condition'
  | 'cyclic_condition'
  | 'too_deep'
  | 'missing_regions'
  | 'missing_translation';

/** One problem in a rules file, at its JSON path. */
export interface RuleSetProblem {
  readonly path: readonly (string | number)[];
  /** The path as `rules[3].conditions.all[0].operator`. */
  readonly pathString: string;
  readonly code: RuleSetProblemCode;
  readonly message: string;
}

/** A validated rule set, ready for `createScreener`. Named conditions are inlined into each rule. */
export interface LoadedRuleSet {
  readonly kind: 'massage-triage/rule-set';
  readonly id: string;
  readonly version: string;
  readonly description: string;
  /** Languages the set gives messages in: always `en`, then those it declares. */
  readonly languages: readonly string[];
  readonly rules: readonly Rule[];
  /** SHA-256 of the file's canonical JSON (keys sorted), hex. */
  readonly hash: string;
}

/** Thrown by `loadRuleSet` and `createScreener` for a rule set that has problems. Lists all of them. */
export class RuleSetError extends Error {
  override readonly name = 'RuleSetError';
  readonly problems: readonly RuleSetProblem[];
  constructor(problems: readonly RuleSetProblem[]) {
    const shown = problems.slice(0, 5).map((p) => `  ${p.pathString || '(root)'}: ${p.message}`);
    const more = problems.length > 5 ? `\n  … and ${problems.length - 5} more` : '';
    super(`The rule set has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${shown.join('\n')}${more}`);
    this.problems = problems;
  }
}

/** Type guard for {@link RuleSetError}. */
export function isRuleSetError(e: unknown): e is RuleSetError {
  return e instanceof RuleSetError;
}

/** Limits on a rules file; the default set is far below them. */
export const RULE_SET_LIMITS: InputLimits = { maxDepth: 40, maxNodes: 200_000, maxStringLength: 10_000 };
/** Deepest nesting of all / any / not inside one rule, counted through the named conditions it refers to. */
export const MAX_CONDITION_DEPTH = 12;
/**
 * Most conditions one rule may hold once its named conditions are inlined. Without it, named conditions that each
 * refer to the one before twice would double at every step: 30 small lines would inline to a billion conditions.
 */
export const MAX_INLINED_CONDITIONS = 5_000;
/** Most named conditions in one file. */
export const MAX_NAMED_CONDITIONS = 1_000;

/** `['rules', 3, 'conditions', 'all', 0]` → `rules[3].conditions.all[0]` */
export function jsonPathString(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** A problem at `path`, with its path string. */
export const problem = (path: (string | number)[], code: RuleSetProblemCode, message: string): RuleSetProblem => ({
  path,
  pathString: jsonPathString(path),
  code,
  message,
});

function zodMessage(raw: IssueLike): string {
  if (raw.code === 'invalid_union' && raw.path[raw.path.length - 1] === 'value')
    return 'Expected a string, number, true, false or null, or a list of them (a { "fact": … } reference is not allowed).';
  if (raw.code === 'invalid_union')
    return 'Expected a comparison { "fact", "path", "operator", "value" } or a group { "all" | "any" | "not" | "condition" }.';
  if (raw.code === 'unrecognized_keys') return raw.message.replace(/^Unrecognized key/, 'Unknown key');
  return plainIssueMessage(raw) ?? raw.message;
}

type ZodIssueLike = { code: string; message: string; path: PropertyKey[]; errors?: ZodIssueLike[][] };

/**
 * A condition that matches no form of the union is reported where it goes wrong, not at the union: the form it
 * came closest to (fewest problems) is followed down, so `{ "all": [{ "fact": "clots", "value": {} }] }` is
 * reported at `all[0].value`. When no form comes closer than another, the union's own message stays.
 */
function narrowUnion(issue: ZodIssueLike, depth = 0): ZodIssueLike[] {
  if (issue.code !== 'invalid_union' || !issue.errors?.length || depth > 50) return [issue];
  const ranked = [...issue.errors].filter((b) => b.length > 0).sort((a, b) => a.length - b.length);
  const best = ranked[0];
  if (!best || (ranked[1] && ranked[1].length === best.length) || best.every((i) => i.path.length === 0 && i.code !== 'invalid_union'))
    return [issue];
  return best.flatMap((i) => narrowUnion({ ...i, path: [...issue.path, ...i.path] }, depth + 1));
}

function checkValue(
  op: OperatorSpec,
  value: unknown,
  entry: FactEntry,
  at: (string | number)[],
  out: RuleSetProblem[],
): void {
  const options = entry.options;
  const bad = (m: string) => out.push(problem(at, 'invalid_value', m));
  // A value of another type than the answer (the number 1 for a yes/no answer, "180" for a number) would make a
  // rule that silently never fires. null stands for "not answered".
  const typeOk = (v: unknown) =>
    v === null || (entry.kind === 'number' ? typeof v === 'number' : entry.kind === 'boolean' ? typeof v === 'boolean' : typeof v === 'string');
  const inOptions = (v: unknown) => typeOk(v) && (options === undefined || v === null || options.includes(v as string));
  const optionHint = options && options.length <= 12 ? ` (one of ${options.map((o) => `"${o}"`).join(', ')})` : '';
  const holds = entry.kind === 'number' ? 'a number' : entry.kind === 'boolean' ? 'true or false' : options ? 'one of its answers as text' : 'text';
  const notAnswer = (v: unknown) =>
    typeOk(v)
      ? `"${String(v)}" is not an answer this question has${optionHint}.`
      : `${JSON.stringify(v)} can never match: "${entry.fact}.${entry.path}" holds ${holds}${optionHint}.`;
  switch (op.value) {
    case 'true':
      if (value !== true) bad(`"${op.name}" takes the value true.`);
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) bad(`"${op.name}" takes a number.`);
      break;
    case 'option':
      if (Array.isArray(value)) bad(`"${op.name}" takes one value, not a list.`);
      else if (!inOptions(value)) bad(notAnswer(value));
      break;
    case 'options':
      if (!Array.isArray(value)) bad(`"${op.name}" takes a list of values.`);
      else for (const v of value) if (!inOptions(v)) bad(notAnswer(v));
      break;
    case 'scalar':
      if (Array.isArray(value)) bad(`"${op.name}" takes one value; use "in" for a list.`);
      else if (!inOptions(value)) bad(notAnswer(value));
      break;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) bad(`"${op.name}" takes a date as YYYY-MM-DD.`);
      break;
  }
}

function checkCondition(
  c: RuleCondition,
  at: (string | number)[],
  depth: number,
  named: ReadonlySet<string>,
  out: RuleSetProblem[],
  operators: KnownOperators,
): void {
  if (depth > MAX_CONDITION_DEPTH) {
    out.push(problem(at, 'too_deep', `Conditions are nested deeper than ${MAX_CONDITION_DEPTH} levels.`));
    return;
  }
  if ('all' in c) c.all.forEach((s, i) => checkCondition(s, [...at, 'all', i], depth + 1, named, out, operators));
  else if ('any' in c) c.any.forEach((s, i) => checkCondition(s, [...at, 'any', i], depth + 1, named, out, operators));
  else if ('not' in c) checkCondition(c.not, [...at, 'not'], depth + 1, named, out, operators);
  else if ('condition' in c) {
    if (!named.has(c.condition))
      out.push(problem([...at, 'condition'], 'unknown_condition', `There is no named condition "${c.condition}".`));
  } else {
    const facts = factIds();
    if (!facts.includes(c.fact)) {
      out.push(problem([...at, 'fact'], 'unknown_fact', `Unknown fact "${c.fact}". Facts are the question groups and "derived".`));
      return;
    }
    if (c.path === undefined) {
      out.push(problem([...at, 'path'], 'unknown_path', `Name the question within "${c.fact}" in "path".`));
      return;
    }
    const forbidden = pathProblem(c.path);
    if (forbidden) {
      out.push(problem([...at, 'path'], 'forbidden_path', forbidden));
      return;
    }
    const entry = findFact(c.fact, c.path);
    if (!entry) {
      out.push(problem([...at, 'path'], 'unknown_path', `"${c.fact}" has no question "${c.path}" (see rules/CATALOG.md).`));
      return;
    }
    const op = operators.get(c.operator);
    if (!op) {
      out.push(problem([...at, 'operator'], 'unknown_operator', unknownOperator(c.operator)));
      return;
    }
    if (!op.facts.includes(entry.kind)) {
      out.push(
        problem([...at, 'operator'], 'operator_mismatch', `"${c.operator}" cannot read "${c.fact}.${c.path}", which is a ${entry.kind}.`),
      );
      return;
    }
    checkValue(op, c.value, entry, [...at, 'value'], out);
  }
}

function namedRefs(c: RuleCondition, acc: string[] = []): string[] {
  if ('all' in c) c.all.forEach((s) => namedRefs(s, acc));
  else if ('any' in c) c.any.forEach((s) => namedRefs(s, acc));
  else if ('not' in c) namedRefs(c.not, acc);
  else if ('condition' in c) acc.push(c.condition);
  return acc;
}

function findCycles(named: Record<string, RuleCondition>, out: RuleSetProblem[]): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      out.push(problem(['conditions', name], 'cyclic_condition', `Named conditions refer to each other in a loop: ${[...trail, name].join(' → ')}.`));
      return;
    }
    state.set(name, 'visiting');
    const cond = named[name];
    if (cond) for (const ref of namedRefs(cond)) if (Object.hasOwn(named, ref)) visit(ref, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(named)) visit(name, []);
}

/** Size and depth of a condition with its named conditions inlined, computed without inlining (memoised by name). */
function inlinedShape(
  c: RuleCondition,
  named: Record<string, RuleCondition>,
  memo: Map<string, { size: number; depth: number }>,
): { size: number; depth: number } {
  if ('condition' in c) {
    const known = memo.get(c.condition);
    if (known) return known;
    const target = named[c.condition];
    const shape = target ? inlinedShape(target, named, memo) : { size: 1, depth: 0 };
    memo.set(c.condition, shape);
    return shape;
  }
  const subs = 'all' in c ? c.all : 'any' in c ? c.any : 'not' in c ? [c.not] : undefined;
  if (!subs) return { size: 1, depth: 0 };
  let size = 1;
  let depth = 0;
  for (const s of subs) {
    const sh = inlinedShape(s, named, memo);
    size += sh.size;
    depth = Math.max(depth, sh.depth + 1);
  }
  return { size, depth };
}

/** The path of the first own `__proto__` key in `json` (JSON.parse makes one), which zod would silently drop. */
function protoKeyPath(json: unknown): (string | number)[] | undefined {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: json, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) v.forEach((c, i) => stack.push({ v: c, path: [...path, i] }));
    else
      for (const k of Object.keys(v)) {
        if (k === '__proto__') return [...path, k];
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
  }
  return undefined;
}

function inline(c: RuleCondition, named: Record<string, RuleCondition>): RuleCondition {
  if ('all' in c) return { all: c.all.map((s) => inline(s, named)) };
  if ('any' in c) return { any: c.any.map((s) => inline(s, named)) };
  if ('not' in c) return { not: inline(c.not, named) };
  if ('condition' in c) return inline(named[c.condition]!, named);
  return c;
}

function checkRule(rule: Rule, at: (string | number)[], file: RuleSetFile, named: ReadonlySet<string>, out: RuleSetProblem[], operators: KnownOperators) {
  checkCondition(rule.conditions as RuleCondition, [...at, 'conditions'], 0, named, out, operators);
  const o = rule.outcome;
  (o.regionsFrom ?? []).forEach((p, i) => {
    const [fact, ...rest] = p.split('.');
    const entry = findFact(fact ?? '', rest.join('.'));
    const isRegions = entry?.kind === 'list' && entry.options?.includes(BODY_REGIONS[BODY_REGIONS.length - 1]!);
    if (!isRegions)
      out.push(problem([...at, 'outcome', 'regionsFrom', i], 'unknown_path', `"${p}" is not a list of body regions in the intake or derived facts.`));
  });
  const hasRegions = (o.regions?.length ?? 0) + (o.regionsFrom?.length ?? 0) > 0;
  if (o.scope === 'local' && !hasRegions)
    out.push(problem([...at, 'outcome'], 'missing_regions', 'A local outcome names its regions in "regions" or "regionsFrom".'));
  if (o.scope === 'systemic' && o.avoidRegions)
    out.push(problem([...at, 'outcome', 'avoidRegions'], 'missing_regions', '"avoidRegions" applies to local outcomes only.'));
  for (const lang of file.languages ?? []) {
    if (!rule.translations?.[lang])
      out.push(problem([...at, 'translations'], 'missing_translation', `The set declares "${lang}" but this rule has no "${lang}" messages.`));
  }
  for (const lang of Object.keys(rule.translations ?? {})) {
    if (!(file.languages ?? []).includes(lang))
      out.push(problem([...at, 'translations', lang], 'missing_translation', `"${lang}" is not in the set's "languages".`));
  }
}

/** The outcome of checking a rule set: loaded, or every problem found. */
export type CheckRuleSetResult =
  | { readonly ok: true; readonly ruleSet: LoadedRuleSet }
  | { readonly ok: false; readonly problems: readonly RuleSetProblem[] };

/** Options of `checkRuleSet` and `loadRuleSet`. */
export interface RuleSetOptions {
  /**
   * The custom operators the rules may name: the same list the screener gets (`createScreener({ rules, operators })`).
   * A rules file cannot define an operator, only name one; without this list, a rule that names a custom operator is
   * an unknown operator. Checked as `createScreener` checks it (problems at `operators[2].name` and so on).
   */
  readonly operators?: readonly CustomOperator[];
}

const unknownOperator = (name: string) =>
  isBuiltInOperator(name)
    ? `Unknown operator "${name}" (see rules/CATALOG.md).`
    : `Unknown operator "${name}" (see rules/CATALOG.md). A custom operator is given in code, never in a rules file: loadRuleSet(json, { operators }), createScreener({ rules, operators }), or "rules lint --operators FILE".`;

/** The operator table for `operators` (a caller's list, read once), or its problems at `operators[…]`. */
function tableOf(operators: unknown): { ok: true; table: KnownOperators } | { ok: false; problems: RuleSetProblem[] } {
  const r = readCustomOperators(operators);
  return r.ok ? r : { ok: false, problems: r.issues.map((i) => problem(i.path, i.code, i.message)) };
}

/**
 * The operators `createScreener` was given, validated once for all its rule sets.
 * @throws {@link RuleSetError} at `operators[…]` for a list that is not valid.
 */
export function readOperators(operators: unknown): KnownOperators {
  const r = tableOf(operators);
  if (!r.ok) throw new RuleSetError(r.problems);
  return r.table;
}

/**
 * Check a rules file (parsed JSON) and report every problem at once, each at its JSON path. Never throws.
 * `loadRuleSet` is the same, throwing a {@link RuleSetError}. A set that `loadRuleSet` already loaded is checked only
 * for the custom operators it names: each must be among `options.operators`, and fit as that one is declared.
 */
export function checkRuleSet(input: unknown, options?: RuleSetOptions): CheckRuleSetResult {
  let operators: unknown;
  try {
    operators = options === undefined || options === null ? undefined : (options as { operators?: unknown }).operators;
  } catch {
    return { ok: false, problems: [problem(['operators'], 'invalid_format', '"operators" could not be read.')] };
  }
  const t = tableOf(operators);
  return t.ok ? checkRuleSetWith(input, t.table) : { ok: false, problems: t.problems };
}

/** {@link checkRuleSet} with the operators already validated (`createScreener` checks its list once for all sets). */
export function checkRuleSetWith(input: unknown, operators: KnownOperators = BUILT_IN_OPERATORS): CheckRuleSetResult {
  try {
    if (isLoadedRuleSet(input)) return checkLoaded(input, operators);
    const json = asFile(input);
    const tooLarge = checkLimits(json, RULE_SET_LIMITS, 'rules file');
    if (tooLarge) return { ok: false, problems: [problem([], 'too_large', tooLarge.message)] };
    const protoAt = protoKeyPath(json);
    if (protoAt) return { ok: false, problems: [problem(protoAt, 'forbidden_path', 'A key named "__proto__" is not allowed.')] };
    const parsed = ruleSetSchema.safeParse(json, englishMessages());
    if (!parsed.success) {
      return {
        ok: false,
        problems: parsed.error.issues.flatMap((i) => narrowUnion(i)).map((i) =>
          problem(i.path.map((p) => (typeof p === 'symbol' ? String(p.description) : p)), 'invalid_format', zodMessage(i)),
        ),
      };
    }
    const file = parsed.data;
    const out: RuleSetProblem[] = [];
    const named = file.conditions ?? {};
    const namedSet = new Set(Object.keys(named));
    if (namedSet.size > MAX_NAMED_CONDITIONS)
      return { ok: false, problems: [problem(['conditions'], 'too_large', `A rule set has at most ${MAX_NAMED_CONDITIONS} named conditions.`)] };
    for (const [name, cond] of Object.entries(named)) checkCondition(cond, ['conditions', name], 0, namedSet, out, operators);
    findCycles(named, out);
    const seen = new Map<string, number>();
    file.rules.forEach((rule, i) => {
      const first = seen.get(rule.id);
      if (first !== undefined) out.push(problem(['rules', i, 'id'], 'duplicate_id', `The id "${rule.id}" is already used by rules[${first}].`));
      else seen.set(rule.id, i);
      checkRule(rule, ['rules', i], file, namedSet, out, operators);
    });
    if (out.length > 0) return { ok: false, problems: out };
    // Only now, with every reference known and no loops, can the inlined shape of each rule be measured.
    const memo = new Map<string, { size: number; depth: number }>();
    let total = 0;
    file.rules.forEach((rule, i) => {
      const { size, depth } = inlinedShape(rule.conditions as RuleCondition, named, memo);
      total += size;
      if (depth > MAX_CONDITION_DEPTH)
        out.push(problem(['rules', i, 'conditions'], 'too_deep', `With its named conditions inlined, the conditions are nested deeper than ${MAX_CONDITION_DEPTH} levels.`));
      else if (size > MAX_INLINED_CONDITIONS)
        out.push(problem(['rules', i, 'conditions'], 'too_large', `With its named conditions inlined, the rule has more than ${MAX_INLINED_CONDITIONS} conditions.`));
    });
    if (out.length === 0 && total > MAX_INLINED_CONDITIONS * 20)
      out.push(problem(['rules'], 'too_large', `With named conditions inlined, the rules hold more than ${MAX_INLINED_CONDITIONS * 20} conditions.`));
    if (out.length > 0) return { ok: false, problems: out };
    return { ok: true, ruleSet: loadBundledRuleSet(file, sha256Hex(canonicalJson(file))) };
  } catch {
    return { ok: false, problems: [problem([], 'invalid_format', 'The rules file could not be read.')] };
  }
}

/**
 * A checked file as a loaded rule set: named conditions inlined, frozen, known to this copy of the library.
 * `checkRuleSet` ends here. So does the rule set bundled with the library, without being checked again: it was
 * checked when the library was built (`npm run generate` wrote its `hash`, and a test fails unless this gives exactly
 * what `loadRuleSet` gives for the file, hash included). Skipping zod, the reference checks and the hashing saves most
 * of a cold start's loading. Never for a file read at run time.
 * @internal
 */
export function loadBundledRuleSet(file: RuleSetFile, hash: string, prepared?: PreparedScreening): LoadedRuleSet {
  const named = file.conditions ?? {};
  const ruleSet: LoadedRuleSet = {
    kind: 'massage-triage/rule-set',
    id: file.id,
    version: file.version,
    description: file.description,
    languages: ['en', ...(file.languages ?? []).filter((l) => l !== 'en')],
    rules: file.rules.map((r) => ({ ...r, conditions: inline(r.conditions as RuleCondition, named) as Rule['conditions'] })),
    hash,
  };
  LOADED.add(ruleSet);
  CUSTOM_USED.set(ruleSet, customOperatorsNamed(ruleSet.rules));
  if (prepared) PREPARED.set(ruleSet, prepared);
  return deepFreeze(ruleSet);
}

/**
 * What a screener of exactly the bundled rule set works out from its rules, worked out when the library was built:
 * the audit's `rulesHash`, and the risky answers no rule reads (`group.field` → answers).
 * @internal
 */
export interface PreparedScreening {
  readonly rulesHash: string;
  readonly unread: Readonly<Record<string, readonly string[]>>;
}

const PREPARED = new WeakMap<LoadedRuleSet, PreparedScreening>();

/**
 * The build-time work for a screener whose rules are those of one bundled rule set, every one, in order (none
 * disabled or switched off); undefined for any other screener, which works it out itself.
 * @internal
 */
export function preparedScreening(ruleSets: readonly LoadedRuleSet[], rules: readonly Rule[]): PreparedScreening | undefined {
  const set = ruleSets.length === 1 ? ruleSets[0] : undefined;
  const prepared = set && PREPARED.get(set);
  return prepared && rules.length === set.rules.length && rules.every((r, i) => r === set.rules[i]) ? prepared : undefined;
}

/**
 * Validate a rules file (parsed JSON) and prepare it for screening.
 * @throws {@link RuleSetError} listing every problem, each with its JSON path.
 */
export function loadRuleSet(json: unknown, options?: RuleSetOptions): LoadedRuleSet {
  const r = checkRuleSet(json, options);
  if (!r.ok) throw new RuleSetError(r.problems);
  return r.ruleSet;
}

/**
 * The rule sets this copy of the library loaded. A `kind` field alone proves nothing: any JSON file can carry
 * `"kind": "massage-triage/rule-set"`, and taking it at its word would skip every check.
 */
const LOADED = new WeakSet<object>();

/** The custom operators each loaded set names (sorted), so that a screener can check it has them. */
const CUSTOM_USED = new WeakMap<object, readonly string[]>();

function customOperatorsNamed(rules: readonly Rule[]): readonly string[] {
  const names = new Set<string>();
  for (const r of rules) for (const { comparison } of conditionLeaves(r.conditions as RuleCondition)) if (!isBuiltInOperator(comparison.operator)) names.add(comparison.operator);
  return Object.freeze([...names].sort());
}

/** The custom operators a rule set `loadRuleSet` produced names, sorted; none for anything else. */
export function customOperatorsUsed(set: LoadedRuleSet): readonly string[] {
  return CUSTOM_USED.get(set) ?? [];
}

/**
 * A loaded set, against the operators at hand: it was checked with the operators given to `loadRuleSet`, so each
 * rule that names a custom operator is checked again with these (the operator may be missing, or declared for other
 * facts or values). Sets without a custom operator need nothing more.
 */
function checkLoaded(set: LoadedRuleSet, operators: KnownOperators): CheckRuleSetResult {
  if (customOperatorsUsed(set).length === 0) return { ok: true, ruleSet: set };
  const out: RuleSetProblem[] = [];
  set.rules.forEach((rule, i) => {
    if (conditionLeaves(rule.conditions as RuleCondition).some((l) => !isBuiltInOperator(l.comparison.operator)))
      checkCondition(rule.conditions as RuleCondition, ['rules', i, 'conditions'], 0, new Set(), out, operators);
  });
  return out.length > 0 ? { ok: false, problems: out } : { ok: true, ruleSet: set };
}

/** True for a rule set that `loadRuleSet` (of this copy of the library) produced. */
export function isLoadedRuleSet(v: unknown): v is LoadedRuleSet {
  return typeof v === 'object' && v !== null && LOADED.has(v);
}

/**
 * Something shaped like a loaded set that this copy did not load (forged, cloned, or from a second copy of the
 * library): back to the file it stands for, so that it is checked like any file.
 */
function asFile(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || (json as { kind?: unknown }).kind !== 'massage-triage/rule-set') return json;
  const { kind: _kind, hash: _hash, languages, ...rest } = json as Record<string, unknown>;
  const declared = Array.isArray(languages) ? languages.filter((l) => l !== 'en') : languages;
  return { ...rest, ...(Array.isArray(declared) && declared.length === 0 ? {} : { languages: declared }) };
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const c of Object.values(v)) deepFreeze(c);
  }
  return v;
}
