/**
 * One voice: a stop (`postpone`, `refer-urgent`) plans no session today on every surface — the result, the client's
 * messages, the body map, services, CDS Hooks, FHIR and the command line — for every sample intake, every default
 * fixture case and generated intakes; a clearance waits for the clearance; a session today is planned as such.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  DISPOSITIONS,
  SESSION_PLANS,
  bodyMapStates,
  flagTiming,
  renderBodyMap,
  screen,
  screenDraft,
  sessionPlan,
  withAnswers,
  type ScreeningSuccess,
  type SessionPlan,
} from 'massage-triage';
import { AT, intakeArb } from '../properties/arbitraries.js';
import { stopProblems } from './one-voice.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

async function ok(intake: unknown, at: string): Promise<ScreeningSuccess> {
  const r = await screen(intake, { at });
  expect(r.ok ? [] : r.issues).toEqual([]);
  if (!r.ok) throw new Error('not screened');
  return r;
}

const painOf = (intake: unknown): string[] => ((intake as { visit?: { painRegions?: string[] } }).visit?.painRegions ?? []).slice();

/** Every sample intake with its appointment date. */
const samples = (read(join(root, 'examples/intakes/expected.json')) as { file: string; at: string }[]).map((e) => ({
  name: e.file,
  at: e.at,
  intake: read(join(root, 'examples/intakes', e.file)),
}));

/** Every case of the default fixtures, as an intake and its date. */
const fixtureDir = join(root, 'rules/fixtures/default');
const fixtureCases = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((file) => {
    const f = read(join(fixtureDir, file)) as { at: string; base?: object; cases: { name: string; set?: Record<string, unknown>; at?: string }[] };
    return f.cases.map((c) => ({ name: `${file}: ${c.name}`, at: c.at ?? f.at, intake: withAnswers(f.base ?? BASELINE_INTAKE, c.set ?? {}) }));
  });

describe('one voice: a stop plans no session today, on every surface', () => {
  it('every sample intake whose result is a stop', async () => {
    let stops = 0;
    for (const s of samples) {
      const r = await ok(s.intake, s.at);
      if (r.plan === 'none-today') stops++;
      expect(stopProblems(r, painOf(s.intake)), s.name).toEqual([]);
    }
    // suspected-dvt, cauda-equina-signs and fever-today at least.
    expect(stops).toBeGreaterThanOrEqual(3);
  });

  it('every default fixture case whose result is a stop', async () => {
    let stops = 0;
    for (const c of fixtureCases) {
      const r = await ok(c.intake, c.at);
      if (r.plan === 'none-today') stops++;
      expect(stopProblems(r, painOf(c.intake)), c.name).toEqual([]);
    }
    expect(stops).toBeGreaterThanOrEqual(20);
  });

  it('generated intakes (property)', async () => {
    let stops = 0;
    await fc.assert(
      fc.asyncProperty(intakeArb, async (intake) => {
        const r = await ok(intake, AT);
        if (r.plan === 'none-today') stops++;
        expect(r.plan).toBe(sessionPlan(r.disposition));
        expect(stopProblems(r, painOf(intake))).toEqual([]);
      }),
      { numRuns: 120 },
    );
    // The generator reaches stops often; a property that never saw one would prove nothing.
    expect(stops).toBeGreaterThan(10);
  });
});

