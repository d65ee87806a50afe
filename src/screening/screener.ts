/**
 * The screener: validate the intake, derive facts against the appointment date, evaluate the rules (compiled once,
 * synchronously; json-rules-engine only for a rule the compiler does not model), and assemble an explained, merged
 * result. Fails closed: any fault in evaluation gives an `evaluation-error` flag (at least `clearance-required`),
 * never `proceed`, and never an exception.
 */
import type * as z from 'zod/mini';
import { englishMessages } from '../intake/fields.js';
import { impossibleDates } from '../intake/date-order.js';
import { issue } from '../intake/issues.js';
import { parseIntake } from '../intake/parse.js';
import { INTAKE_SCHEMA_VERSION, NOT_ANSWER_GROUPS, type Intake } from '../intake/schema.js';
import type { Rule } from '../rules/format.js';
import { canonicalJson, sha256Hex } from '../rules/hash.js';
import { evaluationOperators, type CustomOperator, type KnownOperators } from '../rules/custom-operators.js';
import { checkRuleSetWith, preparedScreening, problem, readOperators, RuleSetError, type LoadedRuleSet, type RuleSetProblem } from '../rules/load.js';
import { techniqueCatalogSchema, conditionCatalogSchema, type ConditionCatalog, type TechniqueCatalog } from '../techniques/catalog.js';
import { DEFAULT_CONDITIONS, DEFAULT_TECHNIQUES } from '../techniques/defaults.js';
import { suggestTechniques } from '../techniques/suggest.js';
import { VERSION } from '../version.js';
import { applyClearance } from './clearances.js';
import { deriveFacts } from './derive.js';
import { compileRule, type CompiledRule } from '../rules/compile.js';
import type { EngineRule } from './engine.js';
import { safetyQuestions, unreadAnswers } from './coverage.js';
import { evaluationErrorFlag, flagOf, reconfirmFlag, unscreenedAnswerFlag } from './flags.js';
import { mergeModifications, overallDisposition, sortFlags } from './merge.js';
import { clientMessagesOf, sessionPlan, summaryOf } from './plan.js';
import { checkScreenOptions, localeUsed } from './options.js';
import { guarded, readScreenerConfig } from './config.js';
import type { Because, Flag, ScreenOptions, ScreeningResult } from './types.js';
import type { DerivedFacts } from '../rules/derived-schema.js';
import type { CalendarDate } from './dates.js';

/** How to build a screener. */
export interface ScreenerConfig {
  /**
   * The rule set(s) to run: loaded (`loadRuleSet`) or as parsed JSON. To extend the default set, pass
   * `[defaultRuleSet(), clinicRules]`. Rule ids must be unique across the sets. At most 100 sets; each rules file
   * within `RULE_SET_LIMITS` (depth 40, 200,000 values, texts of 10,000 characters).
   */
  readonly rules: LoadedRuleSet | unknown | readonly (LoadedRuleSet | unknown)[];
  /** Rule ids not to run (at most 10,000, each text of 1 to 200 characters). Each must exist; the audit lists them. */
  readonly disable?: readonly string[];
  /**
   * true: this screener must support `screenSync`. `createScreener` then throws a {@link SyncUnsupportedError} naming
   * the rules that only json-rules-engine can evaluate, if there are any (there are none in a rule set that
   * `loadRuleSet` accepts today). Default false: such rules run on json-rules-engine in `screen`, and `screenSync`
   * throws the same error when called.
   */
  readonly sync?: boolean;
  /** The technique catalog (parsed JSON like `rules/techniques.json`). Default: the bundled one. */
  readonly techniques?: unknown;
  /** The condition vocabulary (parsed JSON like `rules/conditions.json`). Default: the bundled one. */
  readonly conditions?: unknown;
  /**
   * Custom operators the rules may name, added in code like json-rules-engine's `addOperator` (never from a rules
   * file: a file can only name them). Each declares what it reads and what its value must be, and is checked and
   * evaluated as strictly as a built-in: anything but true or false, or an exception, makes the rule an
   * `evaluation-error` flag (never `proceed`), without the exception's text. At most 100. Listed in
   * `audit.customOperators`. Rule sets loaded beforehand must have been loaded with the same list
   * (`loadRuleSet(json, { operators })`). The operators run during `createScreener` too (to find the answers no rule
   * reads). See "Custom operators" in the README.
   */
  readonly operators?: readonly CustomOperator[];
}

