import type { Issue } from '../intake/issues.js';
import type { BodyRegion, Disposition, Positioning, PressureLevel, Technique } from '../intake/vocabulary.js';
import type { Reference } from '../rules/format.js';
import type { TechniqueAdvice } from '../techniques/types.js';
import type { CalendarDate } from './dates.js';

/** One condition that made a rule fire, with the values its evaluation read (json-rules-engine's semantics; not re-derived). */
export interface Because {
  readonly fact: string;
  readonly path: string | undefined;
  readonly operator: string;
  /** The value the rule compares with. */
  readonly expected: unknown;
  /** The client's answer (or derived fact) the rule read. */
  readonly actual: unknown;
}

/** What a flag asks of the session. */
export interface FlagModifications {
  /** Highest pressure (1–5): whole body for a systemic flag, its regions for a local one. */
  readonly pressureCap?: PressureLevel;
  readonly avoidRegions: readonly BodyRegion[];
  /** Techniques to avoid: on the whole body for a systemic flag, on its regions for a local one. */
  readonly avoidTechniques: readonly Technique[];
  readonly positioning: readonly Positioning[];
}

/**
 * What kind of flag: a `contraindication` (postpone or worse), a `precaution` (modify), an `evaluation-error` (a rule
 * could not be evaluated: fail closed), or a `reconfirm` request (answers too old for the appointment).
 */
export type FlagKind = 'contraindication' | 'precaution' | 'evaluation-error' | 'reconfirm';

/** A clearance on file that lowered a flag. */
export interface ClearanceUse {
  readonly ruleId: string;
  readonly clearedBy?: string;
  readonly date: CalendarDate;
  readonly validUntil?: CalendarDate;
  /** What the clearance matched: the rule id, or the condition. */
  readonly matched: string;
}

/** One reason the screening found, explained. */
export interface Flag {
  readonly ruleId: string;
  readonly title: string;
  readonly category?: string;
  readonly kind: FlagKind;
  readonly disposition: Disposition;
  /** The disposition the rule gave before a clearance lowered it, when one did. */
  readonly originalDisposition?: Disposition;
  readonly scope: 'systemic' | 'local';
  /** The body regions a local flag applies to (left and right as the client's own). */
  readonly regions: readonly BodyRegion[];
  /** For the therapist: clinical and precise. */
  readonly message: string;
  /** For the client: plain and calm, says what to do. */
  readonly clientMessage: string;
  readonly rationale: string;
  readonly references: readonly Reference[];
  readonly modifications: FlagModifications;
  /** The conditions that made the rule fire, with the answers they read. */
  readonly because: readonly Because[];
  /** The clearance that lowered this flag, if any. */
  readonly clearance?: ClearanceUse;
}

/** The session modifications of all flags, merged so that the safest wins. */
export interface Modifications {
  /** Lowest whole-body pressure cap of any flag; null when none caps it. */
  readonly pressureCap: PressureLevel | null;
  /** Lower caps on particular regions (each below the whole-body cap; none on a region to avoid). */
  readonly regionalPressureCaps: readonly { readonly region: BodyRegion; readonly pressureCap: PressureLevel }[];
  readonly avoidRegions: readonly BodyRegion[];
  /** Techniques to avoid everywhere: those of systemic flags (and of local flags whose regions were not named). */
  readonly avoidTechniques: readonly Technique[];
  /**
   * Techniques to avoid on particular regions only: those of local flags, on the flags' regions. A technique avoided
   * everywhere is not repeated here, and an avoided region needs no list (nothing is done there).
   */
  readonly regionalAvoidTechniques: readonly { readonly region: BodyRegion; readonly techniques: readonly Technique[] }[];
  readonly positioning: readonly Positioning[];
}

/**
 * What a result plans for the screened appointment (the date in `audit.at`):
 * - `today`: the session goes ahead (`proceed`, or `modify` with the result's modifications);
 * - `after-clearance`: no session until a clearance is on file (`clearance-required`); the modifications,
 *   techniques and session notes describe the cleared session;
 * - `none-today`: no session at this appointment (`postpone`, `refer-urgent`): no technique is suggested, no
 *   frequency or aftercare is given, and the modifications are kept only for a session that may follow, never as
 *   today's plan.
 */
export type SessionPlan = 'today' | 'after-clearance' | 'none-today';

/**
 * When a flag's advice applies, given the result's plan:
 * - `now`: a step before any session (a stop, a clearance to get): what to do now;
 * - `session`: how the session the plan names is adapted (today's, or the cleared one);
 * - `later-session`: a precaution below a stop, kept for a session that may follow; not today's plan, and not shown
 *   to the client (a later screening shows it again).
 */
