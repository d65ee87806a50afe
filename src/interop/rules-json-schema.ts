/**
 * The rules file's JSON Schema, made for typing: zod's export of the format, then what only the catalog knows. The
 * facts, each fact's paths, the operators that fit each path and the answers a path takes become `enum`s (with
 * `enumDescriptions`, which VS Code shows beside each choice) tied together by `if`/`then` on the fact and the path;
 * techniques, regions and positioning get their descriptions. Everything is read from the fact catalog, the operator
 * table and the technique catalog, so a question added to the intake appears here at the next `npm run generate`.
 */
import * as z from 'zod/mini';
import { toLabelledJsonSchema } from '../intake/json-schema.js';
import { intakeSchema } from '../intake/schema.js';
import { BODY_REGION_LABELS, BODY_REGIONS, DISPOSITION_LABELS, DISPOSITIONS, POSITIONING, TECHNIQUES } from '../intake/vocabulary.js';
import { factCatalog, type FactEntry, type FactKind } from '../rules/catalog.js';
import { ruleSetSchema } from '../rules/format.js';
import { BUILT_IN_OPERATORS, type KnownOperators } from '../rules/custom-operators.js';
import type { OperatorValue } from '../rules/operators.js';
import { DEFAULT_TECHNIQUES } from '../techniques/defaults.js';

type Json = Record<string, unknown>;

/**
 * What each positioning id asks of the session; the ids are the vocabulary's, the words are for rule authors. An id
 * added to the vocabulary without words here is offered under its own name.
 */
const POSITIONING_DESCRIPTIONS: Partial<Record<(typeof POSITIONING)[number], string>> = {
  'no-prone': 'No lying face down.',
  'no-flat-supine': 'No lying flat on the back: raise the head or use side-lying.',
  'side-lying': 'Work with the client lying on their side.',
  'seated-or-reclined': 'Work with the client seated or reclined.',
  'no-head-down': 'No position with the head below the heart.',
  'bolster-support': 'Support the area with bolsters or pillows.',
  'assist-on-off-table': 'Help the client on and off the table.',
  'rise-slowly': 'Let the client sit up and stand slowly at the end.',
  'short-session': 'Keep the session short.',
  'no-heat': 'No heat (hot stones, heat packs, hot towels).',
  'guardian-present': 'A parent or guardian is present.',
};

/** A kind's operators (the built-ins and any custom ones), and what their `value` must be. */
const operatorsFor = (kind: FactKind, operators: KnownOperators) => operators.all.filter((o) => o.facts.includes(kind));

const describeEntry = (e: FactEntry) => `${e.title}${e.description ? ` — ${e.description}` : ''} (${e.kind}${e.options && e.options.length <= 12 ? `: ${e.options.join(', ')}` : ''})`;

/** `enum` with the descriptions VS Code shows beside each choice (and a standard `description` for other editors). */
const choices = (values: readonly string[], descriptions: readonly string[]): Json => ({ enum: [...values], enumDescriptions: [...descriptions] });

/** `if` the object's `key` is one of `values` (and is there at all, or every `if` would hold while typing). */
const whenIn = (key: string, values: readonly string[]): Json => ({ properties: { [key]: { enum: [...values] } }, required: [key] });

/** The `value` a comparison takes when its operator wants `want`, for a path of `kind` with these options. */
function valueFor(want: OperatorValue, kind: FactKind, options: readonly string[] | undefined): Json | undefined {
  if (want === 'true') return { const: true, description: 'Always true for this operator.' };
  if (options) {
    const one = { enum: [...options] };
    if (want === 'options') return { type: 'array', items: one, minItems: 1, uniqueItems: true };
    return one; // 'option' and 'scalar'
  }
  // `equal` / `notEqual` null asks whether a number is there at all (a derived fact is null when it cannot be computed).
  if (kind === 'number' && want === 'scalar') return { type: ['number', 'null'] };
  if (kind === 'number' || want === 'number') return want === 'options' ? { type: 'array', items: { type: 'number' } } : { type: 'number' };
  if (kind === 'boolean') return want === 'options' ? { type: 'array', items: { type: 'boolean' } } : { type: 'boolean' };
  if (kind === 'date') return want === 'options' ? { type: 'array', items: { type: 'string', format: 'date' } } : { type: 'string', format: 'date' };
  return undefined;
}

