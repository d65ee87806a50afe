import defaultRulesJson from '../../rules/default.rules.json';
import type { RuleSetFile } from '../rules/format.js';
import { loadBundledRuleSet, type LoadedRuleSet } from '../rules/load.js';
import { DEFAULT_RULES_HASH, DEFAULT_RULES_SCREENING } from './default-rules.generated.js';
import { createScreener, type Screener } from './screener.js';
import type { ScreenOptions, ScreeningResult } from './types.js';

let defaultSet: LoadedRuleSet | undefined;
let defaultScreener: Screener | undefined;

/**
 * The bundled default clinical rule set (`rules/default.rules.json`), loaded. Extend it with your own:
 * `createScreener({ rules: [defaultRuleSet(), clinicRules], disable: ['some-rule-id'] })`.
 */
export function defaultRuleSet(): LoadedRuleSet {
  // Checked when the library was built (scripts/generated.ts), so not again on every cold start.
  defaultSet ??= loadBundledRuleSet(defaultRulesJson as RuleSetFile, DEFAULT_RULES_HASH, DEFAULT_RULES_SCREENING);
  return defaultSet;
}

/**
 * Screen an intake with the bundled default rules. The same as `createScreener({ rules: defaultRuleSet() }).screen`,
 * with the screener built once. Never throws.
 *
 * @example
 * ```ts
 * const result = await screen(answers, { at: '2026-12-01' });
 * if (result.ok) console.log(result.disposition, result.flags.map((f) => f.title));
 * ```
 */
export function screen(input: unknown, options?: ScreenOptions): Promise<ScreeningResult> {
  return sharedDefaultScreener().screen(input, options);
}

/**
 * {@link screen}, synchronously: the same result, byte for byte, with the bundled default rules. They never need
 * json-rules-engine, so this never throws.
 *
 * @example
 * ```ts
 * const result = screenSync(answers, { at: '2026-12-01' });
 * ```
 */
export function screenSync(input: unknown, options?: ScreenOptions): ScreeningResult {
  return sharedDefaultScreener().screenSync(input, options);
}

/** The screener of the bundled defaults, built once and shared by `screen` and `screenDraft`. */
export function sharedDefaultScreener(): Screener {
  defaultScreener ??= createScreener({ rules: defaultRuleSet() });
  return defaultScreener;
}
