/**
 * Progressive screening: screen an intake while the client is still filling it in, cheaply enough to run on every
 * change. The contract that keeps it safe:
 *
 * - Nothing is bookable while the draft is incomplete: `disposition` is `'incomplete'` instead of `proceed` or
 *   `modify` until every required safety question has a valid answer. A stop the answers already trigger
 *   (`postpone`, `clearance-required`, `refer-urgent`) is reported at once: more answers can only keep or raise it.
 * - Flags come only from what was answered. Unanswered required questions are filled with a neutral placeholder
 *   (`no`, `none`, …) so that the normal screener can run, and any flag whose triggering conditions read a
 *   placeholder (directly or through a derived fact) is left out: a placeholder never explains a flag.
 * - Wrong values in answered fields are reported as issues and left out of the screening; nothing throws.
 * - A complete draft (one that `parseIntake` accepts) gives exactly what `screen` gives, in `result`.
 */
import type * as z from 'zod/mini';
import { fromZodIssues, issue, unknownKeyInPath, type Issue } from '../intake/issues.js';
import { FOLLOW_UPS as FOLLOW_UP_TABLE, relevantFollowUps } from '../intake/follow-ups.js';
import { checkLimits, INTAKE_LIMITS } from '../intake/limits.js';
import { clearanceSchema, intakeSchema, NOT_ANSWER_GROUPS } from '../intake/schema.js';
import type { Disposition } from '../intake/vocabulary.js';
import { isRecord } from '../rules/path.js';
import { yearsBetween, type CalendarDate } from './dates.js';
import { checkScreenOptions } from './options.js';
import { sharedDefaultScreener } from './default-screener.js';
import { dispositionRank, mergeModifications, overallDisposition } from './merge.js';
import { clientMessagesOf, sessionPlan, summaryOf } from './plan.js';
import { SyncUnsupportedError, type Screener } from './screener.js';
import type { AudienceSummary, ClientMessage, Flag, Modifications, ScreenOptions, ScreeningFailure, ScreeningResult, ScreeningSuccess, SessionPlan } from './types.js';

/** A follow-up question that the answers so far make relevant. */
export interface FollowUpQuestion {
  /** The follow-up's path, such as `bones.fractureDate`. */
  readonly path: string;
  /** The answer that made it relevant, such as `bones.fracture`. */
  readonly after: string;
  /** Whether the draft already has a valid answer to it. */
  readonly answered: boolean;
}

/** The screening of an intake still being filled in. */
export interface DraftScreening {
  readonly ok: true;
  /** True when every required question has a valid answer and no answer has an issue. */
  readonly complete: boolean;
  readonly status: 'incomplete' | 'complete';
  /**
   * Complete: the screening's disposition. Incomplete: a stop the answers so far already trigger (`postpone`,
   * `clearance-required`, `refer-urgent`), else `'incomplete'`: never `proceed` or `modify`, so nothing is booked
   * from a draft.
   */
  readonly disposition: Disposition | 'incomplete';
  /** The disposition of the flags so far (may be `proceed` while incomplete: do not book on it). */
  readonly dispositionSoFar: Disposition;
  /**
   * The plan of `disposition`: a stop the answers already trigger plans no session (`none-today`) or waits for a
   * clearance (`after-clearance`) at once; `'incomplete'` until then.
   */
  readonly plan: SessionPlan | 'incomplete';
  /** Once `plan` is known: the summary for each audience, to show in place of "finish the form". */
  readonly summary?: AudienceSummary;
  /**
   * The client's view of the flags so far (see `ScreeningSuccess.clientMessages`): under a stop, only the steps to
   * take now; while incomplete, the flags' messages as they stand.
   */
  readonly clientMessages: readonly ClientMessage[];
  /** The flags the valid answers so far trigger on their own, most restrictive first. */
  readonly flags: readonly Flag[];
  /** The session modifications of those flags, merged. */
  readonly modifications: Modifications;
  /** Paths of required safety questions not yet validly answered (`clots.legSigns`), in form order. */
  readonly unanswered: readonly string[];
  /**
   * Follow-up questions the answers so far make relevant (the shared table of `intake/follow-ups`, read on the
   * normalised valid answers), then the guardian's questions when the client is a minor on the appointment date.
   */
  readonly followUps: readonly FollowUpQuestion[];
  /** Problems with answered fields (wrong values, unknown fields). Those answers were left out. */
  readonly issues: readonly Issue[];
  /** The full screening, when the draft is complete. */
  readonly result?: ScreeningSuccess;
}

