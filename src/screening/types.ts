import type { Issue } from '../intake/issues.js';
import type { BodyRegion, Condition, Disposition, Positioning, PressureLevel, Technique } from '../intake/vocabulary.js';
import type { Reference } from '../rules/format.js';
import type { CalendarDate } from './dates.js';

/** One condition that made a rule fire, as json-rules-engine evaluated it (not re-derived). */
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
  /** Lower caps on particular regions (each at most the whole-body cap). */
  readonly regionalPressureCaps: readonly { readonly region: BodyRegion; readonly pressureCap: PressureLevel }[];
  readonly avoidRegions: readonly BodyRegion[];
  readonly avoidTechniques: readonly Technique[];
  readonly positioning: readonly Positioning[];
}

/** A technique the session could use, and why. */
export interface SuggestedTechnique {
  readonly technique: Technique;
  readonly name: string;
  /** The pressure it needs on the 1–5 scale, within the cap. */
  readonly pressure: { readonly min: PressureLevel; readonly max: PressureLevel };
  readonly forConditions: readonly Condition[];
  readonly reason: string;
}

/** A technique left out, and the flags that left it out. */
export interface ExcludedTechnique {
  readonly technique: Technique;
  readonly name: string;
  readonly excludedBy: readonly string[];
  readonly reason: string;
}

/** Technique suggestions and session notes for the client's conditions. */
export interface TechniqueAdvice {
  /** Ranked: the techniques that serve most of the client's conditions first. */
  readonly suggested: readonly SuggestedTechnique[];
  readonly excluded: readonly ExcludedTechnique[];
  /** Said when suggestions are empty or apply only later (for example after clearance). */
  readonly note?: string;
  readonly conditions: readonly Condition[];
  readonly sessionNotes: {
    readonly frequency: string;
    readonly aftercare: readonly string[];
    readonly insurance: readonly string[];
  };
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
  readonly clearancesUsed: readonly ClearanceUse[];
  readonly libraryVersion: string;
  readonly intakeSchemaVersion: string;
  /** The appointment date every time window was counted to. */
  readonly at: CalendarDate;
  readonly locale: string;
}

/** A screening of a valid intake. */
export interface ScreeningSuccess {
  readonly ok: true;
  /** The most restrictive disposition among the flags; `proceed` only when nothing fired. */
  readonly disposition: Disposition;
  /** Most restrictive first, then by rule id. */
  readonly flags: readonly Flag[];
  readonly modifications: Modifications;
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

/** Options for one screening. */
export interface ScreenOptions {
  /** The appointment: every time window is counted to this date. Default: now. */
  readonly at?: Date | string;
  /** The clinic's IANA time zone, used to read `at` as a calendar date. Default: UTC. */
  readonly timeZone?: string;
  /**
   * Language of the rules' messages, from the rule set's `translations`; falls back to English. Texts the library
   * writes itself (clearance notes, its own flags, technique advice) are in English.
   */
  readonly locale?: string;
  /** Days after completion beyond which the intake's answers need reconfirming. Default 90. */
  readonly reconfirmAfterDays?: number;
}
