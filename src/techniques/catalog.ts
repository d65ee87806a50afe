/**
 * The formats of the technique catalog (`rules/techniques.json`) and the condition vocabulary
 * (`rules/conditions.json`). Both are clinical data; the code only knows their shape.
 */
import * as z from 'zod';
import { CONDITIONS, TECHNIQUES } from '../intake/vocabulary.js';
import { referenceSchema } from '../rules/format.js';

const level = z.int().min(1).max(5);

export const techniqueSchema = z.strictObject({
  id: z.enum(TECHNIQUES),
  name: z.string().min(1).max(100),
  description: z.string().min(1).max(1000),
  pressure: z.strictObject({ min: level, max: level }).meta({ description: 'The pressure it usually needs, 1–5.' }),
  indications: z.array(z.enum(CONDITIONS)).max(40),
  evidence: z.string().max(1000).optional(),
  cpt: z.array(z.string().regex(/^\d{5}$/)).max(5).optional(),
  adaptationFor: z
    .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/))
    .max(10)
    .optional()
    .meta({
      description:
        'Flag categories (such as "pregnancy" or "cancer") for which this is the adapted form of massage: when such a flag fires, it is suggested for every condition of the client and ranked first.',
    }),
  references: z.array(referenceSchema).min(1),
});

export const techniqueCatalogSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.string(),
  techniques: z.array(techniqueSchema).min(1),
  session: z.strictObject({
    frequencyAcute: z.string().min(1),
    frequencyChronic: z.string().min(1),
    aftercare: z.array(z.string().min(1)).min(1),
    references: z.array(referenceSchema).min(1),
  }),
});

export const conditionEntrySchema = z.strictObject({
  id: z.enum(CONDITIONS),
  name: z.string().min(1),
  icd10: z.array(z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?-?$/)).max(30),
  synonyms: z.array(z.string().min(1)).max(40),
  acute: z.boolean().meta({ description: 'Usually an acute problem: a closer frequency at first.' }),
  references: z.array(referenceSchema).min(1),
});

export const conditionCatalogSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.string(),
  conditions: z.array(conditionEntrySchema).min(1),
});

/** The technique catalog. */
export type TechniqueCatalog = z.infer<typeof techniqueCatalogSchema>;
/** One technique category. */
export type TechniqueEntry = z.infer<typeof techniqueSchema>;
/** The condition vocabulary with its codes and synonyms. */
export type ConditionCatalog = z.infer<typeof conditionCatalogSchema>;
