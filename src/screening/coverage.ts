/**
 * Which risky answers the enabled rules read. A screener whose rules never read an answer (every rule that did is
 * disabled, switched off in its file, or was never written) would screen a client who gives it as `proceed`, and
 * nothing would say so. So, once per screener, every safety question (the intake's `safeAnswers` registry) is tried
 * with each of its answers other than the safe one, on the healthy baseline intake: an answer is read when some
 * condition of an enabled rule gives another verdict for it than for the safe answer, directly or through a derived
 * fact. The answers no condition reads become an `unscreened-answer` flag whenever a client gives them.
 *
 * Generic by construction: the questions come from the intake schema, the conditions from the rules and the verdicts
 * from the screener's operators (json-rules-engine's built-ins among them), so a new question, derived fact or operator is covered without a table.
 */
import type * as z from 'zod/mini';
import { safeAnswers } from '../intake/fields.js';
import { parseIntake } from '../intake/parse.js';
import { intakeSchema, NOT_ANSWER_GROUPS, type Intake } from '../intake/schema.js';
import { factCatalog } from '../rules/catalog.js';
import { conditionLeaves } from '../rules/conditions.js';
import type { RuleCondition } from '../rules/format.js';
import { BASELINE_INTAKE } from '../rules/fixtures.js';
import { isRecord, resolvePath } from '../rules/path.js';
import { deriveFacts } from './derive.js';
import type { OperatorTable } from '../rules/compile.js';

/** A safety question: its group and field, its safe answer and the answers that need a rule to read them. */
export interface SafetyQuestion {
  readonly group: string;
  readonly field: string;
  readonly title: string;
  readonly safe: string;
  readonly risky: readonly string[];
}

type Shape = Readonly<Record<string, z.core.$ZodType>>;
const shapeOf = (s: unknown): Shape => ((s as { shape?: Shape }).shape ?? {});

let questions: readonly SafetyQuestion[] | undefined;

/** Every safety question of the intake, in form order. */
export function safetyQuestions(): readonly SafetyQuestion[] {
  if (questions) return questions;
  const top = shapeOf(intakeSchema);
  const out: SafetyQuestion[] = [];
  for (const e of factCatalog()) {
    if (e.fact === 'derived' || NOT_ANSWER_GROUPS.has(e.fact)) continue;
    const schema = shapeOf(top[e.fact])[e.path];
    const safe = schema ? safeAnswers.get(schema)?.safe : undefined;
    if (safe === undefined || !e.options?.includes(safe)) continue;
    out.push({ group: e.fact, field: e.path, title: e.title, safe, risky: e.options.filter((o) => o !== safe) });
  }
  questions = Object.freeze(out);
  return questions;
}

interface Leaf {
  readonly fact: string;
  readonly path: unknown;
  readonly operator: unknown;
  readonly value: unknown;
}

const ERROR = Symbol('error');

function verdict(leaf: Leaf, facts: Record<string, unknown>, operators: OperatorTable): unknown {
  try {
    const op = operators.get(String(leaf.operator));
    if (!op) return ERROR;
    let v = facts[leaf.fact];
    if (typeof leaf.path === 'string' && leaf.path !== '') v = resolvePath(v, leaf.path);
    return op(v, leaf.value);
  } catch {
    return ERROR;
  }
}

/** A fixed appointment date for trying answers: only whether a verdict changes matters, not the date. */
const TRY_AT = '2026-01-15';

function factsOf(intake: Intake): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(intake)) if (!NOT_ANSWER_GROUPS.has(k)) facts[k] = v;
  try {
    facts.derived = deriveFacts(intake, TRY_AT);
  } catch {
    // Without derived facts, every condition on them reads as an error both ways: not counted as reading anything.
  }
  return facts;
}

interface Trial {
  readonly question: SafetyQuestion;
  readonly answer: string;
  readonly facts: Record<string, unknown>;
  /** The derived facts this answer changes. */
  readonly changed: ReadonlySet<string>;
}

