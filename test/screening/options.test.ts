/**
 * Screening options fail closed (issue 21, finding 3): an option that cannot be honoured is an issue at
 * `options.<name>` that says what it takes, never a silent default; the audit records the locale actually used.
 */
import { BASELINE_INTAKE, createDraftScreener, createScreener, defaultRuleSet, withAnswers, type ScreenOptions } from 'massage-triage';
import { describe, expect, it } from 'vitest';
import { rule, ruleSet, when } from '../workflow/helpers.js';

const AT = '2026-06-15';
const screener = createScreener({ rules: defaultRuleSet() });
// Completed 530 days before the appointment: the answers need reconfirming.
const OLD = withAnswers(BASELINE_INTAKE, { completedAt: '2025-01-01' });

const issuesOf = async (options: unknown, input: unknown = BASELINE_INTAKE) => {
  const r = await screener.screen(input, options as ScreenOptions);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map((i) => [i.pathString, i.code, i.message]);
};

describe('every screening option is checked', () => {
  it('reconfirmAfterDays: NaN, Infinity, negative, fractional or not a number is an issue at options.reconfirmAfterDays', async () => {
    for (const v of [NaN, Infinity, -Infinity, -1, 1.5, 1e9, '90', null])
      expect(await issuesOf({ at: AT, reconfirmAfterDays: v }, OLD)).toEqual([['options.reconfirmAfterDays', 'invalid_value', expect.stringMatching(/whole number of days from 0 to 3650/)]]);
    // A good value still works, and the default still flags a 530-day-old intake.
    const r = await screener.screen(OLD, { at: AT, reconfirmAfterDays: 600 });
    expect(r.ok && r.flags.map((f) => f.ruleId)).not.toContain('reconfirm-health-history');
    const d = await screener.screen(OLD, { at: AT });
    expect(d.ok && d.flags.map((f) => f.ruleId)).toContain('reconfirm-health-history');
    expect(d.ok && d.disposition).not.toBe('proceed');
  });

  it('timeZone: an unknown zone is an issue at options.timeZone, also with a date-time `at` (which is not blamed)', async () => {
    for (const at of [AT, '2026-06-15T09:30:00Z', new Date('2026-06-15T09:30:00Z')])
      expect(await issuesOf({ at, timeZone: 'Mars/Base' })).toEqual([['options.timeZone', 'invalid_value', expect.stringMatching(/IANA time zone name/)]]);
    for (const tz of [42, '', 'x'.repeat(5000)]) expect((await issuesOf({ at: AT, timeZone: tz })).map((i) => i[0])).toEqual(['options.timeZone']);
  });

  it('at: something that is neither a Date nor a string is an issue at options.at that says what it takes', async () => {
    for (const at of [42, {}, [], true]) expect(await issuesOf({ at })).toEqual([['options.at', 'invalid_type', expect.stringMatching(/Date or a string/)]]);
    expect((await issuesOf({ at: 'next tuesday' })).map((i) => i.slice(0, 2))).toEqual([['options.at', 'invalid_format']]);
  });

  it('locale: what is not a language tag is an issue at options.locale; options that are not an object are an issue at options', async () => {
    for (const locale of ['not a locale!', 42, '', '__proto__']) expect(await issuesOf({ at: AT, locale })).toEqual([['options.locale', 'invalid_value', expect.stringMatching(/language tag/)]]);
    for (const options of [42, 'x', []]) expect((await issuesOf(options)).map((i) => i[0])).toEqual(['options']);
    // Every wrong option is named, not only the first.
    expect((await issuesOf({ at: AT, timeZone: 'Mars/Base', locale: 7, reconfirmAfterDays: NaN })).map((i) => i[0])).toEqual(['options.timeZone', 'options.locale', 'options.reconfirmAfterDays']);
  });

  it('the draft screener checks the same options', async () => {
    const d = await createDraftScreener(screener).screen({}, { at: '2026-06-15T09:30:00Z', timeZone: 'Mars/Base' });
    expect(!d.ok && d.issues.map((i) => i.pathString)).toEqual(['options.timeZone']);
  });
});

describe('the audit records the locale actually used', () => {
  const DE = { title: 'Beinvenen', message: 'Nicht massieren.', clientMessage: 'Bitte heute ärztlich abklären lassen.' };
  const translated = createScreener({
    rules: ruleSet([rule('legs', when('clots', 'legSigns', 'equal', 'yes'), { disposition: 'refer-urgent' }, { title: 'Possible clot', translations: { de: DE } })], { languages: ['de'] }),
  });
  const legs = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' });
  const locale = async (s: typeof translated, l: string) => {
    const r = await s.screen(legs, { at: AT, locale: l });
    expect(r.ok).toBe(true);
    return r.ok ? [r.audit.locale, r.flags[0]?.title] : [];
  };

  it('a locale no rule has is recorded as en (the texts given), a regional tag as the language whose texts were given', async () => {
    expect(await locale(screener, 'xx')).toEqual(['en', expect.any(String)]);
    expect(await locale(translated, 'xx')).toEqual(['en', 'Possible clot']);
    expect(await locale(translated, 'de')).toEqual(['de', 'Beinvenen']);
    expect(await locale(translated, 'de-AT')).toEqual(['de', 'Beinvenen']);
    expect(await locale(translated, 'de-at')).toEqual(['de', 'Beinvenen']);
  });
});
