/**
 * What the fixtures of a rule set try, read from the rules and the fixture files (no screening): which rules have a
 * case that pins their whole outcome, a firing case driven by "unsure", a near miss that changes their own answers,
 * and a case on each side of every numeric threshold. Shared by the fixture meta-test, `npm run pin-fixtures` and
 * `npm run mutate-rules`, so the three agree on what "tried" means.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  BASELINE_INTAKE,
  createScreener,
  factCatalog,
  fixtureFileSchema,
  loadRuleSet,
  parseIntake,
  withAnswers,
  type FixtureCase,
  type FixtureFile,
  type Rule,
  type RuleCondition,
  type RuleOutcomeExpectation,
  type Screener,
} from '../src/index.js';
import { NOT_ANSWER_GROUPS } from '../src/intake/schema.js';
import { conditionLeaves } from '../src/rules/conditions.js';
import { resolvePath } from '../src/rules/path.js';
import { deriveFacts } from '../src/screening/derive.js';
import { regionsOf } from '../src/screening/flags.js';

/** One comparison of a rule, and whether a `not` above it inverts it. */
export interface Leaf {
  readonly fact: string;
  readonly path: string;
  readonly operator: string;
  readonly value: unknown;
  readonly negated: boolean;
}

/** Every comparison of a condition tree, as the analysis reads it. */
export function leavesOf(c: RuleCondition): Leaf[] {
  return conditionLeaves(c).map(({ comparison: x, negated }) => ({ fact: x.fact, path: x.path ?? '', operator: x.operator, value: x.value, negated }));
}

/** True when the comparison reads "unsure" as "yes": `yesOrUnsure`, or `in` a list holding "unsure". */
export function readsUnsureAsYes(l: Leaf): boolean {
  if (l.negated) return false;
  return l.operator === 'yesOrUnsure' || (l.operator === 'in' && Array.isArray(l.value) && l.value.includes('unsure'));
}

const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'withinDays']);

/** True when the comparison holds a numeric threshold (a number, a days-since window). */
export function isThreshold(l: Leaf): boolean {
  return NUMERIC.has(l.operator) && typeof l.value === 'number';
}

/** One fixture file as read from disk. */
export interface LoadedFixture {
  readonly file: string;
  readonly data: FixtureFile;
}

/** The fixture files of a directory, by file name. Files that are not fixture files are left to the fixture tests. */
export function loadFixtures(dir: string): LoadedFixture[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const file = path.join(dir, f);
      const parsed = fixtureFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      return parsed.success ? [{ file, data: parsed.data }] : [];
    });
}

/** One fixture case with the facts the rules read for it, and the facts of its starting point. */
export interface CaseView {
  readonly file: string;
  readonly index: number;
  readonly case: FixtureCase;
  readonly at: string;
  /** The intake the case starts from (the file's `base`, or the baseline). */
  readonly base: unknown;
  readonly facts: Record<string, unknown>;
  readonly baseFacts: Record<string, unknown>;
}

/** The facts the screener gives the rules: each answer group, and the derived facts for the appointment. */
export function factsOf(intake: unknown, at: string): Record<string, unknown> | undefined {
  const parsed = parseIntake(intake);
  if (!parsed.ok) return undefined;
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed.data)) if (!NOT_ANSWER_GROUPS.has(k)) facts[k] = v;
  facts.derived = deriveFacts(parsed.data, at);
  return facts;
}

/** Every case of the fixtures whose intake validates, with its facts. */
export function caseViews(fixtures: readonly LoadedFixture[]): CaseView[] {
  const out: CaseView[] = [];
  for (const { file, data } of fixtures) {
    const base = data.base ?? BASELINE_INTAKE;
    data.cases.forEach((c, index) => {
      const at = c.at ?? data.at;
      const facts = factsOf(withAnswers(base, c.set ?? {}), at);
      const baseFacts = factsOf(base, at);
      if (facts && baseFacts) out.push({ file, index, case: c, at, base, facts, baseFacts });
    });
  }
  return out;
}

/** The value a comparison reads from the facts. */
export const valueOf = (facts: Record<string, unknown>, l: Pick<Leaf, 'fact' | 'path'>): unknown => resolvePath(facts[l.fact], l.path);

/** The fields of a rule's outcome that a fully pinned case states. */
export const PIN_KEYS = ['disposition', 'scope', 'regions', 'pressureCap', 'avoidRegions', 'avoidTechniques', 'positioning'] as const;

/**
 * What a rule's own outcome is in a case, computed from the rule (not from a screening): its disposition, its
 * modifications, and its regions for the case's answers (a local rule with no region named applies to the whole body).
 */