interface Trials {
  readonly baseFacts: Record<string, unknown>;
  readonly trials: readonly Trial[];
}

let trialsCache: Trials | undefined | null;

/**
 * The healthy baseline's facts, and the facts of each risky answer given alone on it. They depend on the intake model
 * only, not on the rules, so they are made once per process. Null when there is no healthy intake to try answers on.
 */
function trials(): Trials | null {
  if (trialsCache !== undefined) return trialsCache;
  // The baseline with every safety question at its safe answer, so a question the baseline predates is tried too.
  const input = structuredClone(BASELINE_INTAKE) as Record<string, unknown>;
  for (const q of safetyQuestions()) {
    const group = isRecord(input[q.group]) ? (input[q.group] as Record<string, unknown>) : (input[q.group] = {});
    group[q.field] = q.safe;
  }
  const parsed = parseIntake(input);
  if (!parsed.ok) return (trialsCache = null);
  const base = parsed.data as unknown as Record<string, Record<string, unknown>>;
  const baseFacts = factsOf(parsed.data);
  const derivedBefore = isRecord(baseFacts.derived) ? baseFacts.derived : {};
  const list: Trial[] = [];
  for (const question of safetyQuestions())
    for (const answer of question.risky) {
      const intake = { ...base, [question.group]: { ...base[question.group], [question.field]: answer } };
      const facts = factsOf(intake as unknown as Intake);
      const after = isRecord(facts.derived) ? facts.derived : undefined;
      const changed = new Set<string>();
      for (const key of new Set([...Object.keys(derivedBefore), ...Object.keys(after ?? {})]))
        if (!after || JSON.stringify(derivedBefore[key]) !== JSON.stringify(after[key])) changed.add(key);
      list.push({ question, answer, facts, changed });
    }
  return (trialsCache = { baseFacts, trials: list });
}

/**
 * The risky answers no condition of `rules` reads, by question (`group.field`). Empty when every risky answer is
 * read by some rule.
 */
export function unreadAnswers(
  rules: readonly { readonly conditions: RuleCondition }[],
  operators: OperatorTable,
): ReadonlyMap<string, { readonly question: SafetyQuestion; readonly answers: ReadonlySet<string> }> {
  const leaves: Leaf[] = rules.flatMap((r) => conditionLeaves(r.conditions).map(({ comparison: c }) => ({ fact: c.fact, path: c.path, operator: c.operator, value: c.value })));
  const out = new Map<string, { question: SafetyQuestion; answers: Set<string> }>();
  const t = trials();
  if (!t) {
    // No healthy intake to try answers on: nothing counts as read (fail closed).
    for (const q of safetyQuestions()) out.set(`${q.group}.${q.field}`, { question: q, answers: new Set(q.risky) });
    return out;
  }
  // Each distinct condition once: rule sets repeat the same few leaves across many rules.
  const distinct = new Map<string, Leaf>();
  for (const l of leaves) distinct.set(JSON.stringify([l.fact, l.path, l.operator, l.value]) ?? '', l);
  const byFact = new Map<string, Leaf[]>();
  for (const l of distinct.values()) {
    const list = byFact.get(l.fact);
    if (list) list.push(l);
    else byFact.set(l.fact, [l]);
  }
  const before = new Map<Leaf, unknown>();
  for (const l of distinct.values()) before.set(l, verdict(l, t.baseFacts, operators));
  const derived = byFact.get('derived') ?? [];
  for (const { question: q, answer, facts, changed } of t.trials) {
    const reads = (l: Leaf) => !Object.is(verdict(l, facts, operators), before.get(l));
    // A condition on a derived fact can change only when the fact it reads changed.
    const readsDerived = (l: Leaf) => changed.has(String(l.path).split('.')[0] ?? '') && reads(l);
    if ((byFact.get(q.group) ?? []).some(reads) || derived.some(readsDerived)) continue;
    const key = `${q.group}.${q.field}`;
    const entry = out.get(key);
    if (entry) entry.answers.add(answer);
    else out.set(key, { question: q, answers: new Set([answer]) });
  }
  return out;
}
