import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

// A fault injected into one operator, only for one fact value (a fracture exactly 13 days before the appointment),
// so some screenings in a concurrent batch meet a throwing rule and the others must not notice.
vi.mock('../../src/rules/operators.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/rules/operators.js')>();
  return {
    ...original,
    OPERATORS: original.OPERATORS.map((op) =>
      op.name === 'withinDays' && op.evaluate
        ? {
            ...op,
            evaluate: (a: unknown, v: unknown) => {
              if (a === 13) throw new Error('injected operator fault');
              return op.evaluate!(a, v);
            },
          }
        : op,
    ),
  };
});

// Count json-rules-engine runs: the default rules all compile (src/rules/compile.ts), so no screening, alone or
// overlapping others, runs the engine at all.
const counter = vi.hoisted(() => ({ runs: 0 }));
vi.mock('json-rules-engine', async (importOriginal) => {
  const original = await importOriginal<typeof import('json-rules-engine')>();
  class CountingEngine extends original.Engine {
    override run(...args: Parameters<InstanceType<typeof original.Engine>['run']>) {
      counter.runs++;
      return super.run(...args);
    }
  }
  return { ...original, Engine: CountingEngine };
});

const { BASELINE_INTAKE, createScreener, defaultRuleSet, withAnswers } = await import('massage-triage');
const { Engine } = await import('json-rules-engine');
const { OPERATORS, strictEvaluate } = await import('../../src/rules/operators.js');
const { resolvePath } = await import('../../src/rules/path.js');
const { deriveFacts } = await import('../../src/screening/derive.js');
const { parseIntake, loadRuleSet } = await import('massage-triage');
const { GENERATORS, AT: PROP_AT } = await import('../properties/arbitraries.js');
const { rule, ruleSet, leaf } = await import('../rules/helpers.js');

type ScreenOptions = import('massage-triage').ScreenOptions;
type ScreeningResult = import('massage-triage').ScreeningResult;

const AT = '2026-12-01';
/** A date `days` before the appointment. */
const before = (days: number) => new Date(Date.UTC(2026, 11, 1) - days * 86_400_000).toISOString().slice(0, 10);

