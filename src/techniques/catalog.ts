/**
 * The formats of the technique catalog (`rules/techniques.json`) and the condition vocabulary
 * (`rules/conditions.json`). Both are clinical data; the code only knows their shape.
 */
import * as z from 'zod/mini';
import { intBetween, meta, stringOf, upTo } from '../intake/fields.js';
import { BODY_REGIONS, CONDITIONS, TECHNIQUES } from '../intake/vocabulary.js';
import { referenceSchema } from '../rules/format.js';

const level = intBetween(1, 5);
const someText = () => z.string().check(z.minLength(1));
const nonEmpty = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.minLength(1));
const references = () => nonEmpty(referenceSchema);

export const techniqueSchema = z.strictObject({
  id: z.enum(TECHNIQUES),
  name: stringOf(1, 100),
  description: stringOf(1, 1000),
  pressure: meta(z.strictObject({ min: level, max: level }), { description: 'The pressure it usually needs, 1–5.' }),
  indications: upTo(40, z.enum(CONDITIONS)),
  evidence: z.optional(stringOf(0, 1000)),
  cpt: z.optional(upTo(5, z.string().check(z.regex(/^\d{5}$/)))),
  adaptationFor: meta(z.optional(upTo(10, z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)))), {
    description:
      'Flag categories (such as "pregnancy" or "cancer") for which this is the adapted form of massage: when such a flag fires, it is suggested for every condition of the client and ranked first.',
  }),
  regions: meta(z.optional(upTo(60, z.enum(BODY_REGIONS))), {
    description:
      'The body regions the technique is given on, when it is confined to a few (reflexology: the feet). A technique that local flags rule out on every one of these regions is excluded, not suggested.',
  }),
  references: references(),
});

export const techniqueCatalogSchema = z.strictObject({
  $schema: z.optional(z.string()),
  version: z.string(),
  techniques: nonEmpty(techniqueSchema),
  session: z.strictObject({
    frequencyAcute: someText(),
    frequencyChronic: someText(),
    aftercare: nonEmpty(someText()),
    references: references(),
  }),
});

export const conditionEntrySchema = z.strictObject({
  id: z.enum(CONDITIONS),
  name: someText(),
  icd10: upTo(30, z.string().check(z.regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?-?$/))),
  synonyms: upTo(40, someText()),
  acute: meta(z.boolean(), { description: 'Usually an acute problem: a closer frequency at first.' }),
  references: references(),
});

export const conditionCatalogSchema = z.strictObject({
  $schema: z.optional(z.string()),
  version: z.string(),
  conditions: nonEmpty(conditionEntrySchema),
});

/** The technique catalog. */
export type TechniqueCatalog = z.infer<typeof techniqueCatalogSchema>;
/** One technique category. */
export type TechniqueEntry = z.infer<typeof techniqueSchema>;
/** The condition vocabulary with its codes and synonyms. */
export type ConditionCatalog = z.infer<typeof conditionCatalogSchema>;
