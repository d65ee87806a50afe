/**
 * The technique layer's types: the advice it gives (suggested and excluded techniques, session notes), and the parts
 * of a screening's flags and merged modifications it reads. The screening layer above produces full `Flag`s and
 * `Modifications` (`screening/types.ts`); they fit these narrower shapes, so the advice depends on nothing above it.
 */
import type { BodyRegion, Condition, PressureLevel, Technique } from '../intake/vocabulary.js';

/** What technique advice reads of one flag (a screening `Flag` has all of it). */
export interface TechniqueFlagInput {
  readonly ruleId: string;
  readonly category?: string;
  readonly scope: 'systemic' | 'local';
  readonly regions: readonly BodyRegion[];
  readonly modifications: {
    readonly pressureCap?: PressureLevel;
    readonly avoidRegions: readonly BodyRegion[];
    readonly avoidTechniques: readonly Technique[];
  };
}

/** What technique advice reads of the merged session modifications (a screening's `Modifications` has all of it). */
export interface TechniqueModificationsInput {
  readonly pressureCap: PressureLevel | null;
  readonly avoidRegions: readonly BodyRegion[];
  readonly regionalAvoidTechniques: readonly { readonly region: BodyRegion; readonly techniques: readonly Technique[] }[];
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
    /**
     * How often to book the sessions that follow. Absent when the result plans no session (`plan: 'none-today'`): a
     * frequency would read as a plan of sessions starting today.
     */
    readonly frequency?: string;
    /** Aftercare for the client after the session. Empty when the result plans no session. */
    readonly aftercare: readonly string[];
    /** What an insurer needs on file: paperwork, whatever the plan. */
    readonly insurance: readonly string[];
  };
}
