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
      // A field with a default may be left out by whoever writes the intake (the output always has it): the groups
      // intake model 2 added are absent from a model-1 intake, which must still validate.
      const props = js.properties as Record<string, Record<string, unknown>> | undefined;
      if (Array.isArray(js.required) && props)
        js.required = (js.required as string[]).filter((k) => !(props[k] && 'default' in props[k] && typeof props[k].default === 'object'));
    },
  }) as Record<string, unknown>;
}
