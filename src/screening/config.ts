/**
 * `createScreener`'s config, read defensively. It comes from code, but code can pass anything from JavaScript: a
 * `disable` that is an object, a list 100,000 levels deep or of length 2³²−1, a Proxy whose traps throw. Each is a
 * `RuleSetError` with a path, found within the limits below before any work is done; an error from the caller's own
 * objects (whose message may say anything) is never rethrown.
 */
import { problem, RuleSetError, type RuleSetProblem } from '../rules/load.js';

/** Most rule sets one screener runs. */
export const MAX_RULE_SETS = 100;
/** Most ids in `disable`. */
export const MAX_DISABLED_RULES = 10_000;
/** Longest id in `disable`, in characters. */
export const MAX_RULE_ID_LENGTH = 200;
/** Most problems reported about `disable`: enough to fix, not a copy of a huge list. */
const MAX_PROBLEMS = 20;

/** The config's parts, read once each. */
export interface ReadConfig {
  /** One rule set, or a plain copy of the list of them (at most `MAX_RULE_SETS`). */
  readonly rules: unknown;
  readonly disable: readonly string[];
  readonly techniques: unknown;
  readonly conditions: unknown;
  /** `sync: true`: the screener must support `screenSync`. */
  readonly sync: boolean;
  /** The custom operators as given; `readOperators` reads and checks them. */
  readonly operators: unknown;
}

const unreadable = (path: (string | number)[], what: string) => new RuleSetError([problem(path, 'invalid_format', `${what} could not be read.`)]);

/**
 * Run `read`; any error other than a `RuleSetError` (a Proxy's trap, a getter, a stack overflow) becomes one at
 * `path`, without its message.
 */
export function guarded<T>(path: (string | number)[], what: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof RuleSetError) throw e;
    throw unreadable(path, what);
  }
}

/** A list, checked for its length before anything in it is read, then copied to a plain array. */
function boundedList(v: unknown, path: string, max: number, what: string): unknown[] {
  const length = guarded([path], what, () => (v as unknown[]).length);
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > max)
    throw new RuleSetError([problem([path], 'too_large', `${what} may have at most ${max} entries.`)]);
  return guarded([path], what, () => Array.from({ length }, (_, i) => (v as unknown[])[i]));
}

/**
 * Read `createScreener`'s config. Throws a `RuleSetError` when it is not an object with `rules`, when `rules` lists
 * more than `MAX_RULE_SETS` sets, when `disable` is not a list of at most `MAX_DISABLED_RULES` rule ids, or when a part
 * cannot be read at all.
 */
export function readScreenerConfig(config: unknown): ReadConfig {
  if (config === null || typeof config !== 'object')
    throw new RuleSetError([problem(['rules'], 'invalid_format', 'createScreener needs { rules }: pass { rules: defaultRuleSet() } for the bundled rules, or a rules file.')]);
  const get = (key: string) => guarded([key], `"${key}"`, () => (config as Record<string, unknown>)[key]);
  const rules = get('rules');
  if (rules === undefined)
    throw new RuleSetError([problem(['rules'], 'invalid_format', 'createScreener needs { rules }: pass { rules: defaultRuleSet() } for the bundled rules, or a rules file.')]);
  const rawDisable = get('disable');
  const techniques = get('techniques');
  const conditions = get('conditions');
  const sync = get('sync');
  if (sync !== undefined && typeof sync !== 'boolean')
    throw new RuleSetError([problem(['sync'], 'invalid_format', '"sync" must be true or false.')]);
  const operators = get('operators');

  const isList = guarded(['rules'], '"rules"', () => Array.isArray(rules));
  const sets = isList ? boundedList(rules, 'rules', MAX_RULE_SETS, '"rules"') : rules;

  const disable: string[] = [];
  if (rawDisable !== undefined && rawDisable !== null) {
    if (!guarded(['disable'], '"disable"', () => Array.isArray(rawDisable)))
      throw new RuleSetError([problem(['disable'], 'invalid_format', '"disable" must be a list of rule ids, such as ["pregnancy-first-trimester"].')]);
    const problems: RuleSetProblem[] = [];
    boundedList(rawDisable, 'disable', MAX_DISABLED_RULES, '"disable"').forEach((id, i) => {
      if (typeof id === 'string' && id.length > 0 && id.length <= MAX_RULE_ID_LENGTH) disable.push(id);
      else if (problems.length < MAX_PROBLEMS) problems.push(problem(['disable', i], 'invalid_format', `Each entry of "disable" must be a rule id (text of 1 to ${MAX_RULE_ID_LENGTH} characters).`));
    });
    if (problems.length > 0) throw new RuleSetError(problems);
  }
  return { rules: sets, disable, techniques, conditions, sync: sync === true, operators };
}
