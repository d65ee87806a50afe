/**
 * Private: a marker placed in any text answer, or sent as an invalid value for any enum, date, number, boolean or
 * list question, never shows in an issue (message or otherwise), a thrown error's text, or anything written to the
 * console, stdout or stderr during parseIntake / screen / checkRuleSet.
 * Run counts: 200 runs.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASELINE_INTAKE, parseIntake, screen, withAnswers } from 'massage-triage';
import { AT, QUESTIONS } from './arbitraries.js';

const MARKER = 'ZQX-secret-7731';
let written: string[] = [];
const spies: { mockRestore(): void }[] = [];

beforeEach(() => {
  written = [];
  const record = (...args: unknown[]) => {
    written.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Uint8Array ? Buffer.from(a).toString() : String(a))).join(' '));
  };
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) spies.push(vi.spyOn(console, m).mockImplementation(record));
  spies.push(vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (record(chunk), true)));
  spies.push(vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (record(chunk), true)));
});
afterEach(() => {
  while (spies.length) spies.pop()!.mockRestore();
  expect(written.join('\n')).not.toContain(MARKER);
});

/** Where a marker can go: text answers as text; every other question as an invalid value containing it. */
const placements = QUESTIONS.map((q) => {
  const key = `${q.fact}.${q.path}`;
  const values: unknown[] =
    q.kind === 'text'
      ? [MARKER, `  ${MARKER}  `]
      : q.kind === 'list'
        ? [[MARKER], MARKER, [q.options?.[0] ?? 'M54.50', MARKER]]
        : [MARKER, `2026-01-01${MARKER}`, ` ${MARKER} `, [MARKER], { [MARKER]: MARKER }];
  return { key, values, text: q.kind === 'text' };
});

const markedIntakeArb = fc
  .tuple(fc.subarray(placements, { minLength: 1, maxLength: 6 }), fc.nat())
  .map(([chosen, n]) => {
    const set: Record<string, unknown> = {};
    for (const p of chosen) set[p.key] = p.values[n % p.values.length];
    return withAnswers(BASELINE_INTAKE, set);
  });

describe('private: no client value in issues, errors or output', () => {
  it('parseIntake issues never contain the marker (200 runs)', () => {
    fc.assert(
      fc.property(markedIntakeArb, (intake) => {
        const r = parseIntake(intake);
        if (!r.ok) expect(JSON.stringify(r.issues)).not.toContain(MARKER);
      }),
      { numRuns: 200 },
    );
  });

  it('screen never puts the marker in issues or logs it (200 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(markedIntakeArb, async (intake) => {
        const r = await screen(intake, { at: AT });
        if (!r.ok) expect(JSON.stringify(r.issues)).not.toContain(MARKER);
      }),
      { numRuns: 200 },
    );
  });

  it.each(placements)('$key: every placement refused or accepted without the marker in an issue', async ({ key, values, text }) => {
    for (const v of values) {
      const intake = withAnswers(BASELINE_INTAKE, { [key]: v });
      const p = parseIntake(intake);
      if (text && typeof v === 'string') expect(p.ok).toBe(true);
      if (!p.ok) expect(JSON.stringify(p.issues)).not.toContain(MARKER);
      const r = await screen(intake, { at: AT });
      if (!r.ok) expect(JSON.stringify(r.issues)).not.toContain(MARKER);
    }
  });

  it('a marker as an unknown key is refused, its value never repeated', () => {
    const r = parseIntake({ ...BASELINE_INTAKE, clots: { ...BASELINE_INTAKE.clots, notAField: MARKER } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.issues)).not.toContain(MARKER);
  });

  it('the spies see what is written (the check itself can fail)', () => {
    process.stdout.write(`probe ${MARKER}`);
    expect(written.join('')).toContain(MARKER);
    written = [];
  });
});
