/**
 * The catalog of what rules can read: every question of the intake (fact = its group, path = the question) and
 * every derived fact (fact = `derived`). Generated from the zod schemas through their JSON Schema, so it is always
 * the intake the code validates.
 */
import { toLabelledJsonSchema } from '../intake/json-schema.js';
import { intakeSchema } from '../intake/schema.js';
import { derivedFactsSchema } from './derived-schema.js';

/** What kind of value a fact path holds; operators are checked against it. */
export type FactKind = 'answer' | 'choice' | 'list' | 'number' | 'date' | 'text' | 'boolean';

/** One readable fact path. */
export interface FactEntry {
  readonly fact: string;
  readonly path: string;
  readonly kind: FactKind;
  /** The allowed values, for `answer`, `choice` and `list`. */
  readonly options?: readonly string[];
  readonly title: string;
  readonly description?: string;
}

type Js = Record<string, unknown>;

function optionsOf(js: Js): string[] | undefined {
  const alts = (js.oneOf ?? js.enum) as unknown[] | undefined;
  if (!Array.isArray(alts)) return undefined;
  return alts.map((a) => (a !== null && typeof a === 'object' ? String((a as Js).const) : String(a)));
}

function kindOf(js: Js): { kind: FactKind; options?: string[] } {
  if (Array.isArray(js.anyOf)) {
    const nonNull = (js.anyOf as Js[]).find((s) => s.type !== 'null');
    return nonNull ? kindOf(nonNull) : { kind: 'text' };
  }
  if (js.type === 'array') {
    const items = (js.items ?? {}) as Js;
    const options = optionsOf(items);
    return options ? { kind: 'list', options } : { kind: 'list' };
  }
  if (js.type === 'integer' || js.type === 'number') return { kind: 'number' };
  if (js.type === 'boolean') return { kind: 'boolean' };
  const options = optionsOf(js);
  if (options) {
    const isAnswer = options.length === 3 && ['yes', 'no', 'unsure'].every((o) => options.includes(o));
    return { kind: isAnswer ? 'answer' : 'choice', options };
  }
  if (js.format === 'date') return { kind: 'date' };
  return { kind: 'text' };
}

function entriesOf(fact: string, objectSchema: Js): FactEntry[] {
  const props = (objectSchema.properties ?? {}) as Record<string, Js>;
  return Object.entries(props).map(([path, js]) => {
    const { kind, options } = kindOf(js);
    const entry: FactEntry = { fact, path, kind, title: String(js.title ?? path) };
    return {
      ...entry,
      ...(options ? { options } : {}),
      ...(typeof js.description === 'string' ? { description: js.description } : {}),
    };
  });
}

/** Fact ids that are not question groups. */
const NOT_FACTS = new Set(['$schema', 'schemaVersion', 'completedAt', 'clearances']);

let cached: readonly FactEntry[] | undefined;

/** Every fact path a rule may use, in the order of the intake form, then the derived facts. */
export function factCatalog(): readonly FactEntry[] {
  if (cached) return cached;
  const intake = toLabelledJsonSchema(intakeSchema);
  const groups = Object.entries((intake.properties ?? {}) as Record<string, Js>).filter(([k]) => !NOT_FACTS.has(k));
  const entries = groups.flatMap(([group, js]) => entriesOf(group, js));
  entries.push(...entriesOf('derived', toLabelledJsonSchema(derivedFactsSchema)));
  cached = Object.freeze(entries);
  return cached;
}

/** The entry for `fact` + `path`, if the catalog has it. */
export function findFact(fact: string, path: string | undefined): FactEntry | undefined {
  if (path === undefined) return undefined;
  return factCatalog().find((e) => e.fact === fact && e.path === path);
}

/** The fact ids (question groups and `derived`). */
export function factIds(): readonly string[] {
  return [...new Set(factCatalog().map((e) => e.fact))];
}