/**
 * The result of screening a draft: a draft screening, or a failure when the options (such as `at`) are wrong or the
 * draft is past the input limits (`too_large`).
 */
export type DraftResult = DraftScreening | ScreeningFailure;

/** Screens drafts with one screener's rules. */
export interface DraftScreener {
  /** Screen a partial intake. Never throws. */
  screen(draft: unknown, options?: ScreenOptions): Promise<DraftResult>;
  /**
   * Screen a partial intake synchronously: the same result as `screen`.
   * @throws {@link SyncUnsupportedError} when a rule of the screener needs json-rules-engine (its `engineRules`).
   */
  screenSync(draft: unknown, options?: ScreenOptions): DraftResult;
}

type Schema = z.ZodMiniType;
type Shape = Readonly<Record<string, Schema>>;

const TOP = intakeSchema.shape as unknown as Shape;

interface FieldInfo {
  readonly group: string;
  readonly field: string;
  readonly schema: Schema;
  readonly required: boolean;
}

/** The questions of a group; a group added in a later model is wrapped in a default (an empty group), read through it. */
const shapeOf = (s: Schema): Shape => {
  const g = s as unknown as { shape?: Shape; _zod: { def: { innerType?: Schema } } };
  return g.shape ?? shapeOf(g._zod.def.innerType!);
};

/** Every question of the intake, in form order, with whether it must be answered. */
const FIELDS: readonly FieldInfo[] = Object.entries(TOP)
  .filter(([k]) => !NOT_ANSWER_GROUPS.has(k))
  .flatMap(([group, g]) =>
    Object.entries(shapeOf(g)).map(([field, schema]) => ({ group, field, schema, required: !schema.safeParse(undefined).success })),
  );
const FIELDS_BY_GROUP = new Map<string, Map<string, FieldInfo>>();
for (const f of FIELDS) {
  let m = FIELDS_BY_GROUP.get(f.group);
  if (!m) FIELDS_BY_GROUP.set(f.group, (m = new Map()));
  m.set(f.field, f);
}

/** Placeholder candidates, the least risky answer first; a date is tried last (only a date of birth needs one). */
const NEUTRAL: readonly unknown[] = ['no', 'none', true];

function placeholderFor(f: FieldInfo, at: CalendarDate): unknown {
  for (const v of NEUTRAL) if (f.schema.safeParse(v).success) return v;
  // An adult's date of birth; any flag reading the age it gives is left out, so the age itself does not matter.
  const dob = `${Number(at.slice(0, 4)) - 40}-01-01`;
  return f.schema.safeParse(dob).success ? dob : undefined;
}

/**
 * The required answers each derived fact is computed from: a derived fact from a placeholder is a placeholder too.
 * Derived facts missing here read no required answer (`daysSinceCompleted`) or never see a placeholder
 * (`unsureAnswers`: placeholders are never "unsure"). Internal; a test keeps it in step with the derived facts.
 */
