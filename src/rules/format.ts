/**
 * The rules file format, defined once as a zod schema. The JSON Schema that editors use
 * (`schemas/rules.schema.json`) is generated from it, so the two cannot disagree.
 *
 * A rule reads like a clinician's note: when these answers hold (json-rules-engine `conditions`), this is the
 * outcome (a disposition and the session modifications), this is what to tell the therapist and the client, this
 * is why, and this is where it comes from.
 */
import * as z from 'zod';
import { BODY_REGIONS, DISPOSITIONS, POSITIONING, TECHNIQUES } from '../intake/vocabulary.js';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a lower-case id with dashes, such as "clot-current-signs".')
  .max(80);

const plain = (max: number) => z.string().trim().min(1).max(max);

/** A JSON value a condition compares against: a string, number, boolean or null, or a list of them. */
const scalar = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);
export const conditionValueSchema = z.union([scalar, z.array(scalar).max(200)]);

/** One comparison: the fact (a question group or `derived`), the question within it, an operator and a value. */
export const leafConditionSchema = z
  .strictObject({
    fact: z.string().min(1).max(60).meta({ description: 'A question group such as "clots", or "derived" for computed facts.' }),
    path: z
      .string()
      .min(1)
      .max(120)
      .optional()
      .meta({ description: 'The question within the fact, as a plain dot path such as "legSigns". No JSONPath.' }),
    operator: z.string().min(1).max(60).meta({ description: 'An operator from the catalog (rules/CATALOG.md).' }),
    value: conditionValueSchema.meta({ description: 'What the answer is compared with.' }),
  })
  .meta({ title: 'Comparison' });

/** A condition: a comparison, or all / any / not of conditions, or a reference to a named condition. */
export type RuleCondition =
  | z.infer<typeof leafConditionSchema>
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition }
  | { condition: string };

export const conditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    leafConditionSchema,
    z.strictObject({ all: z.array(conditionSchema).min(1).max(100) }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(100) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ condition: slug }),
  ]),
);

/** The top of a rule's conditions: always a group, as json-rules-engine requires. */
export const topConditionSchema = z.union([
  z.strictObject({ all: z.array(conditionSchema).min(1).max(100) }),
  z.strictObject({ any: z.array(conditionSchema).min(1).max(100) }),
  z.strictObject({ not: conditionSchema }),
  z.strictObject({ condition: slug }),
]);

export const referenceSchema = z
  .strictObject({
    key: z.string().max(20).optional().meta({ description: 'The key of the source in the clinical reference, such as "C2".' }),
    title: plain(300),
    url: z.url({ protocol: /^https?$/ }).optional(),
  })
  .meta({ title: 'Reference' });

const outcomeSchema = z
  .strictObject({
    disposition: z.enum(DISPOSITIONS).meta({ description: 'proceed < modify < postpone < clearance-required < refer-urgent' }),
    scope: z
      .enum(['systemic', 'local'])
      .meta({ description: 'systemic: the whole body; local: only the regions named below (avoid the area, work elsewhere).' }),
    regions: z.array(z.enum(BODY_REGIONS)).max(60).optional().meta({ description: 'Fixed body regions the outcome applies to.' }),
    regionsFrom: z
      .array(z.string().min(1).max(120))
      .max(10)
      .optional()
      .meta({ description: 'Regions taken from the intake: fact paths such as "bones.fractureRegions" or "derived.clotSignRegions".' }),
    avoidRegions: z.boolean().optional().meta({ description: 'Local rules: do not work on these regions at all.' }),
    pressureCap: z
      .int()
      .min(1)
      .max(5)
      .optional()
      .meta({ description: 'Highest pressure on the 1–5 scale: whole body when systemic, these regions when local.' }),
    avoidTechniques: z.array(z.enum(TECHNIQUES)).max(30).optional(),
    positioning: z.array(z.enum(POSITIONING)).max(20).optional(),
    clearable: z
      .boolean()
      .optional()
      .meta({
        description:
          'false: no clearance on file lowers this flag (current or acute signs need a new assessment). Default true for clearance-required rules.',
      }),
  })
  .meta({ title: 'Outcome' });

const translationSchema = z.strictObject({
  title: plain(200).optional(),
  message: plain(1000),
  clientMessage: plain(600),
});

export const ruleSchema = z
  .strictObject({
    id: slug.meta({ description: 'Unique, stable id. Never reuse an id for a different rule.' }),
    title: plain(200),
    category: slug.optional().meta({ description: 'A heading to group rules by, such as "clots" or "bones".' }),
    enabled: z.boolean().optional().meta({ description: 'false keeps the rule in the file but does not run it.' }),
    conditions: topConditionSchema,
    outcome: outcomeSchema,
    message: plain(1000).meta({ description: 'For the therapist: clinical and precise.' }),
    clientMessage: plain(600).meta({ description: 'For the client: plain, calm, no diagnosis, says what to do.' }),
    rationale: plain(2000).meta({ description: 'Why: the clinical reasoning, and where the reference is silent, say so.' }),
    references: z.array(referenceSchema).min(1).max(20),
    translations: z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/), translationSchema).optional(),
  })
  .meta({ title: 'Rule' });

export const ruleSetSchema = z
  .strictObject({
    $schema: z.string().max(500).optional(),
    id: slug,
    version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'Expected a semantic version such as "1.2.0".'),
    description: plain(2000),
    languages: z
      .array(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/))
      .max(20)
      .optional()
      .meta({ description: 'Languages the messages are given in besides English, e.g. ["de"].' }),
    conditions: z
      .record(slug, conditionSchema)
      .optional()
      .meta({ description: 'Named conditions that rules refer to as { "condition": "name" }.' }),
    rules: z.array(ruleSchema).max(2000),
  })
  .meta({ title: 'massage-triage rule set' });

/** A rule set as written in a rules file. */
export type RuleSetFile = z.infer<typeof ruleSetSchema>;
/** One rule as written. */
export type Rule = z.infer<typeof ruleSchema>;
/** A rule's outcome. */
export type RuleOutcome = z.infer<typeof outcomeSchema>;
/** A reference a rule cites. */
export type Reference = z.infer<typeof referenceSchema>;
