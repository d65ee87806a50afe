/**
 * The impact of a rules change: screen the same intakes with the rule sets before and after, and report how the
 * dispositions move (a from → to matrix), which intakes changed and the rules that explain it, and each rule whose
 * firing count changed. It reads one intake at a time and keeps only counts and the changed intakes' line numbers and
 * rule ids, never an answer, so a clinic can run it over its whole history.
 */
import { DISPOSITIONS, type Disposition } from '../intake/vocabulary.js';
import type { Screener } from './screener.js';
import type { Flag, ScreenOptions, ScreeningResult } from './types.js';

/** A disposition, or `invalid` for an input that is not a valid intake (it is invalid under both rule sets). */
export type ImpactDisposition = Disposition | 'invalid';

/** The disposition values of the matrix, in order. */
export const IMPACT_DISPOSITIONS: readonly ImpactDisposition[] = [...DISPOSITIONS, 'invalid'];

/** One intake whose result changed. */
export interface ImpactChange {
  /** The intake's line (or position, 1-based). */
  readonly line: number;
  readonly from: ImpactDisposition;
  readonly to: ImpactDisposition;
  /** Rules that fire with the new set only. */
  readonly nowFiring: readonly string[];
  /** Rules that fired with the old set only. */
  readonly noLongerFiring: readonly string[];
  /** Rules that fire with both, with another disposition (the rule's outcome changed, or a clearance now applies). */
  readonly outcomeChanged: readonly string[];
}

/** A rule whose firing count differs between the two sets. */
export interface RuleFiringChange {
  readonly ruleId: string;
  readonly from: number;
  readonly to: number;
}

/** What a rules change does to a corpus of intakes. */
export interface RuleImpact {
  /** Intakes screened (invalid inputs included). */
  readonly intakes: number;
  /** `matrix[from][to]`: how many intakes went from one disposition to another (the diagonal: unchanged). */
  readonly matrix: Readonly<Record<ImpactDisposition, Readonly<Record<ImpactDisposition, number>>>>;
  /** Intakes whose disposition or fired rules changed. */
  readonly changedCount: number;
  /** The changed intakes in input order, at most `maxChanges` of them (`changedCount` counts them all). */
  readonly changed: readonly ImpactChange[];
  /** The rules whose firing count changed, the largest change first. */
  readonly rules: readonly RuleFiringChange[];
}

/** Options of an impact run: the screening options every intake is screened with, and how many changes to keep. */
export interface RuleImpactOptions extends ScreenOptions {
  /** Most changed intakes listed in `changed` (default 10,000); the counts always cover every intake. */
  readonly maxChanges?: number;
}

/** Adds intakes one at a time; `result()` reports on those added so far. */
export interface ImpactCollector {
  /**
   * Screen one intake with both sets. `input` is the parsed intake, or `undefined` for a line that is not JSON. `at`
   * is this intake's own appointment date (a booking's), for both sets; without it, the collector's `at` is used.
   */
  add(line: number, input: unknown, at?: string): Promise<void>;
  /** The report on the intakes added so far (a copy: adding more does not change it). */
  result(): RuleImpact;
}

const emptyRow = (): Record<ImpactDisposition, number> => Object.fromEntries(IMPACT_DISPOSITIONS.map((d) => [d, 0])) as Record<ImpactDisposition, number>;

/** The flags' rule ids with their dispositions; one id can flag once per screening. */
const firedOf = (r: ScreeningResult): Map<string, Flag['disposition']> => (r.ok ? new Map(r.flags.map((f) => [f.ruleId, f.disposition])) : new Map());

/**
 * An impact collector, for a corpus read one intake at a time (as `massage-triage rules impact` reads NDJSON).
 *
 * @throws TypeError when `from` or `to` is not a screener (only possible from JavaScript).
 *
 * @param from - the screener with the rule sets as they are.
 * @param to - the screener with the changed rule sets.
 * @param options - the appointment date (`at`, fixed for the whole corpus so both sets see the same day), time zone
 *   and how many changes to list.
 */
