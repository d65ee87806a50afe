import { describe, expect, it } from 'vitest';
import { CONDITIONS, TECHNIQUES, conditionCatalogSchema, techniqueCatalogSchema } from 'massage-triage';
import conditionsJson from '../../rules/conditions.json';
import techniquesJson from '../../rules/techniques.json';

const techniques = techniqueCatalogSchema.parse(techniquesJson);
const conditions = conditionCatalogSchema.parse(conditionsJson);

const MYTH_WORDS = ['toxin', 'lactic', 'flush', 'detox'];

describe('rules/techniques.json', () => {
  it('parses with techniqueCatalogSchema', () => {
    expect(techniqueCatalogSchema.safeParse(techniquesJson).success).toBe(true);
  });

  it('describes every technique id exactly once', () => {
    const ids = techniques.techniques.map((t) => t.id);
    expect([...ids].sort()).toEqual([...TECHNIQUES].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives each technique a sane pressure range and at least one reference with a title', () => {
    for (const t of techniques.techniques) {
      expect(t.pressure.min, t.id).toBeLessThanOrEqual(t.pressure.max);
      expect(t.references.length, t.id).toBeGreaterThan(0);
      for (const r of t.references) expect(r.title.trim().length, t.id).toBeGreaterThan(0);
    }
  });

  it('only bills 97124 or 97140, the codes the clinical reference gives', () => {
    for (const t of techniques.techniques) for (const c of t.cpt ?? []) expect(['97124', '97140'], t.id).toContain(c);
  });

  it('lists gentler, better-evidenced options before deep work (catalog order is the ranking tie-break)', () => {
    const pos = (id: string) => techniques.techniques.findIndex((t) => t.id === id);
    expect(pos('swedish')).toBe(0);
    expect(pos('swedish')).toBeLessThan(pos('deep-tissue'));
    expect(pos('myofascial-release')).toBeLessThan(pos('deep-tissue'));
    expect(pos('trigger-point')).toBeLessThan(pos('deep-tissue'));
  });

  it('keeps technique-specific adaptations to their own conditions', () => {
    const t = (id: string) => techniques.techniques.find((x) => x.id === id)!;
    expect(t('prenatal').indications).toEqual(['pregnancy-discomfort']);
    expect(t('oncology-massage').indications).toEqual(['cancer-related-symptoms']);
    expect(t('lymphatic-drainage').indications).toContain('lymphedema');
    expect(t('lymphatic-drainage').pressure).toEqual({ min: 1, max: 1 });
  });

  it('serves every condition with at least one technique', () => {
    const served = new Set(techniques.techniques.flatMap((t) => t.indications));
    for (const c of CONDITIONS) expect(served.has(c), c).toBe(true);
  });

  it('gives evidence-based aftercare only: no water, toxin or lactic-acid myth (M1)', () => {
    const texts = [...techniques.session.aftercare, ...techniques.techniques.map((t) => `${t.description} ${t.evidence ?? ''}`)];
    for (const text of texts) for (const w of MYTH_WORDS) expect(text.toLowerCase(), text).not.toContain(w);
    expect(techniques.session.aftercare.join(' ')).toMatch(/soreness/i);
    expect(techniques.session.frequencyAcute).toMatch(/once or twice a week/i);
  });

  it('never claims massage spreads or cures disease', () => {
    const all = JSON.stringify(techniquesJson).toLowerCase();
    expect(all).not.toMatch(/\bcures?\b/);
    expect(all).not.toMatch(/(?<!no evidence that )massage spreads/);
  });
});

describe('rules/conditions.json', () => {
  it('parses with conditionCatalogSchema', () => {
    expect(conditionCatalogSchema.safeParse(conditionsJson).success).toBe(true);
  });

  it('describes every condition id exactly once', () => {
    const ids = conditions.conditions.map((c) => c.id);
    expect([...ids].sort()).toEqual([...CONDITIONS].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses the current low back pain codes, not the deleted M54.5', () => {
    const lbp = conditions.conditions.find((c) => c.id === 'low-back-pain')!;
    expect(lbp.icd10).toEqual(expect.arrayContaining(['M54.50', 'M54.51', 'M54.59']));
    expect(conditions.conditions.flatMap((c) => c.icd10)).not.toContain('M54.5');
  });

  it('writes synonyms in lower case, and each phrase names one condition only', () => {
    const seen = new Map<string, string>();
    for (const c of conditions.conditions)
      for (const s of c.synonyms) {
        expect(s, c.id).toBe(s.toLowerCase());
        expect(seen.get(s), `${s} in ${c.id}`).toBeUndefined();
        seen.set(s, c.id);
      }
  });

  it('marks acute and chronic problems as the references describe them', () => {
    const acute = (id: string) => conditions.conditions.find((c) => c.id === id)!.acute;
    for (const id of ['sprain-strain', 'sports-injury', 'muscle-spasm', 'low-back-pain', 'post-surgical-recovery']) expect(acute(id), id).toBe(true);
    for (const id of ['fibromyalgia', 'arthritis', 'lymphedema', 'stress', 'myofascial-pain']) expect(acute(id), id).toBe(false);
  });

  it('says GK in a reference title wherever no stored source confirms the codes', () => {
    for (const c of conditions.conditions) {
      const sourced = c.references.some((r) => r.key === 'I5');
      const gk = c.references.some((r) => r.title.includes('GK'));
      expect(sourced || gk, c.id).toBe(true);
    }
  });
});
