/**
 * Time windows flip exactly where the rules say: day before / day of / day after every boundary the default rule
 * set uses (every `withinDays`, and `lessThan…` / `greaterThan…` on derived days and age), with the appointment
 * given as a Date in several time zones across daylight-saving changes; the age-18 boundary; leap-day birthdays.
 * Each boundary is tested through a one-condition rule holding exactly the rule's condition, so the other conditions
 * of the rule do not hide the window. Run counts: 200 runs for the random-date property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, defaultRuleSet, withAnswers, type RuleCondition } from 'massage-triage';
import { rule, ruleSet } from '../rules/helpers.js';

/** The intake answers behind each derived days-since fact: the yes/no question and its date. */
const EVENTS: Readonly<Record<string, { answer?: string; date: string }>> = {
  daysSinceClot: { answer: 'clots.history', date: 'clots.historyDate' },
  daysSinceImmobility: { answer: 'clots.immobility', date: 'clots.immobilityDate' },
  daysSinceFracture: { answer: 'bones.fracture', date: 'bones.fractureDate' },
  daysSinceSuspectedFracture: { answer: 'bones.suspectedFracture', date: 'bones.suspectedFractureDate' },
  daysSinceSurgery: { answer: 'surgery.recent', date: 'surgery.date' },
  daysSinceInjection: { answer: 'injections.recent', date: 'injections.date' },
  daysSinceHeartAttackOrStroke: { answer: 'heart.heartAttackOrStroke', date: 'heart.heartAttackOrStrokeDate' },
  daysSinceInjury: { answer: 'injury.recent', date: 'injury.date' },
  daysSinceLastSeizure: { answer: 'nerves.epilepsy', date: 'nerves.lastSeizure' },
  daysSinceCompleted: { date: 'completedAt' },
};
const TIME_OPS = new Set(['withinDays', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
type Leaf = { fact: string; path: string; operator: string; value: number };

function leaves(c: unknown, out: Leaf[] = []): Leaf[] {
  if (c === null || typeof c !== 'object') return out;
  const n = c as Record<string, unknown>;
  for (const k of ['all', 'any'] as const) if (Array.isArray(n[k])) for (const s of n[k] as unknown[]) leaves(s, out);
  if (n.not) leaves(n.not, out);
  if (n.fact === 'derived' && typeof n.path === 'string' && typeof n.value === 'number' && TIME_OPS.has(String(n.operator)))
    if (n.path in EVENTS || n.path === 'ageYears') out.push({ fact: 'derived', path: n.path, operator: String(n.operator), value: n.value });
  return out;
}

/** Every time boundary of the default set, plus a few always-present ones so the test never checks nothing. */
const fromRules = defaultRuleSet().rules.flatMap((r) => leaves(r.conditions));
const BOUNDARIES: Leaf[] = [
  ...fromRules,
  { fact: 'derived', path: 'daysSinceFracture', operator: 'withinDays', value: 84 },
  { fact: 'derived', path: 'daysSinceSurgery', operator: 'lessThanInclusive', value: 42 },
  { fact: 'derived', path: 'daysSinceInjection', operator: 'withinDays', value: 14 },
  { fact: 'derived', path: 'daysSinceCompleted', operator: 'greaterThan', value: 90 },
  { fact: 'derived', path: 'ageYears', operator: 'lessThan', value: 18 },
].filter((b, i, all) => all.findIndex((x) => JSON.stringify(x) === JSON.stringify(b)) === i);

const AT = '2026-06-15';
const DAY = 86_400_000;
const minusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);
const minusYears = (date: string, n: number) => `${String(Number(date.slice(0, 4)) - n).padStart(4, '0')}${date.slice(4)}`;

function holds(op: string, actual: number, value: number): boolean {
  switch (op) {
    case 'withinDays':
    case 'lessThanInclusive':
      return actual <= value;
    case 'lessThan':
      return actual < value;
    case 'greaterThan':
      return actual > value;
    case 'greaterThanInclusive':
      return actual >= value;
  }
  throw new Error(op);
}

const screenerFor = (b: Leaf) =>
  createScreener({ rules: ruleSet([rule('window', { all: [b as unknown as RuleCondition] })]) });

/** An intake whose fact `b.path` is `n` on `at` (days since the event, or age in years). */
function intakeAt(b: Leaf, n: number, at: string, dayOffset = 0): Record<string, unknown> {
  if (b.path === 'ageYears') return withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': minusDays(minusYears(at, n), dayOffset) });
  const e = EVENTS[b.path]!;
  return withAnswers(BASELINE_INTAKE, { ...(e.answer ? { [e.answer]: 'yes' } : {}), [e.date]: minusDays(at, n) });
}

describe('time windows', () => {
  it('the default rule set boundaries are read (listed in the test names below)', () => {
    expect(BOUNDARIES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(BOUNDARIES.map((b) => [`${b.path} ${b.operator} ${b.value}`, b] as const))('%s: day before / of / after', async (_, b) => {
    const s = screenerFor(b);
    for (const n of [b.value - 1, b.value, b.value + 1]) {
      if (n < 0) continue;
      if (b.path === 'ageYears') {
        // Birthday the day before, on, and after the appointment date (the age turns on the birthday itself).
        for (const [offset, age] of [[-1, n - 1], [0, n], [1, n]] as const) {
          const r = await s.screen(intakeAt(b, n, AT, offset), { at: AT });
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.flags.some((f) => f.ruleId === 'window'), `age ${age} (birthday offset ${offset})`).toBe(holds(b.operator, age, b.value));
        }
        continue;
      }
      const r = await s.screen(intakeAt(b, n, AT), { at: AT });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.flags.some((f) => f.ruleId === 'window'), `${b.path} = ${n}`).toBe(holds(b.operator, n, b.value));
    }
  });

  it('random event dates fire exactly when the days since are within the window (200 runs)', async () => {
    const b: Leaf = { fact: 'derived', path: 'daysSinceFracture', operator: 'withinDays', value: 84 };
    const s = screenerFor(b);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 3000 }), async (n, shift) => {
        const at = minusDays('2030-12-31', shift);
        const r = await s.screen(intakeAt(b, n, at), { at });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.flags.some((f) => f.ruleId === 'window')).toBe(n <= 84);
      }),
      { numRuns: 200 },
    );
  });
});