/** The constraints on operator and value for paths of one kind with the same options. */
function pathRules(kind: FactKind, options: readonly string[] | undefined, operators: KnownOperators): Json {
  const ops = operatorsFor(kind, operators);
  const byWant = new Map<OperatorValue, string[]>();
  for (const o of ops) byWant.set(o.value, [...(byWant.get(o.value) ?? []), o.name]);
  const allOf: Json[] = [];
  for (const [want, names] of byWant) {
    const value = valueFor(want, kind, options);
    if (value) allOf.push({ if: whenIn('operator', names), then: { properties: { value } } });
  }
  return {
    properties: { operator: choices(ops.map((o) => o.name), ops.map((o) => o.description)) },
    ...(allOf.length > 0 ? { allOf } : {}),
  };
}

/** A readable definition name for a group of paths: their kind, and the first path when they share options. */
const groupName = (entries: readonly FactEntry[]) => {
  const e = entries[0]!;
  if (e.kind === 'answer') return 'answer';
  if (!e.options) return e.kind;
  return `${e.kind}-${e.fact}.${e.path}`;
};

/** The definitions that tie a comparison's fact, path, operator and value together. */
function comparisonDefinitions(operators: KnownOperators): { factChoices: Json; factRules: Json[]; definitions: Record<string, Json> } {
  const catalog = factCatalog();
  const definitions: Record<string, Json> = {};
  // Paths that read the same way (kind and options) share one definition: yes / no / unsure is most of them.
  const groups = new Map<string, FactEntry[]>();
  for (const e of catalog) {
    const key = `${e.kind}|${e.options?.join(',') ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const defOf = new Map<string, string>();
  for (const [key, entries] of groups) {
    const name = `paths-${groupName(entries)}`;
    definitions[name] = { description: `How paths of kind ${entries[0]!.kind} are compared.`, ...pathRules(entries[0]!.kind, entries[0]!.options, operators) };
    defOf.set(key, name);
  }
  const factIds = [...new Set(catalog.map((e) => e.fact))];
  const shape = intakeSchema.shape as Record<string, z.core.$ZodType>;
  const factDescriptions = factIds.map((f) => {
    if (f === 'derived') return 'Facts computed from the answers against the appointment date (ages, days since, regions).';
    const m = shape[f] ? z.globalRegistry.get(shape[f]) : undefined;
    return [m?.title, m?.description].filter((s) => typeof s === 'string').join(' — ') || f;
  });
  const factRules: Json[] = [];
  for (const fact of factIds) {
    const entries = catalog.filter((e) => e.fact === fact);
    const byDef = new Map<string, string[]>();
    for (const e of entries) {
      const def = defOf.get(`${e.kind}|${e.options?.join(',') ?? ''}`)!;
      byDef.set(def, [...(byDef.get(def) ?? []), e.path]);
    }
    definitions[`fact-${fact}`] = {
      description: `The paths of the fact "${fact}".`,
      properties: { path: choices(entries.map((e) => e.path), entries.map(describeEntry)) },
      allOf: [...byDef].map(([def, paths]) => ({ if: whenIn('path', paths), then: { $ref: `#/definitions/${def}` } })),
    };
    factRules.push({ if: whenIn('fact', [fact]), then: { $ref: `#/definitions/fact-${fact}` } });
  }
  return { factChoices: choices(factIds, factDescriptions), factRules, definitions };
}