describe('one voice: the suspected clot of the issue', () => {
  const clot = withAnswers(BASELINE_INTAKE, {
    'clots.legSigns': 'yes',
    'clots.legSignsSide': 'left',
    'clots.immobility': 'yes',
    'clots.immobilityDate': '2026-06-01',
    'medications.painMedicationToday': 'yes',
    'visit.painRegions': ['left-lower-leg'],
  });

  it('says no massage today and what to do, and nothing about a gentle session', async () => {
    const r = await ok(clot, AT);
    expect(r.disposition).toBe('refer-urgent');
    expect(r.plan).toBe('none-today');
    expect(r.summary.client).toMatch(/^No massage today\. .*contact your doctor today.*emergency services/);
    expect(r.clientMessages.map((m) => m.ruleIds)).toEqual([['clot-current-signs']]);
    expect(r.clientMessages.map((m) => m.text).join(' ')).not.toMatch(/gentle|moderate pressure/);
    // The precautions stay, for a later session, and the therapist sees them marked as such.
    const later = r.flags.filter((f) => flagTiming(r.plan, f) === 'later-session').map((f) => f.ruleId);
    expect(later).toEqual(expect.arrayContaining(['clot-risk-immobility', 'pain-medication-today']));
    expect(stopProblems(r, ['left-lower-leg'])).toEqual([]);
  });

  it('marks the suspected-clot leg avoided, whatever the immobility flag caps there', async () => {
    const r = await ok(clot, AT);
    const states = bodyMapStates(r, ['left-lower-leg']);
    expect(states.get('left-lower-leg')).toEqual({ states: ['avoid', 'pain'] });
    expect(states.get('right-lower-leg')).toBeUndefined();
    expect(r.modifications.avoidRegions).toEqual(expect.arrayContaining(['left-thigh', 'left-knee', 'left-lower-leg', 'left-ankle', 'left-foot']));
    // The later session's caps stay on the other leg only: an avoided region has no cap.
    expect(r.modifications.regionalPressureCaps.map((c) => c.region)).not.toContain('left-lower-leg');
    expect(r.modifications.regionalPressureCaps.map((c) => c.region)).toContain('right-lower-leg');
    const svg = renderBodyMap(r, { painRegions: ['left-lower-leg'] });
    expect(svg).toContain('No session today');
    expect(svg).not.toContain('data-legend="cap"');
  });

  it('a draft with the clot signs ticked already says what to do now', async () => {
    const d = await screenDraft({ clots: { legSigns: 'yes', legSignsSide: 'left' } }, { at: AT });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.complete).toBe(false);
    expect(d.plan).toBe('none-today');
    expect(d.summary?.client).toMatch(/^No massage today\. /);
    expect(d.clientMessages.every((m) => m.timing === 'now')).toBe(true);
    expect(renderBodyMap(d)).toContain('data-plan="none-today"');
  });
});

describe('one voice: the plan and each flag\'s timing', () => {
  it('maps each disposition to its plan, and anything else (from JavaScript) to no session', () => {
    expect(SESSION_PLANS).toEqual(['today', 'after-clearance', 'none-today']);
    expect(DISPOSITIONS.map(sessionPlan)).toEqual(['today', 'today', 'none-today', 'after-clearance', 'none-today']);
    expect(sessionPlan('maybe' as never)).toBe('none-today');
  });

  it('times each flag by the plan: a step now, the planned session, or a later session', () => {
    const timing = (plan: SessionPlan) => DISPOSITIONS.map((disposition) => flagTiming(plan, { disposition }));
    expect(timing('today')).toEqual(['session', 'session', 'session', 'session', 'session']);
    expect(timing('after-clearance')).toEqual(['session', 'session', 'session', 'now', 'now']);
    expect(timing('none-today')).toEqual(['later-session', 'later-session', 'now', 'now', 'now']);
  });
});

describe('one voice: a clearance and a session today', () => {
  it('clearance-required: the session waits; its modifications and suggestions are for the cleared session', async () => {
    const r = await ok(withAnswers(BASELINE_INTAKE, { 'heart.heartCondition': 'yes', 'medications.anticoagulants': 'yes' }), AT);
    expect(r.disposition).toBe('clearance-required');
    expect(r.plan).toBe('after-clearance');
    expect(r.summary.client).toMatch(/^Your massage has to wait until this is cleared\. /);
    expect(r.summary.therapist).toMatch(/^Medical clearance required: no session until the clearance is on file\. /);
    expect(r.techniques.note).toMatch(/^No session until cleared/);
    expect(r.techniques.sessionNotes.frequency).toEqual(expect.any(String));
    // The step first, then how the cleared session is adapted.
    const timings = r.clientMessages.map((m) => m.timing);
    expect(timings[0]).toBe('now');
    expect(timings.slice(1).length).toBeGreaterThan(0);
    expect(timings.slice(1).every((t) => t === 'session')).toBe(true);
    expect(r.clientMessages.slice(1).flatMap((m) => m.ruleIds)).toContain('medication-anticoagulants');
  });

  it('proceed and modify plan a session today, with every flag adapting it', async () => {
    const fine = await ok(BASELINE_INTAKE, AT);
    expect(fine).toMatchObject({ plan: 'today', clientMessages: [], summary: { client: 'Your massage can go ahead as booked.' } });
    const modified = await ok(withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'yes' }), AT);
    expect(modified.plan).toBe('today');
    expect(modified.summary.client).toBe('Your massage can go ahead, adapted to you.');
    expect(modified.clientMessages.every((m) => m.timing === 'session')).toBe(true);
    expect(modified.techniques.suggested.length).toBeGreaterThan(0);
  });
});
