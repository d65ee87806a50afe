/**
 * The screener: validate the intake, derive facts against the appointment date, run the rules with
 * json-rules-engine, and assemble an explained, merged result. Fails closed: any fault in evaluation gives an
 * `evaluation-error` flag (at least `clearance-required`), never `proceed`, and never an exception.
 */
import { Engine, Fact, type RuleProperties } from 'json-rules-engine';
import { issue } from '../intake/issues.js';
import { parseIntake } from '../intake/parse.js';
import { INTAKE_SCHEMA_VERSION, type Intake } from '../intake/schema.js';
import { BODY_REGIONS, type BodyRegion, type Disposition, type PressureLevel } from '../intake/vocabulary.js';
import type { Rule } from '../rules/format.js';
import { canonicalJson, sha256Hex } from '../rules/hash.js';
import { isLoadedRuleSet, loadRuleSet, RuleSetError, type LoadedRuleSet, type RuleSetProblem } from '../rules/load.js';
import { OPERATORS, strictEvaluate } from '../rules/operators.js';
import { resolvePath } from '../rules/path.js';
import { techniqueCatalogSchema, conditionCatalogSchema, type ConditionCatalog, type TechniqueCatalog } from '../techniques/catalog.js';
import { DEFAULT_CONDITIONS, DEFAULT_TECHNIQUES } from '../techniques/defaults.js';
import { suggestTechniques } from '../techniques/suggest.js';
import { VERSION } from '../version.js';
import { appointmentDate, daysBetween, type CalendarDate } from './dates.js';
import { deriveFacts } from './derive.js';
import { inVocabularyOrder, kindOf, mergeModifications, overallDisposition, sortFlags } from './merge.js';
import type { Because, ClearanceUse, Flag, ScreenOptions, ScreeningResult } from './types.js';
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
  readonly disabledRules: readonly string[];
}

/** Days a clearance without an end date stays valid (PAR-Q+: clearance lasts at most 12 months). */
const CLEARANCE_DAYS = 365;
const DEFAULT_RECONFIRM_DAYS = 90;

const EVALUATION_ERROR_REF = [
  { title: 'massage-triage safety promise: fail closed (SECURITY.md)' },
  { key: 'B1', title: 'Batavia 2004: contraindication lists disagree; prefer physician clearance when in doubt', url: 'https://nyuscholars.nyu.edu/en/publications/contraindications-for-therapeutic-massage-do-sources-agree' },
];

function evaluationErrorFlag(ruleId: string | undefined): Flag {
  return {
    ruleId: 'evaluation-error',
    title: 'A safety rule could not be evaluated',
    kind: 'evaluation-error',
    disposition: 'clearance-required',
    scope: 'systemic',
    regions: [],
    message: ruleId
      ? `The rule "${ruleId}" could not be evaluated for this intake. Treat the client as not screened for it: review the intake by hand before any session.`
      : 'The screening could not be completed. Treat the client as not screened: review the intake by hand before any session.',
    clientMessage: 'We could not finish checking your answers. A therapist will review them with you before booking.',
    rationale: 'A screening that did not run cannot say the session is safe, so the result fails closed.',
    references: EVALUATION_ERROR_REF,
    modifications: { avoidRegions: [], avoidTechniques: [], positioning: [] },
    because: ruleId ? [{ fact: 'rule', path: undefined, operator: 'evaluated', expected: true, actual: ruleId }] : [],
  };
}

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

