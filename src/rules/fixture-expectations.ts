/**
 * What a fixture case can say about the clinical outcome beyond which rules fire: one rule's own outcome
 * (`outcomes`), the merged session modifications (`modifications`) and the techniques that must not be suggested
 * (`notSuggested`). Removing a cap, a region or a technique ban from a rule then fails its fixture, field by field.
 *
 * This module is the expectations' format; `screening/fixtures.ts` compares them with a screening.
 */
import * as z from 'zod/mini';
import { BODY_REGIONS, DISPOSITIONS, POSITIONING, TECHNIQUES } from '../intake/vocabulary.js';

const cap = z.union([z.number().check(z.int(), z.gte(1), z.lte(5)), z.null()]);
const regions = z.array(z.enum(BODY_REGIONS));
const techniques = z.array(z.enum(TECHNIQUES));
const positioning = z.array(z.enum(POSITIONING));

/**
 * One rule's own outcome in a case: the rule must fire, and every field given must equal what its flag says.
 * `pressureCap: null` says the rule caps nothing; a list says exactly these (in any order).
 */
export const ruleOutcomeExpectationSchema = z.strictObject({
  disposition: z.optional(z.enum(DISPOSITIONS)),
  /** `local` when the rule applies to the regions named; a local rule with no region named is `systemic`. */
  scope: z.optional(z.enum(['systemic', 'local'])),
  regions: z.optional(regions),
  pressureCap: z.optional(cap),
  avoidRegions: z.optional(regions),
  avoidTechniques: z.optional(techniques),
  positioning: z.optional(positioning),
});

/**
 * The merged session modifications of a case. `pressureCap` is exact (null: no whole-body cap); each region in
 * `regionalPressureCaps` must get exactly that cap (the lower of its own and the whole-body cap); the lists must hold
 * at least the items given (other rules of the case may add more).
 */
export const modificationsExpectationSchema = z.strictObject({
  pressureCap: z.optional(cap),
  regionalPressureCaps: z.optional(z.partialRecord(z.enum(BODY_REGIONS), z.number().check(z.int(), z.gte(1), z.lte(5)))),
  avoidRegions: z.optional(regions),
  avoidTechniques: z.optional(techniques),
  positioning: z.optional(positioning),
});

/** The fields a fixture case gains from this module (spread into the case schema). */
export const outcomeExpectationFields = {
  /** Per rule id: the rule's own outcome in this case. */
  outcomes: z.optional(z.record(z.string(), ruleOutcomeExpectationSchema)),
  /** The session modifications of the whole result. */
  modifications: z.optional(modificationsExpectationSchema),
  /** Techniques the result must not suggest. */
  notSuggested: z.optional(techniques),
};

/** One rule's expected outcome in a fixture case. */
export type RuleOutcomeExpectation = z.infer<typeof ruleOutcomeExpectationSchema>;
/** The expected session modifications of a fixture case. */
export type ModificationsExpectation = z.infer<typeof modificationsExpectationSchema>;