export function expectedOutcome(rule: Rule, facts: Record<string, unknown>): Required<RuleOutcomeExpectation> {
  const o = rule.outcome;
  const regions = regionsOf(rule, facts);
  const scope = o.scope === 'local' && regions.length === 0 ? 'systemic' : o.scope;
  return {
    disposition: o.disposition,
    scope,
    regions,
    pressureCap: o.pressureCap ?? null,
    avoidRegions: scope === 'local' && o.avoidRegions ? regions : [],
    avoidTechniques: [...(o.avoidTechniques ?? [])],
    positioning: [...(o.positioning ?? [])],
  };
}

const fires = (c: FixtureCase, id: string) => (c.fires ?? []).includes(id);
const misses = (c: FixtureCase, id: string) => (c.doesNotFire ?? []).includes(id);
const hasClearance = (c: FixtureCase) => Object.keys(c.set ?? {}).some((k) => k === 'clearances' || k.startsWith('clearances.'));

/** A case fit to pin a rule's outcome: the rule fires and no clearance on file lowers it. */
export const pinnable = (v: CaseView, rule: Rule) => fires(v.case, rule.id) && !hasClearance(v.case);

/**
 * True when the case states the whole of the rule's outcome. For a local rule the case must name its regions
 * (scope `local`), so that the regions avoided and capped are pinned too.
 */
export function isFullyPinned(rule: Rule, v: CaseView): boolean {
  const o = v.case.outcomes?.[rule.id];
  if (!o || !pinnable(v, rule)) return false;
  if (!PIN_KEYS.every((k) => o[k] !== undefined)) return false;
  return rule.outcome.scope !== 'local' || o.scope === 'local';
}

/**
 * The answers each derived fact is computed from (see src/screening/derive.ts). A derived fact missing here still
 * counts as changed when its value differs from the starting point's.
 */
const DERIVED_SOURCES: Readonly<Record<string, readonly string[]>> = {
  ageYears: ['client.dateOfBirth'],
  isMinor: ['client.dateOfBirth'],
  pregnancyWeeksAtAppointment: ['client.pregnant', 'client.pregnancyWeeks', 'completedAt'],
  pregnancyTrimester: ['client.pregnant', 'client.pregnancyWeeks', 'completedAt'],
  daysSinceClot: ['clots.history', 'clots.historyDate'],
  daysSinceImmobility: ['clots.immobility', 'clots.immobilityDate'],
  daysSinceFracture: ['bones.fracture', 'bones.fractureDate'],
  daysSinceSuspectedFracture: ['bones.suspectedFracture', 'bones.suspectedFractureDate'],
  daysSinceSurgery: ['surgery.recent', 'surgery.date'],
  daysSinceInjection: ['injections.recent', 'injections.date'],
  daysSinceHeartAttackOrStroke: ['heart.heartAttackOrStroke', 'heart.heartAttackOrStrokeDate'],
  daysSinceInjury: ['injury.recent', 'injury.date'],
  daysSinceLastSeizure: ['nerves.epilepsy', 'nerves.lastSeizure'],
  daysSinceCompleted: ['completedAt'],
  clotSignRegions: ['clots.legSigns', 'clots.legSignsSide'],
  lymphAtRiskRegions: ['cancer.lymphNodesRemoved', 'cancer.lymphNodeRegions'],
  fistulaRegions: ['metabolic.kidneyDisease', 'metabolic.fistulaArm'],
};

/**
 * Whether a case answers a question the rule reads (a near miss that is more than the unchanged baseline): it sets
 * one of the rule's answers or an answer a derived fact it reads is computed from, or changes such a derived fact.
 * `unsureAnswers` reads every answer: a case that answers anything "unsure" touches it.
 */
function changesOwnAnswers(leaves: readonly Leaf[], v: CaseView): boolean {
  const set = v.case.set ?? {};
  const keys = Object.keys(set);
  return leaves.some((l) => {
    if (l.fact !== 'derived') return keys.includes(`${l.fact}.${l.path}`);
    if (JSON.stringify(valueOf(v.facts, l)) !== JSON.stringify(valueOf(v.baseFacts, l))) return true;
    if (l.path === 'unsureAnswers') return Object.values(set).includes('unsure');
    return (DERIVED_SOURCES[l.path] ?? []).some((k) => keys.includes(k));
  });
}

/** The smallest step of a number a comparison reads: a tenth for a temperature, otherwise one. */
function stepOf(values: readonly number[]): number {
  return values.some((n) => !Number.isInteger(n)) ? 0.1 : 1;
}

