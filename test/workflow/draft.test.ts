import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  DISPOSITIONS,
  createDraftScreener,
  createScreener,
  intakeSchema,
  screen,
  screenDraft,
  withAnswers,
  type DraftScreening,
} from 'massage-triage';
import { DERIVED_FROM } from '../../src/screening/draft';
import { derivedFactsSchema } from '../../src/rules/derived-schema';
import { rule, ruleSet, when, leaf } from './helpers';

const AT = '2026-12-01';

function ok(d: Awaited<ReturnType<typeof screenDraft>>): DraftScreening {
  if (!d.ok) throw new Error(`draft screening failed: ${d.issues.map((i) => i.pathString).join(', ')}`);
  return d;
}

/** Every required question of the intake, in form order, read from the schema itself. */
const REQUIRED: string[] = Object.entries(intakeSchema.shape).flatMap(([group, g]) => {
  if (!('shape' in g)) return [];
  return Object.entries((g as { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([field]) => `${group}.${field}`);
});

describe('screenDraft: an empty or partial intake', () => {
  it('an empty draft is incomplete, lists every required question, and is not bookable', async () => {
    const d = ok(await screenDraft({}, { at: AT }));
    expect(d.complete).toBe(false);
    expect(d.status).toBe('incomplete');
    expect(d.disposition).toBe('incomplete');
    expect(d.flags).toEqual([]);
    expect(d.issues).toEqual([]);
    expect(d.unanswered).toEqual(REQUIRED);
    expect(d.unanswered).toContain('clots.legSigns');
    expect(d.unanswered).toContain('client.dateOfBirth');
    expect(d.unanswered).toContain('consent.informedConsent');
    expect(d.result).toBeUndefined();
  });

  it('undefined and null drafts are empty drafts', async () => {
    for (const draft of [undefined, null]) {
      const d = ok(await screenDraft(draft, { at: AT }));
      expect(d.unanswered).toEqual(REQUIRED);
      expect(d.issues).toEqual([]);
    }
  });

  it('ticking leg signs gives the urgent clot flag at once', async () => {
    const d = ok(await screenDraft({ clots: { legSigns: 'yes' } }, { at: AT }));
    expect(d.flags.map((f) => f.ruleId)).toContain('clot-current-signs');
    expect(d.disposition).toBe('refer-urgent');
    expect(d.dispositionSoFar).toBe('refer-urgent');
    expect(d.complete).toBe(false);
    expect(d.unanswered).not.toContain('clots.legSigns');
    expect(d.followUps.map((f) => f.path)).toContain('clots.legSignsSide');
  });

  it('form values are normalised ("y", "on") as the full intake would read them', async () => {
    const d = ok(await screenDraft({ clots: { legSigns: 'on' } }, { at: AT }));
    expect(d.disposition).toBe('refer-urgent');
  });

  it('a precaution so far is not bookable: modify becomes incomplete', async () => {
    const drafts = createDraftScreener(
      createScreener({
        rules: ruleSet([
          rule('fracture-local', when('bones', 'fracture', 'yesOrUnsure', true), { scope: 'local', regionsFrom: ['bones.fractureRegions'], avoidRegions: true }),
        ]),
      }),
    );
    const d = ok(await drafts.screen({ bones: { fracture: 'yes', fractureDate: '2026-11-20', fractureRegions: ['left-wrist'] } }, { at: AT }));
    expect(d.flags.map((f) => f.ruleId)).toEqual(['fracture-local']);
    expect(d.dispositionSoFar).toBe('modify');
    expect(d.disposition).toBe('incomplete');
    expect(d.modifications.avoidRegions).toEqual(['left-wrist']);
  });

  it('a complete draft gives exactly what screen gives', async () => {
    const d = ok(await screenDraft(BASELINE_INTAKE, { at: AT }));
    const full = await screen(BASELINE_INTAKE, { at: AT });
    expect(d.complete).toBe(true);
    expect(d.status).toBe('complete');
    expect(d.unanswered).toEqual([]);
    expect(d.result).toEqual(full);
    expect(d.disposition).toBe('proceed');
    const urgent = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left' });
    const du = ok(await screenDraft(urgent, { at: AT }));
    const fu = await screen(urgent, { at: AT });
    expect(du.result).toEqual(fu);
    expect(du.flags).toEqual(fu.ok ? fu.flags : null);
    expect(du.disposition).toBe('refer-urgent');
  });

  it('one unanswered safety question keeps the baseline from proceeding (each question in turn)', async () => {
    for (const path of REQUIRED) {
      const d = ok(await screenDraft(withAnswers(BASELINE_INTAKE, { [path]: null }), { at: AT }));
      expect(d.unanswered, path).toEqual([path]);
      expect(d.disposition, path).toBe('incomplete');
      expect(d.complete, path).toBe(false);
    }
  });

  it('never proceed or modify while any required question is missing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(REQUIRED, { minLength: 1 }), fc.boolean(), async (removed, legSigns) => {
        const set: Record<string, unknown> = Object.fromEntries(removed.map((p) => [p, null]));
        if (legSigns && !removed.includes('clots.legSigns')) set['clots.legSigns'] = 'yes';
        const d = ok(await screenDraft(withAnswers(BASELINE_INTAKE, set), { at: AT }));
        expect(d.complete).toBe(false);
        expect(d.disposition).not.toBe('proceed');
        expect(d.disposition).not.toBe('modify');
        expect(d.unanswered).toEqual(REQUIRED.filter((p) => removed.includes(p)));
        if (set['clots.legSigns'] === 'yes') expect(d.disposition).toBe('refer-urgent');
      }),
      { numRuns: 40 },
    );
  });
});