const VARIANTS: Record<string, unknown>[] = [
  {},
  { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left' },
  { 'bones.fracture': 'yes', 'bones.fractureDate': before(20), 'bones.fractureRegions': ['right-wrist'] },
  { 'illness.feverOrAcuteIllness': 'unsure' },
  { 'medications.anticoagulants': 'yes', 'blood.bleedingDisorder': 'yes' },
  { 'client.pregnant': 'yes', 'client.pregnancyWeeks': 30 },
  { 'skin.contagious': 'yes', 'skin.contagiousRegions': ['upper-back'], 'veins.varicose': 'yes', 'veins.varicoseRegions': ['left-lower-leg'] },
  { 'heart.bloodPressure': 'uncontrolled', 'nerves.epilepsy': 'yes', 'nerves.lastSeizure': before(40) },
  { 'client.dateOfBirth': '2012-06-15', 'injury.recent': 'yes', 'injury.date': before(1), 'injury.regions': ['left-ankle'] },
  { completedAt: before(200), 'surgery.recent': 'yes', 'surgery.date': before(230), 'surgery.regions': ['right-knee'] },
  { 'cancer.status': 'active-treatment', 'cancer.treatments': ['chemotherapy'], 'cancer.lymphNodesRemoved': 'yes', 'cancer.lymphNodeRegions': ['left-axilla'] },
];

/** 200 screenings: every variant, with different appointment dates and locales mixed in. */
function jobs(faulty: boolean): { input: unknown; options: ScreenOptions }[] {
  const out: { input: unknown; options: ScreenOptions }[] = [];
  for (let i = 0; i < 200; i++) {
    const set = { ...VARIANTS[i % VARIANTS.length] };
    const fault = faulty && i % 7 === 3;
    if (fault) Object.assign(set, { 'bones.fracture': 'yes', 'bones.fractureDate': before(13), 'bones.fractureRegions': ['left-wrist'] });
    // A fracture cannot be dated after the intake was completed: a faulty job's intake is completed on the day of it.
    if (fault && 'completedAt' in set) set.completedAt = before(13);
    // The fault needs the fracture 13 days before the appointment, so faulty jobs keep the one appointment date.
    const at = i % 3 === 0 && !fault ? '2026-12-15' : AT;
    out.push({ input: withAnswers(BASELINE_INTAKE, set), options: { at, locale: i % 5 === 0 ? 'de' : 'en' } });
  }
  return out;
}

async function alone(screen: (i: unknown, o: ScreenOptions) => Promise<ScreeningResult>, js: ReturnType<typeof jobs>) {
  const out: ScreeningResult[] = [];
  for (const j of js) out.push(await screen(j.input, j.options));
  return out;
}

const errorFlags = (r: ScreeningResult) => (r.ok ? r.flags.filter((f) => f.kind === 'evaluation-error').length : -1);

describe('concurrent screenings on one screener', () => {
  it('200 overlapping screen() calls each get the full result they get alone', async () => {
    const screener = createScreener({ rules: defaultRuleSet() });
    const js = jobs(false);
    const expected = await alone(screener.screen, js);
    expect(expected.every((r) => r.ok)).toBe(true);
    // The corpus is varied: several dispositions, and rules actually fire.
    expect(new Set(expected.map((r) => (r.ok ? r.disposition : 'failed'))).size).toBeGreaterThanOrEqual(3);
    expect(expected.some((r) => r.ok && r.flags.length >= 3)).toBe(true);
    expect(expected.every((r) => errorFlags(r) === 0)).toBe(true);

    counter.runs = 0;
    await alone(screener.screen, js);
    const runsAlone = counter.runs;
    expect(screener.engineRules).toEqual([]);
    expect(runsAlone).toBe(0);
    counter.runs = 0;
    const together = await Promise.all(js.map((j) => screener.screen(j.input, j.options)));
    expect(together).toEqual(expected);
    expect(counter.runs).toBe(runsAlone);
    // Twice more, in reverse and interleaved with a second batch, so engines are reused across batches too.
    const [rev, again] = await Promise.all([
      Promise.all([...js].reverse().map((j) => screener.screen(j.input, j.options))),
      Promise.all(js.map((j) => screener.screen(j.input, j.options))),
    ]);
    expect(rev.reverse()).toEqual(expected);
    expect(again).toEqual(expected);
    expect(counter.runs).toBe(3 * runsAlone);

    // Staggered starts: screening i starts i microtask turns late, so runs start while others are finishing (the
    // case where one shared json-rules-engine Engine lets a finishing run switch off a starting one).
    counter.runs = 0;
    const staggered = await Promise.all(
      js.map(async (j, i) => {
        for (let k = 0; k < i; k++) await undefined;
        return screener.screen(j.input, j.options);
      }),
    );
    expect(staggered).toEqual(expected);
    expect(counter.runs).toBe(runsAlone);
  });

  it('a rule that faults in some screenings does not bleed into the screenings running beside them', async () => {
    const screener = createScreener({ rules: defaultRuleSet() });
    const clean = jobs(false);
    const mixed = jobs(true);
    const expectedClean = await alone(screener.screen, clean);
    const expectedMixed = await alone(screener.screen, mixed);
    const faulty = mixed.map((_, i) => i % 7 === 3);
    // The injected fault fires where it should, and fails closed there.
    expectedMixed.forEach((r, i) => {
      expect(errorFlags(r) > 0).toBe(faulty[i]);
      if (faulty[i] && r.ok) expect(r.disposition).not.toBe('proceed');
    });

    // Faulty and clean screenings all at once, interleaved on one screener.
    const all = await Promise.all([...mixed, ...clean].map((j) => screener.screen(j.input, j.options)));
    expect(all.slice(0, mixed.length)).toEqual(expectedMixed);
    expect(all.slice(mixed.length)).toEqual(expectedClean);
    // And afterwards the screener is still sound: no engine left over from a faulted run spoils a later one.
    expect(await alone(screener.screen, clean)).toEqual(expectedClean);
  });

  for (const g of GENERATORS) {
    it(`100 generated ${g.name} intakes screened at once each get the result they get alone`, async () => {
      const screener = createScreener({ rules: defaultRuleSet() });
      const intakes = fc.sample(g.intakes, { numRuns: 100, seed: 20261201 });
      const expected: ScreeningResult[] = [];
      for (const intake of intakes) expected.push(await screener.screen(intake, { at: PROP_AT }));
      expect(expected.every((r) => r.ok)).toBe(true);
      const together = await Promise.all(intakes.map((intake) => screener.screen(intake, { at: PROP_AT })));
      expect(together).toEqual(expected);
      const reversed = await Promise.all([...intakes].reverse().map((intake) => screener.screen(intake, { at: PROP_AT })));
      expect(reversed.reverse()).toEqual(expected);
    });
  }

  it('the fault costs only the faulty rule: the other rules still flag the same intake', async () => {
    const screener = createScreener({ rules: defaultRuleSet() });
    const faultOnly = withAnswers(BASELINE_INTAKE, {
      'bones.fracture': 'yes',
      'bones.fractureDate': before(13),
      'bones.fractureRegions': ['left-wrist'],
      'clots.legSigns': 'yes',
      'clots.legSignsSide': 'left',
    });
    const [r] = await Promise.all([screener.screen(faultOnly, { at: AT }), screener.screen(BASELINE_INTAKE, { at: AT })]);
    expect(r!.ok).toBe(true);
    if (!r!.ok) return;
    expect(errorFlags(r!)).toBeGreaterThan(0);
    expect(r!.flags.map((f) => f.ruleId)).toContain('clot-current-signs');
    expect(r!.disposition).toBe('refer-urgent');
  });
});

// The screener evaluates rules with the compiled evaluator, not json-rules-engine: it must fire exactly the rules the
// engine fires. Compared against json-rules-engine run on every rule, same facts (the exhaustive comparison, because
// included, is test/properties/differential-engine.test.ts).
describe('the compiled evaluator agrees with json-rules-engine', () => {
  /** The rule ids json-rules-engine fires on every rule at once, or 'error' when the run fails. */
  async function engineFires(rules: readonly { id: string; conditions: unknown }[], input: unknown, at: string) {
    const parsed = parseIntake(input);
    if (!parsed.ok) throw new Error('arbitrary intake did not parse');
    const { $schema: _s, schemaVersion: _v, completedAt: _c, clearances: _cl, ...groups } = parsed.data;
    const facts = { ...groups, derived: deriveFacts(parsed.data, at) };
    const engine = new Engine(
      rules.map((r) => ({ name: r.id, conditions: structuredClone(r.conditions) as never, event: { type: r.id } })),
      { pathResolver: resolvePath as never },
    );
    for (const op of OPERATORS) if (op.evaluate) engine.addOperator(op.name, strictEvaluate(op));
    try {
      const { results } = await engine.run(facts);
      return results.map((r) => String(r.name)).sort();
    } catch {
      return 'error';
    }
  }

  const nested = loadRuleSet(
    ruleSet([
      rule('n-all-not', { all: [leaf('clots', 'legSigns', 'yesOrUnsure', true), { not: { any: [leaf('bones', 'fracture', 'equal', 'yes'), leaf('derived', 'isMinor', 'equal', true)] } }] }),
      rule('n-any-all', { any: [{ all: [leaf('heart', 'bloodPressure', 'in', ['uncontrolled', 'unsure']), leaf('derived', 'ageYears', 'greaterThan', 40)] }, leaf('derived', 'unsureAnswers', 'isNotEmpty', true)] }),
      rule('n-not-root', { not: { all: [leaf('skin', 'contagious', 'equal', 'no'), leaf('illness', 'feverOrAcuteIllness', 'notEqual', 'yes')] } }),
      rule('n-numbers', { all: [leaf('derived', 'daysSinceSurgery', 'withinDays', 42), leaf('derived', 'daysSinceSurgery', 'lessThan', 400)] }),
      rule('n-lists', { any: [leaf('injections', 'types', 'contains', 'steroid'), leaf('cancer', 'treatments', 'includesAny', ['chemotherapy', 'radiation']), leaf('allergies', 'allergens', 'doesNotContain', 'latex')] }),
      rule('n-one', { all: [leaf('bones', 'osteoporosis', 'notIn', ['none'])] }),
      rule('n-pregnancy', { all: [leaf('derived', 'pregnancyTrimester', 'equal', 1), leaf('client', 'pregnancyWeeks', 'greaterThanInclusive', 4)] }),
    ]),
  );

  for (const [name, set, g] of [
    ['the default rule set', () => defaultRuleSet(), GENERATORS[0]],
    ['the default rule set', () => defaultRuleSet(), GENERATORS[1]],
    ['nested all / any / not over every operator', () => nested, GENERATORS[0]],
    ['nested all / any / not over every operator', () => nested, GENERATORS[1]],
  ] as const) {
    it(`fires exactly the rules json-rules-engine fires: ${name}, ${g.name} intakes`, async () => {
      const screener = createScreener({ rules: set() });
      const ids = new Set(screener.rules.map((r) => r.id));
      let fired = 0;
      await fc.assert(
        fc.asyncProperty(g.intakes, async (intake) => {
          const r = await screener.screen(intake, { at: PROP_AT });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const viaEngine = await engineFires(screener.rules, intake, PROP_AT);
          // The operator fault injected above can meet an arbitrary intake too: then both must fail (closed).
          if (viaEngine === 'error') {
            expect(r.flags.some((f) => f.kind === 'evaluation-error')).toBe(true);
            return;
          }
          const viaScreen = r.flags.map((f) => f.ruleId).filter((id) => ids.has(id)).sort();
          fired += viaScreen.length;
          expect(viaScreen).toEqual(viaEngine);
        }),
        { numRuns: 150 },
      );
      // The property saw rules fire, so it compared something.
      expect(fired).toBeGreaterThan(0);
    });
  }
});