/** Where the fixtures of a rule set fall short, one readable line per gap. */
export interface FixtureGaps {
  /** Enabled rules with no case that pins their whole outcome. */
  readonly unpinned: string[];
  /** Rules that read "unsure" as "yes" with no firing case driven by "unsure". */
  readonly unsure: string[];
  /** Rules with no near miss that changes their own answers. */
  readonly nearMiss: string[];
  /** Numeric thresholds without a case on each side of their edge (one firing, one not). */
  readonly thresholds: string[];
  /** How many enabled rules read "unsure" as "yes" (for the report). */
  readonly unsureReaders: number;
}

/** The answer that is neither "unsure" nor one the comparison reads as a risk: "no" for a yes/no/unsure question. */
function safeAnswer(l: Leaf): string | undefined {
  if (l.operator === 'yesOrUnsure') return 'no';
  const options = factCatalog().find((e) => e.fact === l.fact && e.path === l.path)?.options ?? [];
  return options.find((o) => o !== 'unsure' && !(l.value as unknown[]).includes(o));
}

/**
 * Whether "unsure" drives the rule in this case: it fires, it reads an answer the case gives as "unsure", and with
 * those answers given the safe way instead the rule no longer fires (so no other answer of the case fires it).
 */
async function drivenByUnsure(rule: Rule, unsureLeaves: readonly Leaf[], v: CaseView, screener: Screener): Promise<boolean> {
  if (!fires(v.case, rule.id)) return false;
  const set: Record<string, unknown> = { ...v.case.set };
  let swapped = false;
  for (const l of unsureLeaves) {
    const key = `${l.fact}.${l.path}`;
    const safe = safeAnswer(l);
    if (set[key] !== 'unsure' || valueOf(v.baseFacts, l) === 'unsure' || safe === undefined) continue;
    set[key] = safe;
    swapped = true;
  }
  if (!swapped) return false;
  const r = await screener.screen(withAnswers(v.base, set), { at: v.at });
  return r.ok && !r.flags.some((f) => f.ruleId === rule.id);
}

/** Find every gap of the fixtures for the enabled rules. */
export async function fixtureGaps(rules: readonly Rule[], views: readonly CaseView[]): Promise<FixtureGaps> {
  const gaps = { unpinned: [] as string[], unsure: [] as string[], nearMiss: [] as string[], thresholds: [] as string[], unsureReaders: 0 };
  // A screener refuses a set with no enabled rule, and a disabled rule is not asked for cases.
  const enabled = rules.filter((r) => r.enabled !== false);
  if (enabled.length === 0) return gaps;
  const screener = createScreener({ rules: loadRuleSet({ id: 'fixture-gaps', version: '1.0.0', description: 'The rules whose fixtures are read.', rules: enabled }) });
  for (const rule of enabled) {
    const leaves = leavesOf(rule.conditions);
    if (!views.some((v) => isFullyPinned(rule, v))) gaps.unpinned.push(rule.id);

    const unsureLeaves = leaves.filter(readsUnsureAsYes);
    if (unsureLeaves.length > 0) {
      gaps.unsureReaders += 1;
      let driven = false;
      for (const v of views) if (!driven) driven = await drivenByUnsure(rule, unsureLeaves, v, screener);
      if (!driven) gaps.unsure.push(rule.id);
    }

    if (!views.some((v) => misses(v.case, rule.id) && changesOwnAnswers(leaves, v))) gaps.nearMiss.push(rule.id);

    for (const l of leaves.filter(isThreshold)) {
      const edge = l.value as number;
      const seen = views.flatMap((v) => {
        const n = valueOf(v.facts, l);
        return typeof n === 'number' && (fires(v.case, rule.id) || misses(v.case, rule.id)) ? [{ n, fired: fires(v.case, rule.id) }] : [];
      });
      const step = stepOf([edge, ...seen.map((s) => s.n)]);
      const near = seen.filter((s) => Math.abs(s.n - edge) <= step + 1e-9);
      // One side holds the comparison, the other does not; the rule fires on one and not on the other.
      const holds = (n: number) => (l.operator === 'lessThan' ? n < edge : l.operator === 'lessThanInclusive' || l.operator === 'withinDays' ? n <= edge : l.operator === 'greaterThan' ? n > edge : n >= edge) !== l.negated;
      const inside = near.some((s) => holds(s.n) && s.fired);
      const outside = near.some((s) => !holds(s.n) && !s.fired);
      if (!inside || !outside)
        gaps.thresholds.push(`${rule.id}: ${l.fact}.${l.path} ${l.operator} ${edge} (${inside ? '' : 'no firing case at the edge'}${!inside && !outside ? '; ' : ''}${outside ? '' : 'no near miss just past the edge'})`);
    }
  }
  return gaps;
}
