import { toLabelledJsonSchema } from '../intake/json-schema.js';
import { intakeSchema } from '../intake/schema.js';
import { buildRulesJsonSchema } from './rules-json-schema.js';

let intakeCached: Record<string, unknown> | undefined;
let rulesCached: Record<string, unknown> | undefined;

/**
 * The JSON Schema (draft-07) of an intake, generated from the zod schema: a title and description on every field,
 * labelled options (`oneOf: [{ const, title }]`). react-jsonschema-form renders a form from it as it is. The same
 * document ships as `massage-triage/schemas/intake.schema.json`.
 */
export function intakeJsonSchema(): Record<string, unknown> {
  intakeCached ??= { $id: 'https://massage-triage.dev/schemas/intake.schema.json', ...toLabelledJsonSchema(intakeSchema) };
  return structuredClone(intakeCached);
}

/**
 * The JSON Schema (draft-07) of a rules file, for editors (`"$schema"` in the file): the facts, each fact's paths, the
 * operators that fit a path and the answers it takes are choices with descriptions, so an editor completes and checks
 * them while typing. Ships as `massage-triage/schemas/rules.schema.json`.
 */
export function rulesJsonSchema(): Record<string, unknown> {
  rulesCached ??= { $id: 'https://massage-triage.dev/schemas/rules.schema.json', ...buildRulesJsonSchema() };
  return structuredClone(rulesCached);
}