export const DERIVED_FROM: Readonly<Record<string, readonly string[]>> = {
  ageYears: ['client.dateOfBirth'],
  isMinor: ['client.dateOfBirth'],
  pregnancyWeeksAtAppointment: ['client.pregnant'],
  pregnancyTrimester: ['client.pregnant'],
  daysSinceClot: ['clots.history'],
  daysSinceImmobility: ['clots.immobility'],
  daysSinceFracture: ['bones.fracture'],
  daysSinceSuspectedFracture: ['bones.suspectedFracture'],
  daysSinceSurgery: ['surgery.recent'],
  daysSinceInjection: ['injections.recent'],
  daysSinceHeartAttackOrStroke: ['heart.heartAttackOrStroke'],
  daysSinceInjury: ['injury.recent'],
  daysSinceLastSeizure: ['nerves.epilepsy'],
  daysSinceCancerTreatment: ['cancer.status'],
  clotSignRegions: ['clots.legSigns'],
  lymphAtRiskRegions: ['cancer.lymphNodesRemoved'],
  fistulaRegions: ['metabolic.kidneyDisease'],
  // Model-2 facts: they read optional answers (never placeholders), and a question's relevance reads the answer it
  // follows, which may be a placeholder.
  unansweredQuestions: ['client.pregnant', 'surgery.recent', 'lymph.lymphedema', 'joints.inflammatoryArthritis'],
  daysSinceTia: [],
  daysSinceHeadInjury: [],
  daysSinceWhiplash: [],
  daysSinceTattoo: [],
  jointPrecautionDaysLeft: ['surgery.recent'],
};

