/**
 * The screener: validate the intake, derive facts against the appointment date, run the rules with
 * json-rules-engine, and assemble an explained, merged result. Fails closed: any fault in evaluation gives an
 * `evaluation-error` flag (at least `clearance-required`), never `proceed`, and never an exception.
 */
import type * as z from 'zod/mini';
import { englishMessages } from '../intake/fields.js';
import { impossibleDates } from '../intake/date-order.js';
import { issue } from '../intake/issues.js';
import { parseIntake } from '../intake/parse.js';
import { INTAKE_SCHEMA_VERSION, NOT_ANSWER_GROUPS, type Intake } from '../intake/schema.js';
import type { Rule } from '../rules/format.js';
import { canonicalJson, sha256Hex } from '../rules/hash.js';
import { isLoadedRuleSet, loadRuleSet, problem, RuleSetError, type LoadedRuleSet, type RuleSetProblem } from '../rules/load.js';
import { techniqueCatalogSchema, conditionCatalogSchema, type ConditionCatalog, type TechniqueCatalog } from '../techniques/catalog.js';
import { DEFAULT_CONDITIONS, DEFAULT_TECHNIQUES } from '../techniques/defaults.js';
import { suggestTechniques } from '../techniques/suggest.js';
import { VERSION } from '../version.js';
import { applyClearance } from './clearances.js';
import { appointmentDate } from './dates.js';
import { deriveFacts } from './derive.js';
import { compilePrecheck, newEngine, runRules, type EngineOperators, type EngineRule } from './engine.js';
import { unreadAnswers } from './coverage.js';
import { collectBecause, evaluationErrorFlag, flagOf, reconfirmFlag, unscreenedAnswerFlag } from './flags.js';
import { mergeModifications, overallDisposition, sortFlags } from './merge.js';
import type { Because, Flag, ScreenOptions, ScreeningResult } from './types.js';
import type { DerivedFacts } from '../rules/derived-schema.js';

/** How to build a screener. */
export interface ScreenerConfig {
  /**
   * The rule set(s) to run: loaded (`loadRuleSet`) or as parsed JSON. To extend the default set, pass
   * `[defaultRuleSet(), clinicRules]`. Rule ids must be unique across the sets.
   */
  readonly rules: LoadedRuleSet | unknown | readonly (LoadedRuleSet | unknown)[];
  /** Rule ids not to run. Each must exist; the audit lists them. */
  readonly disable?: readonly string[];
  /** The technique catalog (parsed JSON like `rules/techniques.json`). Default: the bundled one. */
  readonly techniques?: unknown;
  /** The condition vocabulary (parsed JSON like `rules/conditions.json`). Default: the bundled one. */
  readonly conditions?: unknown;
}

/** A prepared rule set. Share one across a whole server: `screen` calls do not interfere. */
export interface Screener {
  /** Screen one intake for an appointment. Never throws. */
  screen(input: unknown, options?: ScreenOptions): Promise<ScreeningResult>;
  /** The rule sets this screener runs, in order. */
  readonly ruleSets: readonly LoadedRuleSet[];
  /** The rules that run (after disabling), in order. */
  readonly rules: readonly Rule[];
  /** The rules that do not run: named in `disable`, or switched off in their file (`"enabled": false`). Sorted. */
  readonly disabledRules: readonly string[];
}

const DEFAULT_RECONFIRM_DAYS = 90;

function toRuleSets(rules: ScreenerConfig['rules']): LoadedRuleSet[] {
  const list = Array.isArray(rules) ? (rules as unknown[]) : [rules];
  const sets: LoadedRuleSet[] = [];
  const problems: RuleSetProblem[] = [];
  list.forEach((r, i) => {
    if (isLoadedRuleSet(r)) sets.push(r);
    else
      try {
        sets.push(loadRuleSet(r));
      } catch (e) {
        if (!(e instanceof RuleSetError)) throw e;
        problems.push(...e.problems.map((p) => (list.length > 1 ? { ...p, path: [i, ...p.path], pathString: `[${i}].${p.pathString}` } : p)));
      }
  });
  if (problems.length > 0) throw new RuleSetError(problems);
  return sets;
}

function parseCatalog<T>(schema: z.ZodMiniType<T>, v: unknown, name: string): T {
  const r = schema.safeParse(v, englishMessages());
  if (r.success) return r.data;
  throw new RuleSetError(
    r.error.issues.map((i) => ({
      path: [name, ...i.path.map(String)],
      pathString: [name, ...i.path.map(String)].join('.'),
      code: 'invalid_format' as const,
      message: i.message,
    })),
  );
}

