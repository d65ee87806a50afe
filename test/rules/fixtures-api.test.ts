// withAnswers and runFixtures called wrongly from JavaScript: a TypeError that says what they take, not a crash deep inside.
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, defaultRuleSet, createScreener, runFixtures, withAnswers } from 'massage-triage';

describe('withAnswers', () => {
  it('changes answers by dot path on a copy, and deletes with null', () => {
    const out = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'client.pregnant': null, 'injury.regions': ['neck'] });
    expect((out.clots as Record<string, unknown>).legSigns).toBe('yes');
    expect(out.client).not.toHaveProperty('pregnant');
    expect((out.injury as Record<string, unknown>).regions).toEqual(['neck']);
    expect(BASELINE_INTAKE.clots.legSigns).toBe('no');
  });

  it('throws a TypeError for a base or answers that are not objects', () => {
    for (const bad of [null, undefined, 'intake', 3, ['a']])
      expect(() => withAnswers(bad, {})).toThrow(new TypeError('withAnswers takes an intake object as its base, such as BASELINE_INTAKE.'));
    for (const bad of [null, 'clots.legSigns', ['clots.legSigns']])
      expect(() => withAnswers(BASELINE_INTAKE, bad as never)).toThrow(/withAnswers takes the answers to change as an object of dot paths/);
  });
});

describe('runFixtures', () => {
  const screener = createScreener({ rules: defaultRuleSet() });

  it('throws a TypeError naming where a file is not a fixture file', async () => {
    await expect(runFixtures(screener, null as never)).rejects.toThrow(new TypeError('runFixtures takes a fixture file; it is not one at (the file).'));
    await expect(runFixtures(screener, { at: '2026-12-01', cases: [{ name: 'x', fires: 'dvt' }] } as never)).rejects.toThrow(
      new TypeError('runFixtures takes a fixture file; it is not one at cases.0.fires.'),
    );
  });

  it('runs a valid file and reports each case', async () => {
    const reports = await runFixtures(screener, {
      at: '2026-12-01',
      cases: [
        { name: 'healthy', disposition: 'proceed' },
        { name: 'wrong on purpose', set: { 'clots.legSigns': 'yes' }, disposition: 'proceed' },
      ],
    });
    expect(reports.map((r) => [r.name, r.passed])).toEqual([
      ['healthy', true],
      ['wrong on purpose', false],
    ]);
    expect(reports[1]!.failures[0]).toMatch(/^expected disposition proceed, got /);
  });
});