function readsPlaceholder(flag: Flag, placeholders: ReadonlySet<string>): boolean {
  return flag.because.some((b) => {
    if (b.path === undefined) return false;
    if (b.fact === 'derived') return (DERIVED_FROM[b.path] ?? []).some((p) => placeholders.has(p));
    return placeholders.has(`${b.fact}.${b.path}`);
  });
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** What a form sends for "no answer yet". */
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

interface Cleaned {
  /** The valid answers, by group (and the valid top-level fields). */
  readonly values: Record<string, unknown>;
  /** The same answers as the schema normalises them ("y" → "yes"), for reading them. */
  readonly normalized: Record<string, unknown>;
  readonly answered: ReadonlySet<string>;
  readonly issues: Issue[];
}

/** Keep the valid answers of a draft, and say what was wrong with the others. */
function clean(draft: unknown): Cleaned {
  const values: Record<string, unknown> = {};
  const normalized: Record<string, unknown> = {};
  const answered = new Set<string>();
  const issues: Issue[] = [];
  if (draft === undefined || draft === null) return { values, normalized, answered, issues };
  if (!isRecord(draft)) {
    issues.push(issue([], 'invalid_type', 'Expected a group of answers.'));
    return { values, normalized, answered, issues };
  }
  const topKeys = Object.keys(draft);
  for (const [position, key] of topKeys.entries()) {
    const raw = draft[key];
    if (!own(TOP, key)) {
      issues.push(issue([unknownKeyInPath(key, position)], 'unrecognized_key', 'This field is not part of the intake. Check its spelling.'));
      continue;
    }
    if (key === 'clearances') {
      if (isBlank(raw)) continue;
      if (!Array.isArray(raw)) {
        issues.push(issue([key], 'invalid_type', 'Expected a list.'));
        continue;
      }
      const kept: unknown[] = [];
      raw.forEach((c, i) => {
        const r = clearanceSchema.safeParse(c);
        if (r.success) kept.push(c);
        else issues.push(...fromZodIssues(r.error.issues, c, [key, i]));
      });
      if (kept.length > 0) values[key] = kept;
      continue;
    }
    if (NOT_ANSWER_GROUPS.has(key)) {
      if (isBlank(raw)) continue;
      const r = TOP[key]!.safeParse(raw);
      if (r.success) values[key] = raw;
      else issues.push(...fromZodIssues(r.error.issues, raw, [key]));
      continue;
    }
    if (isBlank(raw)) continue;
    if (!isRecord(raw)) {
      issues.push(issue([key], 'invalid_type', 'Expected a group of answers.'));
      continue;
    }
    const fields = FIELDS_BY_GROUP.get(key)!;
    const group: Record<string, unknown> = {};
    const norm: Record<string, unknown> = {};
    for (const [position, field] of Object.keys(raw).entries()) {
      const info = fields.get(field);
      if (!info) {
        issues.push(issue([key, unknownKeyInPath(field, position)], 'unrecognized_key', 'This field is not part of the intake. Check its spelling.'));
        continue;
      }
      const v = raw[field];
      if (isBlank(v)) continue;
      const r = info.schema.safeParse(v);
      if (!r.success) {
        issues.push(...fromZodIssues(r.error.issues, v, [key, field]));
        continue;
      }
      // An optional field whose form value normalises to "no answer" (say "" in a list) is simply unanswered.
      if (r.data === undefined) continue;
      group[field] = v;
      norm[field] = r.data;
      answered.add(`${key}.${field}`);
    }
    values[key] = group;
    normalized[key] = norm;
  }
  return { values, normalized, answered, issues };
}

/** The follow-ups relevant to the valid answers so far (the shared table), and the guardian's questions once the client is a minor on `at`. */
function followUpsOf(normalized: Record<string, unknown>, answered: ReadonlySet<string>, at: CalendarDate): FollowUpQuestion[] {
  const out: FollowUpQuestion[] = relevantFollowUps(normalized).map((p) => ({ path: p, after: FOLLOW_UP_TABLE[p]!.question, answered: answered.has(p) }));
  const client = normalized.client;
  const dob = isRecord(client) ? client.dateOfBirth : undefined;
  const age = typeof dob === 'string' ? yearsBetween(dob, at) : undefined;
  if (age !== undefined && age < 18)
    for (const p of ['consent.guardianName', 'consent.guardianConsent']) out.push({ path: p, after: 'client.dateOfBirth', answered: answered.has(p) });
  return out;
}

const STOP_RANK = dispositionRank('postpone');

/**
 * Prepare draft screening with a screener's rules.
 *
 * @example
 * ```ts
 * const drafts = createDraftScreener(createScreener({ rules: [defaultRuleSet(), clinicRules] }));
 * form.onChange(async (answers) => {
 *   const d = await drafts.screen(answers, { at: appointment });
 *   if (d.ok) showProgress(d.unanswered, d.followUps, d.flags.map((f) => f.clientMessage));
 * });
 * ```
 */
export function createDraftScreener(screener: Screener): DraftScreener {
  /**
   * The draft screening as steps: each `yield` asks for one screening of the screener (input and options) and gets
   * its result back, so one body serves `screen` (awaiting each) and `screenSync`.
   */
  function* steps(draft: unknown, options: ScreenOptions): Generator<readonly [unknown, ScreenOptions], DraftResult, ScreeningResult> {
    try {
      const checked = checkScreenOptions(options, () => new Date());
      if (!checked.ok) return { ok: false, issues: checked.issues };
      const { at } = checked.value;
      const opts: ScreenOptions = { ...options, at };
      const tooLarge = checkLimits(draft, INTAKE_LIMITS, 'intake');
      if (tooLarge) return { ok: false, issues: [tooLarge] };
      const { values, normalized, answered, issues } = clean(draft);
      // Only a draft with nothing missing and nothing wrong can be complete; the full parse then has the last word.
      if (issues.length === 0 && FIELDS.every((f) => !f.required || answered.has(`${f.group}.${f.field}`))) {
        // screen() validates the whole draft itself: its issues, if any, are the full parse's.
        const full: ScreeningResult = yield [draft, opts];
        if (!full.ok) issues.push(...full.issues);
        else {
          return {
            ok: true,
            complete: true,
            status: 'complete',
            disposition: full.disposition,
            dispositionSoFar: full.disposition,
            plan: full.plan,
            summary: full.summary,
            clientMessages: full.clientMessages,
            flags: full.flags,
            modifications: full.modifications,
            unanswered: [],
            followUps: followUpsOf(normalized, answered, at),
            issues: [],
            result: full,
          };
        }
      }
      const filled: Record<string, unknown> = { ...values };
      const placeholders = new Set<string>();
      const unanswered: string[] = [];
      for (const f of FIELDS) {
        if (!f.required) continue;
        const path = `${f.group}.${f.field}`;
        if (answered.has(path)) continue;
        unanswered.push(path);
        placeholders.add(path);
        const group = (filled[f.group] = { ...((filled[f.group] as Record<string, unknown> | undefined) ?? {}) });
        group[f.field] = placeholderFor(f, at);
      }
      for (const [g] of FIELDS_BY_GROUP) filled[g] ??= {};
      const screened: ScreeningResult = yield [filled, opts];
      // The cleaned draft always validates; if it does not, fail closed rather than report a screening that did not run.
      const flags: Flag[] = screened.ok ? screened.flags.filter((f) => !readsPlaceholder(f, placeholders)) : [];
      const soFar = screened.ok ? overallDisposition(flags) : 'clearance-required';
      const complete = unanswered.length === 0 && issues.length === 0;
      const stop = dispositionRank(soFar) >= STOP_RANK;
      const plan = stop ? sessionPlan(soFar) : 'incomplete';
      return {
        ok: true,
        complete,
        status: complete ? 'complete' : 'incomplete',
        disposition: stop ? soFar : 'incomplete',
        dispositionSoFar: soFar,
        plan,
        ...(stop ? { summary: summaryOf(soFar, flags) } : {}),
        // Until a stop, the flags so far describe the session the form may still lead to.
        clientMessages: clientMessagesOf(plan === 'incomplete' ? 'today' : plan, flags),
        flags,
        modifications: mergeModifications(flags),
        unanswered,
        followUps: followUpsOf(normalized, answered, at),
        issues: screened.ok ? issues : [...issues, ...screened.issues],
      };
    } catch {
      return { ok: false, issues: [issue([], 'invalid', 'The screening could not be completed.')] };
    }
  }
  async function screenDraftWith(draft: unknown, options: ScreenOptions = {}): Promise<DraftResult> {
    const g = steps(draft, options);
    let step = g.next();
    while (!step.done) step = g.next(await screener.screen(...step.value));
    return step.value;
  }
  function screenDraftSync(draft: unknown, options: ScreenOptions = {}): DraftResult {
    if (screener.engineRules.length > 0) throw new SyncUnsupportedError(screener.engineRules);
    const g = steps(draft, options);
    let step = g.next();
    while (!step.done) step = g.next(screener.screenSync(...step.value));
    return step.value;
  }
  return Object.freeze({ screen: screenDraftWith, screenSync: screenDraftSync });
}

let defaultDrafts: DraftScreener | undefined;

/**
 * Screen an intake still being filled in, with the bundled default rules (see {@link createDraftScreener} for
 * your own rules). Never throws. Nothing is bookable from an incomplete draft: `disposition` is `'incomplete'`
 * unless the answers so far already require a stop.
 *
 * @example
 * ```ts
 * const d = await screenDraft({ clots: { legSigns: 'yes' } }, { at: '2026-12-01' });
 * // d.ok && d.disposition === 'refer-urgent', d.complete === false, d.unanswered lists the rest
 * ```
 */
export function screenDraft(draft: unknown, options?: ScreenOptions): Promise<DraftResult> {
  defaultDrafts ??= createDraftScreener(sharedDefaultScreener());
  return defaultDrafts.screen(draft, options);
}

/**
 * {@link screenDraft}, synchronously: the same result, with the bundled default rules (which never need
 * json-rules-engine, so this never throws).
 *
 * @example
 * ```ts
 * const d = screenDraftSync({ clots: { legSigns: 'yes' } }, { at: '2026-12-01' });
 * ```
 */
export function screenDraftSync(draft: unknown, options?: ScreenOptions): DraftResult {
  defaultDrafts ??= createDraftScreener(sharedDefaultScreener());
  return defaultDrafts.screenSync(draft, options);
}
