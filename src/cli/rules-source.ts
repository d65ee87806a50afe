/**
 * Which rules a command runs. `--rules FILE` replaces the bundled default set; `--extend FILE` (repeatable) adds a set
 * to it (or to the `--rules` set); `--disable ID` (repeatable) switches a rule off. Every file is checked on its own
 * first, so a problem is reported at its place in its file, as `rules lint` reports it.
 */
import { checkRuleSet, createScreener, defaultRuleSet, isRuleSetError, type LoadedRuleSet, type Screener } from 'massage-triage';
import { CliError, EXIT, parseJsonText, readText } from './io.js';
import { formatProblems, locateRuleSetProblems } from './rules-problems.js';

/** The rule options as parsed from the command line. */
export interface RuleOptions {
  readonly rules?: string | undefined;
  readonly extend?: readonly string[] | undefined;
  readonly disable?: readonly string[] | undefined;
}

/** The rule sets as JSON, for a worker thread that builds its own screener (a LoadedRuleSet is not transferable as is). */
export interface RuleSources {
  /** Parsed rules files, in order; `null` stands for the bundled default set. */
  readonly sets: readonly (unknown | null)[];
  readonly disable: readonly string[];
}

async function loadFile(file: string): Promise<unknown> {
  const text = await readText(file);
  const json = parseJsonText(text, file);
  const checked = checkRuleSet(json);
  if (!checked.ok) {
    const lines = formatProblems(file, locateRuleSetProblems(text, checked.problems));
    throw new CliError(`${lines.join('\n')}\n${file}: the rules file has ${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'}; run "massage-triage rules lint ${file}".`, EXIT.findings);
  }
  return json;
}

/** Read and check the rules files the options name. */
export async function readRuleSources(o: RuleOptions): Promise<RuleSources> {
  const sets: (unknown | null)[] = [o.rules === undefined ? null : await loadFile(o.rules)];
  for (const f of o.extend ?? []) sets.push(await loadFile(f));
  return { sets, disable: [...(o.disable ?? [])] };
}

/** Build the screener for checked sources; problems across sets (a duplicate id, an unknown `--disable`) exit 1. */
export function screenerFrom(sources: RuleSources): Screener {
  const sets: (LoadedRuleSet | unknown)[] = sources.sets.map((s) => (s === null ? defaultRuleSet() : s));
  try {
    return createScreener({ rules: sets.length === 1 ? sets[0] : sets, disable: sources.disable });
  } catch (e) {
    if (isRuleSetError(e)) throw new CliError(e.problems.map((p) => `error: ${p.message} [${p.code}]`).join('\n'), EXIT.findings);
    throw e;
  }
}
