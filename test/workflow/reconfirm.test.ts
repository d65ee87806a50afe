import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, screen, withAnswers, type ScreeningSuccess } from 'massage-triage';
import { addDays, leaf, rule, ruleSet } from './helpers';

const AT = '2026-12-01';

async function ok(p: ReturnType<typeof screen>): Promise<ScreeningSuccess> {
  const r = await p;
  if (!r.ok) throw new Error(r.issues.map((i) => i.pathString).join(', '));
  return r;
}
const completed = (days: number) => ({ ...BASELINE_INTAKE, completedAt: addDays(AT, -days) });
const reconfirm = (r: ScreeningSuccess) => r.flags.find((f) => f.ruleId === 'reconfirm-health-history');

describe('answers that expire: reconfirm after 90 days', () => {
  it('90 days: no flag; the baseline proceeds', async () => {
    const r = await ok(screen(completed(90), { at: AT }));
    expect(reconfirm(r)).toBeUndefined();
    expect(r.disposition).toBe('proceed');
  });

  it('91 days: a reconfirm flag that makes the session modify', async () => {
    const r = await ok(screen(completed(91), { at: AT }));
    const f = reconfirm(r);
    expect(f?.kind).toBe('reconfirm');
    expect(f?.disposition).toBe('modify');
    expect(f?.because[0]).toMatchObject({ fact: 'derived', path: 'daysSinceCompleted', actual: 91, expected: 90 });
    expect(f?.clientMessage.length).toBeGreaterThan(0);
    expect(r.disposition).toBe('modify');
  });

  it('a custom limit', async () => {
    expect(reconfirm(await ok(screen(completed(30), { at: AT, reconfirmAfterDays: 30 })))).toBeUndefined();
    expect(reconfirm(await ok(screen(completed(31), { at: AT, reconfirmAfterDays: 30 })))?.because[0]?.expected).toBe(30);
    expect(reconfirm(await ok(screen(completed(200), { at: AT, reconfirmAfterDays: 365 })))).toBeUndefined();
  });

  it('no completion date: no flag; one after the appointment is an issue at completedAt', async () => {
    expect(reconfirm(await ok(screen(BASELINE_INTAKE, { at: AT })))).toBeUndefined();
    const late = await screen(completed(-5), { at: AT });
    expect(!late.ok && late.issues.map((i) => i.pathString)).toEqual(['completedAt']);
  });

  it('never lowers a stop', async () => {
    const r = await ok(screen({ ...withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), completedAt: addDays(AT, -200) }, { at: AT }));
    expect(r.disposition).toBe('refer-urgent');
    expect(reconfirm(r)).toBeDefined();
  });
});

describe('undated time-bound answers are read against the completion date', () => {
  const screener = createScreener({
    rules: ruleSet([
      rule('injury-last-3-days', { all: [leaf('injury', 'recent', 'yesOrUnsure', true), leaf('derived', 'daysSinceInjury', 'withinDays', 3)] }, { disposition: 'postpone' }),
      rule('injury-age', { all: [leaf('injury', 'recent', 'yesOrUnsure', true), leaf('derived', 'daysSinceInjury', 'greaterThanInclusive', 0)] }),
    ]),
  });
  const injured = withAnswers(BASELINE_INTAKE, { 'injury.recent': 'yes' });

  it('an undated injury on an intake completed 10 days before is 10 days old, not 0', async () => {
    const r = await ok(screener.screen({ ...injured, completedAt: addDays(AT, -10) }, { at: AT }));
    expect(r.flags.map((f) => f.ruleId)).toEqual(['injury-age']);
    expect(r.flags[0]?.because.find((b) => b.path === 'daysSinceInjury')?.actual).toBe(10);
    expect(r.disposition).toBe('modify');
  });

  it('without a completion date it is taken as recent as possible (0 days)', async () => {
    const r = await ok(screener.screen(injured, { at: AT }));
    expect(r.disposition).toBe('postpone');
    expect(r.flags.find((f) => f.ruleId === 'injury-age')?.because.find((b) => b.path === 'daysSinceInjury')?.actual).toBe(0);
  });

  it('a given date wins over the completion date', async () => {
    // Undated, the injury would be 1 day old (the completion date); its own date makes it 12 days old.
    const r = await ok(screener.screen({ ...withAnswers(injured, { 'injury.date': addDays(AT, -12) }), completedAt: addDays(AT, -1) }, { at: AT }));
    expect(r.disposition).toBe('modify');
    expect(r.flags[0]?.because.find((b) => b.path === 'daysSinceInjury')?.actual).toBe(12);
  });
});
