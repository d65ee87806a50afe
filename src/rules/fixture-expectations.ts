/**
 * What a fixture case can say about the clinical outcome beyond which rules fire: one rule's own outcome
 * (`outcomes`), the merged session modifications (`modifications`) and the techniques that must not be suggested
 * (`notSuggested`). Removing a cap, a region or a technique ban from a rule then fails its fixture, field by field.
 *
 * Kept apart from `fixtures.ts` (the case format and the runner) so that each can change on its own.
 */
import * as z from 'zod/mini';
import { BODY_REGIONS, DISPOSITIONS, POSITIONING, TECHNIQUES } from '../intake/vocabulary.js';
import type { Flag, ScreeningSuccess } from '../screening/types.js';

const cap = z.union([z.number().check(z.int(), z.gte(1), z.lte(5)), z.null()]);
const regions = z.array(z.enum(BODY_REGIONS));
const techniques = z.array(z.enum(TECHNIQUES));
const positioning = z.array(z.enum(POSITIONING));

/**
 * One rule's own outcome in a case: the rule must fire, and every field given must equal what its flag says.
 * `pressureCap: null` says the rule caps nothing; a list says exactly these (in any order).
 */
export const ruleOutcomeExpectationSchema = z.strictObject({
  disposition: z.optional(z.enum(DISPOSITIONS)),
  /** `local` when the rule applies to the regions named; a local rule with no region named is `systemic`. */
  scope: z.optional(z.enum(['systemic', 'local'])),
  regions: z.optional(regions),
  pressureCap: z.optional(cap),
  avoidRegions: z.optional(regions),
  avoidTechniques: z.optional(techniques),
  positioning: z.optional(positioning),
});

/**
 * The merged session modifications of a case. `pressureCap` is exact (null: no whole-body cap); each region in
 * `regionalPressureCaps` must get exactly that cap (the lower of its own and the whole-body cap); the lists must hold
 * at least the items given (other rules of the case may add more).
 */
export const modificationsExpectationSchema = z.strictObject({
  pressureCap: z.optional(cap),
  regionalPressureCaps: z.optional(z.partialRecord(z.enum(BODY_REGIONS), z.number().check(z.int(), z.gte(1), z.lte(5)))),
  avoidRegions: z.optional(regions),
  avoidTechniques: z.optional(techniques),
  positioning: z.optional(positioning),
});

/** The fields a fixture case gains from this module (spread into the case schema). */
export const outcomeExpectationFields = {
  /** Per rule id: the rule's own outcome in this case. */
  outcomes: z.optional(z.record(z.string(), ruleOutcomeExpectationSchema)),
  /** The session modifications of the whole result. */
  modifications: z.optional(modificationsExpectationSchema),
  /** Techniques the result must not suggest. */
  notSuggested: z.optional(techniques),
};

/** One rule's expected outcome in a fixture case. */
export type RuleOutcomeExpectation = z.infer<typeof ruleOutcomeExpectationSchema>;
/** The expected session modifications of a fixture case. */
export type ModificationsExpectation = z.infer<typeof modificationsExpectationSchema>;

interface Expectations {
  readonly outcomes?: Readonly<Record<string, RuleOutcomeExpectation>> | undefined;
  readonly modifications?: ModificationsExpectation | undefined;
  readonly notSuggested?: readonly string[] | undefined;
}

const showCap = (c: number | null | undefined) => (c === null || c === undefined ? 'none' : String(c));
const showList = (l: readonly string[]) => (l.length === 0 ? '(none)' : l.join(', '));
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function flagMismatches(id: string, want: RuleOutcomeExpectation, flag: Flag): string[] {
  const out: string[] = [];
  const at = (field: string, expected: string, got: string) => out.push(`outcome of "${id}": ${field} expected ${expected}, got ${got}`);
  if (want.disposition !== undefined && flag.disposition !== want.disposition) at('disposition', want.disposition, flag.disposition);
  if (want.scope !== undefined && flag.scope !== want.scope) at('scope', want.scope, flag.scope);
  if (want.regions !== undefined && !sameSet(want.regions, flag.regions)) at('regions', showList(want.regions), showList(flag.regions));
  const gotCap = flag.modifications.pressureCap ?? null;
  if (want.pressureCap !== undefined && gotCap !== want.pressureCap) at('pressureCap', showCap(want.pressureCap), showCap(gotCap));
  for (const field of ['avoidRegions', 'avoidTechniques', 'positioning'] as const) {
    const w = want[field];
    const got = flag.modifications[field];
    if (w !== undefined && !sameSet(w, got)) at(field, showList(w), showList(got));
  }
  return out;
}

function modificationMismatches(want: ModificationsExpectation, r: ScreeningSuccess): string[] {
  const out: string[] = [];
  const m = r.modifications;
  if (want.pressureCap !== undefined && m.pressureCap !== want.pressureCap)
    out.push(`modifications.pressureCap: expected ${showCap(want.pressureCap)}, got ${showCap(m.pressureCap)}`);
  for (const [region, c] of Object.entries(want.regionalPressureCaps ?? {})) {
    const own = m.regionalPressureCaps.find((x) => x.region === region)?.pressureCap;
    const got = own ?? m.pressureCap;
    if (got !== c) out.push(`modifications.regionalPressureCaps.${region}: expected ${c}, got ${showCap(got)}`);
  }
  for (const field of ['avoidRegions', 'avoidTechniques', 'positioning'] as const) {
    const got: readonly string[] = m[field];
    const missing = (want[field] ?? []).filter((x) => !got.includes(x));
    if (missing.length > 0) out.push(`modifications.${field}: expected to include ${missing.join(', ')}; got ${showList(got)}`);
  }
  return out;
}

/**
 * Every way a screening differs from what a fixture case expects of its outcome, one line per field. Empty when the
 * case states nothing beyond fires / doesNotFire / disposition, or when all it states holds.
 */
export function outcomeMismatches(c: Expectations, r: ScreeningSuccess): string[] {
  const out: string[] = [];
  for (const [id, want] of Object.entries(c.outcomes ?? {})) {
    const flag = r.flags.find((f) => f.ruleId === id);
    if (!flag) out.push(`outcome of "${id}": expected it to fire; it did not`);
    else out.push(...flagMismatches(id, want, flag));
  }
  if (c.modifications) out.push(...modificationMismatches(c.modifications, r));
  const suggested = r.techniques.suggested.map((s) => s.technique as string);
  for (const t of c.notSuggested ?? []) if (suggested.includes(t)) out.push(`notSuggested: "${t}" was suggested`);
  return out;
}