export type FlagTiming = 'now' | 'session' | 'later-session';

/** The first thing each audience reads: the disposition, then what to do now. */
export interface AudienceSummary {
  /** For the client: plain and calm; leads with whether the massage goes ahead, then the deciding rule's own words. */
  readonly client: string;
  /** For the therapist: the disposition and what it means for the session, then the deciding flag. */
  readonly therapist: string;
}

/** One sentence (or a few) for the client's view, each distinct text once. */
export interface ClientMessage {
  readonly text: string;
  /** `now`: what to do before any session; `session`: how the planned session is adapted (see {@link FlagTiming}). */
  readonly timing: Exclude<FlagTiming, 'later-session'>;
  /** The flags that say it, in the result's order. */
  readonly ruleIds: readonly string[];
}

/** Which rules produced a result: enough to reproduce it. */
export interface Audit {
  readonly ruleSets: readonly { readonly id: string; readonly version: string; readonly hash: string }[];
  /** SHA-256 of the rules that ran (after disabling), in order. */
  readonly rulesHash: string;
  /**
   * SHA-256 of the validated intake (canonical JSON). With `rulesHash` and `at` it names one screening: the CDS Hooks
   * card uuids and DetectedIssue ids derive from the three. Always set by `screen`; absent only in results stored by
   * an older version.
   */
  readonly intakeHash?: string;
  readonly disabledRules: readonly string[];
  /**
   * The custom operators the screener was given (`createScreener({ operators })`), by name, sorted: code of the host
   * app that the rules could call. Always set by `screen` (empty without custom operators); absent only in results
   * stored by an older version.
   */
  readonly customOperators?: readonly string[];
  readonly clearancesUsed: readonly ClearanceUse[];
  readonly libraryVersion: string;
  readonly intakeSchemaVersion: string;
  /** The appointment date every time window was counted to. */
  readonly at: CalendarDate;
  /** The locale whose texts the flags carry: the requested one, its language, or `en` when no rule has either. */
  readonly locale: string;
}

/** A screening of a valid intake. */
export interface ScreeningSuccess {
  readonly ok: true;
  /** The most restrictive disposition among the flags; `proceed` only when nothing fired. */
  readonly disposition: Disposition;
  /** Whether the appointment is a session: `today`, `after-clearance` or `none-today` (follows the disposition). */
  readonly plan: SessionPlan;
  /** One summary per audience, leading with the disposition and what to do now: show it first. */
  readonly summary: AudienceSummary;
  /**
   * The messages for the client's view, built so that none contradicts the plan: for `none-today` only the steps to
   * take now (the flags below the stop describe a session that is not happening and are left out); for
   * `after-clearance` the steps, then how the cleared session is adapted; for `today` how the session is adapted.
   */
  readonly clientMessages: readonly ClientMessage[];
  /** Most restrictive first, then by rule id. */
  readonly flags: readonly Flag[];
  /**
   * The merged modifications of every flag, for the session `plan` names: today's (`today`), the cleared one
   * (`after-clearance`), or a session that may follow a stop (`none-today`: never today's plan). The regions of a
   * stop flag (`postpone`, `refer-urgent`) are avoided, whatever a lower flag caps there.
   */
  readonly modifications: Modifications;
  /** Suggestions and session notes for the session `plan` names: none suggested, no frequency or aftercare for `none-today`. */
  readonly techniques: TechniqueAdvice;
  readonly audit: Audit;
}

/** A screening that could not run: the intake does not validate, or the options are wrong. */
export interface ScreeningFailure {
  readonly ok: false;
  readonly issues: readonly Issue[];
}

/** The result of `screen`. It never throws. */
export type ScreeningResult = ScreeningSuccess | ScreeningFailure;

/**
 * Options for one screening. Each is checked before screening: one that cannot be honoured (an unknown time zone,
 * `reconfirmAfterDays: NaN`) makes the result `ok: false` with an issue at `options.<name>`, never a silent default.
 */
export interface ScreenOptions {
  /** The appointment: every time window is counted to this date. Default: now. */
  readonly at?: Date | string;
  /** The clinic's IANA time zone, used to read `at` as a calendar date. Default: UTC. */
  readonly timeZone?: string;
  /**
   * Language of the rules' messages (a language tag such as `de` or `de-AT`), from the rule set's `translations`;
   * falls back to the language (`de`), then English. `audit.locale` records the one whose texts were given. Texts the
   * library writes itself (clearance notes, its own flags, technique advice) are in English.
   */
  readonly locale?: string;
  /** Days after completion beyond which the intake's answers need reconfirming: a whole number from 0 to 3650. Default 90. */
  readonly reconfirmAfterDays?: number;
}
