/** `massage-triage rules lint|test`: check rules files, and run fixture cases against a rule set. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { en } from 'zod/locales';
import { checkRuleSet, fixtureFileSchema, runFixtures, type FixtureFile } from 'massage-triage';
import { EXIT, packageRoot, parseCommandArgs, readText, style, useColor, usageError, writeOut, RULE_ARG_OPTIONS, type ExitCode } from '../io.js';
import { formatProblems, locatePathProblems, locateSyntaxErrors } from '../rules-problems.js';
import { readRuleSources, screenerFrom } from '../rules-source.js';

export const RULES_HELP = `Usage: massage-triage rules <lint|test> [options]

  rules lint FILE...                 Check rules files; print every problem as FILE:LINE:COL: error: message (path) [code]
  rules test [options] [FIXTURES...] Run fixture files against the rule set (default: the package's default fixtures)

Run "massage-triage rules lint --help" or "massage-triage rules test --help" for details.
`;

export const LINT_HELP = `Usage: massage-triage rules lint FILE...

Check each rules file against the rules format and the fact catalog, and report every problem at once:
  FILE:LINE:COL: error: message (path) [code]
A clean file prints "FILE: ok (N rules)".

Options:
  -h, --help   Show this help

Exit codes: 0 every file is clean, 1 some file has a problem, 2 usage error (no file, unreadable file).
`;

export const TEST_HELP = `Usage: massage-triage rules test [options] [FIXTURES...]

Run fixture files ({ "at", "base"?, "cases": [{ "name", "set", "fires", "doesNotFire", "disposition" }] }) against
the rule set, and print PASS or FAIL for each case. Without FIXTURES, runs the package's default fixtures
(rules/fixtures/default/*.json).

Options:
  --rules FILE    Use this rules file instead of the bundled default set
  --extend FILE   Add a rules file to the set (repeatable)
  --disable ID    Do not run the rule with this id (repeatable)
  -h, --help      Show this help

Exit codes: 0 every case passed, 1 a case failed or a file is invalid, 2 usage error.
`;

async function lint(args: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    await writeOut(process.stdout, LINT_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw usageError('rules lint takes one or more rules files.');
  let bad = 0;
  let total = 0;
  for (const file of positionals) {
    const text = await readText(file);
    const syntax = locateSyntaxErrors(text);
    let lines: string[];
    if (syntax.length > 0) lines = formatProblems(file, syntax);
    else {
      const checked = checkRuleSet(JSON.parse(text) as unknown);
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
  const { values, positionals } = parseCommandArgs(args, { ...RULE_ARG_OPTIONS, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    await writeOut(process.stdout, TEST_HELP);
    return EXIT.ok;
  }
  const files = positionals.length > 0 ? positionals : await defaultFixtures();
  if (files.length === 0) throw usageError('No fixture files given, and the package has no default fixtures.');
  const screener = screenerFrom(await readRuleSources(values));
  const s = style(useColor());
  let passed = 0;
  let failed = 0;
  let invalidFiles = 0;
  for (const file of files) {
    const text = await readText(file);
    await writeOut(process.stdout, `${s.bold(file)}\n`);
    const syntax = locateSyntaxErrors(text);
    let fixture: FixtureFile | undefined;
    if (syntax.length > 0) await writeOut(process.stdout, `${formatProblems(file, syntax).join('\n')}\n`);
    else {
      const parsed = fixtureFileSchema.safeParse(JSON.parse(text) as unknown, { error: en().localeError });
      if (parsed.success) fixture = parsed.data;
      else {
        const problems = parsed.error.issues.map((i) => {
          const path = i.path.map((p) => (typeof p === 'symbol' ? String(p.description) : p));
          return { path, pathString: path.map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? p : `.${p}`)).join(''), code: 'invalid_fixture', message: i.message };
        });
        await writeOut(process.stdout, `${formatProblems(file, locatePathProblems(text, problems)).join('\n')}\n`);
      }
    }
    if (!fixture) {
      invalidFiles += 1;
      continue;
    }
    for (const r of await runFixtures(screener, fixture)) {
      if (r.passed) passed += 1;
      else failed += 1;
      const lines = [`  ${r.passed ? s.green('PASS') : s.red('FAIL')} ${r.name}`];
      for (const f of r.failures) lines.push(`       ${f}`);
      if (!r.passed) lines.push(`       fired: ${r.fired.length > 0 ? r.fired.join(', ') : '(none)'}`);
      await writeOut(process.stdout, `${lines.join('\n')}\n`);
    }
  }
  const summary = `${passed} passed, ${failed} failed${invalidFiles > 0 ? `, ${invalidFiles} invalid file${invalidFiles === 1 ? '' : 's'}` : ''} (${files.length} file${files.length === 1 ? '' : 's'}).`;
  await writeOut(process.stdout, `\n${failed + invalidFiles > 0 ? s.red(summary) : s.green(summary)}\n`);
  return failed + invalidFiles > 0 ? EXIT.findings : EXIT.ok;
}

export async function rulesCommand(args: readonly string[]): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub === 'lint') return lint(rest);
  if (sub === 'test') return test(rest);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    await writeOut(sub === undefined ? process.stderr : process.stdout, RULES_HELP);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  throw usageError(`Unknown rules command "${sub}": use lint or test.`);
}
