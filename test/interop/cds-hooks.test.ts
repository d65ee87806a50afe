import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  DISPOSITIONS,
  cdsIndicator,
  detectedIssueSeverity,
  screen,
  sessionPlan,
  toCdsHooksCards,
  toFhirDetectedIssues,
  withAnswers,
  type CdsCard,
  type Disposition,
  type Flag,
  type ScreeningSuccess,
} from 'massage-triage';
import { CDS_SUMMARY_MAX, truncateSummary } from '../../src/interop/cds-hooks.js';
import { fhirSchemaErrors } from './fhir-validator.js';

const AT = '2026-06-15';

async function screened(input: unknown): Promise<ScreeningSuccess> {
  const r = await screen(input, { at: AT });
  if (!r.ok) throw new Error(r.issues.map((i) => i.pathString).join(', '));
  return r;
}

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/intakes/${name}`, import.meta.url), 'utf8')) as unknown;

function flag(over: Partial<Flag> & { ruleId: string; disposition: Disposition }): Flag {
  return {
    title: `Title of ${over.ruleId}`,
    kind: 'contraindication',
    scope: 'systemic',
    regions: [],
    message: 'Therapist message.',
    clientMessage: 'Client message.',
    rationale: 'Why.',
    references: [],
    modifications: { avoidRegions: [], avoidTechniques: [], positioning: [] },
    because: [],
    ...over,
  };
}

function result(flags: Flag[], disposition: Disposition = flags[0]?.disposition ?? 'proceed'): ScreeningSuccess {
  return {
    ok: true,
    disposition,
    plan: sessionPlan(disposition),
    summary: { client: 'Client summary.', therapist: 'Therapist summary.' },
    clientMessages: [],
    flags,
    modifications: { pressureCap: null, regionalPressureCaps: [], avoidRegions: [], avoidTechniques: [], regionalAvoidTechniques: [], positioning: [] },
    techniques: { suggested: [], excluded: [], conditions: [], sessionNotes: { frequency: '', aftercare: [], insurance: [] } },
    audit: {
      ruleSets: [{ id: 'clinic-rules', version: '2.1.0', hash: 'abc' }],
      rulesHash: 'f'.repeat(64),
      disabledRules: [],
      clearancesUsed: [],
      libraryVersion: '0.0.0',
      intakeSchemaVersion: '1',
      at: AT as ScreeningSuccess['audit']['at'],
      locale: 'en',
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The card rules of CDS Hooks 2.0 ("Card Attributes", "Source", "Link"), checked by hand: no maintained schema package is installed. */
function cardProblems(card: CdsCard): string[] {
  const p: string[] = [];
  if (typeof card.summary !== 'string' || card.summary.length === 0) p.push('summary required');
  if ([...card.summary].length >= 140 || card.summary.length >= 140) p.push('summary must be < 140 characters');
  if (!['info', 'warning', 'critical'].includes(card.indicator)) p.push('indicator not in info|warning|critical');
  if (!card.source || typeof card.source.label !== 'string' || card.source.label.length === 0) p.push('source.label required');
  if (card.detail !== undefined && typeof card.detail !== 'string') p.push('detail must be a markdown string');
  if (card.uuid !== undefined && !UUID.test(card.uuid)) p.push('uuid not UUID-shaped');
  for (const l of card.links ?? []) {
    if (!l.label || !l.url) p.push('link label and url required');
    if (!['absolute', 'smart'].includes(l.type)) p.push('link type');
  }
  const allowed = new Set(['uuid', 'summary', 'detail', 'indicator', 'source', 'suggestions', 'selectionBehavior', 'overrideReasons', 'links']);
  for (const k of Object.keys(card)) if (!allowed.has(k)) p.push(`unknown attribute ${k}`);
  if ('suggestions' in card && !('selectionBehavior' in card)) p.push('selectionBehavior required with suggestions');
  return p;
}

describe('toCdsHooksCards', () => {
  it('gives one valid card per flag of a real screening, in order, naming the rule set and version', async () => {
    const r = await screened(example('suspected-dvt.json'));
    expect(r.flags.length).toBeGreaterThan(0);
    const { cards } = toCdsHooksCards(r);
    expect(cards).toHaveLength(r.flags.length);
    for (const c of cards) expect(cardProblems(c)).toEqual([]);
    const rs = r.audit.ruleSets[0]!;
    expect(cards[0]!.source.label).toBe(`${rs.id} ${rs.version}`);
    expect(cards.map((c) => c.source.topic?.code)).toEqual(r.flags.map((f) => f.ruleId));
    expect(cards[0]!.indicator).toBe(cdsIndicator(r.flags[0]!.disposition));
    expect(cards[0]!.detail).toContain('**Because:**');
    expect(cards[0]!.detail).toContain(r.flags[0]!.ruleId);
  });

  it('maps dispositions to indicators exactly as documented', () => {
    const expected: Record<Disposition, string> = {
      'refer-urgent': 'critical',
      'clearance-required': 'critical',
      postpone: 'warning',
      modify: 'warning',
      proceed: 'info',
    };
    for (const d of DISPOSITIONS) expect(cdsIndicator(d), d).toBe(expected[d]);
    const flags = DISPOSITIONS.map((d) => flag({ ruleId: `r-${d}`, disposition: d }));
    expect(toCdsHooksCards(result(flags)).cards.map((c) => c.indicator)).toEqual(DISPOSITIONS.map((d) => expected[d]));
    // DetectedIssue severity follows the same order
    expect(DISPOSITIONS.map(detectedIssueSeverity)).toEqual(['low', 'low', 'moderate', 'high', 'high']);
  });

  it('a stop: the deciding card first (critical when urgent), a precaution below it an info card for a later session only', () => {
    const stop = flag({ ruleId: 'clot', disposition: 'refer-urgent', title: 'Possible clot' });
    const later = flag({ ruleId: 'gentle-legs', disposition: 'modify', kind: 'precaution', title: 'Gentle legs' });
    const { cards } = toCdsHooksCards(result([stop, later]));
    expect(cards.map((c) => [c.indicator, c.summary])).toEqual([
      ['critical', 'Refer urgently, no session today: Possible clot'],
      ['info', 'Later session only (Proceed with modifications): Gentle legs'],
    ]);
    expect(cards[1]!.detail).toMatch(/^_For a later session only: no session today/);
    const issues = toFhirDetectedIssues(result([stop, later]));
    expect(issues.map((i) => i.detail)).toEqual(['No session today. Therapist message.', 'For a later session only: no session today. Therapist message.']);
    // Waiting for a clearance: the step now, and the precaution for the cleared session.
    const clearance = flag({ ruleId: 'heart', disposition: 'clearance-required', title: 'Heart condition' });
    expect(toCdsHooksCards(result([clearance, later])).cards.map((c) => [c.indicator, c.summary])).toEqual([
      ['critical', 'Medical clearance required, no session until cleared: Heart condition'],
      ['warning', 'Once cleared (Proceed with modifications): Gentle legs'],
    ]);
  });

  it('keeps every summary under 140 characters, cut safely with an ellipsis', () => {
    const long = flag({ ruleId: 'long', disposition: 'postpone', title: `${'Very long title '.repeat(20)}😀😀😀` });
    const c = toCdsHooksCards(result([long])).cards[0]!;
    expect(c.summary.length).toBeLessThanOrEqual(CDS_SUMMARY_MAX);
    expect(c.summary.endsWith('…')).toBe(true);
    expect(c.summary.startsWith('Postpone, no session today: Very long title')).toBe(true);
    expect(truncateSummary('short')).toBe('short');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 2, max: 200 }), (s, max) => {
        const t = truncateSummary(s, max);
        expect(t.length).toBeLessThanOrEqual(max);
        expect(t).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no broken surrogate pair
        if (s.replace(/\s+/g, ' ').trim().length > max) expect(t.endsWith('…')).toBe(true);
      }),
    );
  });

  it('writes markdown detail: message, regions, modifications, because, references as links; rule text cannot inject markup', () => {
    const f = flag({
      ruleId: 'fracture-recent',
      disposition: 'modify',
      scope: 'local',
      message: 'Avoid the *fracture* site [click](javascript:alert(1)) <b>now</b>',
      regions: ['left-wrist'],
      modifications: { pressureCap: 2, avoidRegions: ['left-wrist'], avoidTechniques: ['deep-tissue'], positioning: ['no-prone'] },
      because: [
        { fact: 'bones', path: 'fracture', operator: 'equal', expected: 'yes', actual: 'yes' },
        { fact: 'bones', path: 'fractureHealedCleared', operator: 'notEqual', expected: 'yes', actual: undefined },
      ],
      references: [
        { key: 'C2', title: 'Fracture healing (review)', url: 'https://example.org/a(b)' },
        { title: 'Textbook without url' },
      ],
    });
    const c = toCdsHooksCards(result([f])).cards[0]!;
    const d = c.detail!;
    expect(d).toContain('\\*fracture\\*');
    expect(d).toContain('\\[click\\]');
    expect(d).toContain('\\<b\\>');
    expect(d).toContain('**Regions:** Left wrist');
    expect(d).toContain('Pressure at most 2 of 5 on these regions');
    expect(d).toContain('deep-tissue');
    expect(d).toContain('no-prone');
    expect(d).toContain('- `bones.fracture` equal `"yes"`');
    expect(d).toContain('(answer: `"yes"`)');
    expect(d).toContain('- `bones.fractureHealedCleared` notEqual `"yes"` (no answer)');
    expect(d).toContain('- C2: [Fracture healing (review)](https://example.org/a%28b%29)');
    expect(d).toContain('- Textbook without url');
    expect(c.links).toEqual([{ label: 'Fracture healing (review)', url: 'https://example.org/a%28b%29', type: 'absolute' }]);
    expect(toCdsHooksCards(result([f]), { includeAnswers: false }).cards[0]!.detail).not.toContain('answer:');
  });

  it('a backtick in an answer cannot break out of its code span', () => {
    const f = flag({ ruleId: 'x', disposition: 'modify', because: [{ fact: 'visit', path: 'goals', operator: 'equal', expected: 'a', actual: 'x` **bold** `y' }] });
    const d = toCdsHooksCards(result([f])).cards[0]!.detail!;
    expect(d).toContain('`` "x` **bold** `y" ``');
  });

  it('gives a proceed result no card, or one info card when asked', async () => {
    const r = await screened(BASELINE_INTAKE);
    expect(r.disposition).toBe('proceed');
    expect(toCdsHooksCards(r)).toEqual({ cards: [] });
    const { cards } = toCdsHooksCards(r, { proceedCard: true, sourceUrl: 'https://clinic.example/rules' });
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ indicator: 'info', source: { url: 'https://clinic.example/rules' } });
    expect(cardProblems(cards[0]!)).toEqual([]);
  });

  it('is deterministic: the same result gives the same cards and uuids; uuids differ by rule and by rules hash', async () => {
    const input = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'unsure', 'bones.fracture': 'yes', 'bones.fractureDate': '2026-05-20' });
    const a = toCdsHooksCards(await screened(input));
    const b = toCdsHooksCards(await screened(input));
    expect(a).toEqual(b);
    expect(a.cards.length).toBeGreaterThan(0);
    const ids = a.cards.map((c) => c.uuid);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID);
    const f = [flag({ ruleId: 'a', disposition: 'modify' }), flag({ ruleId: 'b', disposition: 'modify' })];
    const r1 = result(f);
    const r2 = { ...r1, audit: { ...r1.audit, rulesHash: 'e'.repeat(64) } };
    const u1 = toCdsHooksCards(r1).cards.map((c) => c.uuid);
    expect(u1[0]).not.toBe(u1[1]);
    expect(toCdsHooksCards(r2).cards[0]!.uuid).not.toBe(u1[0]);
  });

  it('takes a source label and url', () => {
    const c = toCdsHooksCards(result([flag({ ruleId: 'a', disposition: 'postpone' })]), { sourceLabel: 'Clinic X rules', sourceUrl: 'https://x.example' }).cards[0]!;
    expect(c.source).toMatchObject({ label: 'Clinic X rules', url: 'https://x.example' });
  });
});

describe('toFhirDetectedIssues', () => {
  it('gives one valid R4 DetectedIssue per flag, with severity, code, detail and deterministic ids', async () => {
    const r = await screened(example('suspected-dvt.json'));
    const issues = toFhirDetectedIssues(r, { patient: { reference: 'Patient/1' }, questionnaireResponse: { reference: 'QuestionnaireResponse/9' } });
    expect(issues).toHaveLength(r.flags.length);
    for (const [i, d] of issues.entries()) {
      expect(fhirSchemaErrors(d)).toEqual([]);
      expect(d.status).toBe('preliminary');
      expect(d.severity).toBe(detectedIssueSeverity(r.flags[i]!.disposition));
      expect(d.code!.coding![0]!.code).toBe(r.flags[i]!.ruleId);
      // The deciding flag says there is no session today; a precaution below it is for a later session only.
      expect(d.detail).toBe(`${i === 0 ? 'No session today. ' : 'For a later session only: no session today. '}${r.flags[i]!.message}`);
      expect(d.id).toMatch(UUID);
      expect(d.evidence).toEqual([{ detail: [{ reference: 'QuestionnaireResponse/9' }] }]);
    }
    expect(toFhirDetectedIssues(r)).toEqual(toFhirDetectedIssues(r));
  });

  it('records a clearance as a mitigation', () => {
    const f = flag({
      ruleId: 'clot-history-not-cleared',
      disposition: 'modify',
      originalDisposition: 'clearance-required',
      clearance: { ruleId: 'clot-history-not-cleared', clearedBy: 'Dr. Who', date: '2026-04-01' as never, matched: 'clot-history-not-cleared' },
    });
    const [d] = toFhirDetectedIssues(result([f]));
    expect(d!.mitigation).toEqual([{ action: { text: 'Physician clearance on file' }, date: '2026-04-01', author: { display: 'Dr. Who' } }]);
    expect(fhirSchemaErrors(d)).toEqual([]);
    expect(toCdsHooksCards(result([f])).cards[0]!.detail).toContain('**Clearance on file:** Dr. Who, 2026-04-01 (was: Medical clearance required)');
  });
});

describe('given something other than a successful screening (JavaScript callers)', () => {
  it('both adapters throw a TypeError that says to check result.ok, and repeat no answer', async () => {
    const failed = await screen({ client: { dateOfBirth: 'SECRET-not-a-date' } }, { at: AT });
    expect(failed.ok).toBe(false);
    for (const bad of [failed, null, undefined, 'result', { ok: 'true' }]) {
      for (const [name, adapter] of [['toCdsHooksCards', toCdsHooksCards], ['toFhirDetectedIssues', toFhirDetectedIssues]] as const) {
        let error: unknown;
        try {
          adapter(bad as never);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toContain(`${name} takes a successful screening result`);
        expect((error as Error).message).toContain('result.ok');
        expect((error as Error).message).not.toContain('SECRET');
      }
    }
  });
});
