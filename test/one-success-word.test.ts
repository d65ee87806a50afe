// One word tells success from failure across the API: every exported function that returns a result union says
// `ok`, never zod's `success` (zod's own schemas keep `success`: that is zod's API). Checked in the types (each union
// member carries `ok` and none `success`) and at run time (a valid and an invalid input of each).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  BASELINE_INTAKE,
  checkRuleSet,
  checkServices,
  createDraftScreener,
  createScreener,
  defaultRuleSet,
  fromFhirQuestionnaireResponse,
  intakeSchema,
  parseIntake,
  screen,
  screenDraft,
  toFhirQuestionnaireResponse,
  type CheckRuleSetResult,
  type CheckServicesResult,
  type DraftResult,
  type DraftScreener,
  type ParseIntakeResult,
  type Screener,
  type ScreeningResult,
} from 'massage-triage';

const AT = '2026-12-01';

/** Every key of every member of a union. */
type Keys<T> = T extends unknown ? keyof T : never;
/** True when every member of `T` has a boolean `ok` and no member has `success`. */
type SaysOk<T> = [T] extends [{ readonly ok: boolean }] ? ('success' extends Keys<T> ? false : true) : false;

describe('the types', () => {
  it('every result union of the API says ok, in both members', () => {
    expectTypeOf<SaysOk<ParseIntakeResult>>().toEqualTypeOf<true>();
    expectTypeOf<SaysOk<ScreeningResult>>().toEqualTypeOf<true>();
    expectTypeOf<SaysOk<DraftResult>>().toEqualTypeOf<true>();
    expectTypeOf<SaysOk<CheckServicesResult>>().toEqualTypeOf<true>();
    expectTypeOf<SaysOk<CheckRuleSetResult>>().toEqualTypeOf<true>();
    expectTypeOf<ParseIntakeResult['ok']>().toEqualTypeOf<boolean>();
    expectTypeOf<CheckServicesResult['ok']>().toEqualTypeOf<boolean>();
    expectTypeOf<CheckRuleSetResult['ok']>().toEqualTypeOf<boolean>();
    expectTypeOf<ScreeningResult['ok']>().toEqualTypeOf<boolean>();
    // The helper itself can fail: zod's result says success.
    expectTypeOf<SaysOk<ReturnType<typeof intakeSchema.safeParse>>>().toEqualTypeOf<false>();
  });

  it('the functions return those unions', () => {
    expectTypeOf(parseIntake).returns.toEqualTypeOf<ParseIntakeResult>();
    expectTypeOf(fromFhirQuestionnaireResponse).returns.toEqualTypeOf<ParseIntakeResult>();
    expectTypeOf(screen).returns.resolves.toEqualTypeOf<ScreeningResult>();
    expectTypeOf<Screener['screen']>().returns.resolves.toEqualTypeOf<ScreeningResult>();
    expectTypeOf(screenDraft).returns.resolves.toEqualTypeOf<DraftResult>();
    expectTypeOf<DraftScreener['screen']>().returns.resolves.toEqualTypeOf<DraftResult>();
    expectTypeOf(checkServices).returns.toEqualTypeOf<CheckServicesResult>();
    expectTypeOf(checkRuleSet).returns.toEqualTypeOf<CheckRuleSetResult>();
  });
});

/** `r` says ok (the expected value) and has no `success` key. */
function expectOk(name: string, r: unknown, ok: boolean): void {
  expect(r, name).toBeTypeOf('object');
  expect((r as { ok?: unknown }).ok, name).toBe(ok);
  expect(Object.keys(r as object), name).not.toContain('success');
}

describe('at run time', () => {
  it('each function says ok: true for a valid input and ok: false for an invalid one, never success', async () => {
    const parsed = parseIntake(BASELINE_INTAKE);
    expectOk('parseIntake', parsed, true);
    expectOk('parseIntake', parseIntake({}), false);
    if (!parsed.ok) return;

    expectOk('fromFhirQuestionnaireResponse', fromFhirQuestionnaireResponse(toFhirQuestionnaireResponse(parsed.data)), true);
    expectOk('fromFhirQuestionnaireResponse', fromFhirQuestionnaireResponse({ resourceType: 'Patient' }), false);

    const result = await screen(BASELINE_INTAKE, { at: AT });
    expectOk('screen', result, true);
    expectOk('screen', await screen({}, { at: AT }), false);

    const screener = createScreener({ rules: defaultRuleSet() });
    expectOk('Screener.screen', await screener.screen(BASELINE_INTAKE, { at: AT }), true);
    expectOk('Screener.screen', await screener.screen({ clots: 'no' }, { at: AT }), false);

    expectOk('screenDraft', await screenDraft({ clots: { legSigns: 'yes' } }, { at: AT }), true);
    expectOk('screenDraft', await screenDraft({}, { at: 'not a date' }), false);
    const drafts = createDraftScreener(screener);
    expectOk('DraftScreener.screen', await drafts.screen({}, { at: AT }), true);
    expectOk('DraftScreener.screen', await drafts.screen({}, { at: 'not a date' }), false);

    const service = { id: 'swedish-60', name: 'Swedish 60', techniques: ['swedish'], pressure: 2, durationMinutes: 60, bodyAreas: 'full-body' } as const;
    expectOk('checkServices', checkServices(result, [service]), true);
    expectOk('checkServices', checkServices(result, [{ ...service, pressure: 9 }]), false);

    const rules: unknown = JSON.parse(readFileSync(new URL('../rules/default.rules.json', import.meta.url), 'utf8'));
    expectOk('checkRuleSet', checkRuleSet(rules), true);
    expectOk('checkRuleSet', checkRuleSet({}), false);
  });

  it("zod's own schemas keep zod's word", () => {
    expect(intakeSchema.safeParse(BASELINE_INTAKE).success).toBe(true);
  });
});

describe('the source', () => {
  it('declares no success property of its own (only zod results are read for it)', () => {
    const src = new URL('../src/', import.meta.url).pathname;
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const declaring = files.filter((f) => /\bsuccess\??\s*:/.test(readFileSync(join(src, f), 'utf8')));
    expect(declaring).toEqual([]);
  });
});