/** The facts rules read: each answer group under its own name, and the derived facts when there are any. */
function factsOf(intake: Intake, derived: DerivedFacts | undefined): Record<string, unknown> {
  // A loop, not `{ ...groups, derived }` after a rest pattern: that copied the intake twice per screening.
  const facts: Record<string, unknown> = {};
  for (const key of Object.keys(intake)) if (!NOT_ANSWER_GROUPS.has(key)) facts[key] = intake[key as keyof Intake];
  if (derived) facts.derived = derived;
  return facts;
}

/**
 * Build a screener from rule sets and catalogs. Validates everything once.
 * @throws {@link RuleSetError} when `rules` is missing, a rule set or catalog has problems, or `disable` names an
 *   unknown rule.
 */
export function createScreener(config: ScreenerConfig): Screener {
  // Called from JavaScript without rules (`createScreener()`), say what to pass rather than fail on a property read.
  if (config === null || typeof config !== 'object' || config.rules === undefined)
    throw new RuleSetError([problem(['rules'], 'invalid_format', 'createScreener needs { rules }: pass { rules: defaultRuleSet() } for the bundled rules, or a rules file.')]);
  const ruleSets = toRuleSets(config.rules);
  const techniques: TechniqueCatalog = parseCatalog(techniqueCatalogSchema, config.techniques ?? DEFAULT_TECHNIQUES, 'techniques');
  const conditionCatalog: ConditionCatalog = parseCatalog(conditionCatalogSchema, config.conditions ?? DEFAULT_CONDITIONS, 'conditions');
  const all = ruleSets.flatMap((s) => s.rules);
  const problems: RuleSetProblem[] = [];
  const seen = new Set<string>();
  for (const r of all) {
    if (seen.has(r.id)) problems.push(problem(['rules'], 'duplicate_id', `The id "${r.id}" is used in more than one rule set.`));
    seen.add(r.id);
  }
  const disabled = [...(config.disable ?? [])];
  for (const id of disabled)
    if (!seen.has(id)) problems.push(problem(['disable'], 'unknown_path', `"disable" names "${id}", which no rule set has.`));
  if (problems.length > 0) throw new RuleSetError(problems);
  const off = new Set(disabled);
  const rules = all.filter((r) => r.enabled !== false && !off.has(r.id));
  // A screener without a rule would screen every client as proceed: refuse it.
  if (rules.length === 0)
    throw new RuleSetError([problem(['rules'], 'invalid_value', 'No rule is enabled: every rule is disabled or switched off ("enabled": false), or there are none. A screener needs at least one rule.')]);
  // The audit lists every rule that does not run, whether `disable` names it or its file switches it off.
  const disabledRules = [...new Set([...disabled, ...all.filter((r) => r.enabled === false).map((r) => r.id)])].sort();
  const byId = new Map(rules.map((r) => [r.id, r]));
  // json-rules-engine keeps state on the Engine, and overlapping run() calls on one engine interfere; so every
  // screening gets its own engine, built from these plain, pre-validated rule objects.
  // Results are told apart by rule name. The event type is one fixed word because the engine emits it as an event,
  // and an emitter treats some names as special: a rule with the id "error" would reject the whole run.
  const engineRules: EngineRule[] = rules.map(
    (r) => structuredClone({ name: r.id, conditions: r.conditions, event: { type: 'rule-fired' }, priority: 1 }) as EngineRule,
  );
  // The engine decides every rule that could fire. Before each run, a synchronous twin of its evaluation (the
  // engine's own operators, every leaf evaluated) sets aside the rules that certainly do not fire; any rule it cannot
  // model, or whose check throws, goes to the engine too, so faults still surface there and fail closed.
  const operators = (newEngine([]) as unknown as { operators: EngineOperators }).operators;
  const prechecks = engineRules.map((r) => compilePrecheck(r.conditions, operators));
  // The risky answers no enabled rule reads (none for the default set): each one a client gives is flagged.
  const unread = [...unreadAnswers(rules, operators).values()];
  const rulesHash = sha256Hex(canonicalJson(rules));
  const auditBase = {
    ruleSets: ruleSets.map((s) => ({ id: s.id, version: s.version, hash: s.hash })),
    rulesHash,
    disabledRules,
    libraryVersion: VERSION,
    intakeSchemaVersion: INTAKE_SCHEMA_VERSION,
  };

  async function evaluate(facts: Record<string, unknown>, locale: string): Promise<Flag[]> {
    const flags: Flag[] = [];
    const fromResults = (results: { name?: unknown; conditions?: unknown; result?: unknown }[]) => {
      for (const rr of results) {
        const rule = byId.get(String(rr.name));
        if (!rule) continue;
        const because: Because[] = [];
        collectBecause(rr.conditions, false, because);
        flags.push(flagOf(rule, because, facts, locale));
      }
    };
    const toRun = engineRules.filter((r, i) => {
      const check = prechecks[i];
      if (!check) return true;
      try {
        return Boolean(check(facts));
      } catch {
        return true;
      }
    });
    if (toRun.length === 0) return flags;
    try {
      // A fresh engine per run: json-rules-engine keeps run state on the Engine, so overlapping runs must not share one.
      const { results, failureResults } = await runRules(newEngine(toRun), facts);
      if (results.length + failureResults.length !== toRun.length) throw new Error('not every rule was evaluated');
      fromResults(results as never);
      return flags;
    } catch {
      // Evaluate each rule alone, so one faulty rule costs only itself (flagged), not the flags of the others.
      flags.length = 0;
      for (const rule of toRun) {
        try {
          const { results, failureResults } = await runRules(newEngine([rule]), facts);
          if (results.length + failureResults.length !== 1) throw new Error('rule not evaluated');
          fromResults(results as never);
        } catch {
          flags.push(evaluationErrorFlag(rule.name));
        }
      }
      return flags;
    }
  }

  async function screen(input: unknown, options: ScreenOptions = {}): Promise<ScreeningResult> {
    try {
      const at = appointmentDate(options.at ?? new Date(), options.timeZone);
      if (at === undefined)
        return { ok: false, issues: [issue(['options', 'at'], 'invalid_format', 'The appointment date could not be read: expected a Date or YYYY-MM-DD.')] };
      const parsed = parseIntake(input);
      if (!parsed.success) return { ok: false, issues: parsed.issues };
      const intake = parsed.data;
      // Read against the appointment too: an event after it, or an intake completed after it, cannot be true.
      const dates = impossibleDates(intake, at);
      if (dates.length > 0) return { ok: false, issues: dates };
      const locale = options.locale ?? 'en';
      let flags: Flag[];
      let derived: DerivedFacts | undefined;
      try {
        try {
          derived = deriveFacts(intake, at);
        } catch {
          derived = undefined;
        }
        // Without derived facts, the rules that read them fail (each flagged) while the others still run.
        flags = await evaluate(factsOf(intake, derived), locale);
        if (!derived) flags.push(evaluationErrorFlag(undefined));
      } catch {
        flags = [evaluationErrorFlag(undefined)];
      }
      // Pushed into a literal, not made by `map`: V8 then gives every flag list one elements kind, empty or not, so
      // the code that reads flag lists stays optimised instead of being recompiled whenever a list of the other kind
      // reaches it. With the same change in techniques/suggest.ts and screening/merge.ts, the compiler's time on a
      // one-thread batch of 100,000 intakes fell from 1.7–2.3 s to 1.1–1.4 s, mostly recompiling (bench/README.md).
      const cleared: Flag[] = [];
      for (const f of flags) cleared.push(applyClearance(f, intake, at, byId.get(f.ruleId)?.outcome.clearable !== false));
      flags = cleared;
      const limit = options.reconfirmAfterDays ?? DEFAULT_RECONFIRM_DAYS;
      const stale = derived?.daysSinceCompleted;
      if (stale !== undefined && stale !== null && stale > limit) flags.push(reconfirmFlag(stale, limit));
      for (const { question: q, answers } of unread) {
        const answer = (intake as unknown as Record<string, Record<string, unknown> | undefined>)[q.group]?.[q.field];
        if (typeof answer === 'string' && answers.has(answer)) flags.push(unscreenedAnswerFlag(q.group, q.field, q.title, answer));
      }
      flags = sortFlags(flags);
      const disposition = overallDisposition(flags);
      const modifications = mergeModifications(flags);
      return {
        ok: true,
        disposition,
        flags,
        modifications,
        techniques: suggestTechniques(intake, disposition, flags, modifications, techniques, conditionCatalog),
        audit: {
          ...auditBase,
          // zod writes the validated intake's keys in the schema's order whatever order they came in, so plain
          // JSON.stringify is canonical here (and a third of the cost of canonicalJson).
          intakeHash: sha256Hex(JSON.stringify(intake)),
          clearancesUsed: flags.flatMap((f) => (f.clearance ? [f.clearance] : [])),
          at,
          locale,
        },
      };
    } catch {
      // Unreachable by design; if it is reached, the caller still gets a typed answer and no client data.
      return { ok: false, issues: [issue([], 'invalid', 'The screening could not be completed.')] };
    }
  }

  return Object.freeze({ screen, ruleSets, rules, disabledRules });
}
