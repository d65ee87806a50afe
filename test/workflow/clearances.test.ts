import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, screen, withAnswers, type Clearance, type ScreeningSuccess } from 'massage-triage';
import { addDays, leaf, rule, ruleSet, when } from './helpers';

const AT = '2026-12-01';

const screener = createScreener({
  rules: ruleSet([
    rule(
      'clot-history-test',
      when('clots', 'history', 'equal', 'yes'),
      { disposition: 'clearance-required', pressureCap: 2, avoidTechniques: ['deep-tissue'] },
      { category: 'clots' },
    ),
    rule('clot-urgent-test', when('clots', 'legSigns', 'equal', 'yes'), { disposition: 'refer-urgent' }, { category: 'clots' }),
    rule('heart-test', when('heart', 'heartCondition', 'equal', 'yes'), { disposition: 'clearance-required' }, { category: 'heart' }),
    rule(
      'clot-recent-test',
      { all: [leaf('clots', 'history', 'equal', 'yes'), leaf('derived', 'daysSinceClot', 'withinDays', 90)] },
      { disposition: 'clearance-required' },
      { category: 'clots-recent' },
    ),
    rule('fever-test', when('illness', 'feverOrAcuteIllness', 'equal', 'yes'), { disposition: 'postpone' }, { category: 'illness' }),
  ]),
});

function intake(set: Record<string, unknown>, clearances: Partial<Clearance>[]) {
  return { ...withAnswers(BASELINE_INTAKE, set), clearances };
}

async function run(set: Record<string, unknown>, clearances: Partial<Clearance>[]): Promise<ScreeningSuccess> {
  const r = await screener.screen(intake(set, clearances), { at: AT });
  if (!r.ok) throw new Error(r.issues.map((i) => i.pathString).join(', '));
  return r;
}

const clot = { 'clots.history': 'yes', 'clots.historyDate': '2020-01-01' };
const flagOf = (r: ScreeningSuccess, id: string) => r.flags.find((f) => f.ruleId === id);

describe('a valid clearance lowers clearance-required to modify', () => {
  it('matched by rule id: modify, modifications kept, said in the flag and the audit', async () => {
    const c = { ruleId: 'clot-history-test', clearedBy: 'Dr. Weber', date: addDays(AT, -30) };
    const r = await run(clot, [c]);
    const f = flagOf(r, 'clot-history-test')!;
    expect(r.disposition).toBe('modify');
    expect(f.disposition).toBe('modify');
    expect(f.kind).toBe('precaution');
    expect(f.originalDisposition).toBe('clearance-required');
    expect(f.clearance).toEqual({ ruleId: 'clot-history-test', clearedBy: 'Dr. Weber', date: c.date, matched: 'clot-history-test' });
    expect(f.modifications.pressureCap).toBe(2);
    expect(f.modifications.avoidTechniques).toEqual(['deep-tissue']);
    expect(r.modifications.pressureCap).toBe(2);
    expect(r.modifications.avoidTechniques).toEqual(['deep-tissue']);
    expect(f.message).toMatch(/Cleared by Dr\. Weber on \d{4}-\d{2}-\d{2}/);
    expect(r.audit.clearancesUsed).toEqual([f.clearance]);
  });

  it("matched by the rule's category as condition", async () => {
    const r = await run(clot, [{ condition: 'clots', date: addDays(AT, -10), validUntil: addDays(AT, 10) }]);
    const f = flagOf(r, 'clot-history-test')!;
    expect(f.disposition).toBe('modify');
    expect(f.clearance?.matched).toBe('clots');
    expect(f.clearance?.validUntil).toBe(addDays(AT, 10));
    expect(r.audit.clearancesUsed).toHaveLength(1);
  });

  it('is valid on its validUntil day and on the day it was given', async () => {
    expect((await run(clot, [{ ruleId: 'clot-history-test', date: addDays(AT, -400), validUntil: AT }])).disposition).toBe('modify');
    expect((await run(clot, [{ ruleId: 'clot-history-test', date: AT }])).disposition).toBe('modify');
  });

  it('without validUntil it lasts 365 days', async () => {
    expect((await run(clot, [{ ruleId: 'clot-history-test', date: addDays(AT, -365) }])).disposition).toBe('modify');
    expect((await run(clot, [{ ruleId: 'clot-history-test', date: addDays(AT, -366) }])).disposition).toBe('clearance-required');
  });
});

describe('a clearance that does not apply changes nothing', () => {
  const cases: [string, Partial<Clearance>][] = [
    ['expired validUntil', { ruleId: 'clot-history-test', date: addDays(AT, -30), validUntil: addDays(AT, -1) }],
    ['older than 365 days', { ruleId: 'clot-history-test', date: addDays(AT, -500) }],
    ['dated after the appointment', { ruleId: 'clot-history-test', date: addDays(AT, 1) }],
    ['another rule', { ruleId: 'heart-test', date: addDays(AT, -5) }],
    ['another condition', { condition: 'heart', date: addDays(AT, -5) }],
    ['neither rule nor condition', { clearedBy: 'Dr. Weber', date: addDays(AT, -5) }],
  ];
  for (const [name, c] of cases)
    it(name, async () => {
      const r = await run(clot, [c]);
      const f = flagOf(r, 'clot-history-test')!;
      expect(r.disposition).toBe('clearance-required');
      expect(f.disposition).toBe('clearance-required');
      expect(f.clearance).toBeUndefined();
      expect(f.originalDisposition).toBeUndefined();
      expect(r.audit.clearancesUsed).toEqual([]);
    });
});

