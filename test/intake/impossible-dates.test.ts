/**
 * Issue 21, finding 10: impossible dates are issues at their paths. An event after the appointment (read against
 * `at`) or after the completion date, a birth date in the future, an intake completed after the appointment.
 */
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, parseIntake, screen, screenDraft, withAnswers } from 'massage-triage';

const AT = '2026-06-15';
async function issuesOf(input: unknown, at = AT) {
  const r = await screen(input, { at });
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map((i) => [i.pathString, i.code]);
}

describe('impossible dates', () => {
  it('a fracture dated after the appointment', async () => {
    expect(await issuesOf(withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'bones.fractureDate': '2026-06-16' }))).toEqual([['bones.fractureDate', 'invalid_value']]);
    const sameDay = await screen(withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'bones.fractureDate': AT }), { at: AT });
    expect(sameDay.ok).toBe(true);
  });
  it('every dated event after the completion date, from parseIntake too', () => {
    const input = withAnswers(BASELINE_INTAKE, { completedAt: '2026-05-01', 'surgery.recent': 'yes', 'surgery.date': '2026-05-02', 'injury.recent': 'yes', 'injury.date': '2026-05-01', 'visit.prescriptionDate': '2026-05-10' });
    const r = parseIntake(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.pathString).sort()).toEqual(['surgery.date', 'visit.prescriptionDate']);
  });
  it('a birth date in the future', async () => {
    expect(await issuesOf(withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '2030-01-01' }))).toEqual([['client.dateOfBirth', 'invalid_value']]);
    const r = parseIntake(withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '2026-03-01', completedAt: '2026-02-01' }));
    expect(!r.ok && r.issues.map((i) => i.pathString)).toEqual(['client.dateOfBirth']);
  });
  it('an intake completed after the appointment', async () => {
    expect(await issuesOf(withAnswers(BASELINE_INTAKE, { completedAt: '2026-06-16' }))).toEqual([['completedAt', 'invalid_value']]);
  });
  it('messages never repeat the date', async () => {
    const r = await screen(withAnswers(BASELINE_INTAKE, { 'heart.heartAttackOrStroke': 'yes', 'heart.heartAttackOrStrokeDate': '2031-07-09' }), { at: AT });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('2031');
  });
  it('a draft shows the issue and fails closed', async () => {
    const d = await screenDraft(withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'bones.fractureDate': '2027-01-01' }), { at: AT });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.issues.map((i) => i.pathString)).toContain('bones.fractureDate');
    expect(d.disposition).not.toBe('proceed');
  });
});
