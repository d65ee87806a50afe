import { toLabelledJsonSchema } from '../intake/json-schema.js';
import { intakeSchema } from '../intake/schema.js';
import type { CustomOperator } from '../rules/custom-operators.js';
import { readOperators, problem, RuleSetError } from '../rules/load.js';
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

/** Options of {@link rulesJsonSchema}. */
export interface RulesJsonSchemaOptions {
  /** Custom operators (the list given to `createScreener`): offered for the facts they read, with their descriptions. */
  readonly operators?: readonly CustomOperator[];
}

/**
 * The JSON Schema (draft-07) of a rules file, for editors (`"$schema"` in the file): the facts, each fact's paths, the
 * operators that fit a path and the answers it takes are choices with descriptions, so an editor completes and checks
 * them while typing. Ships as `massage-triage/schemas/rules.schema.json` (built-in operators only); with
 * `{ operators }` it offers a screener's custom operators too (`massage-triage schema rules --operators FILE`).
 * @throws {@link RuleSetError} at `operators[…]` when the custom operators are not valid.
 */
export function rulesJsonSchema(options?: RulesJsonSchemaOptions): Record<string, unknown> {
  let given: unknown;
  try {
    given = options === null || typeof options !== 'object' ? undefined : options.operators;
  } catch {
    throw new RuleSetError([problem(['operators'], 'invalid_format', '"operators" could not be read.')]);
  }
  const operators = readOperators(given);
  if (operators.custom.length > 0) return { $id: 'https://massage-triage.dev/schemas/rules.schema.json', ...buildRulesJsonSchema(operators) };
  rulesCached ??= { $id: 'https://massage-triage.dev/schemas/rules.schema.json', ...buildRulesJsonSchema() };
  return structuredClone(rulesCached);
}
