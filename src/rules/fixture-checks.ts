/**
 * Fixtures that cannot pass by accident. A fixture file is checked as a whole before it runs: every shape problem in
 * plain words, and every rule id its cases name that no loaded rule set has (a `doesNotFire` with a misspelt id would
 * otherwise always pass). Problems do not hide one another: the cases that are well-formed still run.
 */
import type * as z from 'zod/mini';
import { englishMessages } from '../intake/fields.js';
import { fixtureFileSchema, type FixtureFile } from './fixtures.js';
import { isRecord } from './path.js';
import { closestMatch } from '../intake/spelling.js';
import { plainIssueMessage } from './plain-messages.js';

/** What kind of problem a fixture file has. */
export type FixtureProblemCode = 'invalid_fixture' | 'unknown_rule';

/** One problem in a fixture file, at its JSON path. */
export interface FixtureProblem {
  readonly path: readonly (string | number)[];
  /** The path as `cases[2].fires[0]`. */
  readonly pathString: string;
  readonly code: FixtureProblemCode;
  readonly message: string;
  /** For `unknown_rule`: the id no loaded rule set has. */
  readonly ruleId?: string;
  /** For `unknown_rule`: the loaded id it is probably a typo of. */
  readonly didYouMean?: string;
}

/** A checked fixture file: its problems, and what of it can still run. */
export interface CheckedFixtureFile {
  readonly problems: readonly FixtureProblem[];
  /**
   * The file with only its well-formed cases, ready for `runFixtures`; undefined when nothing can run (no valid
   * appointment date, or no well-formed case).
   */
  readonly runnable: FixtureFile | undefined;
}

const pathString = (path: readonly (string | number)[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

const problemAt = (path: (string | number)[], code: FixtureProblemCode, message: string, extra: Partial<FixtureProblem> = {}): FixtureProblem => ({
  path,
  pathString: pathString(path),
  code,
  message,
  ...extra,
});

type Shape = Readonly<Record<string, z.core.$ZodType>>;
const caseSchema = (fixtureFileSchema.shape.cases as unknown as { _zod: { def: { element: z.ZodMiniType & { shape: Shape } } } })._zod.def.element;

/** The keys an object at `path` may have: the file's, or a case's. */
function keysAt(path: readonly PropertyKey[]): readonly string[] {
  return path.length === 0 ? Object.keys(fixtureFileSchema.shape) : path.length === 2 && path[0] === 'cases' ? Object.keys(caseSchema.shape) : [];
}

/** Shape problems in plain words; an unknown key is reported at the key, with the field it is probably a typo of. */
function shapeProblems(issues: readonly z.core.$ZodIssue[]): FixtureProblem[] {
  return issues.flatMap((raw) => {
    const path = raw.path.map((p) => (typeof p === 'symbol' ? String(p.description) : p));
    if (raw.code === 'unrecognized_keys')
      return raw.keys.map((key) => {
        const near = closestMatch(key, keysAt(raw.path));
        return problemAt([...path, key], 'invalid_fixture', `\`${key}\` is not a field here${near ? `; did you mean \`${near}\`?` : '.'}`);
      });
    return [problemAt(path, 'invalid_fixture', plainIssueMessage(raw) ?? raw.message)];
  });
}

/** The well-formed cases of a file that is not well-formed as a whole, with the file's date when it has a valid one. */
function salvage(input: unknown): FixtureFile | undefined {
  if (!isRecord(input) || !Array.isArray(input.cases)) return undefined;
  const atOk = fixtureFileSchema.shape.at.safeParse(input.at).success;
  const baseOk = input.base === undefined || isRecord(input.base);
  if (!baseOk) return undefined;
  const cases = input.cases.filter((c) => caseSchema.safeParse(c).success && (atOk || (isRecord(c) && typeof c.at === 'string')));
  if (cases.length === 0) return undefined;
  // A case with its own date runs even when the file's is wrong: the file's then stands in only to satisfy the format.
  const at = atOk ? input.at : (cases.find((c) => isRecord(c) && typeof c.at === 'string') as { at: string }).at;
  const r = fixtureFileSchema.safeParse({ at, cases, ...(input.base === undefined ? {} : { base: input.base }) });
  return r.success ? r.data : undefined;
}

/** Every rule id the cases name that `known` does not have, with a "did you mean" when one is close. */
function unknownRuleIds(input: unknown, known: ReadonlySet<string>): FixtureProblem[] {
  if (!isRecord(input) || !Array.isArray(input.cases)) return [];
  const out: FixtureProblem[] = [];
  input.cases.forEach((c, i) => {
    if (!isRecord(c)) return;
    for (const key of ['fires', 'doesNotFire'] as const) {
      const ids = c[key];
      if (!Array.isArray(ids)) continue;
      ids.forEach((id, k) => {
        if (typeof id !== 'string' || known.has(id)) return;
        const near = closestMatch(id, known);
        out.push(
          problemAt(['cases', i, key, k], 'unknown_rule', `No loaded rule set has a rule "${id}"${near ? `; did you mean "${near}"?` : '.'}`, {
            ruleId: id,
            ...(near ? { didYouMean: near } : {}),
          }),
        );
      });
    }
  });
  return out;
}

/**
 * Check a fixture file (parsed JSON) against its format and against the rule ids of the loaded rule sets. Reports
 * every problem at once, in plain words, and gives back the part of the file that can still run. Never throws.
 *
 * @param input - the fixture file as parsed JSON.
 * @param ruleIds - the ids of every rule in the loaded rule sets (`screener.ruleSets.flatMap((s) => s.rules.map((r) => r.id))`).
 */
export function checkFixtureFile(input: unknown, ruleIds: Iterable<string>): CheckedFixtureFile {
  const parsed = fixtureFileSchema.safeParse(input, englishMessages());
  const problems = parsed.success ? [] : shapeProblems(parsed.error.issues);
  problems.push(...unknownRuleIds(input, new Set(ruleIds)));
  return { problems, runnable: parsed.success ? parsed.data : salvage(input) };
}
