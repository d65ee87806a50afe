/**
 * Regression tests for bugs the property and security tests found (each is listed in the report):
 * time zone of the host leaking into the appointment date; years 0000–0099; operators that give undefined.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, screen, withAnswers } from 'massage-triage';
import { appointmentDate, dayNumber, daysBetween } from '../../src/screening/dates.js';
import { strictEvaluate } from '../../src/rules/operators.js';
import { checkLimits, INTAKE_LIMITS } from '../../src/intake/limits.js';
import { leaf, rule, ruleSet } from '../rules/helpers.js';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('appointment date does not depend on the server time zone', () => {
  it.each(['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata'])('server in %s', (tz) => {
    process.env.TZ = tz;
    // Wall-clock time without an offset: the clinic's own date, whatever the server's zone.
    expect(appointmentDate('2026-06-15T06:00:00')).toBe('2026-06-15');
    expect(appointmentDate('2026-06-15T23:30', 'Pacific/Auckland')).toBe('2026-06-15');
    // An instant is read in the clinic's zone.
    expect(appointmentDate('2026-06-15T06:00:00Z', 'America/New_York')).toBe('2026-06-15');
    expect(appointmentDate('2026-06-15T02:00:00Z', 'America/New_York')).toBe('2026-06-14');
    expect(appointmentDate('2026-06-15T02:00:00+02:00')).toBe('2026-06-15');
    // Formats whose meaning depends on the machine are refused.
    expect(appointmentDate('June 15, 2026 06:00')).toBeUndefined();
    expect(appointmentDate('2026-02-30T10:00')).toBeUndefined();
  });
  it('screen gives the same result for a local date-time on any server', async () => {
    process.env.TZ = 'Pacific/Auckland';
    const a = await screen(BASELINE_INTAKE, { at: '2026-06-15T06:00:00' });
    process.env.TZ = 'America/Los_Angeles';
    const b = await screen(BASELINE_INTAKE, { at: '2026-06-15T06:00:00' });
    expect(a.ok && a.audit.at).toBe('2026-06-15');
    expect(b).toEqual(a);
  });
});

describe('calendar dates in years 0000–0099', () => {
  it('are real dates (Date.UTC read 0050 as 1950)', () => {
    expect(dayNumber('0050-06-01')).toBeDefined();
    expect(daysBetween('0050-12-31', '0051-01-01')).toBe(1);
    expect(daysBetween('0000-02-29', '0000-03-01')).toBe(1); // year 0 is a leap year
    expect(dayNumber('0001-02-29')).toBeUndefined();
  });
});

describe('operators must give true or false', () => {
  it('strictEvaluate throws on anything else', () => {
    expect(strictEvaluate({ name: 'x', evaluate: () => true })(1, 2)).toBe(true);
    expect(strictEvaluate({ name: 'x', evaluate: () => false })(1, 2)).toBe(false);
    for (const bad of [undefined, null, 1, 'true', Promise.resolve(true)])
      expect(() => strictEvaluate({ name: 'x', evaluate: () => bad as unknown as boolean })(1, 2)).toThrow(/did not give true or false/);
  });
  it('the screener installs operators through it (a rule using one runs normally)', async () => {
    const s = createScreener({ rules: ruleSet([rule('r', { all: [leaf('clots', 'history', 'yesOrUnsure', true)] })]) });
    const r = await s.screen(withAnswers(BASELINE_INTAKE, { 'clots.history': 'unsure' }), { at: '2026-06-15' });
    expect(r.ok && r.flags.map((f) => f.ruleId)).toEqual(['r']);
  });
});

describe('input limits', () => {
  it('refuse a huge list before walking it, and over-long field names', () => {
    expect(checkLimits(new Array(INTAKE_LIMITS.maxNodes).fill(0), INTAKE_LIMITS, 'intake')?.code).toBe('too_large');
    expect(checkLimits(new Array(INTAKE_LIMITS.maxNodes - 1).fill(0), INTAKE_LIMITS, 'intake')).toBeUndefined();
    expect(checkLimits({ ['k'.repeat(INTAKE_LIMITS.maxStringLength + 1)]: 1 }, INTAKE_LIMITS, 'intake')?.message).toContain('field name');
  });
});
