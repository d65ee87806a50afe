/**
 * Fuzzing `createScreener`'s config (issue 21): whatever JavaScript passes, it returns a screener or throws a
 * `RuleSetError` whose problems each have a path, and never another error, a caller's own error message, or a crash.
 * 10,000 runs over configs built from hostile parts: arbitrary JSON, Proxies whose traps throw, getters that throw,
 * sparse and huge-length lists, deep nesting, and the valid parts they are mixed with.
 */
import fc from 'fast-check';
import { createScreener, isRuleSetError, loadRuleSet, type RuleSetProblem } from 'massage-triage';
import { describe, expect, it } from 'vitest';
import { rule, ruleSet, when } from '../workflow/helpers.js';

// A small valid set keeps a run that builds a screener cheap.
const SMALL = loadRuleSet(ruleSet([rule('legs', when('clots', 'legSigns', 'equal', 'yes'), { disposition: 'refer-urgent' })]));
const SMALL_JSON = ruleSet([rule('pregnant', when('client', 'pregnant', 'equal', 'yes'))]);

const boom = () => {
  throw new Error('SECRET-TRAP');
};
const trap = (target: object) => new Proxy(target, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom });
const throwingGetter = (key: string) => Object.defineProperty({}, key, { get: boom, enumerable: true });
const deep = (n: number): unknown => {
  let v: unknown = 'legs';
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

/** A way to make a value: fast-check itself must never touch a Proxy whose traps throw, so values are made in the run. */
type Make = () => unknown;
const just = (v: unknown): Make => () => v;

const hostile: fc.Arbitrary<Make> = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, 0, NaN, -1, '', 'legs', true, Symbol('s'), 1n).map(just),
  fc.constantFrom<Make>(() => ({}), () => [], () => () => 1, () => new Date(0), () => new Map()),
  fc.constantFrom<Make>(() => trap({}), () => trap([])),
  fc.constantFrom('rules', 'disable', 'length', '0', 'id', 'techniques').map((k): Make => () => throwingGetter(k)),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((n): Make => () => new Array(n)),
  fc.integer({ min: 1, max: 3000 }).map((n): Make => () => deep(n)),
  fc.jsonValue({ maxDepth: 3 }).map(just),
);

const rulesArb: fc.Arbitrary<Make> = fc.oneof(
  fc.constant(just(SMALL)),
  fc.constant(just(SMALL_JSON)),
  hostile,
  fc.array(fc.oneof(fc.constant(just(SMALL)), hostile), { maxLength: 4 }).map((parts): Make => () => parts.map((m) => m())),
  fc.integer({ min: 101, max: 1_000_000 }).map((n): Make => () => new Array(n)),
  fc.integer({ min: 101, max: 300 }).map((n): Make => () => new Array(n).fill(SMALL)),
);
const disableArb: fc.Arbitrary<Make> = fc.oneof(
  fc.constant(just(undefined)),
  fc.constant(just(['legs'])),
  fc.array(fc.oneof(fc.string().map(just), hostile), { maxLength: 4 }).map((parts): Make => () => parts.map((m) => m())),
  hostile,
);
const catalogArb: fc.Arbitrary<Make> = fc.oneof(fc.constant(just(undefined)), hostile);
const configArb: fc.Arbitrary<Make> = fc.oneof(
  { weight: 1, arbitrary: hostile },
  {
    weight: 4,
    arbitrary: fc.tuple(rulesArb, disableArb, catalogArb, catalogArb, fc.boolean()).map(
      ([rules, disable, techniques, conditions, sparse]): Make =>
        () => {
          const config: Record<string, unknown> = { rules: rules() };
          // Sometimes only the rules, so a whole default config is tried often.
          if (!sparse) Object.assign(config, { disable: disable(), techniques: techniques(), conditions: conditions() });
          return config;
        },
    ),
  },
);

describe('createScreener config fuzzing', () => {
  it('returns a screener or throws a RuleSetError with paths, never anything else (10,000 runs)', () => {
    let built = 0;
    fc.assert(
      fc.property(configArb, (make) => {
        let thrown: unknown;
        try {
          const s = createScreener(make() as never);
          expect(typeof s.screen).toBe('function');
          built += 1;
          return;
        } catch (e) {
          thrown = e;
        }
        expect(isRuleSetError(thrown)).toBe(true);
        const problems = (thrown as { problems: RuleSetProblem[] }).problems;
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems) {
          expect(Array.isArray(p.path)).toBe(true);
          expect(typeof p.pathString).toBe('string');
          expect(p.message).not.toContain('SECRET');
        }
      }),
      { numRuns: 10_000, seed: 21 },
    );
    // The runs reach the building path too, not only refusals.
    expect(built).toBeGreaterThan(100);
  }, 120_000);
});
