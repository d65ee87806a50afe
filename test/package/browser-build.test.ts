/**
 * The browser build (dist/index.browser.js, the package's `browser` export condition) bundles json-rules-engine
 * with jsonpath-plus replaced by a stub that throws and eventemitter2 by a stand-in with the two methods the engine
 * calls. It must carry no jsonpath-plus code, import nothing but zod and
 * ts-pattern, and screen exactly as the Node build does: the same results, deep-equal, for the default rules on many
 * intakes, and the same fail-closed answer when a rule's evaluation faults. It is plain ESM with no browser global,
 * so Node imports it as it is. json-rules-engine sits in a chunk of its own that the entry loads only with
 * `import()` (a rule the compiled evaluator does not model), so a page whose rules all compile never downloads it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/helpers.js';
import { leaf, rule, ruleSet } from '../rules/helpers.js';

type Lib = typeof import('massage-triage');
type FixtureFile = import('massage-triage').FixtureFile;

const BROWSER = join(ROOT, 'dist', 'index.browser.js');
let browser: Lib;
let node: Lib;
/** The whole browser build: the entry and every chunk it imports, statically or with import(). */
let code: string;
/** The entry and the chunks it imports statically: what a page downloads before any screening. */
let initial: string;
/** The files of the build, by name (the entry first). */
let files: string[];