describe('screenDraft: answering more never retracts a flag', () => {
  // Risky answers for some required questions, on top of the healthy baseline.
  const TRI = REQUIRED.filter((p) => {
    const [g, f] = p.split('.');
    return (BASELINE_INTAKE as unknown as Record<string, Record<string, unknown>>)[g!]?.[f!] === 'no';
  });

  it('flags so far are kept, and the disposition so far only rises, as required questions are answered (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...TRI), fc.constantFrom('yes', 'unsure', 'no'), { maxKeys: 6 }),
        fc.subarray(REQUIRED),
        fc.func(fc.boolean()),
        async (risk, removed, keep) => {
          const full = withAnswers(BASELINE_INTAKE, risk);
          const later = removed.filter((p) => keep(p));
          const d1 = ok(await screenDraft(withAnswers(full, Object.fromEntries(removed.map((p) => [p, null]))), { at: AT }));
          const d2 = ok(await screenDraft(withAnswers(full, Object.fromEntries(later.map((p) => [p, null]))), { at: AT }));
          const ids2 = d2.flags.map((f) => f.ruleId);
          for (const f of d1.flags) expect(ids2, f.ruleId).toContain(f.ruleId);
          expect(DISPOSITIONS.indexOf(d2.dispositionSoFar)).toBeGreaterThanOrEqual(DISPOSITIONS.indexOf(d1.dispositionSoFar));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('screenDraft: wrong answers are issues, never exceptions', () => {
  it('reports wrong values and unknown fields, leaves them out, and never repeats the value', async () => {
    const d = ok(
      await screenDraft(
        { clots: { legSigns: 'perhaps-secret' }, bones: { fracutre: 'yes', fractureDate: 'last-tuesday' }, bogus: { a: 1 }, visit: 'x' },
        { at: AT },
      ),
    );
    const paths = d.issues.map((i) => i.pathString).sort();
    expect(paths).toEqual(['bogus', 'bones.fractureDate', 'bones.fracutre', 'clots.legSigns', 'visit'].sort());
    expect(d.issues.find((i) => i.pathString === 'bones.fracutre')?.code).toBe('unrecognized_key');
    expect(d.unanswered).toContain('clots.legSigns');
    expect(JSON.stringify(d.issues)).not.toMatch(/perhaps-secret|last-tuesday/);
    expect(d.complete).toBe(false);
  });

  it('a wrong optional answer makes the draft incomplete even when every required question is answered', async () => {
    const d = ok(await screenDraft(withAnswers(BASELINE_INTAKE, { 'visit.painLevel': 42 }), { at: AT }));
    expect(d.unanswered).toEqual([]);
    expect(d.issues.map((i) => i.pathString)).toEqual(['visit.painLevel']);
    expect(d.complete).toBe(false);
    expect(d.disposition).toBe('incomplete');
  });

  it('an invalid clearance is dropped with an issue; the valid ones are kept', async () => {
    const d = ok(
      await screenDraft({ clearances: [{ ruleId: 'x', date: 'nope' }, { ruleId: 'y', date: '2026-01-01' }] }, { at: AT }),
    );
    expect(d.issues.map((i) => i.pathString)).toEqual(['clearances.0.date']);
  });

  it('never throws and always answers for any input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        const d = await screenDraft(input, { at: AT });
        expect(d.ok).toBe(true);
        if (d.ok && !d.complete) expect(d.disposition).not.toBe('proceed');
      }),
      { numRuns: 150 },
    );
  });

  it('partial groups with random answers never throw (property)', async () => {
    const answer = fc.oneof(fc.constantFrom('yes', 'no', 'unsure', 'y', '', 'maybe'), fc.boolean(), fc.integer(), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...REQUIRED), answer, { maxKeys: 12 }), async (set) => {
        const draft = withAnswers({}, set);
        const d = await screenDraft(draft, { at: AT });
        expect(d.ok).toBe(true);
        if (d.ok) {
          expect(d.complete).toBe(false);
          for (const i of d.issues) expect(REQUIRED).toContain(i.pathString);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a draft past the input limits is refused with too_large, in bounded time', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    for (const draft of [{ visit: { otherConcerns: 'a'.repeat(20_000) } }, { other: deep }, { junk: Array.from({ length: 10_000 }, (_, i) => i) }]) {
      const d = await screenDraft(draft, { at: AT });
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.issues[0]?.code).toBe('too_large');
    }
  });

  it('a wrong appointment date is a failure, not an exception', async () => {
    const d = await screenDraft({}, { at: 'someday' });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.issues[0]?.pathString).toBe('options.at');
  });
});

