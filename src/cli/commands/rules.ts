/** `massage-triage rules lint|test`: check rules files, and run fixture cases against a rule set. */
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkFixtureFile, checkRuleSet, fixtureCoverage, runFixtures, type FixtureCoverage, type FixtureFile } from 'massage-triage';
import { EXIT, packageRoot, parseCommandArgs, readText, style, useColor, usageError, writeOut, RULE_ARG_OPTIONS, type ExitCode } from '../io.js';
import { impactCommand } from './impact.js';
import { formatProblems, locatePathProblems, locateSyntaxErrors } from '../rules-problems.js';
import { importOperators, readRuleSources, screenerFrom } from '../rules-source.js';

export const RULES_HELP = `Usage: massage-triage rules <lint|test|impact> [options]

  rules lint FILE...                 Check rules files; print every problem as FILE:LINE:COL: error: message (path) [code]
  rules test [options] [FIXTURES...] Run fixture files against the rule set (default: the package's default fixtures);
                                     --coverage reports which rules have a firing case and a near miss
  rules impact --from OLD --to NEW --corpus FILE
                                     Screen a corpus with both rule sets: how dispositions move, which intakes
                                     changed and why, which rules fire more or less often

Run "massage-triage rules lint --help" (or test, impact) for details.
`;

export const LINT_HELP = `Usage: massage-triage rules lint [--operators MODULE] FILE...

Check each rules file against the rules format and the fact catalog, and report every problem at once:
  FILE:LINE:COL: error: message (path) [code]
A clean file prints "FILE: ok (N rules)".

Options:
  --operators MODULE   Import the app's custom operators from this JavaScript module ("export default [...]" or
                       "export const operators = [...]", the list given to createScreener), so rules may name them.
                       This runs the module's code: pass only your own.
  -h, --help           Show this help

Exit codes: 0 every file is clean, 1 some file has a problem, 2 usage error (no file, unreadable file).
`;

export const TEST_HELP = `Usage: massage-triage rules test [options] [FIXTURES...]

Run fixture files ({ "at", "base"?, "cases": [{ "name", "set", "fires", "doesNotFire", "disposition" }] }) against
the rule set, and print PASS or FAIL for each case. Without FIXTURES, runs the package's default fixtures
(rules/fixtures/default/*.json).

Each file is checked first and every problem is reported at once, as FILE:LINE:COL: error: message: a field that is
missing or misspelt, and a rule id in "fires" or "doesNotFire" that no loaded rule set has (with "did you mean" for a
typo, and a hint to pass --extend when the ids belong to a rules file that was not loaded). The well-formed cases of
a file with problems still run; the problems make the run fail.

Options:
  --rules FILE          Use this rules file instead of the bundled default set
  --extend FILE         Add a rules file to the set (repeatable)
  --disable ID          Do not run the rule with this id (repeatable)
  --operators MODULE    Import the app's custom operators from this JavaScript module (see "rules lint --help");
                        runs the module's code
  --coverage            After the cases, report per rule whether a case fires it and whether a near miss (a case
                        that expects it not to fire) exists, and each comparison no case ever made true. Rule sets
                        no case names are not under test and not counted.
  --min-coverage N      Fail (exit 1) when fewer than N % of the rules under test have both a firing case and a
                        near miss (implies the coverage summary)
  -h, --help            Show this help

Example:
  massage-triage rules test --extend clinic.rules.json clinic.fixtures.json --coverage --min-coverage 100

Exit codes: 0 every case passed, 1 a case failed, a file has problems or coverage is below --min-coverage, 2 usage
error.
`;