/** A prepared rule set. Share one across a whole server: `screen` calls do not interfere. */
export interface Screener {
  /** Screen one intake for an appointment. Never throws. */
  screen(input: unknown, options?: ScreenOptions): Promise<ScreeningResult>;
  /**
   * Screen one intake synchronously: the same result as `screen`, byte for byte.
   * @throws {@link SyncUnsupportedError} when a rule of this screener needs json-rules-engine (listed in
   *   `engineRules`), which runs only asynchronously. Never for anything about the intake or the options.
   */
  screenSync(input: unknown, options?: ScreenOptions): ScreeningResult;
  /**
   * The ids of the rules that only json-rules-engine can evaluate (a form the compiled evaluator does not model), in
   * order. Empty for every rule set that `loadRuleSet` accepts today; when not empty, `screenSync` throws.
   */
  readonly engineRules: readonly string[];
  /** The rule sets this screener runs, in order. */
  readonly ruleSets: readonly LoadedRuleSet[];
  /** The rules that run (after disabling), in order. */
  readonly rules: readonly Rule[];
  /** The rules that do not run: named in `disable`, or switched off in their file (`"enabled": false`). Sorted. */
  readonly disabledRules: readonly string[];
  /** The custom operators given in `operators`, as checked (frozen copies), in the order given. */
  readonly operators: readonly CustomOperator[];
}

/**
 * A screener cannot screen synchronously: some of its rules need json-rules-engine, which runs only asynchronously.
 * Thrown by `screenSync`, and by `createScreener({ ..., sync: true })`. `ruleIds` names those rules.
 */
export class SyncUnsupportedError extends Error {
  override readonly name = 'SyncUnsupportedError';
  /** The rules that need json-rules-engine, in order. */
  readonly ruleIds: readonly string[];
  constructor(ruleIds: readonly string[]) {
    super(`These rules can only be evaluated by json-rules-engine, which is asynchronous; use screen() instead of screenSync(): ${ruleIds.join(', ')}.`);
    this.ruleIds = Object.freeze([...ruleIds]);
  }
}