describe('what a clearance never does', () => {
  it('a clearance given before the event that triggered the flag does not clear it', async () => {
    const recent = { 'clots.history': 'yes', 'clots.historyDate': addDays(AT, -30) };
    const before = await run(recent, [{ ruleId: 'clot-recent-test', date: addDays(AT, -31) }]);
    expect(flagOf(before, 'clot-recent-test')!.disposition).toBe('clearance-required');
    expect(before.audit.clearancesUsed.map((c) => c.ruleId)).not.toContain('clot-recent-test');
    for (const days of [30, 5]) {
      const after = await run(recent, [{ ruleId: 'clot-recent-test', date: addDays(AT, -days) }]);
      expect(flagOf(after, 'clot-recent-test')!.disposition, String(days)).toBe('modify');
    }
  });

  it('an undated recent event counts from the completion date: an older clearance does not clear it', async () => {
    const undated = { ...withAnswers(BASELINE_INTAKE, { 'clots.history': 'yes' }), completedAt: addDays(AT, -3) };
    const r = await screener.screen({ ...undated, clearances: [{ ruleId: 'clot-recent-test', date: addDays(AT, -10) }] }, { at: AT });
    expect(r.ok && r.flags.find((f) => f.ruleId === 'clot-recent-test')?.disposition).toBe('clearance-required');
  });

  it('nothing clears refer-urgent, by rule id or by condition', async () => {
    const r = await run({ 'clots.legSigns': 'yes' }, [
      { ruleId: 'clot-urgent-test', date: addDays(AT, -1) },
      { condition: 'clots', date: addDays(AT, -1) },
    ]);
    const f = flagOf(r, 'clot-urgent-test')!;
    expect(r.disposition).toBe('refer-urgent');
    expect(f.disposition).toBe('refer-urgent');
    expect(f.clearance).toBeUndefined();
    expect(r.audit.clearancesUsed).toEqual([]);
  });

  it('a postpone is not a clearance matter', async () => {
    const r = await run({ 'illness.feverOrAcuteIllness': 'yes' }, [{ ruleId: 'fever-test', date: addDays(AT, -1) }]);
    expect(r.disposition).toBe('postpone');
    expect(r.audit.clearancesUsed).toEqual([]);
  });

  it('clearing one flag leaves the others', async () => {
    const r = await run({ ...clot, 'heart.heartCondition': 'yes' }, [{ ruleId: 'clot-history-test', date: addDays(AT, -1) }]);
    expect(r.disposition).toBe('clearance-required');
    expect(flagOf(r, 'clot-history-test')!.disposition).toBe('modify');
    expect(flagOf(r, 'heart-test')!.disposition).toBe('clearance-required');
    expect(r.audit.clearancesUsed.map((c) => c.ruleId)).toEqual(['clot-history-test']);
  });

  it('a clearance with no matching flag is not listed as used', async () => {
    const r = await run({}, [{ ruleId: 'clot-history-test', date: addDays(AT, -1) }]);
    expect(r.disposition).toBe('proceed');
    expect(r.audit.clearancesUsed).toEqual([]);
  });
});

describe('clearances with the default rule set', () => {
  // A clot in the last year: older ones, off treatment, are local care without clearance (issue 19).
  const history = { 'clots.history': 'yes', 'clots.historyDate': addDays(AT, -200), 'clots.onTreatment': 'no', 'clots.cleared': 'no' };

  it('a clot of the last year not cleared needs clearance; a clearance on file lowers it to modify with the caps kept', async () => {
    const before = await screen(withAnswers(BASELINE_INTAKE, history), { at: AT });
    if (!before.ok) throw new Error('invalid');
    const needs = before.flags.filter((f) => f.disposition === 'clearance-required').map((f) => f.ruleId);
    expect(needs).toContain('clot-history-not-cleared');
    expect(before.disposition).toBe('clearance-required');

    const after = await screen(
      { ...withAnswers(BASELINE_INTAKE, history), clearances: needs.map((ruleId) => ({ ruleId, clearedBy: 'Dr. Weber', date: addDays(AT, -20) })) },
      { at: AT },
    );
    if (!after.ok) throw new Error('invalid');
    expect(after.disposition).toBe('modify');
    const f = after.flags.find((x) => x.ruleId === 'clot-history-not-cleared')!;
    expect(f.originalDisposition).toBe('clearance-required');
    expect(f.modifications).toEqual(before.flags.find((x) => x.ruleId === 'clot-history-not-cleared')!.modifications);
    expect(after.modifications.pressureCap).toBe(before.modifications.pressureCap);
    expect(after.audit.clearancesUsed.map((c) => c.ruleId).sort()).toEqual([...needs].sort());
  });

  it('a clot clearance on file does not clear current leg signs', async () => {
    const r = await screen(
      { ...withAnswers(BASELINE_INTAKE, { ...history, 'clots.legSigns': 'yes' }), clearances: [{ condition: 'clots', date: addDays(AT, -5) }] },
      { at: AT },
    );
    expect(r.ok && r.disposition).toBe('refer-urgent');
  });
});