function parseCatalog<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown, name: string): T {
  const r = schema.safeParse(v);
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

/** Collect the leaves that made a condition tree true, with the values json-rules-engine read. */
function collectBecause(node: unknown, negated: boolean, out: Because[]): void {
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

function regionsOf(rule: Rule, facts: Record<string, unknown>): BodyRegion[] {
  const found: BodyRegion[] = [...(rule.outcome.regions ?? [])];
  for (const p of rule.outcome.regionsFrom ?? []) {
    const [fact, ...rest] = p.split('.');
    const v = resolvePath(facts[fact ?? ''], rest.join('.'));
    if (Array.isArray(v)) found.push(...(v as BodyRegion[]));
  }
  return inVocabularyOrder(BODY_REGIONS, found);
}

function flagOf(rule: Rule, because: Because[], facts: Record<string, unknown>, locale: string): Flag {
  const o = rule.outcome;
  const regions = regionsOf(rule, facts);
  const lang = rule.translations?.[locale] ?? rule.translations?.[locale.split('-')[0] ?? ''];
  // A local rule whose regions the client did not name applies to the whole body: the conservative reading.
  const scope = o.scope === 'local' && regions.length === 0 ? 'systemic' : o.scope;
  return {
    ruleId: rule.id,
    title: lang?.title ?? rule.title,
    ...(rule.category ? { category: rule.category } : {}),
    kind: kindOf(o.disposition),
    disposition: o.disposition,
    scope,
    regions,
    message: lang?.message ?? rule.message,
    clientMessage: lang?.clientMessage ?? rule.clientMessage,
    rationale: rule.rationale,
    references: rule.references,
    modifications: {
      ...(o.pressureCap !== undefined ? { pressureCap: o.pressureCap as PressureLevel } : {}),
      avoidRegions: scope === 'local' && o.avoidRegions ? regions : [],
      avoidTechniques: o.avoidTechniques ?? [],
      positioning: o.positioning ?? [],
    },
    because,
  };
}

/**
 * Lower a `clearance-required` flag to `modify` when a valid clearance on file answers it. Nothing else is lowered:
 * not `refer-urgent` or `postpone`, not a rule that says it cannot be cleared (current signs), not an evaluation error.
 */
function applyClearance(flag: Flag, intake: Intake, at: CalendarDate, clearable: boolean): Flag {
  if (!clearable || flag.disposition !== 'clearance-required' || flag.kind === 'evaluation-error') return flag;
  for (const c of intake.clearances ?? []) {
    const matched = c.ruleId === flag.ruleId ? flag.ruleId : c.condition !== undefined && c.condition === flag.category ? c.condition : undefined;
    if (!matched) continue;
    const since = daysBetween(c.date, at);
    if (since === undefined || since < 0) continue;
    const untilOk = c.validUntil ? (daysBetween(at, c.validUntil) ?? -1) >= 0 : since <= CLEARANCE_DAYS;
    if (!untilOk) continue;
    // A clearance given before the event that triggered the flag (a clot, fracture, surgery … `since` days ago)
    // cannot have considered it.
    if (flag.because.some((b) => b.fact === 'derived' && b.path?.startsWith('daysSince') && b.path !== 'daysSinceCompleted' && typeof b.actual === 'number' && since > b.actual)) continue;
    const use: ClearanceUse = {
      ruleId: flag.ruleId,
      ...(c.clearedBy ? { clearedBy: c.clearedBy } : {}),
      date: c.date,
      ...(c.validUntil ? { validUntil: c.validUntil } : {}),
      matched,
    };
    return {
      ...flag,
      disposition: 'modify' as Disposition,
      kind: 'precaution',
      originalDisposition: flag.disposition,
      message: `${flag.message} Cleared by ${c.clearedBy ?? 'a clinician'} on ${c.date}: the modifications still apply.`,
      clearance: use,
    };
  }
  return flag;
}

function reconfirmFlag(days: number, limit: number): Flag {
  return {
    ruleId: 'reconfirm-health-history',
    title: 'Health history needs reconfirming',
    kind: 'reconfirm',
    disposition: 'modify',
    scope: 'systemic',
    regions: [],
    message: `The intake was completed ${days} days before the appointment (more than ${limit}). Reconfirm every answer with the client before the session.`,
    clientMessage: 'Your health form is a few months old. Please review and update your answers before your appointment.',
    rationale: 'Health changes over months; screening old answers as if they were current could miss a new risk. PAR-Q+ clearance lasts at most 12 months.',
    references: [{ key: 'P1', title: 'PAR-Q+ (outcome that expires)', url: 'https://scribd.com/document/427627961/PARQ' }],
    modifications: { avoidRegions: [], avoidTechniques: [], positioning: [] },
    because: [{ fact: 'derived', path: 'daysSinceCompleted', operator: 'greaterThan', expected: limit, actual: days }],
  };
}

type EngineRule = RuleProperties & { name: string };

function newEngine(engineRules: readonly EngineRule[]): Engine {
  const engine = new Engine([...engineRules], { allowUndefinedFacts: false, pathResolver: resolvePath });
  for (const op of OPERATORS) if (op.evaluate) engine.addOperator(op.name, strictEvaluate(op));
  return engine;
}

// Facts are constants for one run; json-rules-engine would otherwise hash each one (hash-it) for a cache that a
// constant fact never reads.
const NO_CACHE = { cache: false } as const;

async function runRules(engine: Engine, facts: Record<string, unknown>) {
  const runtimeFacts: Record<string, Fact> = {};
  for (const [id, value] of Object.entries(facts)) runtimeFacts[id] = new Fact(id, value, NO_CACHE);
  const { results, failureResults } = await engine.run(runtimeFacts);
  return { results, failureResults };
}

/** What json-rules-engine's operator map gives for a name: its own operator, validator included. */
interface EngineOperators {
  get(name: string): { evaluate(factValue: unknown, value: unknown): unknown } | null;
}

/** A synchronous twin of json-rules-engine's verdict on one rule. May throw where the engine would reject. */
type Precheck = (facts: Record<string, unknown>) => unknown;

/**
 * Compile a rule's conditions into a synchronous twin of json-rules-engine's evaluation: the engine's own operator
 * objects (`engine.operators.get`, validators included), the same fact and path reading as its almanac, and all /
 * any / not combined as its `Rule.evaluate` combines them (only `=== true` counts inside all and any; empty lists
 * are true). It evaluates every leaf, never short-circuits, so any leaf that could throw in the engine throws here
 * too. Undefined for a form it does not model (fact references in `value`, named-condition references): such a
 * rule always goes to the engine.
 */
function compilePrecheck(conditions: unknown, operators: EngineOperators): Precheck | undefined {
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
        if (ks.length === 0) return true;
        const rs = ks.map((k) => k(f) === true);
        return any ? rs.some(Boolean) : rs.every(Boolean);
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

/**
 * Build a screener from rule sets and catalogs. Validates everything once.
 * @throws {@link RuleSetError} when a rule set or catalog has problems, or `disable` names an unknown rule.
 */
export function createScreener(config: ScreenerConfig): Screener {
  const ruleSets = toRuleSets(config.rules);
  const techniques: TechniqueCatalog = parseCatalog(techniqueCatalogSchema, config.techniques ?? DEFAULT_TECHNIQUES, 'techniques');
  const conditionCatalog: ConditionCatalog = parseCatalog(conditionCatalogSchema, config.conditions ?? DEFAULT_CONDITIONS, 'conditions');
  const all = ruleSets.flatMap((s) => s.rules);
  const problems: RuleSetProblem[] = [];
  const seen = new Set<string>();
  for (const r of all) {
    if (seen.has(r.id)) problems.push({ path: ['rules'], pathString: 'rules', code: 'duplicate_id', message: `The id "${r.id}" is used in more than one rule set.` });
    seen.add(r.id);
  }
  const disabledRules = [...(config.disable ?? [])].sort();
  for (const id of disabledRules)
    if (!seen.has(id)) problems.push({ path: ['disable'], pathString: 'disable', code: 'unknown_path', message: `"disable" names "${id}", which no rule set has.` });
  if (problems.length > 0) throw new RuleSetError(problems);
  const rules = all.filter((r) => r.enabled !== false && !disabledRules.includes(r.id));
  const byId = new Map(rules.map((r) => [r.id, r]));
  // json-rules-engine keeps state on the Engine, and overlapping run() calls on one engine interfere; so every
  // screening gets its own engine, built from these plain, pre-validated rule objects.
  const engineRules: EngineRule[] = rules.map((r) => structuredClone({ name: r.id, conditions: r.conditions, event: { type: r.id }, priority: 1 }) as EngineRule);
  // The engine decides every rule that could fire. Before each run, a synchronous twin of its evaluation (the
  // engine's own operators, every leaf evaluated) sets aside the rules that certainly do not fire; any rule it cannot
  // model, or whose check throws, goes to the engine too, so faults still surface there and fail closed.
  const operators = (newEngine([]) as unknown as { operators: EngineOperators }).operators;
  const prechecks = engineRules.map((r) => compilePrecheck(r.conditions, operators));
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
      const locale = options.locale ?? 'en';
      let flags: Flag[];
      let derived: DerivedFacts | undefined;
      try {
        try {
          derived = deriveFacts(intake, at);
        } catch {
          derived = undefined;
        }
        const { $schema: _s, schemaVersion: _v, completedAt: _c, clearances: _cl, ...groups } = intake;
        // Without derived facts, the rules that read them fail (each flagged) while the others still run.
        flags = await evaluate(derived ? { ...groups, derived } : groups, locale);
        if (!derived) flags.push(evaluationErrorFlag(undefined));
      } catch {
        flags = [evaluationErrorFlag(undefined)];
      }
      flags = flags.map((f) => applyClearance(f, intake, at, byId.get(f.ruleId)?.outcome.clearable !== false));
      const limit = options.reconfirmAfterDays ?? DEFAULT_RECONFIRM_DAYS;
      const stale = derived?.daysSinceCompleted;
      if (stale !== undefined && stale !== null && stale > limit) flags.push(reconfirmFlag(stale, limit));
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