/** The chunks a file imports: `from './x.js'` (static) and `import('./x.js')` (dynamic). */
function chunksOf(source: string): { statics: string[]; dynamics: string[] } {
  const statics = [...source.matchAll(/\bfrom\s+['"]\.\/([^'"]+)['"]/g)].map((m) => m[1]!);
  const dynamics = [...source.matchAll(/\bimport\(\s*['"]\.\/([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return { statics, dynamics };
}

beforeAll(async () => {
  await ensureBuilt();
  if (!existsSync(BROWSER)) throw new Error('dist/index.browser.js is missing: the tsup config must build it');
  const read = (f: string) => readFileSync(join(ROOT, 'dist', f), 'utf8');
  // Every file reachable from the entry, and those reachable by static imports alone.
  const reach = (dynamic: boolean) => {
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      const { statics, dynamics } = chunksOf(read(f));
      for (const c of dynamic ? [...statics, ...dynamics] : statics) visit(c);
    };
    visit('index.browser.js');
    return [...seen];
  };
  files = reach(true);
  const staticOnly = reach(false);
  code = files.map(read).join('\n');
  initial = [...staticOnly].map(read).join('\n');
  browser = (await import(pathToFileURL(BROWSER).href)) as Lib;
  node = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as Lib;
}, 300_000);

const AT = '2026-06-15';

/** Varied intakes: the baseline, single risk factors, several at once, unsure answers, a minor, stale and invalid forms. */
function intakes(lib: Lib): { name: string; intake: unknown; at: string }[] {
  const { BASELINE_INTAKE: base, withAnswers } = lib;
  const list: { name: string; intake: unknown; at: string }[] = [
    { name: 'baseline', intake: base, at: AT },
    { name: 'leg signs', intake: withAnswers(base, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left' }), at: AT },
    { name: 'unsure answers', intake: withAnswers(base, { 'clots.history': 'unsure', 'client.pregnant': 'unsure' }), at: AT },
    {
      name: 'recent fracture',
      intake: withAnswers(base, { 'bones.fracture': 'yes', 'bones.fractureDate': '2026-05-01', 'bones.fractureRegions': ['left-wrist'], 'bones.osteoporosis': 'severe' }),
      at: AT,
    },
    {
      name: 'many at once',
      intake: withAnswers(base, {
        'cancer.status': 'active-treatment',
        'cancer.treatments': ['chemotherapy'],
        'cancer.lymphNodesRemoved': 'yes',
        'cancer.lymphNodeRegions': ['left-axilla'],
        'heart.bloodPressure': 'uncontrolled',
        'heart.systolic': 190,
        'metabolic.kidneyDisease': 'yes',
        'metabolic.fistulaArm': 'right',
        'medications.anticoagulants': 'yes',
      }),
      at: AT,
    },
    { name: 'minor, stale form', intake: withAnswers(base, { 'client.dateOfBirth': '2012-01-01', completedAt: '2025-01-01' }), at: AT },
    { name: 'not an intake', intake: { clots: 'yes' }, at: AT },
  ];
  const expected = JSON.parse(readFileSync(join(ROOT, 'examples/intakes/expected.json'), 'utf8')) as { file: string; at: string }[];
  for (const e of expected) list.push({ name: e.file, intake: JSON.parse(readFileSync(join(ROOT, 'examples/intakes', e.file), 'utf8')), at: e.at });
  const invalid = join(ROOT, 'examples/intakes/invalid');
  for (const f of readdirSync(invalid).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')))
    list.push({ name: `invalid/${f}`, intake: JSON.parse(readFileSync(join(invalid, f), 'utf8')), at: AT });
  // Every case of the default rules' fixture files: each rule fires (and stays quiet) somewhere in them.
  const fixtures = join(ROOT, 'rules/fixtures/default');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.json'))) {
    const file = JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as FixtureFile;
    for (const c of file.cases) list.push({ name: `${f}: ${c.name}`, intake: withAnswers(file.base ?? base, c.set ?? {}), at: c.at ?? file.at });
  }
  return list;
}

describe('dist/index.browser.js', () => {
  it('has no jsonpath-plus or eventemitter2 code: our stand-ins take their place, and json-rules-engine is bundled', () => {
    expect(code).not.toMatch(/node_modules\/jsonpath-plus/);
    // Marks of jsonpath-plus's own code: its class, its expression parser, its "safe" evaluator, its vm use.
    expect(code).not.toMatch(/JSONPath\.prototype|jsep|SafeScript|SafeEval|runInNewContext/);
    expect(code).toContain("massage-triage's browser build leaves out jsonpath-plus");
    expect(code).toMatch(/node_modules\/json-rules-engine\/dist\/almanac\.js/);
    const map = { sources: files.flatMap((f) => (JSON.parse(readFileSync(join(ROOT, 'dist', `${f}.map`), 'utf8')) as { sources: string[] }).sources) };
    expect(map.sources.filter((s) => s.includes('jsonpath-plus'))).toEqual(['../src/engine-shims/jsonpath-plus.ts']);
    expect(map.sources.filter((s) => s.includes('eventemitter2'))).toEqual(['../src/engine-shims/eventemitter2.ts']);
    expect(code).not.toMatch(/listenerTree|searchListenerTree/);
  });

  it('loads json-rules-engine only with import(): the entry and its static chunks hold none of it', () => {
    expect(files.length).toBeGreaterThan(1);
    expect(initial).not.toMatch(/prioritizeConditions|factValueValidator/);
    expect(code).toMatch(/prioritizeConditions/);
  });

  it('names the license of every package it bundles, and the notices ship in the package', () => {
    const map = { sources: files.flatMap((f) => (JSON.parse(readFileSync(join(ROOT, 'dist', `${f}.map`), 'utf8')) as { sources: string[] }).sources) };
    const bundled = new Set(map.sources.flatMap((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(s)?.[1] ?? []));
    expect([...bundled].sort()).toEqual(['clone', 'hash-it', 'json-rules-engine']);
    const notices = readFileSync(join(ROOT, 'THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const name of bundled) expect(notices, name).toMatch(new RegExp(`^## ${name} \\d`, 'm'));
    // Each file of the build opens (after its imports) with the notice banner.
    for (const f of files) expect(readFileSync(join(ROOT, 'dist', f), 'utf8').slice(0, 1000), f).toContain('THIRD-PARTY-NOTICES.md');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('THIRD-PARTY-NOTICES.md');
  });

  it('imports only zod and ts-pattern (the packages an app shares), and requires nothing at run time', () => {
    const imported = new Set([...code.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]).filter((m) => !m!.startsWith('./')));
    expect([...imported].sort()).toEqual(['ts-pattern', 'zod/locales', 'zod/mini']);
    expect(code).not.toMatch(/__require\(\s*['"]/);
    expect(code).not.toMatch(/from\s+['"]node:/);
  });

  it('exports what the Node build exports', () => {
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
    expect(browser.VERSION).toBe(node.VERSION);
  });

  it('screens every intake as the Node build does (default rules, deep-equal results)', async () => {
    const fromBrowser = browser.createScreener({ rules: browser.defaultRuleSet() });
    const fromNode = node.createScreener({ rules: node.defaultRuleSet() });
    const list = intakes(node);
    expect(list.length).toBeGreaterThan(100);
    const dispositions = new Set<string>();
    for (const { name, intake, at } of list) {
      const b = await fromBrowser.screen(intake, { at });
      const n = await fromNode.screen(intake, { at });
      expect(b, name).toEqual(n);
      expect(await browser.screen(intake, { at }), name).toEqual(n);
      if (b.ok) {
        dispositions.add(b.disposition);
        expect(b.flags.filter((f) => f.kind === 'evaluation-error'), name).toEqual([]);
      }
    }
    // The set is varied: every disposition occurs, and some intakes do not validate.
    expect([...dispositions].sort()).toEqual([...browser.DISPOSITIONS].sort());
    expect(list.some(({ intake }) => !browser.parseIntake(intake).ok)).toBe(true);
  });

  it("passes the default rules' fixture files", async () => {
    const screener = browser.createScreener({ rules: browser.defaultRuleSet() });
    const fixtures = join(ROOT, 'rules/fixtures/default');
    for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.json'))) {
      const reports = await browser.runFixtures(screener, JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as FixtureFile);
      expect(reports.length).toBeGreaterThan(0);
      expect(reports.filter((r) => !r.passed).map((r) => `${f}: ${r.name}: ${r.failures.join('; ')}`)).toEqual([]);
    }
  });

  it('fails closed as the Node build does when reading a fact faults', async () => {
    // A loaded rule set cannot fault by itself (the loader refuses what would), so the fault is injected where both
    // builds read a fact: the dot-path resolver checks own properties with Object.prototype.hasOwnProperty. Reading
    // "anticoagulants" throws wherever a rule reads it.
    const rules = ruleSet([
      rule('reads-anticoagulants', { all: [leaf('medications', 'anticoagulants', 'equal', 'yes')] }),
      rule('reads-leg-signs', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'postpone' }),
      rule('named', { any: [{ condition: 'on-blood-thinner' }, leaf('clots', 'history', 'equal', 'yes')] }),
    ], { conditions: { 'on-blood-thinner': { all: [leaf('medications', 'anticoagulants', 'equal', 'yes')] } } });
    const screeners = [browser, node].map((lib) => lib.createScreener({ rules }));
    const intake = node.withAnswers(node.BASELINE_INTAKE, { 'clots.legSigns': 'yes' });
    // The intake is parsed before the fault is armed; screen() parses it again, which never reads this key.
    const own = Object.prototype.hasOwnProperty;
    let injected = 0;
    const results = [];
    Object.prototype.hasOwnProperty = function (this: object, key: PropertyKey) {
      if (key === 'anticoagulants') {
        injected++;
        throw new Error('injected fault in a fact');
      }
      return own.call(this, key);
    };
    try {
      for (const s of screeners) results.push(await s.screen(intake, { at: AT }));
    } finally {
      Object.prototype.hasOwnProperty = own;
    }
    expect(injected).toBeGreaterThan(0);
    const [b, n] = results;
    expect(b).toEqual(n);
    expect(b?.ok).toBe(true);
    if (!b?.ok) return;
    expect(b.disposition).not.toBe('proceed');
    expect(browser.dispositionRank(b.disposition)).toBeGreaterThanOrEqual(browser.dispositionRank('clearance-required'));
    expect(b.flags.filter((f) => f.kind === 'evaluation-error').map((f) => f.because[0]?.actual).sort()).toEqual(['named', 'reads-anticoagulants']);
    expect(b.flags.some((f) => f.ruleId === 'reads-leg-signs')).toBe(true);
    expect(JSON.stringify(b)).not.toContain('injected');
  });

  it("the stub throws a clear error that names no path or value, if json-rules-engine's default resolver is ever reached", async () => {
    const stub = await import('../../src/engine-shims/jsonpath-plus.js');
    expect(() => stub.JSONPath({ path: '$.secret', json: { secret: 'client answer' }, wrap: false })).toThrow(stub.JSONPATH_REMOVED_MESSAGE);
    try {
      stub.JSONPath({ path: '$.secret', json: { secret: 'client answer' } });
    } catch (e) {
      expect(String(e)).not.toMatch(/secret|client answer/);
    }
  });
});