function toRuleSets(rules: ScreenerConfig['rules'], operators: KnownOperators): LoadedRuleSet[] {
  const list = Array.isArray(rules) ? (rules as unknown[]) : [rules];
  const sets: LoadedRuleSet[] = [];
  const problems: RuleSetProblem[] = [];
  list.forEach((r, i) => {
    // A loaded set is checked too, for the custom operators it names: they must be among this screener's.
    const checked = checkRuleSetWith(r, operators);
    if (checked.ok) sets.push(checked.ruleSet);
    else problems.push(...checked.problems.map((p) => (list.length > 1 ? { ...p, path: [i, ...p.path], pathString: `[${i}].${p.pathString}` } : p)));
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

let parsedDefaults: { techniques: TechniqueCatalog; conditions: ConditionCatalog } | undefined;

/**
 * The bundled catalogs, copied for each screener, so that a caller who changes a result's arrays changes no other screener.
 */
function defaultCatalogs(): { techniques: TechniqueCatalog; conditions: ConditionCatalog } {
  parsedDefaults ??= {
    // Checked when the library is built, as the default rules are, not on every cold start (where parsing them was
    // most of createScreener): test/screening/default-prepared.test.ts holds each file equal to what zod makes of it.
    techniques: DEFAULT_TECHNIQUES as TechniqueCatalog,
    conditions: DEFAULT_CONDITIONS as ConditionCatalog,
  };
  return structuredClone(parsedDefaults);
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
 * @throws {@link RuleSetError} when `rules` is missing, a rule set or catalog has problems, `disable` is not a list of
 *   rule ids or names an unknown rule, a part is past its limit (see {@link ScreenerConfig}), or a part cannot be read
 *   at all (a Proxy whose traps throw). Never any other error, and never the caller's own error message.
 */
export function createScreener(config: ScreenerConfig): Screener {
  // Called from JavaScript, the config can be anything (no rules, a Proxy, a list of length 2³²−1): it is read once,
  // within limits, and whatever goes wrong reading it is a RuleSetError with a path (src/screening/config.ts).
  const config_ = readScreenerConfig(config);
  // Custom operators (issue 24.4) first: the rule sets are checked against them.
  const operators = guarded(['operators'], '"operators"', () => readOperators(config_.operators));
  const ruleSets = guarded(['rules'], '"rules"', () => toRuleSets(config_.rules, operators));
  const all = ruleSets.flatMap((s) => s.rules);
  const problems: RuleSetProblem[] = [];
  const seen = new Set<string>();
  for (const r of all) {
    if (seen.has(r.id)) problems.push(problem(['rules'], 'duplicate_id', `The id "${r.id}" is used in more than one rule set.`));
    seen.add(r.id);
  }
  const disabled = [...config_.disable];
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
  // The catalogs after the rules: a config with wrong rules or ids is refused before the costlier work.
  const defaults = config_.techniques === undefined || config_.conditions === undefined ? defaultCatalogs() : undefined;
  const techniques: TechniqueCatalog =
    defaults && config_.techniques === undefined ? defaults.techniques : guarded(['techniques'], '"techniques"', () => parseCatalog(techniqueCatalogSchema, config_.techniques, 'techniques'));
  const conditionCatalog: ConditionCatalog =
    defaults && config_.conditions === undefined ? defaults.conditions : guarded(['conditions'], '"conditions"', () => parseCatalog(conditionCatalogSchema, config_.conditions, 'conditions'));
  const byId = new Map(rules.map((r) => [r.id, r]));
  // Each rule compiled once into a synchronous function (src/rules/compile.ts). A rule it does not model (none that
  // loadRuleSet accepts today) runs on json-rules-engine, loaded only then.
  // The operators by name, all strict: the built-ins and this screener's custom ones (issue 24.4).
  const evaluators = evaluationOperators(operators.custom);
  const compiled: (CompiledRule | undefined)[] = rules.map((r) => compileRule(r.conditions, evaluators));
  const notCompiled = rules.filter((_, i) => !compiled[i]);
  const engineRules = Object.freeze(notCompiled.map((r) => r.id));
  if (config_.sync && engineRules.length > 0) throw new SyncUnsupportedError(engineRules);
  // The engine's rule objects: plain copies, told apart by name. The event type is one fixed word because the engine
  // emits it as an event, and an emitter treats some names as special: a rule with the id "error" would reject the
  // whole run.
  const forEngine: EngineRule[] = notCompiled.map(
    (r) => structuredClone({ name: r.id, conditions: r.conditions, event: { type: 'rule-fired' }, priority: 1 }) as EngineRule,
  );
  // The risky answers no enabled rule reads (none for the default set): each one a client gives is flagged.
  // For the bundled rule set as it is, both were worked out when the library was built (a cold start's largest cost).
  const prepared = preparedScreening(ruleSets, rules);
  const unread = prepared
    ? safetyQuestions().flatMap((question) => {
        const answers = prepared.unread[`${question.group}.${question.field}`];
        return answers ? [{ question, answers: new Set(answers) }] : [];
      })
    : [...unreadAnswers(rules, evaluators).values()];
  const rulesHash = prepared?.rulesHash ?? sha256Hex(canonicalJson(rules));
  const auditBase = {
    ruleSets: ruleSets.map((s) => ({ id: s.id, version: s.version, hash: s.hash })),
    rulesHash,
    disabledRules,
    customOperators: operators.custom.map((o) => o.name).sort(),
    libraryVersion: VERSION,
    intakeSchemaVersion: INTAKE_SCHEMA_VERSION,
  };

  /** The compiled rules' flags; a rule whose evaluation throws is an evaluation-error flag naming it. */
  function evaluateCompiled(facts: Record<string, unknown>, locale: string): Flag[] {
    const flags: Flag[] = [];
    for (let i = 0; i < rules.length; i++) {
      const run = compiled[i];
      if (!run) continue;
      const rule = rules[i]!;
      try {
        const v = run(facts);
        if (v.fired) flags.push(flagOf(rule, v.because as Because[], facts, locale));
      } catch {
        flags.push(evaluationErrorFlag(rule.id));
      }
    }
    return flags;
  }

  /** The flags of the rules that need json-rules-engine, which is loaded on first use. */
  async function evaluateOnEngine(facts: Record<string, unknown>, locale: string): Promise<Flag[]> {
    const flags: Flag[] = [];
    let verdicts: Awaited<ReturnType<typeof import('./engine.js').evaluateOnEngine>>;
    try {
      const engine = await import('./engine.js');
      verdicts = await engine.evaluateOnEngine(forEngine, facts, evaluators);
    } catch {
      return forEngine.map((r) => evaluationErrorFlag(r.name));
    }
    for (const v of verdicts) {
      const rule = byId.get(v.name);
      if ('error' in v || !rule) flags.push(evaluationErrorFlag(v.name));
      else if (v.fired) flags.push(flagOf(rule, v.because, facts, locale));
    }
    return flags;
  }

  /** What a screening knows once the intake is valid and the compiled rules have run. */
  interface Screening {
    readonly intake: Intake;
    readonly at: CalendarDate;
    readonly locale: string;
    readonly reconfirmAfterDays: number;
    readonly derived: DerivedFacts | undefined;
    readonly facts: Record<string, unknown> | undefined;
    flags: Flag[];
  }

  /** Validate, derive and run the compiled rules; a failure result when the input or the options are not valid. */
  function begin(input: unknown, options: ScreenOptions): ScreeningResult | Screening {
    const checked = checkScreenOptions(options, () => new Date());
    if (!checked.ok) return { ok: false, issues: checked.issues };
    const { at, reconfirmAfterDays } = checked.value;
    const parsed = parseIntake(input);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const intake = parsed.data;
    // Read against the appointment too: an event after it, or an intake completed after it, cannot be true.
    const dates = impossibleDates(intake, at);
    if (dates.length > 0) return { ok: false, issues: dates };
    const locale = checked.value.locale;
    let flags: Flag[];
    let derived: DerivedFacts | undefined;
    let facts: Record<string, unknown> | undefined;
    try {
      try {
        derived = deriveFacts(intake, at);
      } catch {
        derived = undefined;
      }
      // Without derived facts, the rules that read them fail (each flagged) while the others still run.
      facts = factsOf(intake, derived);
      flags = evaluateCompiled(facts, locale);
    } catch {
      facts = undefined;
      flags = [evaluationErrorFlag(undefined)];
    }
    return { intake, at, locale, reconfirmAfterDays, derived, facts, flags };
  }

  /** The result, from the screening and every rule's flags. */
  function finish(s: Screening): ScreeningResult {
    const { intake, at, locale, reconfirmAfterDays, derived } = s;
    let flags = s.flags;
    if (!derived && s.facts) flags.push(evaluationErrorFlag(undefined));
    // Pushed into a literal, not made by `map`: V8 then gives every flag list one elements kind, empty or not, so
    // the code that reads flag lists stays optimised instead of being recompiled whenever a list of the other kind
    // reaches it (the same in techniques/suggest.ts and screening/merge.ts).
    const cleared: Flag[] = [];
    for (const f of flags) cleared.push(applyClearance(f, intake, at, byId.get(f.ruleId)?.outcome.clearable !== false));
    flags = cleared;
    const stale = derived?.daysSinceCompleted;
    if (stale !== undefined && stale !== null && stale > reconfirmAfterDays) flags.push(reconfirmFlag(stale, reconfirmAfterDays));
    for (const { question: q, answers } of unread) {
      const answer = (intake as unknown as Record<string, Record<string, unknown> | undefined>)[q.group]?.[q.field];
      if (typeof answer === 'string' && answers.has(answer)) flags.push(unscreenedAnswerFlag(q.group, q.field, q.title, answer));
    }
    flags = sortFlags(flags);
    const disposition = overallDisposition(flags);
    const modifications = mergeModifications(flags);
    const plan = sessionPlan(disposition);
    return {
      ok: true,
      disposition,
      plan,
      summary: summaryOf(disposition, flags),
      clientMessages: clientMessagesOf(plan, flags),
      flags,
      modifications,
      techniques: suggestTechniques(intake, disposition, flags, modifications, techniques, conditionCatalog),
      audit: {
        ...auditBase,
        // zod writes the validated intake's keys in the schema's order whatever order they came in, so plain
        // JSON.stringify is canonical here, without canonicalJson's key sorting.
        intakeHash: sha256Hex(JSON.stringify(intake)),
        clearancesUsed: flags.flatMap((f) => (f.clearance ? [f.clearance] : [])),
        at,
        locale: localeUsed(locale, rules),
      },
    };
  }

  // Unreachable by design; if it is reached, the caller still gets a typed answer and no client data.
  const couldNotComplete = (): ScreeningResult => ({ ok: false, issues: [issue([], 'invalid', 'The screening could not be completed.')] });

  function screenSync(input: unknown, options: ScreenOptions = {}): ScreeningResult {
    if (engineRules.length > 0) throw new SyncUnsupportedError(engineRules);
    try {
      const s = begin(input, options);
      return 'ok' in s ? s : finish(s);
    } catch {
      return couldNotComplete();
    }
  }

  async function screen(input: unknown, options: ScreenOptions = {}): Promise<ScreeningResult> {
    try {
      const s = begin(input, options);
      if ('ok' in s) return s;
      if (forEngine.length > 0) {
        // The engine's flags follow the compiled rules' flags; sortFlags orders them all.
        if (s.facts) s.flags.push(...(await evaluateOnEngine(s.facts, s.locale)));
      }
      return finish(s);
    } catch {
      return couldNotComplete();
    }
  }

  return Object.freeze({ screen, screenSync, engineRules, ruleSets, rules, disabledRules, operators: operators.custom });
}