/** Instants just before and at local midnight around daylight-saving changes, with the local date they fall on. */
const INSTANTS: readonly [zone: string, instant: string, localDate: string][] = [
  ['America/New_York', '2026-03-08T04:59:00Z', '2026-03-07'],
  ['America/New_York', '2026-03-08T05:00:00Z', '2026-03-08'],
  ['America/New_York', '2026-03-09T03:59:00Z', '2026-03-08'],
  ['America/New_York', '2026-03-09T04:00:00Z', '2026-03-09'],
  ['America/New_York', '2026-11-01T03:59:00Z', '2026-10-31'],
  ['America/New_York', '2026-11-01T04:00:00Z', '2026-11-01'],
  ['America/New_York', '2026-11-02T04:59:00Z', '2026-11-01'],
  ['America/New_York', '2026-11-02T05:00:00Z', '2026-11-02'],
  ['Europe/Berlin', '2026-03-28T22:59:00Z', '2026-03-28'],
  ['Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29'],
  ['Europe/Berlin', '2026-03-29T21:59:00Z', '2026-03-29'],
  ['Europe/Berlin', '2026-03-29T22:00:00Z', '2026-03-30'],
  ['Europe/Berlin', '2026-10-24T21:59:00Z', '2026-10-24'],
  ['Europe/Berlin', '2026-10-24T22:00:00Z', '2026-10-25'],
  ['Europe/Berlin', '2026-10-25T22:59:00Z', '2026-10-25'],
  ['Europe/Berlin', '2026-10-25T23:00:00Z', '2026-10-26'],
  ['Pacific/Auckland', '2026-03-28T10:59:00Z', '2026-03-28'],
  ['Pacific/Auckland', '2026-03-28T11:00:00Z', '2026-03-29'],
  ['Pacific/Auckland', '2026-04-04T10:59:00Z', '2026-04-04'],
  ['Pacific/Auckland', '2026-04-04T11:00:00Z', '2026-04-05'],
  ['Pacific/Auckland', '2026-04-05T11:59:00Z', '2026-04-05'],
  ['Pacific/Auckland', '2026-04-05T12:00:00Z', '2026-04-06'],
  ['Pacific/Auckland', '2026-09-26T11:59:00Z', '2026-09-26'],
  ['Pacific/Auckland', '2026-09-26T12:00:00Z', '2026-09-27'],
  ['Pacific/Auckland', '2026-09-27T10:59:00Z', '2026-09-27'],
  ['Pacific/Auckland', '2026-09-27T11:00:00Z', '2026-09-28'],
  ['UTC', '2026-03-29T23:59:59Z', '2026-03-29'],
];

