/**
 * The rules file format, defined once as a zod schema. The JSON Schema that editors use
 * (`schemas/rules.schema.json`) is generated from it, so the two cannot disagree.
 *
 * A rule reads like a clinician's note: when these answers hold (json-rules-engine `conditions`), this is the
 * outcome (a disposition and the session modifications), this is what to tell the therapist and the client, this
 * is why, and this is where it comes from.
 */
import * as z from 'zod/mini';
import { intBetween, meta, stringOf, trimmedText, upTo } from '../intake/fields.js';
import { BODY_REGIONS, DISPOSITIONS, POSITIONING, TECHNIQUES } from '../intake/vocabulary.js';

const slug = z
  .string()
  .check(
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a lower-case id with dashes, such as "clot-current-signs".'),
    z.maxLength(80),
  );

const languageTag = () => z.string().check(z.regex(/^[a-z]{2}(-[A-Z]{2})?$/));

/** A JSON value a condition compares against: a string, number, boolean or null, or a list of them. */
const scalar = z.union([stringOf(0, 200), z.number(), z.boolean(), z.null()]);
export const conditionValueSchema = z.union([scalar, upTo(200, scalar)]);

/** One comparison: the fact (a question group or `derived`), the question within it, an operator and a value. */
export const leafConditionSchema = meta(
  z.strictObject({
    fact: meta(stringOf(1, 60), { description: 'A question group such as "clots", or "derived" for computed facts.' }),
    path: meta(z.optional(stringOf(1, 120)), {
      description: 'The question within the fact, as a plain dot path such as "legSigns". No JSONPath.',
    }),
    operator: meta(stringOf(1, 60), { description: 'An operator from the catalog (rules/CATALOG.md).' }),
    value: meta(conditionValueSchema, { description: 'What the answer is compared with.' }),
  }),
  { title: 'Comparison' },
);

/** A condition: a comparison, or all / any / not of conditions, or a reference to a named condition. */
export type RuleCondition =
  | z.infer<typeof leafConditionSchema>
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition }
  | { condition: string };

/** The group forms of a condition; `conditionSchema` and `topConditionSchema` differ only in allowing a comparison. */
const groupsOf = (inner: z.ZodMiniType<RuleCondition>) =>
  [
    z.strictObject({ all: upTo(100, inner, 1) }),
    z.strictObject({ any: upTo(100, inner, 1) }),
    z.strictObject({ not: inner }),
    z.strictObject({ condition: slug }),
  ] as const;

export const conditionSchema: z.ZodMiniType<RuleCondition> = z.lazy(() => z.union([leafConditionSchema, ...groupsOf(conditionSchema)]));

/** The top of a rule's conditions: always a group, as json-rules-engine requires. */
export const topConditionSchema = z.union(groupsOf(conditionSchema));

export const referenceSchema = meta(
  z.strictObject({
    key: meta(z.optional(stringOf(0, 20)), { description: 'The key of the source in the clinical reference, such as "C2".' }),
    title: trimmedText(300),
    url: z.optional(z.url({ protocol: /^https?$/ })),
  }),
  { title: 'Reference' },
);

const outcomeSchema = meta(
  z.strictObject({
    disposition: meta(z.enum(DISPOSITIONS), { description: 'proceed < modify < postpone < clearance-required < refer-urgent' }),
    scope: meta(z.enum(['systemic', 'local']), {
      description: 'systemic: the whole body; local: only the regions named below (avoid the area, work elsewhere).',
    }),
    regions: meta(z.optional(upTo(60, z.enum(BODY_REGIONS))), { description: 'Fixed body regions the outcome applies to.' }),
    regionsFrom: meta(z.optional(upTo(10, stringOf(1, 120))), {
      description: 'Regions taken from the intake: fact paths such as "bones.fractureRegions" or "derived.clotSignRegions".',
    }),
    regionsIfNone: meta(z.optional(upTo(60, z.enum(BODY_REGIONS))), {
      description:
        'Local rules: the regions to use when neither "regions" nor the intake names any (the whole side or body part the rule can name, such as both sides of the chest for a port). Without it, such a rule applies to the whole body: its pressure cap and, with "avoidRegions", its avoidance. An empty list says the intake\'s regions are optional extras (insulin sites: none named means none in use), so nothing is avoided when none is named.',
    }),
    avoidRegions: meta(z.optional(z.boolean()), { description: 'Local rules: do not work on these regions at all.' }),
    pressureCap: meta(z.optional(intBetween(1, 5)), {
      description: 'Highest pressure on the 1–5 scale: whole body when systemic, these regions when local.',
    }),
    avoidTechniques: z.optional(upTo(30, z.enum(TECHNIQUES))),
    positioning: z.optional(upTo(20, z.enum(POSITIONING))),
    clearable: meta(z.optional(z.boolean()), {
      description:
        'false: no clearance on file lowers this flag (current or acute signs need a new assessment). Default true for clearance-required rules.',
    }),
  }),
  { title: 'Outcome' },
);

const translationSchema = z.strictObject({
  title: z.optional(trimmedText(200)),
  message: trimmedText(1000),
  clientMessage: trimmedText(600),
});

export const ruleSchema = meta(
  z.strictObject({
    id: meta(slug, { description: 'Unique, stable id. Never reuse an id for a different rule.' }),
    title: trimmedText(200),
    category: meta(z.optional(slug), { description: 'A heading to group rules by, such as "clots" or "bones".' }),
    enabled: meta(z.optional(z.boolean()), { description: 'false keeps the rule in the file but does not run it.' }),
    conditions: topConditionSchema,
    outcome: outcomeSchema,
    message: meta(trimmedText(1000), { description: 'For the therapist: clinical and precise.' }),
    clientMessage: meta(trimmedText(600), { description: 'For the client: plain, calm, no diagnosis, says what to do.' }),
    rationale: meta(trimmedText(2000), { description: 'Why: the clinical reasoning, and where the reference is silent, say so.' }),
    references: upTo(20, referenceSchema, 1),
    translations: z.optional(z.record(languageTag(), translationSchema)),
  }),
  { title: 'Rule' },
);

export const ruleSetSchema = meta(
  z.strictObject({
    $schema: z.optional(stringOf(0, 500)),
    id: slug,
    version: z.string().check(z.regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'Expected a semantic version such as "1.2.0".')),
    description: trimmedText(2000),
    languages: meta(z.optional(upTo(20, languageTag())), {
      description: 'Languages the messages are given in besides English, e.g. ["de"].',
    }),
    conditions: meta(z.optional(z.record(slug, conditionSchema)), {
      description: 'Named conditions that rules refer to as { "condition": "name" }.',
    }),
    rules: upTo(2000, ruleSchema),
  }),
  { title: 'massage-triage rule set' },
);

/** A rule set as written in a rules file. */
export type RuleSetFile = z.infer<typeof ruleSetSchema>;
/** One rule as written. */
export type Rule = z.infer<typeof ruleSchema>;
/** A rule's outcome. */
export type RuleOutcome = z.infer<typeof outcomeSchema>;
/** A reference a rule cites. */
export type Reference = z.infer<typeof referenceSchema>;