async function lint(args: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, { operators: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    await writeOut(process.stdout, LINT_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw usageError('rules lint takes one or more rules files.');
  const operators = values.operators === undefined ? undefined : await importOperators(values.operators);
  let bad = 0;
  let total = 0;
  for (const file of positionals) {
    const text = await readText(file);
    const syntax = locateSyntaxErrors(text);
    let lines: string[];
    if (syntax.length > 0) lines = formatProblems(file, syntax);
    else {
      const checked = checkRuleSet(JSON.parse(text) as unknown, operators ? { operators } : undefined);
      const problems = locatePathProblems(text, checked.ok ? [] : checked.problems, true);
      if (problems.length === 0 && checked.ok) {
        await writeOut(process.stdout, `${file}: ok (${checked.ruleSet.rules.length} rule${checked.ruleSet.rules.length === 1 ? '' : 's'})\n`);
        continue;
      }
      lines = formatProblems(file, problems);
    }
    bad += 1;
    total += lines.length;
    await writeOut(process.stdout, `${lines.join('\n')}\n`);
  }
  if (bad > 0) process.stderr.write(`${total} problem${total === 1 ? '' : 's'} in ${bad} file${bad === 1 ? '' : 's'}.\n`);
  return bad > 0 ? EXIT.findings : EXIT.ok;
}

async function defaultFixtures(): Promise<string[]> {
  const dir = join(packageRoot(), 'rules', 'fixtures', 'default');
  try {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
    return names.map((n) => join(dir, n));
  } catch {
    return [];
  }
}

async function test(args: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, {
    ...RULE_ARG_OPTIONS,
    operators: { type: 'string' },
    coverage: { type: 'boolean' },
    'min-coverage': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await writeOut(process.stdout, TEST_HELP);
    return EXIT.ok;
  }
  const minCoverage = parseMinCoverage(values['min-coverage']);
  const files = positionals.length > 0 ? positionals : await defaultFixtures();
  if (files.length === 0) throw usageError('No fixture files given, and the package has no default fixtures.');
  const operators = values.operators === undefined ? undefined : await importOperators(values.operators);
  const sources = await readRuleSources({ ...values, operators });
  const screener = screenerFrom(sources);
  const loadedIds = screener.ruleSets.flatMap((set) => set.rules.map((r) => r.id));
  const s = style(useColor());
  let passed = 0;
  let failed = 0;
  let invalidFiles = 0;
  const unknown: { file: string; ids: string[] }[] = [];
  const runnable: FixtureFile[] = [];
  for (const file of files) {
    const text = await readText(file);
    await writeOut(process.stdout, `${s.bold(file)}\n`);
    const syntax = locateSyntaxErrors(text);
    if (syntax.length > 0) {
      await writeOut(process.stdout, `${formatProblems(file, syntax).join('\n')}\n`);
      invalidFiles += 1;
      continue;
    }
    // Every problem of the file at once (shape and unknown rule ids); its well-formed cases still run.
    const checked = checkFixtureFile(JSON.parse(text) as unknown, loadedIds);
    if (checked.problems.length > 0) {
      invalidFiles += 1;
      await writeOut(process.stdout, `${formatProblems(file, locatePathProblems(text, checked.problems)).join('\n')}\n`);
      const notTypos = checked.problems.filter((p) => p.code === 'unknown_rule' && !p.didYouMean).map((p) => p.ruleId!);
      if (notTypos.length > 0) unknown.push({ file, ids: notTypos });
    }
    const fixture = checked.runnable;
    if (!fixture) continue;
    runnable.push(fixture);
    for (const r of await runFixtures(screener, fixture)) {
      if (r.passed) passed += 1;
      else failed += 1;
      const lines = [`  ${r.passed ? s.green('PASS') : s.red('FAIL')} ${r.name}`];
      for (const f of r.failures) lines.push(`       ${f}`);
      if (!r.passed) lines.push(`       fired: ${r.fired.length > 0 ? r.fired.join(', ') : '(none)'}`);
      await writeOut(process.stdout, `${lines.join('\n')}\n`);
    }
  }
  for (const u of unknown) {
    const hint = await extendHint(u.file, u.ids, loadedIds, [values.rules ?? '', ...(values.extend ?? [])].filter(Boolean));
    await writeOut(process.stdout, `\n${s.red(hint)}\n`);
  }
  const summary = `${passed} passed, ${failed} failed${invalidFiles > 0 ? `, ${invalidFiles} file${invalidFiles === 1 ? '' : 's'} with problems` : ''} (${files.length} file${files.length === 1 ? '' : 's'}).`;
  await writeOut(process.stdout, `\n${failed + invalidFiles > 0 ? s.red(summary) : s.green(summary)}\n`);
  let belowMinimum = false;
  if (values.coverage || minCoverage !== undefined) {
    const coverage = await fixtureCoverage(screener, runnable);
    await writeOut(process.stdout, `\n${formatCoverage(coverage, s, values.coverage === true)}\n`);
    if (minCoverage !== undefined && coverage.percent < minCoverage) {
      belowMinimum = true;
      await writeOut(process.stdout, `${s.red(`Coverage ${coverage.percent} % is below --min-coverage ${minCoverage} %.`)}\n`);
    }
  }
  return failed + invalidFiles > 0 || belowMinimum ? EXIT.findings : EXIT.ok;
}

function parseMinCoverage(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw usageError('--min-coverage takes a percentage from 0 to 100.');
  return n;
}

/** The coverage report: a summary line, and per rule what is missing (every rule with `all`). */
function formatCoverage(c: FixtureCoverage, s: ReturnType<typeof style>, all: boolean): string {
  const lines = [s.bold('Coverage')];
  for (const r of c.rules) {
    const missing = [r.firingCases.length === 0 ? 'no case fires it' : '', r.nearMissCases.length === 0 ? 'no near miss' : ''].filter(Boolean);
    if (!all && missing.length === 0 && r.leavesNeverTrue.length === 0) continue;
    const mark = r.covered ? s.green('ok  ') : s.red('MISS');
    lines.push(`  ${mark} ${r.ruleId}  fires: ${r.firingCases.length}, near misses: ${r.nearMissCases.length}${missing.length > 0 ? ` (${missing.join(', ')})` : ''}`);
    for (const l of r.leavesNeverTrue) lines.push(`       never true: ${l.condition}  (${l.path})`);
  }
  if (c.setsNotUnderTest.length > 0) lines.push(`  Not under test (no case names their rules): ${c.setsNotUnderTest.join(', ')}`);
  lines.push(
    `${c.covered} of ${c.total} rules have a firing case and a near miss: ${c.percent} %. ${c.leaves.madeTrue} of ${c.leaves.total} comparisons were made true by some case.`,
  );
  return lines.join('\n');
}

/**
 * Ids that are no typo of a loaded id usually belong to a rules file that was not loaded: name it when a rules file
 * beside the fixture has them, else say what to pass.
 */
async function extendHint(fixtureFile: string, ids: readonly string[], loadedIds: readonly string[], loadedFiles: readonly string[]): Promise<string> {
  const shown = ids.slice(0, 3).map((id) => `"${id}"`).join(', ') + (ids.length > 3 ? ', …' : '');
  for (const dir of new Set([dirname(fixtureFile), dirname(dirname(fixtureFile))])) {
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.rules.json')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (loadedFiles.some((f) => resolve(f) === resolve(path))) continue;
      try {
        const json = JSON.parse(await readText(path)) as { rules?: { id?: unknown }[] };
        const has = new Set((json.rules ?? []).map((r) => r.id));
        if (ids.some((id) => has.has(id))) return `${fixtureFile}: ${shown} ${ids.length === 1 ? 'is' : 'are'} in ${path}, which was not loaded: pass --extend ${path}.`;
      } catch {
        // Not a readable rules file: it cannot be the one meant.
      }
    }
  }
  const prefix = /^[a-z0-9]+-/.exec(ids[0] ?? '')?.[0];
  const foreign = prefix && ids.every((id) => id.startsWith(prefix)) && !loadedIds.some((id) => id.startsWith(prefix));
  return `${fixtureFile}: no loaded rule set has ${shown}${foreign ? ` (no loaded rule starts with "${prefix}")` : ''}. If ${ids.length === 1 ? 'it is' : 'they are'} in another rules file, pass it with --extend FILE.`;
}

export async function rulesCommand(args: readonly string[]): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub === 'lint') return lint(rest);
  if (sub === 'test') return test(rest);
  if (sub === 'impact') return impactCommand(rest);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    await writeOut(sub === undefined ? process.stderr : process.stdout, RULES_HELP);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  throw usageError(`Unknown rules command "${sub}": use lint, test or impact.`);
}
