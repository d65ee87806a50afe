import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, defaultRuleSet, loadRuleSet, RuleSetError, withAnswers } from 'massage-triage';
import { rule, ruleSet, when } from './helpers';

const AT = '2026-12-01';
const DE = {
  title: 'Mögliches Blutgerinnsel',
  message: 'Ein Bein ist geschwollen: möglicherweise eine tiefe Venenthrombose. Keine Massage; dringend ärztlich abklären.',
  clientMessage: 'Bitte sprechen Sie heute mit Ihrer Ärztin oder Ihrem Arzt, bevor Sie eine Massage buchen.',
};
const germanSet = ruleSet(
  [
    rule('leg-signs', when('clots', 'legSigns', 'equal', 'yes'), { disposition: 'refer-urgent' }, { title: 'Possible clot', translations: { de: DE } }),
  ],
  { languages: ['de'] },
);
const intake = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' });

async function flagIn(locale: string | undefined) {
  const r = await createScreener({ rules: germanSet }).screen(intake, { at: AT, ...(locale ? { locale } : {}) });
  if (!r.ok) throw new Error('screening failed');
  return { flag: r.flags[0]!, audit: r.audit };
}

describe('translations: locale and fallback', () => {
  it('locale "de" gives the German title, message and client message', async () => {
    const { flag, audit } = await flagIn('de');
    expect(flag.title).toBe(DE.title);
    expect(flag.message).toBe(DE.message);
    expect(flag.clientMessage).toBe(DE.clientMessage);
    expect(audit.locale).toBe('de');
  });

  it('"de-AT" falls back to "de"', async () => {
    const { flag } = await flagIn('de-AT');
    expect(flag.clientMessage).toBe(DE.clientMessage);
    expect(flag.title).toBe(DE.title);
  });

  it('"fr" and no locale fall back to English', async () => {
    for (const locale of ['fr', undefined]) {
      const { flag } = await flagIn(locale);
      expect(flag.title).toBe('Possible clot');
      expect(flag.message).toBe('Therapist message of leg-signs.');
      expect(flag.clientMessage).toBe('Client message of leg-signs.');
    }
  });

  it('a translation without a title keeps the English title', async () => {
    const set = ruleSet(
      [rule('leg-signs', when('clots', 'legSigns', 'equal', 'yes'), {}, { title: 'Possible clot', translations: { de: { message: DE.message, clientMessage: DE.clientMessage } } })],
      { languages: ['de'] },
    );
    const r = await createScreener({ rules: set }).screen(intake, { at: AT, locale: 'de' });
    expect(r.ok && r.flags[0]?.title).toBe('Possible clot');
    expect(r.ok && r.flags[0]?.clientMessage).toBe(DE.clientMessage);
  });

  it('loadRuleSet rejects a set that declares "de" when a rule lacks it', () => {
    const set = ruleSet(
      [
        rule('with-de', when('clots', 'legSigns', 'equal', 'yes'), {}, { translations: { de: DE } }),
        rule('without-de', when('clots', 'history', 'equal', 'yes')),
      ],
      { languages: ['de'] },
    );
    let err: unknown;
    try {
      loadRuleSet(set);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuleSetError);
    const problems = (err as RuleSetError).problems;
    expect(problems.map((p) => [p.code, p.pathString])).toEqual([['missing_translation', 'rules[1].translations']]);
  });

  it('loadRuleSet rejects a translation into a language the set does not declare', () => {
    const set = ruleSet([rule('with-de', when('clots', 'legSigns', 'equal', 'yes'), {}, { translations: { de: DE } })]);
    expect(() => loadRuleSet(set)).toThrow(RuleSetError);
  });

  it('a translation must carry both messages', () => {
    const set = ruleSet([rule('with-de', when('clots', 'legSigns', 'equal', 'yes'), {}, { translations: { de: { message: DE.message } as never } })], {
      languages: ['de'],
    });
    expect(() => loadRuleSet(set)).toThrow(RuleSetError);
  });
});

describe('the default rule set speaks to both audiences', () => {
  const set = defaultRuleSet();

  it('declares English first', () => {
    expect(set.languages[0]).toBe('en');
    expect(set.rules.length).toBeGreaterThan(0);
  });

  it('every rule has a non-empty message and client message in every language the set declares', () => {
    for (const r of set.rules) {
      for (const lang of set.languages) {
        const t = lang === 'en' ? { message: r.message, clientMessage: r.clientMessage } : r.translations?.[lang];
        expect(t, `${r.id} ${lang}`).toBeDefined();
        expect(t!.message.trim().length, `${r.id} ${lang} message`).toBeGreaterThan(0);
        expect(t!.clientMessage.trim().length, `${r.id} ${lang} clientMessage`).toBeGreaterThan(0);
        expect(t!.clientMessage, `${r.id} ${lang}: the client message repeats the therapist's`).not.toBe(t!.message);
      }
    }
  });

  it('client messages avoid clinical jargon and diagnosis words', () => {
    const JARGON = /contraindicat|thrombo|embol|metasta|\bICD\b|\bDVT\b|\bPE\b|neuropath|lymphaden|phlebitis|aneurysm|hypertensi|cauda equina|\bsequela/i;
    const offenders = set.rules.filter((r) => JARGON.test(r.clientMessage)).map((r) => r.id);
    expect(offenders).toEqual([]);
  });
});