export function createImpactCollector(from: Screener, to: Screener, options: RuleImpactOptions = {}): ImpactCollector {
  // Only JavaScript can pass anything else; say what is taken rather than fail on a property read mid-corpus.
  for (const s of [from, to])
    if (typeof (s as Partial<Screener> | null)?.screen !== 'function') throw new TypeError('ruleImpact takes two screeners (createScreener) for the rules before and after.');
  const { maxChanges = 10_000, ...rest } = options;
  // One date for the whole corpus, even when the run crosses midnight: both sets must see the same day.
  const screenOptions: ScreenOptions = { ...rest, at: rest.at ?? new Date() };
  const matrix = Object.fromEntries(IMPACT_DISPOSITIONS.map((d) => [d, emptyRow()])) as Record<ImpactDisposition, Record<ImpactDisposition, number>>;
  const counts = new Map<string, { from: number; to: number }>();
  const changed: ImpactChange[] = [];
  let changedCount = 0;
  let intakes = 0;
  const count = (id: string, side: 'from' | 'to') => {
    const c = counts.get(id) ?? { from: 0, to: 0 };
    c[side] += 1;
    counts.set(id, c);
  };
  return {
    async add(line, input, at) {
      intakes += 1;
      if (input === undefined) {
        matrix.invalid.invalid += 1;
        return;
      }
      const options = typeof at === 'string' ? { ...screenOptions, at } : screenOptions;
      const a = await from.screen(input, options);
      const b = await to.screen(input, options);
      const da: ImpactDisposition = a.ok ? a.disposition : 'invalid';
      const db: ImpactDisposition = b.ok ? b.disposition : 'invalid';
      matrix[da][db] += 1;
      const fa = firedOf(a);
      const fb = firedOf(b);
      for (const id of fa.keys()) count(id, 'from');
      for (const id of fb.keys()) count(id, 'to');
      const nowFiring = [...fb.keys()].filter((id) => !fa.has(id));
      const noLongerFiring = [...fa.keys()].filter((id) => !fb.has(id));
      const outcomeChanged = [...fb].filter(([id, d]) => fa.has(id) && fa.get(id) !== d).map(([id]) => id);
      if (da === db && nowFiring.length + noLongerFiring.length + outcomeChanged.length === 0) return;
      changedCount += 1;
      if (changed.length < maxChanges) changed.push({ line, from: da, to: db, nowFiring, noLongerFiring, outcomeChanged });
    },
    result() {
      const rules = [...counts]
        .filter(([, c]) => c.from !== c.to)
        .map(([ruleId, c]) => ({ ruleId, from: c.from, to: c.to }))
        .sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from) || x.ruleId.localeCompare(y.ruleId));
      return { intakes, matrix: structuredClone(matrix), changedCount, changed: [...changed], rules };
    },
  };
}

/**
 * Screen a corpus of intakes with two screeners (the rule sets before and after a change) and report the impact:
 * the from → to matrix of dispositions, the intakes that changed (numbered from 1 in the order given) with the rules
 * that explain each change, and the rules whose firing count changed. Never throws for a bad intake: it counts as
 * `invalid`.
 *
 * @throws TypeError when `from` or `to` is not a screener, or `intakes` is not iterable (only possible from JavaScript).
 *
 * @example
 * ```ts
 * const before = createScreener({ rules: [defaultRuleSet(), clinicRules] });
 * const after = createScreener({ rules: [defaultRuleSet(), editedClinicRules] });
 * const impact = await ruleImpact(before, after, intakes, { at: '2026-12-01' });
 * impact.matrix.proceed.modify; // intakes that would now be modified
 * ```
 */
export async function ruleImpact(
  from: Screener,
  to: Screener,
  intakes: Iterable<unknown> | AsyncIterable<unknown>,
  options: RuleImpactOptions = {},
): Promise<RuleImpact> {
  const collector = createImpactCollector(from, to, options);
  if (intakes === null || typeof intakes !== 'object' || !(Symbol.iterator in intakes || Symbol.asyncIterator in intakes))
    throw new TypeError('ruleImpact takes the intakes as an array or another (async) iterable.');
  let line = 0;
  for await (const intake of intakes) await collector.add(++line, intake);
  return collector.result();
}
