/**
 * `npm run pin-fixtures`: give every enabled default rule a fixture case that states its whole outcome. For each rule
 * with no fully pinned case, the expectations are added to its first firing case (for a local rule, the first that
 * names its regions), computed from the rule's own outcome and the case's answers, never from a screening. What is
 * already written stays. Re-running changes nothing (idempotent); the output depends only on the rules and fixtures
 * (deterministic). Afterwards the changed files are run and any failing case is listed (exit 1).
 *
 *   npx tsx scripts/pin-fixtures.ts [--check] [--repin ID,ID|all]
 *   --check: change nothing, exit 1 when a rule lacks a pinned case
 *   --repin: first drop the stated outcomes of these rules (after a rule's outcome was changed on purpose)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScreener, loadRuleSet, runFixtures, TECHNIQUES, type FixtureFile, type Rule } from '../src/index.js';
import { caseViews, expectedOutcome, isFullyPinned, loadFixtures, pinnable, PIN_KEYS, type CaseView } from './fixture-analysis.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_FILE = path.join(ROOT, 'rules/default.rules.json');
export const FIXTURE_DIR = path.join(ROOT, 'rules/fixtures/default');

/** The case to pin a rule in: its first firing case, or for a local rule the first that names its regions. */
function chooseCase(rule: Rule, views: readonly CaseView[]): CaseView | undefined {
  const firing = views.filter((v) => pinnable(v, rule));
  if (rule.outcome.scope === 'local') {
    const named = firing.find((v) => expectedOutcome(rule, v.facts).scope === 'local');
    if (named) return named;
  }
  return firing[0];
}

/** One pinned rule: where, and whether a local rule could be pinned only without regions. */
export interface Pin {
  readonly ruleId: string;
  readonly file: string;
  readonly caseName: string;
  readonly withoutRegions: boolean;
}

/**
 * Add the missing expectations to the fixture files (in memory). Returns the pins made, the rules with no firing case
 * to pin in, and the files changed.
 */
export function pinFixtures(rules: readonly Rule[], files: Map<string, FixtureFile>): { pins: Pin[]; noCase: string[]; changed: Set<string> } {
  const pins: Pin[] = [];
  const noCase: string[] = [];
  const changed = new Set<string>();
  // The views hold the very case objects of `files`, so a pin made below is seen by the rules after it.
  const views = caseViews([...files].map(([file, data]) => ({ file, data })));
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    if (views.some((v) => isFullyPinned(rule, v))) continue;
    const view = chooseCase(rule, views);
    if (!view) {
      noCase.push(rule.id);
      continue;
    }
    const c = view.case;
    const want = expectedOutcome(rule, view.facts);
    const had = c.outcomes?.[rule.id] ?? {};
    // What a case already states is kept; only the missing fields are added, in a fixed order.
    const outcome = Object.fromEntries(PIN_KEYS.map((k) => [k, had[k] !== undefined ? had[k] : want[k]]));
    c.outcomes = { ...c.outcomes, [rule.id]: outcome };
    // A systemic ban keeps the technique out of the suggestions; a local one is pinned by the outcome alone.
    if (want.scope === 'systemic' && want.avoidTechniques.length > 0) {
      const all = new Set([...(c.notSuggested ?? []), ...want.avoidTechniques]);
      c.notSuggested = TECHNIQUES.filter((t) => all.has(t));
    }
    changed.add(view.file);
    pins.push({ ruleId: rule.id, file: path.basename(view.file), caseName: c.name, withoutRegions: rule.outcome.scope === 'local' && want.scope !== 'local' });
  }
  return { pins, noCase, changed };
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const rules = loadRuleSet(JSON.parse(fs.readFileSync(RULES_FILE, 'utf8'))).rules;
  const files = new Map(loadFixtures(FIXTURE_DIR).map((f) => [f.file, structuredClone(f.data)]));
  const repinArg = process.argv.indexOf('--repin');
  const repin = repinArg > 0 ? (process.argv[repinArg + 1] ?? '').split(',').filter(Boolean) : [];
  const dropped = new Set<string>();
  for (const [file, data] of files)
    for (const c of data.cases)
      for (const id of Object.keys(c.outcomes ?? {}))
        if (repin.includes('all') || repin.includes(id)) {
          delete c.outcomes![id];
          if (Object.keys(c.outcomes!).length === 0) delete c.outcomes;
          dropped.add(file);
        }
  const { pins, noCase, changed } = pinFixtures(rules, files);
  for (const f of dropped) changed.add(f);
  for (const p of pins) console.log(`${check ? 'unpinned' : 'pinned'} ${p.ruleId} in ${p.file}: "${p.caseName}"${p.withoutRegions ? ' (no case names its regions: add one)' : ''}`);
  for (const id of noCase) console.log(`no firing case for ${id}: add one to ${path.relative(ROOT, FIXTURE_DIR)}`);
  if (check) return pins.length + noCase.length > 0 ? 1 : 0;
  for (const file of changed) fs.writeFileSync(file, `${JSON.stringify(files.get(file), null, 2)}\n`);
  const screener = createScreener({ rules: loadRuleSet(JSON.parse(fs.readFileSync(RULES_FILE, 'utf8'))) });
  let failed = 0;
  for (const file of [...changed].sort()) {
    for (const r of await runFixtures(screener, files.get(file)!)) {
      if (r.passed) continue;
      failed += 1;
      console.log(`FAIL ${path.basename(file)}: ${r.name}\n  ${r.failures.join('\n  ')}`);
    }
  }
  console.log(`${pins.length} rule${pins.length === 1 ? '' : 's'} pinned in ${changed.size} file${changed.size === 1 ? '' : 's'}; ${noCase.length} without a firing case; ${failed} failing case${failed === 1 ? '' : 's'}.`);
  return failed + noCase.length > 0 || pins.some((p) => p.withoutRegions) ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