describe('appointment as a Date in a time zone, across daylight-saving changes', () => {
  const windows = BOUNDARIES.filter((b) => b.path !== 'ageYears');
  it.each(INSTANTS)('%s %s is %s there, and every window flips on that local date', async (zone, instant, local) => {
    for (const b of windows) {
      const s = screenerFor(b);
      for (const n of [b.value - 1, b.value, b.value + 1]) {
        if (n < 0) continue;
        const r = await s.screen(intakeAt(b, n, local), { at: new Date(instant), timeZone: zone });
        expect(r.ok).toBe(true);
        if (!r.ok) continue;
        expect(r.audit.at).toBe(local);
        expect(r.flags.some((f) => f.ruleId === 'window'), `${b.path} ${b.operator} ${b.value} at ${n}`).toBe(holds(b.operator, n, b.value));
      }
    }
  });
});

describe('age 18 and leap-day birthdays', () => {
  const minor = createScreener({
    rules: ruleSet([
      rule('is-minor', { all: [{ fact: 'derived', path: 'isMinor', operator: 'equal', value: true }] }),
      rule('under-18', { all: [{ fact: 'derived', path: 'ageYears', operator: 'lessThan', value: 18 }] }),
    ]),
  });
  const fired = async (dob: string, at: string | Date, timeZone?: string) => {
    const r = await minor.screen(withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': dob }), { at, ...(timeZone ? { timeZone } : {}) });
    if (!r.ok) throw new Error('must screen');
    return r.flags.map((f) => f.ruleId).sort();
  };
  it.each([
    ['2008-06-15', '2026-06-14', true],
    ['2008-06-15', '2026-06-15', false],
    ['2008-06-15', '2026-06-16', false],
    // Born on 29 February: 18 on 1 March in a common year (the later, conservative reading), on 29 February in a leap year.
    ['2008-02-29', '2026-02-28', true],
    ['2008-02-29', '2026-03-01', false],
    ['2012-02-29', '2030-03-01', false],
    ['2010-02-28', '2028-02-28', false],
    ['2010-03-01', '2028-02-29', true],
    ['2012-02-29', '2030-02-28', true],
    ['2014-02-28', '2032-02-29', false],
    ['2012-02-29', '2032-02-29', false],
  ] as const)('born %s, seen %s: minor %s', async (dob, at, isMinor) => {
    expect(await fired(dob, at)).toEqual(isMinor ? ['is-minor', 'under-18'] : []);
  });
  it('an 18th birthday that starts in Auckland while it is still the day before in UTC', async () => {
    // 2026-06-14T12:00Z is 2026-06-15 00:00 in Auckland (NZST, +12).
    expect(await fired('2008-06-15', new Date('2026-06-14T12:00:00Z'), 'Pacific/Auckland')).toEqual([]);
    expect(await fired('2008-06-15', new Date('2026-06-14T12:00:00Z'), 'UTC')).toEqual(['is-minor', 'under-18']);
    expect(await fired('2008-06-15', new Date('2026-06-15T03:00:00Z'), 'America/New_York')).toEqual(['is-minor', 'under-18']);
  });
});