describe('screenDraft: placeholders never explain a flag', () => {
  const drafts = createDraftScreener(
    createScreener({
      rules: ruleSet([
        // Rules that fire on the neutral answers themselves: a placeholder must not make them fire.
        rule('fires-on-not-pregnant', when('client', 'pregnant', 'equal', 'no')),
        rule('fires-on-adult', when('derived', 'isMinor', 'equal', false)),
        rule('fires-on-no-clot-signs', { all: [leaf('clots', 'legSigns', 'equal', 'no'), leaf('bones', 'fracture', 'equal', 'yes')] }, { disposition: 'postpone' }),
        rule('fires-on-fracture', when('bones', 'fracture', 'equal', 'yes'), { disposition: 'postpone' }),
      ]),
    }),
  );

  it('an empty draft fires nothing, though the placeholders would', async () => {
    const d = ok(await drafts.screen({}, { at: AT }));
    expect(d.flags).toEqual([]);
    expect(d.disposition).toBe('incomplete');
  });

  it('the same rules fire once the client gives those answers', async () => {
    const d = ok(await drafts.screen({ client: { pregnant: 'no', dateOfBirth: '1980-01-01' } }, { at: AT }));
    expect(d.flags.map((f) => f.ruleId).sort()).toEqual(['fires-on-adult', 'fires-on-not-pregnant']);
  });

  it('a flag reading an answered and an unanswered question waits for both', async () => {
    const d = ok(await drafts.screen({ bones: { fracture: 'yes' } }, { at: AT }));
    expect(d.flags.map((f) => f.ruleId)).toEqual(['fires-on-fracture']);
    const d2 = ok(await drafts.screen({ bones: { fracture: 'yes' }, clots: { legSigns: 'no' } }, { at: AT }));
    expect(d2.flags.map((f) => f.ruleId).sort()).toEqual(['fires-on-fracture', 'fires-on-no-clot-signs']);
    expect(d2.disposition).toBe('postpone');
  });
});

describe('screenDraft: the placeholder map keeps up with the derived facts', () => {
  it('every derived fact is mapped to the answers it reads, or is known not to read a required one', () => {
    const NOT_FROM_REQUIRED = ['daysSinceCompleted', 'unsureAnswers'];
    for (const key of Object.keys(derivedFactsSchema.shape)) {
      if (NOT_FROM_REQUIRED.includes(key)) continue;
      expect(DERIVED_FROM[key], `derived.${key} is not in DERIVED_FROM (src/screening/draft.ts)`).toBeDefined();
    }
    const shape = intakeSchema.shape as unknown as Record<string, { shape?: Record<string, unknown> }>;
    for (const paths of Object.values(DERIVED_FROM))
      for (const p of paths) {
        const [g, f] = p.split('.');
        expect(shape[g!]?.shape?.[f!], p).toBeDefined();
      }
  });
});

describe('screenDraft: follow-ups', () => {
  it('a fracture makes its date and regions relevant; answered ones are marked', async () => {
    const d = ok(await screenDraft({ bones: { fracture: 'yes', fractureDate: '2026-11-01' } }, { at: AT }));
    const fu = Object.fromEntries(d.followUps.map((f) => [f.path, f]));
    expect(fu['bones.fractureRegions']).toEqual({ path: 'bones.fractureRegions', after: 'bones.fracture', answered: false });
    expect(fu['bones.fractureDate']?.answered).toBe(true);
    expect(fu['clots.historyDate']).toBeUndefined();
  });

  it('pregnancy makes weeks relevant; "no" does not', async () => {
    const yes = ok(await screenDraft({ client: { pregnant: 'y' } }, { at: AT }));
    expect(yes.followUps.map((f) => f.path)).toContain('client.pregnancyWeeks');
    const no = ok(await screenDraft({ client: { pregnant: 'no' } }, { at: AT }));
    expect(no.followUps).toEqual([]);
  });

  it('a minor on the appointment date gets the guardian questions', async () => {
    const minor = ok(await screenDraft({ client: { dateOfBirth: '2010-06-01' } }, { at: AT }));
    expect(minor.followUps.map((f) => f.path)).toEqual(['consent.guardianName', 'consent.guardianConsent']);
    const adult = ok(await screenDraft({ client: { dateOfBirth: '1990-06-01' } }, { at: AT }));
    expect(adult.followUps).toEqual([]);
  });

  it('an invalid trigger answer makes nothing relevant', async () => {
    const d = ok(await screenDraft({ bones: { fracture: 'perhaps' } }, { at: AT }));
    expect(d.followUps).toEqual([]);
  });
});

describe('screenDraft: deterministic', () => {
  it('same draft, same options, deep-equal results', async () => {
    const draft = { clots: { legSigns: 'yes' }, bones: { fracture: 'unsure' }, client: { pregnant: 'yes' } };
    expect(await screenDraft(draft, { at: AT })).toEqual(await screenDraft(structuredClone(draft), { at: AT }));
  });
});