/** Add `enumDescriptions` to every enum of a known vocabulary, wherever zod put it. */
function describeVocabularies(node: unknown, descriptions: ReadonlyMap<string, Record<string, string>>): void {
  if (Array.isArray(node)) {
    for (const n of node) describeVocabularies(n, descriptions);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Json;
  if (Array.isArray(o.enum) && !o.enumDescriptions) {
    const key = [...(o.enum as unknown[])].map(String).sort().join(',');
    const labels = descriptions.get(key);
    if (labels) o.enumDescriptions = (o.enum as string[]).map((v) => labels[v] ?? v);
  }
  for (const v of Object.values(o)) describeVocabularies(v, descriptions);
}

/** Replace every object titled `title` below `node` (but the definition itself) by a `$ref` to a definition of that name. */
function extract(node: unknown, title: string, into: Record<string, unknown>): void {
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && (v as Json).title === title && into[title] !== v) {
      into[title] ??= v;
      (node as Json)[k] = { $ref: `#/definitions/${title}` };
      extract(into[title], title, into);
    } else extract(v, title, into);
  }
}

function techniqueDescriptions(): Record<string, string> {
  const list = (DEFAULT_TECHNIQUES as { techniques?: { id: string; name: string; description: string }[] }).techniques ?? [];
  return Object.fromEntries(list.map((t) => [t.id, `${t.name}: ${t.description}`]));
}

/**
 * The JSON Schema of a rules file, built from the zod format, the fact catalog, the operators (the built-ins and the
 * custom ones given) and the technique catalog.
 */
export function buildRulesJsonSchema(operators: KnownOperators = BUILT_IN_OPERATORS): Json {
  const schema = toLabelledJsonSchema(ruleSetSchema);
  const definitions = (schema.definitions ?? {}) as Record<string, unknown>;
  // zod names the definitions it needs for recursion `__schema0`…; the one recursive schema is a rule's condition.
  const generated = Object.keys(definitions).filter((k) => k.startsWith('__schema'));
  if (generated.length !== 1) throw new Error(`rules.schema.json: expected one recursive definition, found ${generated.length}.`);
  const text = JSON.stringify(schema).replaceAll(`#/definitions/${generated[0]}"`, '#/definitions/Condition"');
  const out = JSON.parse(text) as Json;
  const defs = out.definitions as Record<string, unknown>;
  defs.Condition = defs[generated[0]!];
  delete defs[generated[0]!];
  for (const title of ['Comparison', 'Rule', 'Outcome', 'Reference']) extract(out, title, defs);

  const comparison = defs.Comparison as Json & { properties: Record<string, Json> };
  const { factChoices, factRules, definitions: added } = comparisonDefinitions(operators);
  Object.assign(comparison.properties.fact!, factChoices);
  // The operators are offered per path (those that fit it); a list of all of them here would be offered too.
  comparison.allOf = factRules;
  Object.assign(defs, added);

  // Regions taken from the intake: only the list facts whose options are body regions.
  const regionFacts = factCatalog().filter((e) => e.kind === 'list' && e.options?.length === BODY_REGIONS.length && e.options.every((o) => (BODY_REGIONS as readonly string[]).includes(o)));
  const outcome = defs.Outcome as Json & { properties: Record<string, Json> };
  const from = outcome.properties.regionsFrom!;
  from.items = { ...(from.items as Json), ...choices(regionFacts.map((e) => `${e.fact}.${e.path}`), regionFacts.map((e) => e.title)) };

  const vocabularies = new Map<string, Record<string, string>>([
    [[...TECHNIQUES].sort().join(','), techniqueDescriptions()],
    [[...BODY_REGIONS].sort().join(','), BODY_REGION_LABELS as Record<string, string>],
    [[...POSITIONING].sort().join(','), POSITIONING_DESCRIPTIONS as Record<string, string>],
    [[...DISPOSITIONS].sort().join(','), DISPOSITION_LABELS as Record<string, string>],
  ]);
  describeVocabularies(out, vocabularies);
  return out;
}
