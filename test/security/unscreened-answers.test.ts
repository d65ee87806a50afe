/**
 * Issue 21, finding 2: a screener without enabled rules is refused, and a risky answer that no enabled rule reads
 * never yields proceed (an `unscreened-answer` flag, at least clearance-required, names the question).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  createScreener,
  defaultRuleSet,
  dispositionRank,
  isRuleSetError,
  withAnswers,
  type FixtureFile,
  type ScreeningSuccess,
} from 'massage-triage';
import { safetyQuestions } from '../../src/screening/coverage.js';
import { DERIVED_FROM } from '../../src/screening/draft.js';
import { leaf, rule, ruleSet } from '../rules/helpers.js';

const AT = '2026-06-15';
const RISKY = { 'clots.legSigns': 'yes', 'redFlags.saddleNumbness': 'yes' };

function refused(make: () => unknown): void {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(isRuleSetError(error)).toBe(true);
  expect(isRuleSetError(error) && error.problems.map((p) => p.pathString)).toEqual(['rules']);
}

async function ok(r: Promise<unknown>): Promise<ScreeningSuccess> {
  const v = (await r) as ScreeningSuccess | { ok: false };
  expect(v.ok).toBe(true);
  if (!v.ok) throw new Error('not screened');
  return v;
}

describe('a screener refuses an empty effective rule set', () => {
  it('with no rules at all', () => refused(() => createScreener({ rules: ruleSet([]) })));
  it('with every default rule disabled', () => refused(() => createScreener({ rules: defaultRuleSet(), disable: defaultRuleSet().rules.map((r) => r.id) })));
  it('with every rule "enabled": false in its file', () => {
    const file = JSON.parse(readFileSync(new URL('../../rules/default.rules.json', import.meta.url), 'utf8')) as { rules: object[] };
    refused(() => createScreener({ rules: { ...file, rules: file.rules.map((r) => ({ ...r, enabled: false })) } }));
  });
  it('with the rules split between disable and "enabled": false', () => {
    const rules = [rule('a', { all: [leaf('clots', 'legSigns', 'yesOrUnsure', true)] }, {}, { enabled: false }), rule('b', { all: [leaf('clots', 'history', 'yesOrUnsure', true)] })];
    refused(() => createScreener({ rules: ruleSet(rules), disable: ['b'] }));
  });
});

describe('a risky answer that no enabled rule reads never yields proceed', () => {
  const only = createScreener({ rules: ruleSet([rule('clot-signs', { all: [leaf('clots', 'legSigns', 'equal', 'yes')] }, { disposition: 'refer-urgent' })]) });

  it('names each unread answer in an unscreened-answer flag, at least clearance-required', async () => {
    const r = await ok(only.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'unsure', 'redFlags.saddleNumbness': 'yes' }), { at: AT }));
    expect(r.disposition).toBe('clearance-required');
    const unscreened = r.flags.filter((f) => f.ruleId === 'unscreened-answer');
    expect(unscreened.map((f) => `${f.because[0]!.fact}.${f.because[0]!.path}=${String(f.because[0]!.actual)}`).sort()).toEqual([
      'clots.legSigns=unsure',
      'redFlags.saddleNumbness=yes',
    ]);
    for (const f of unscreened) {
      expect(f.kind).toBe('evaluation-error');
      expect(dispositionRank(f.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
      expect(f.message).toContain(`${f.because[0]!.fact}.${f.because[0]!.path}`);
    }
  });

  it('leaves a read answer and the safe answers alone', async () => {
    const r = await ok(only.screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), { at: AT }));
    expect(r.flags.map((f) => f.ruleId)).toEqual(['clot-signs']);
    const healthy = await ok(only.screen(BASELINE_INTAKE, { at: AT }));
    expect(healthy.disposition).toBe('proceed');
  });

  it('with every default rule but one disabled, leg clot signs and saddle numbness are not proceed', async () => {
    const keep = defaultRuleSet().rules.find((r) => r.id.startsWith('allergies'))!.id;
    const s = createScreener({ rules: defaultRuleSet(), disable: defaultRuleSet().rules.map((r) => r.id).filter((id) => id !== keep) });
    const r = await ok(s.screen(withAnswers(BASELINE_INTAKE, RISKY), { at: AT }));
    expect(r.disposition).not.toBe('proceed');
    expect(r.flags.filter((f) => f.ruleId === 'unscreened-answer').map((f) => f.because[0]!.path).sort()).toEqual(['legSigns', 'saddleNumbness']);
  });

  it('counts a rule that reads the answer through a derived fact', async () => {
    const s = createScreener({ rules: ruleSet([rule('recent-fracture', { all: [leaf('derived', 'daysSinceFracture', 'withinDays', 84)] })]) });
    const r = await ok(s.screen(withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes' }), { at: AT }));
    expect(r.flags.map((f) => f.ruleId)).toEqual(['recent-fracture']);
    const unsure = createScreener({ rules: ruleSet([rule('any-unsure', { all: [leaf('derived', 'unsureAnswers', 'isNotEmpty', true)] })]) });
    const u = await ok(unsure.screen(withAnswers(BASELINE_INTAKE, { 'heart.aneurysm': 'unsure' }), { at: AT }));
    expect(u.flags.map((f) => f.ruleId)).toEqual(['any-unsure']);
  });

  it('a clearance on file does not lower it', async () => {
    const r = await ok(only.screen({ ...withAnswers(BASELINE_INTAKE, { 'redFlags.saddleNumbness': 'yes' }), clearances: [{ ruleId: 'unscreened-answer', date: '2026-06-01' }] }, { at: AT }));
    expect(r.disposition).toBe('clearance-required');
  });

  it('property: with any default rules disabled, a risky answer is read by an enabled rule or flagged (100 runs)', async () => {
    const all = defaultRuleSet().rules;
    const questions = safetyQuestions();
    const pairs = questions.flatMap((q) => q.risky.map((a) => [q, a] as const));
    const mentions = (r: (typeof all)[number], path: string) => {
      const text = JSON.stringify(r.conditions);
      const [group, field] = path.split('.');
      const derived = Object.entries(DERIVED_FROM).filter(([, from]) => from.includes(path)).map(([d]) => d);
      return (text.includes(`"fact":"${group}"`) && text.includes(`"path":"${field}"`)) || derived.some((d) => text.includes(`"path":"${d}"`)) || text.includes('"unsureAnswers"');
    };
    await fc.assert(
      fc.asyncProperty(fc.subarray(all.map((r) => r.id), { minLength: 1, maxLength: all.length - 1 }), fc.constantFrom(...pairs), async (disable, [q, answer]) => {
        const s = createScreener({ rules: defaultRuleSet(), disable });
        const path = `${q.group}.${q.field}`;
        const r = await ok(s.screen(withAnswers(BASELINE_INTAKE, { [path]: answer }), { at: AT }));
        const flagged = r.flags.some((f) => f.ruleId === 'unscreened-answer' && `${f.because[0]!.fact}.${f.because[0]!.path}` === path);
        if (r.disposition === 'proceed') expect(s.rules.some((x) => mentions(x, path))).toBe(true);
        if (!s.rules.some((x) => mentions(x, path))) expect(flagged).toBe(true);
        if (flagged) expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the audit lists every rule that does not run', () => {
  it('switched off in a file as well as by disable', async () => {
    const s = createScreener({
      rules: ruleSet([
        rule('off-in-file', { all: [leaf('clots', 'legSigns', 'yesOrUnsure', true)] }, {}, { enabled: false }),
        rule('disabled', { all: [leaf('clots', 'history', 'yesOrUnsure', true)] }),
        rule('runs', { all: [leaf('clots', 'legSigns', 'yesOrUnsure', true)] }),
      ]),
      disable: ['disabled'],
    });
    expect(s.disabledRules).toEqual(['disabled', 'off-in-file']);
    const r = await ok(s.screen(BASELINE_INTAKE, { at: AT }));
    expect(r.audit.disabledRules).toEqual(['disabled', 'off-in-file']);
  });
});

describe('the default rules read every risky answer', () => {
  const screener = createScreener({ rules: defaultRuleSet() });
  const noUnscreened = (r: ScreeningSuccess) => expect(r.flags.filter((f) => f.ruleId === 'unscreened-answer')).toEqual([]);

  it('every risky answer of every safety question, alone on the baseline', async () => {
    const qs = safetyQuestions();
    expect(qs.length).toBeGreaterThan(30);
    for (const q of qs) for (const a of q.risky) noUnscreened(await ok(screener.screen(withAnswers(BASELINE_INTAKE, { [`${q.group}.${q.field}`]: a }), { at: AT })));
  });
  it('on every fixture case and every sample intake', async () => {
    const dir = new URL('../../rules/fixtures/default/', import.meta.url);
    let n = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const file = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as FixtureFile;
      for (const c of file.cases) {
        const r = await screener.screen(withAnswers(file.base ?? BASELINE_INTAKE, c.set ?? {}), { at: c.at ?? file.at });
        if (r.ok) {
          noUnscreened(r);
          n++;
        }
      }
    }
    const samples = new URL('../../examples/intakes/', import.meta.url);
    for (const name of readdirSync(samples).filter((f) => f.endsWith('.json') && f !== 'expected.json')) {
      noUnscreened(await ok(screener.screen(JSON.parse(readFileSync(new URL(name, samples), 'utf8')), { at: AT })));
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });
});
