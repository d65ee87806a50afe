import * as z from 'zod/mini';
import { optionLabels } from './fields.js';

/**
 * zod's own JSON Schema export, with labelled options: an enum whose options have labels becomes
 * `oneOf: [{ const, title }]`, which react-jsonschema-form and JSON Forms render as a select or checkboxes with labels.
 */
export function toLabelledJsonSchema(schema: z.core.$ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    target: 'draft-07',
    io: 'output',
    override(ctx) {
      const meta = optionLabels.get(ctx.zodSchema as never);
      const js = ctx.jsonSchema as Record<string, unknown>;
      if (meta && Array.isArray(js.enum)) {
        js.oneOf = (js.enum as string[]).map((v) => ({ const: v, title: meta.labels[v] ?? v }));
        delete js.enum;
      }
      // Every list of labelled options is refined to unique items (a refinement zod cannot export); say so, so that
      // form builders draw a multi-select (checkboxes) for it.
      const def = ctx.zodSchema._zod.def as unknown as { type: string; element?: z.core.$ZodType };
      if (def.type === 'array' && def.element && optionLabels.get(def.element as never)) js.uniqueItems = true;
    },
  }) as Record<string, unknown>;
}
