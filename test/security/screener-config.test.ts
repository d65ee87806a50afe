/**
 * `createScreener`'s config from JavaScript (issue 21, finding 6): each hostile shape is a `RuleSetError` with a path,
 * found within the documented limits, and never the caller's own error or a crash of the process. The fuzzing of the
 * same function is in config-fuzz.test.ts.
 */
import { createScreener, defaultRuleSet, isRuleSetError, type RuleSetProblem } from 'massage-triage';
import { describe, expect, it } from 'vitest';

/** The problems `createScreener(config)` throws, as `path code`; fails the test if it throws anything else or nothing. */
function refused(config: unknown): string[] {
  let thrown: unknown;
  try {
    createScreener(config as never);
  } catch (e) {
    thrown = e;
  }
  expect(isRuleSetError(thrown)).toBe(true);
  const problems = (thrown as { problems: RuleSetProblem[] }).problems;
  for (const p of problems) expect(p.message).not.toMatch(/SECRET/);
  return problems.map((p) => `${p.pathString} ${p.code}`);
}

const hostileTraps = {
  get: () => {
    throw new Error('SECRET from a trap');
  },
  has: () => {
    throw new Error('SECRET from a trap');
  },
  ownKeys: () => {
    throw new Error('SECRET from a trap');
  },
  getPrototypeOf: () => {
    throw new Error('SECRET from a trap');
  },
  getOwnPropertyDescriptor: () => {
    throw new Error('SECRET from a trap');
  },
};

describe('createScreener refuses a hostile config with a RuleSetError at a path', () => {
  it('disable: {} (not a list)', () => {
    expect(refused({ rules: defaultRuleSet(), disable: {} })).toEqual(['disable invalid_format']);
    expect(refused({ rules: defaultRuleSet(), disable: 'clot-current-signs' })).toEqual(['disable invalid_format']);
  });

  it('disable 100,000 levels deep: the entry that is not a rule id', () => {
    let deep: unknown = 'clot-current-signs';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(refused({ rules: defaultRuleSet(), disable: deep })).toEqual(['disable[0] invalid_format']);
  });

  it('disable: a sparse list of length 2³²−1 is past the limit of 10,000 ids (and the process lives)', () => {
    expect(refused({ rules: defaultRuleSet(), disable: new Array(2 ** 32 - 1) })).toEqual(['disable too_large']);
    // Holes and non-strings within the limit are named by position; a long list of them reports a bounded number.
    expect(refused({ rules: defaultRuleSet(), disable: ['clot-current-signs', , 7] })).toEqual(['disable[1] invalid_format', 'disable[2] invalid_format']);
    expect(refused({ rules: defaultRuleSet(), disable: new Array(10_000) }).length).toBe(20);
  });

  it('a Proxy whose traps throw, as the config, as rules, as a set in the list, as disable or as a catalog', () => {
    expect(refused(new Proxy({}, hostileTraps))).toEqual(['rules invalid_format']);
    expect(refused({ rules: new Proxy({}, hostileTraps) })).toHaveLength(1);
    expect(refused({ rules: [defaultRuleSet(), new Proxy({}, hostileTraps)] })).toHaveLength(1);
    expect(refused({ rules: new Proxy([defaultRuleSet()], hostileTraps) })).toEqual(['rules invalid_format']);
    expect(refused({ rules: defaultRuleSet(), disable: new Proxy([], hostileTraps) })).toEqual(['disable invalid_format']);
    expect(refused({ rules: defaultRuleSet(), techniques: new Proxy({}, hostileTraps) })).toEqual(['techniques invalid_format']);
    expect(refused({ rules: defaultRuleSet(), conditions: new Proxy({}, hostileTraps) })).toEqual(['conditions invalid_format']);
  });

  it('a rules list of 1,000,000 sets is past the limit of 100 sets, refused before any is read', () => {
    const many = new Array(1_000_000).fill(defaultRuleSet());
    expect(refused({ rules: many })).toEqual(['rules too_large']);
    // A rules file with 1,000,000 rules is past the file's own limit.
    expect(refused({ rules: { id: 'big', version: '1.0.0', description: 'x', rules: new Array(1_000_000).fill({}) } })).toEqual([' too_large']);
  });

  it('a config within the limits still builds: 100 sets are allowed (then their ids clash), and disable takes ids', () => {
    expect(createScreener({ rules: defaultRuleSet(), disable: ['clot-current-signs'] }).disabledRules).toEqual(['clot-current-signs']);
    expect(refused({ rules: new Array(100).fill(defaultRuleSet()) }).every((p) => p === 'rules duplicate_id')).toBe(true);
  });
});
