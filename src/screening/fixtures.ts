/**
 * The fixture runner: screens every case of a fixture file (format in `rules/fixtures.ts`) and reports, case by case,
 * what differs from what the case expects. It sits in the screening layer because it runs a screener and reads its
 * results; the format it runs stays in `rules/`, below.
 */
import { BASELINE_INTAKE, fixtureFileSchema, withAnswers, type FixtureFile } from '../rules/fixtures.js';
import type { ModificationsExpectation, RuleOutcomeExpectation } from '../rules/fixture-expectations.js';
import type { Screener } from './screener.js';
import type { Flag, ScreeningSuccess } from './types.js';

/** The outcome of one fixture case. */
export interface FixtureCaseReport {
  readonly name: string;
  readonly passed: boolean;
  /** What went wrong, one line each (empty when passed). */
  readonly failures: readonly string[];
  readonly fired: readonly string[];
}

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
function outcomeMismatches(c: Expectations, r: ScreeningSuccess): string[] {
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

/**
 * Run every case of a fixture file against a screener.
 *
 * @throws TypeError when `file` is not a fixture file (see {@link fixtureFileSchema}), naming where it is not; check a
 * file read from disk with `fixtureFileSchema.safeParse` first to report its problems yourself.
 */
export async function runFixtures(screener: Screener, file: FixtureFile): Promise<FixtureCaseReport[]> {
  const checked = fixtureFileSchema.safeParse(file);
  if (!checked.success) {
    const where = checked.error.issues.slice(0, 3).map((i) => (i.path.length > 0 ? i.path.join('.') : '(the file)'));
    throw new TypeError(`runFixtures takes a fixture file; it is not one at ${where.join(', ')}${checked.error.issues.length > 3 ? ', …' : ''}.`);
  }
  const reports: FixtureCaseReport[] = [];
  for (const c of file.cases) {
    const intake = withAnswers(file.base ?? BASELINE_INTAKE, c.set ?? {});
    const r = await screener.screen(intake, { at: c.at ?? file.at });
    const failures: string[] = [];
    if (!r.ok) {
      failures.push(`the intake does not validate: ${r.issues.map((i) => `${i.pathString}: ${i.message}`).join('; ')}`);
      reports.push({ name: c.name, passed: false, failures, fired: [] });
      continue;
    }
    const fired = r.flags.map((f) => f.ruleId);
    for (const id of c.fires ?? []) if (!fired.includes(id)) failures.push(`expected "${id}" to fire; it did not`);
    for (const id of c.doesNotFire ?? []) if (fired.includes(id)) failures.push(`expected "${id}" not to fire; it did`);
    if (c.disposition && r.disposition !== c.disposition) failures.push(`expected disposition ${c.disposition}, got ${r.disposition}`);
    failures.push(...outcomeMismatches(c, r));
    reports.push({ name: c.name, passed: failures.length === 0, failures, fired });
  }
  return reports;
}
