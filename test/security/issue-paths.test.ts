/**
 * Issue 21, finding 7: issue paths never carry a client's text. An unknown key (or FHIR linkId) that looks like a
 * field name is named as sent (a misspelling a form can mark); any other is named by its position.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, fromFhirQuestionnaireResponse, INTAKE_QUESTIONNAIRE_URL, parseIntake, screenDraft, toFhirQuestionnaireResponse, type Issue } from 'massage-triage';

const AT = '2026-06-15';
const WORDS = 'my DVT was in 2019 after the flight';
const issuesOf = (r: { ok: true } | { ok: false; issues: readonly Issue[] }) => (r.ok ? [] : r.issues);
const withKey = (group: string | undefined, key: string) => {
  const v = structuredClone(BASELINE_INTAKE) as unknown as Record<string, Record<string, unknown>>;
  if (group) v[group]![key] = 'yes';
  else (v as Record<string, unknown>)[key] = 'yes';
  return v;
};
const bounded = (i: Issue) => i.path.every((p) => typeof p === 'number' || p.length <= 40) && i.pathString.length <= 100;

describe('an unknown key in an issue path', () => {
  it('a sentence is named by its position, in parseIntake and screenDraft', async () => {
    const input = withKey('clots', WORDS);
    const issues = issuesOf(parseIntake(input));
    expect(issues).toHaveLength(1);
    const position = Object.keys(input.clots!).indexOf(WORDS) + 1;
    expect(issues[0]).toMatchObject({ path: ['clots', `unknown-key-${position}`], pathString: `clots.unknown-key-${position}`, code: 'unrecognized_key' });
    const d = await screenDraft(input, { at: AT });
    expect(d.ok).toBe(true);
    if (d.ok) expect(JSON.stringify(d.issues)).not.toContain('DVT');
    const root = issuesOf(parseIntake(withKey(undefined, 'x'.repeat(9_000))));
    expect(root[0]!.pathString).toMatch(/^unknown-key-\d+$/);
  });
  it('a misspelt field name is named as sent', () => {
    expect(issuesOf(parseIntake(withKey('clots', 'legSignz')))[0]!.pathString).toBe('clots.legSignz');
  });
  it('a FHIR linkId that is not a path is named by the item position', () => {
    const qr = toFhirQuestionnaireResponse(BASELINE_INTAKE as never) as { item: unknown[] };
    qr.item.push({ linkId: WORDS, answer: [{ valueString: 'x' }] });
    const issues = issuesOf(fromFhirQuestionnaireResponse({ ...qr, questionnaire: INTAKE_QUESTIONNAIRE_URL }));
    const i = issues.find((x) => x.code === 'unrecognized_key')!;
    expect(i.path).toEqual(['item', qr.item.length - 1, 'linkId']);
    expect(JSON.stringify(issues)).not.toContain('DVT');
  });
  it('property: any unknown key, anywhere, gives a bounded path that names it only when it looks like a field name (2,000 runs)', async () => {
    const groups = [undefined, 'clots', 'bones', 'consent'];
    fc.assert(
      fc.property(fc.constantFrom(...groups), fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }), (group, key) => {
        fc.pre(!(group ? Object.keys(BASELINE_INTAKE[group as 'clots']) : Object.keys(BASELINE_INTAKE)).includes(key) && key.trim() !== '');
        const issues = issuesOf(parseIntake(withKey(group, key)));
        for (const i of issues) {
          expect(bounded(i)).toBe(true);
          if (!/^[A-Za-z_$][A-Za-z0-9_$-]{0,39}$/.test(key)) expect(i.path).not.toContain(key);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
