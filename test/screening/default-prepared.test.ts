/**
 * The bundled rule set loads, and its screener starts, with work done when the library was built (the rule set's
 * checks and hash, the audit's rulesHash, the risky answers no rule reads: src/screening/default-rules.generated.ts).
 * A screener of the same rules loaded the ordinary way works all of that out itself: both must screen alike.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, defaultRuleSet, loadRuleSet, withAnswers } from 'massage-triage';
import { safetyQuestions } from '../../src/screening/coverage.js';
import { conditionCatalogSchema, techniqueCatalogSchema } from '../../src/techniques/catalog.js';
import { DEFAULT_CONDITIONS, DEFAULT_TECHNIQUES } from '../../src/techniques/defaults.js';

const file = JSON.parse(readFileSync(new URL('../../rules/default.rules.json', import.meta.url), 'utf8')) as unknown;
const AT = '2026-06-15';

describe('the bundled catalogs, used as they are', () => {
  it.each([
    ['rules/techniques.json', techniqueCatalogSchema, DEFAULT_TECHNIQUES],
    ['rules/conditions.json', conditionCatalogSchema, DEFAULT_CONDITIONS],
  ] as const)('%s is valid and exactly what zod makes of it', (_, schema, json) => {
    const r = (schema as { safeParse: (v: unknown) => { success: boolean; data?: unknown } }).safeParse(json);
    expect(r.success).toBe(true);
    expect(r.data).toStrictEqual(json);
  });
});

describe('the default screener, prepared at build time', () => {
  const prepared = createScreener({ rules: defaultRuleSet() });
  const ordinary = createScreener({ rules: loadRuleSet(file) });
  const lessOne = createScreener({ rules: defaultRuleSet(), disable: [defaultRuleSet().rules[0]!.id] });

  it('gives the same audit as a screener that works it out', async () => {
    const a = await prepared.screen(BASELINE_INTAKE, { at: AT });
    const b = await ordinary.screen(BASELINE_INTAKE, { at: AT });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.audit.rulesHash).toBe(b.audit.rulesHash);
    expect(a).toEqual(b);
    // With a rule disabled the build-time work does not apply: the hash is worked out and differs.
    const c = await lessOne.screen(BASELINE_INTAKE, { at: AT });
    expect(c.ok && c.audit.rulesHash).not.toBe(a.audit.rulesHash);
  });

  it('flags every risky answer as a screener that works out which answers its rules read', async () => {
    let tried = 0;
    for (const q of safetyQuestions())
      for (const answer of q.risky) {
        const intake = withAnswers(BASELINE_INTAKE, { [`${q.group}.${q.field}`]: answer });
        const [a, b] = [await prepared.screen(intake, { at: AT }), await ordinary.screen(intake, { at: AT })];
        expect(a, `${q.group}.${q.field} = ${answer}`).toEqual(b);
        tried++;
      }
    expect(tried).toBeGreaterThan(50);
  });
});
