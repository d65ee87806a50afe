/**
 * `screenSync` is `screen` without the promise: the same result, byte for byte, on the sample intakes, every fixture
 * case of the default rules (and their drafts), and invalid input. A rule set with a rule the compiled evaluator does
 * not model makes `screenSync` throw a `SyncUnsupportedError` naming it, while `screen` still screens, and still fails
 * closed, on json-rules-engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

// The rules format has no rule the compiler declines, so one is made to be declined: the rule whose conditions are
// in `declined` (by identity) is left to json-rules-engine, as a form the compiler does not model would be.
const declined = vi.hoisted(() => new Set<unknown>());
vi.mock('../../src/rules/compile.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/rules/compile.js')>();
  return { ...real, compileRule: (...args: Parameters<typeof real.compileRule>) => (declined.has(args[0]) ? undefined : real.compileRule(...args)) };
});

const {
  BASELINE_INTAKE,
  SyncUnsupportedError,
  createDraftScreener,
  createScreener,
  defaultRuleSet,
  dispositionRank,
  loadRuleSet,
  screen,
  screenDraft,
  screenDraftSync,
  screenSync,
  withAnswers,
} = await import('massage-triage');
const { leaf, rule, ruleSet } = await import('../rules/helpers.js');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INTAKES = join(ROOT, 'examples/intakes');
const FIXTURES = join(ROOT, 'rules/fixtures/default');
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

interface FixtureFile {
  at: string;
  cases: { name: string; set: Record<string, unknown> }[];
}

const samples = readdirSync(INTAKES)
  .filter((f) => f.endsWith('.json') && f !== 'expected.json')
  .map((f) => ({ name: f, input: read(join(INTAKES, f)), at: '2026-06-15' }));
const fixtureCases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const file = read(join(FIXTURES, f)) as FixtureFile;
    return file.cases.map((c) => ({ name: `${f}: ${c.name}`, input: withAnswers(BASELINE_INTAKE, c.set), at: file.at }));
  });

describe('screenSync gives what screen gives', () => {
  it(`on ${samples.length} sample intakes and ${fixtureCases.length} fixture cases, byte for byte`, async () => {
    expect(samples.length).toBeGreaterThan(5);
    expect(fixtureCases.length).toBeGreaterThan(100);
    let fired = 0;
    for (const { name, input, at } of [...samples, ...fixtureCases]) {
      const sync = screenSync(input, { at });
      const async_ = await screen(input, { at });
      expect(sync, name).toEqual(async_);
      expect(JSON.stringify(sync), name).toBe(JSON.stringify(async_));
      if (sync.ok && sync.flags.length > 0) fired++;
    }
    expect(fired).toBeGreaterThan(100);
  });

  it('on drafts: screenDraftSync gives what screenDraft gives', async () => {
    for (const { name, input, at } of fixtureCases.slice(0, 60)) {
      // A draft: the fixture's answers without the visit group.
      const { visit: _visit, ...draft } = input as Record<string, unknown>;
      expect(screenDraftSync(draft, { at }), name).toEqual(await screenDraft(draft, { at }));
      expect(screenDraftSync(input, { at }), name).toEqual(await screenDraft(input, { at }));
    }
  });

  it('on invalid input and options: the same failure', async () => {
    for (const [input, options] of [
      [{}, { at: '2026-06-15' }],
      [BASELINE_INTAKE, { at: 'not a date' }],
      [null, undefined],
      ['{}', { at: '2026-06-15' }],
    ] as const) {
      const sync = screenSync(input, options);
      expect(sync.ok).toBe(false);
      expect(sync).toEqual(await screen(input, options));
    }
  });

  it('the default rules need no engine: engineRules is empty and createScreener({ sync: true }) succeeds', () => {
    const s = createScreener({ rules: defaultRuleSet(), sync: true });
    expect(s.engineRules).toEqual([]);
    const r = s.screenSync(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: '2026-06-15' });
    expect(r.ok && r.disposition).toBe('refer-urgent');
  });
});

describe('a rule set with a rule only json-rules-engine can evaluate', () => {
  const set = loadRuleSet(
    ruleSet([
      rule('compiled-rule', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'postpone' }),
      rule('engine-rule', { any: [leaf('clots', 'history', 'yesOrUnsure', true), leaf('bones', 'fracture', 'equal', 'yes')] }, { disposition: 'modify' }),
    ]),
  );
  declined.add(set.rules[1]!.conditions);
  const screener = createScreener({ rules: set });
  const input = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.history': 'unsure' });

  it('is listed in engineRules, and screenSync (and the draft one) throw a SyncUnsupportedError naming it', () => {
    expect(screener.engineRules).toEqual(['engine-rule']);
    let thrown: unknown;
    try {
      screener.screenSync(input, { at: '2026-06-15' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SyncUnsupportedError);
    expect((thrown as InstanceType<typeof SyncUnsupportedError>).ruleIds).toEqual(['engine-rule']);
    expect((thrown as Error).message).toContain('engine-rule');
    expect(() => createDraftScreener(screener).screenSync(input, { at: '2026-06-15' })).toThrow(SyncUnsupportedError);
  });

  it('createScreener({ sync: true }) refuses it at creation, naming it', () => {
    expect(() => createScreener({ rules: set, sync: true })).toThrow(SyncUnsupportedError);
    expect(() => createScreener({ rules: set, sync: true })).toThrow(/engine-rule/);
  });

  it('screen still runs it on json-rules-engine, with its because', async () => {
    const r = await screener.screen(input, { at: '2026-06-15' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.flags.map((f) => f.ruleId).sort()).toEqual(['compiled-rule', 'engine-rule']);
    expect(r.flags.find((f) => f.ruleId === 'engine-rule')!.because).toEqual([{ fact: 'clots', path: 'history', operator: 'yesOrUnsure', expected: true, actual: 'unsure' }]);
  });

  it('and still fails closed there: a fault while the engine reads a fact flags that rule as not evaluated', async () => {
    const faulty = loadRuleSet(
      ruleSet([rule('engine-reads', { all: [leaf('medications', 'anticoagulants', 'equal', 'no')] }), rule('other', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'postpone' })]),
    );
    declined.add(faulty.rules[0]!.conditions);
    const s = createScreener({ rules: faulty });
    expect(s.engineRules).toEqual(['engine-reads']);
    // The fault is injected where the engine reads the fact: the dot-path resolver checks own properties with
    // Object.prototype.hasOwnProperty (screen() validates the intake without reading this key that way).
    const own = Object.prototype.hasOwnProperty;
    let injected = 0;
    Object.prototype.hasOwnProperty = function (this: object, key: PropertyKey) {
      if (key === 'anticoagulants') {
        injected++;
        throw new Error('injected fault in a fact');
      }
      return own.call(this, key);
    };
    let r;
    try {
      r = await s.screen(input, { at: '2026-06-15' });
    } finally {
      Object.prototype.hasOwnProperty = own;
    }
    expect(injected).toBeGreaterThan(0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.flags.filter((f) => f.ruleId === 'evaluation-error').map((f) => f.because[0]?.actual)).toEqual(['engine-reads']);
    expect(r.flags.map((f) => f.ruleId)).toContain('other');
    expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
    expect(JSON.stringify(r)).not.toContain('injected');
  });
});

describe('a rule that is only a reference to a named comparison', () => {
  it('is evaluated as that comparison (json-rules-engine refuses the bare comparison inlining leaves at the root)', () => {
    const set = loadRuleSet(
      ruleSet([rule('thinner', { condition: 'on-blood-thinner' }, { disposition: 'modify' })], {
        conditions: { 'on-blood-thinner': leaf('medications', 'anticoagulants', 'equal', 'yes') },
      }),
    );
    const s = createScreener({ rules: set, sync: true });
    const yes = s.screenSync(withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'yes' }), { at: '2026-06-15' });
    const no = s.screenSync(withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'no' }), { at: '2026-06-15' });
    expect(yes.ok && yes.flags.find((f) => f.ruleId === 'thinner')?.because).toEqual([{ fact: 'medications', path: 'anticoagulants', operator: 'equal', expected: 'yes', actual: 'yes' }]);
    expect(no.ok && no.flags.some((f) => f.ruleId === 'thinner' || f.ruleId === 'evaluation-error')).toBe(false);
  });
});
