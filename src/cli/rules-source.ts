/**
 * Which rules a command runs. `--rules FILE` replaces the bundled default set; `--extend FILE` (repeatable) adds a set
 * to it (or to the `--rules` set); `--disable ID` (repeatable) switches a rule off. Every file is checked on its own
 * first, so a problem is reported at its place in its file, as `rules lint` reports it.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkRuleSet, createScreener, defaultRuleSet, isRuleSetError, type CustomOperator, type LoadedRuleSet, type Screener } from 'massage-triage';
import { CliError, EXIT, parseJsonText, readText } from './io.js';
import { formatProblems, locateRuleSetProblems } from './rules-problems.js';

/** The rule options as parsed from the command line. */
export interface RuleOptions {
  readonly rules?: string | undefined;
  readonly extend?: readonly string[] | undefined;
  readonly disable?: readonly string[] | undefined;
  /** Custom operators, imported with {@link importOperators} (`--operators FILE`). */
  readonly operators?: readonly CustomOperator[] | undefined;
}

/** The rule sets as JSON, for a worker thread that builds its own screener (a LoadedRuleSet is not transferable as is). */
export interface RuleSources {
  /** Parsed rules files, in order; `null` stands for the bundled default set. */
  readonly sets: readonly (unknown | null)[];
  readonly disable: readonly string[];
  /**
   * Custom operators (`--operators FILE`). Functions cannot be posted to a worker thread, so only the commands that
   * screen on the main thread take them.
   */
  readonly operators?: readonly CustomOperator[];
}

/**
 * `--operators FILE`: import a JavaScript module of the host app that exports its custom operators (`export default
 * [...]` or `export const operators = [...]`), the list it gives `createScreener`. This runs the module's code: it is
 * the app's own code, never a rules file. The list is checked as `createScreener` checks it.
 */
export async function importOperators(file: string): Promise<readonly CustomOperator[]> {
  let mod: { default?: unknown; operators?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as typeof mod;
  } catch (e) {
    // The module is the developer's own code: its error (a syntax error, a missing import) is what they need to see.
    throw new CliError(`${file}: the operators module could not be imported: ${e instanceof Error ? e.message : String(e)}`, EXIT.usage);
  }
  const list = mod.operators ?? mod.default;
  if (!Array.isArray(list)) throw new CliError(`${file}: export the custom operators as a list: "export default [...]" or "export const operators = [...]".`, EXIT.usage);
  // An operator list with problems is refused before any rules file is read: the problems are the module's.
  const checked = checkRuleSet(undefined, { operators: list as CustomOperator[] });
  const own = checked.ok ? [] : checked.problems.filter((p) => p.path[0] === 'operators');
  if (own.length > 0) throw new CliError(own.map((p) => `${file}: error: ${p.message} (${p.pathString}) [${p.code}]`).join('\n'), EXIT.findings);
  return list as CustomOperator[];
}

async function loadFile(file: string, operators: readonly CustomOperator[] | undefined): Promise<unknown> {
  const text = await readText(file);
  const json = parseJsonText(text, file);
  const checked = checkRuleSet(json, operators ? { operators } : undefined);
  if (!checked.ok) {
    const lines = formatProblems(file, locateRuleSetProblems(text, checked.problems));
    throw new CliError(`${lines.join('\n')}\n${file}: the rules file has ${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'}; run "massage-triage rules lint ${file}".`, EXIT.findings);
  }
  return json;
}

/** Read and check the rules files the options name. */
export async function readRuleSources(o: RuleOptions): Promise<RuleSources> {
  const sets: (unknown | null)[] = [o.rules === undefined ? null : await loadFile(o.rules, o.operators)];
  for (const f of o.extend ?? []) sets.push(await loadFile(f, o.operators));
  return { sets, disable: [...(o.disable ?? [])], ...(o.operators ? { operators: o.operators } : {}) };
}

/** Build the screener for checked sources; problems across sets (a duplicate id, an unknown `--disable`) exit 1. */
export function screenerFrom(sources: RuleSources): Screener {
  const sets: (LoadedRuleSet | unknown)[] = sources.sets.map((s) => (s === null ? defaultRuleSet() : s));
  try {
    return createScreener({ rules: sets.length === 1 ? sets[0] : sets, disable: sources.disable, ...(sources.operators ? { operators: sources.operators } : {}) });
  } catch (e) {
    if (isRuleSetError(e)) throw new CliError(e.problems.map((p) => `error: ${p.message} [${p.code}]`).join('\n'), EXIT.findings);
    throw e;
  }
}
