/**
 * The catalog of what rules can read: every question of the intake (fact = its group, path = the question) and
 * every derived fact (fact = `derived`). Read from the zod schemas themselves (their definitions and `.meta()`), so it
 * is always the intake the code validates, and the JSON Schema export stays out of the core bundle.
 */
import * as z from 'zod/mini';
import { intakeSchema, NOT_ANSWER_GROUPS } from '../intake/schema.js';
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

interface Def {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly out?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly entries?: Readonly<Record<string, string>>;
  readonly format?: string;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
}

const defOf = (s: z.core.$ZodType): Def => s._zod.def as unknown as Def;

/** Through optional, nullable, default and preprocess wrappers to the schema that says what the value is. */
function core(s: z.core.$ZodType): z.core.$ZodType {
  const d = defOf(s);
  if (d.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional'].includes(d.type)) return core(d.innerType);
  if (d.type === 'pipe' && d.out) return core(d.out);
  return s;
}

function kindOf(s: z.core.$ZodType): { kind: FactKind; options?: string[] } {
  const c = core(s);
  const d = defOf(c);
  if (d.type === 'array' && d.element) {
    const item = defOf(core(d.element));
    return item.type === 'enum' && item.entries ? { kind: 'list', options: Object.values(item.entries) } : { kind: 'list' };
  }
  if (d.type === 'enum' && d.entries) {
    const options = Object.values(d.entries);
    const isAnswer = options.length === 3 && ['yes', 'no', 'unsure'].every((o) => options.includes(o));
    return { kind: isAnswer ? 'answer' : 'choice', options };
  }
  if (d.type === 'number' || d.type === 'int') return { kind: 'number' };
  if (d.type === 'boolean') return { kind: 'boolean' };
  if (d.type === 'string' && d.format === 'date') return { kind: 'date' };
  return { kind: 'text' };
}

function entriesOf(fact: string, objectSchema: z.core.$ZodType): FactEntry[] {
  // core(): a group added in a later model is wrapped in a default (an empty group).
  return Object.entries(defOf(core(objectSchema)).shape ?? {}).map(([path, field]) => {
    const { kind, options } = kindOf(field);
    const meta = z.globalRegistry.get(field) ?? {};
    return {
      fact,
      path,
      kind,
      title: typeof meta.title === 'string' ? meta.title : path,
      ...(options ? { options } : {}),
      ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
    };
  });
}

let cached: readonly FactEntry[] | undefined;

/** Every fact path a rule may use, in the order of the intake form, then the derived facts. */
export function factCatalog(): readonly FactEntry[] {
  if (cached) return cached;
  const groups = Object.entries(intakeSchema.shape).filter(([k]) => !NOT_ANSWER_GROUPS.has(k));
  const entries = groups.flatMap(([group, schema]) => entriesOf(group, schema as z.core.$ZodType));
  entries.push(...entriesOf('derived', derivedFactsSchema));
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
