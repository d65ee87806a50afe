import * as z from 'zod';
import { optionLabels } from './fields.js';

/**
 * zod's own JSON Schema export, with labelled options: an enum whose options have labels becomes
 * `oneOf: [{ const, title }]`, which react-jsonschema-form and JSON Forms render as a select or checkboxes with labels.
 */
export function toLabelledJsonSchema(schema: z.ZodType): Record<string, unknown> {
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
    },
  }) as Record<string, unknown>;
}
