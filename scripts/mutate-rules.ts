/**
 * `npm run mutate-rules`: edit `rules/default.rules.json` the way a hurried rule author might, one edit at a time, and
 * check that the default fixtures catch each edit. Only rule data changes (never code). Each mutant runs in-process:
 * the mutated copy is loaded, every default fixture case is run with `runFixtures` (what test/rules/default-rules.test.ts
 * runs) and the fixture meta-checks are re-read (what test/rules/fixture-meta.test.ts checks). A mutant is caught when
 * a case fails, a meta-check finds a new gap, or the copy no longer loads.
 *
 *   npx tsx scripts/mutate-rules.ts [--kind NAME] [--verbose]
 *
 * Exit 1 when any mutant survives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScreener, loadRuleSet, runFixtures, type LoadedRuleSet, type RuleCondition, type RuleSetFile } from '../src/index.js';
import { caseViews, fixtureGaps, loadFixtures, type CaseView, type LoadedFixture } from './fixture-analysis.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULES_FILE = path.join(ROOT, 'rules/default.rules.json');
const FIXTURE_DIR = path.join(ROOT, 'rules/fixtures/default');

type RawRule = RuleSetFile['rules'][number];
type Leaf = Extract<RuleCondition, { fact: string }>;

/** One edit of one rule. */
export interface Mutant {
  readonly kind: string;
  readonly ruleId: string;
  /** Edit the rule in place (it is a copy). */
  readonly apply: (rule: RawRule) => void;
}

/** Every comparison of a rule's own conditions (named conditions are left as they are). */
function leaves(c: RuleCondition, out: Leaf[] = []): Leaf[] {
  if ('all' in c) c.all.forEach((s) => leaves(s, out));
  else if ('any' in c) c.any.forEach((s) => leaves(s, out));
  else if ('not' in c) leaves(c.not, out);
  else if ('fact' in c) out.push(c);
  return out;
}

const readsUnsure = (l: Leaf) => l.operator === 'yesOrUnsure' || (l.operator === 'in' && Array.isArray(l.value) && l.value.includes('unsure'));
const isWindow = (l: Leaf) => l.fact === 'derived' && /^daysSince/.test(l.path ?? '') && typeof l.value === 'number' && ['withinDays', 'lessThan', 'lessThanInclusive'].includes(l.operator);

/** The mutants of a rule set: each kind of edit the issue names, applied to every rule it fits. */
export function mutantsOf(file: RuleSetFile): Mutant[] {
  const out: Mutant[] = [];
  for (const r of file.rules) {
    if (r.enabled === false) continue;
    const o = r.outcome;
    const add = (kind: string, apply: (rule: RawRule) => void) => out.push({ kind, ruleId: r.id, apply });
    if (leaves(r.conditions).some(readsUnsure))
      add('unsure-dropped', (x) => {
        for (const l of leaves(x.conditions).filter(readsUnsure)) {
          if (l.operator === 'yesOrUnsure') Object.assign(l, { operator: 'equal', value: 'yes' });
          else l.value = (l.value as unknown[]).filter((v) => v !== 'unsure') as Leaf['value'];
        }
      });
    if (o.pressureCap !== undefined) {
      add('cap-removed', (x) => delete x.outcome.pressureCap);
      if (o.pressureCap < 5) add('cap-raised', (x) => (x.outcome.pressureCap = o.pressureCap! + 1));
    }
    if ((o.avoidTechniques ?? []).length > 0) add('technique-bans-removed', (x) => delete x.outcome.avoidTechniques);
    if (o.scope === 'local' && o.avoidRegions) add('regions-not-avoided', (x) => delete x.outcome.avoidRegions);
    if (o.disposition === 'refer-urgent' || o.disposition === 'postpone') add(`${o.disposition}-lowered-to-modify`, (x) => (x.outcome.disposition = 'modify'));
    if (leaves(r.conditions).some(isWindow))
      add('window-halved', (x) => {
        for (const l of leaves(x.conditions).filter(isWindow)) l.value = Math.floor((l.value as number) / 2);
      });
    if (r.category === 'pregnancy' && (o.positioning ?? []).length > 0) add('pregnancy-positioning-removed', (x) => delete x.outcome.positioning);
  }
  return out;
}

/** What the fixture tests and meta-checks say about a rule set: failing cases and gaps, one line each. */
export async function verdict(set: LoadedRuleSet, fixtures: readonly LoadedFixture[], views: readonly CaseView[]): Promise<string[]> {
  const screener = createScreener({ rules: set });
  const out: string[] = [];
  for (const { file, data } of fixtures)
    for (const r of await runFixtures(screener, data)) if (!r.passed) out.push(`${path.basename(file)}: ${r.name}: ${r.failures.join('; ')}`);
  const g = await fixtureGaps(set.rules, views);
  for (const [k, list] of Object.entries({ unpinned: g.unpinned, unsure: g.unsure, nearMiss: g.nearMiss, thresholds: g.thresholds }))
    for (const x of list) out.push(`meta ${k}: ${x}`);
  return out;
}

async function main(): Promise<number> {
  const kindArg = process.argv.indexOf('--kind');
  const onlyKind = kindArg > 0 ? process.argv[kindArg + 1] : undefined;
  const verbose = process.argv.includes('--verbose');
  const raw = JSON.parse(fs.readFileSync(RULES_FILE, 'utf8')) as RuleSetFile;
  const fixtures = loadFixtures(FIXTURE_DIR);
  const views = caseViews(fixtures);
  const before = new Set(await verdict(loadRuleSet(raw), fixtures, views));
  if (before.size > 0) console.log(`The unmutated rules already fail ${before.size} check${before.size === 1 ? '' : 's'}; only new failures count.`);

  const mutants = mutantsOf(raw).filter((m) => !onlyKind || m.kind === onlyKind);
  const byKind = new Map<string, { caught: number; total: number; survivors: string[] }>();
  const started = Date.now();
  for (const m of mutants) {
    const copy = structuredClone(raw);
    m.apply(copy.rules.find((r) => r.id === m.ruleId)!);
    let found: string[];
    try {
      found = (await verdict(loadRuleSet(copy), fixtures, views)).filter((f) => !before.has(f));
    } catch (e) {
      found = [`the edited rules do not load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`];
    }
    const k = byKind.get(m.kind) ?? { caught: 0, total: 0, survivors: [] };
    k.total += 1;
    if (found.length > 0) k.caught += 1;
    else k.survivors.push(m.ruleId);
    byKind.set(m.kind, k);
    if (verbose) console.log(`${found.length > 0 ? 'caught  ' : 'SURVIVED'} ${m.kind} ${m.ruleId}${found[0] ? `: ${found[0]}` : ''}`);
  }
  let caught = 0;
  for (const [kind, k] of [...byKind].sort(([a], [b]) => (a < b ? -1 : 1))) {
    caught += k.caught;
    console.log(`${kind.padEnd(34)} ${String(k.caught).padStart(3)} / ${String(k.total).padEnd(3)}${k.survivors.length > 0 ? `  survived: ${k.survivors.join(', ')}` : ''}`);
  }
  const secs = (Date.now() - started) / 1000;
  console.log(`\n${caught} of ${mutants.length} mutants caught (${mutants.length > 0 ? Math.round((100 * caught) / mutants.length) : 100} %), ${(secs / Math.max(1, mutants.length)).toFixed(2)} s per mutant.`);
  return caught === mutants.length ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
