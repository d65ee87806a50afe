/**
 * Fuzzing every function `src/index.ts` exports (issue 21): 10,000 runs each (`FUZZ_RUNS` overrides it; the two
 * argument-free JSON Schema functions get 300), with hostile values (anything
 * fast-check can make: prototype keys, null-prototype objects, sparse arrays, boxed values, BigInts, dates, maps,
 * sets, typed arrays) mixed with near-valid ones. Each function either returns what its type says or throws only the
 * error it documents (`RuleSetError`, or a `TypeError` for what only JavaScript can pass), never another exception,
 * and no input changes Object.prototype. A test at the end checks that every exported function is fuzzed here.
 *
 * Kept fast: arbitraries are small (depth 2–3), and the calls that screen (screen, screenDraft, createScreener with a
 * valid set, the adapters' screening results) get a valid input in a minority of runs only.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from 'massage-triage';
import { check } from '../check.js';
import {
  BASELINE_INTAKE,
  RuleSetError,
  bodyMapStates,
  cdsIndicator,
  checkRuleSet,
  checkServices,
  clearanceSchema,
  conditionCatalogSchema,
  createDraftScreener,
  createScreener,
  defaultRuleSet,
  detectedIssueSeverity,
  dispositionRank,
  factCatalog,
  fixtureFileSchema,
  fromFhirQuestionnaireResponse,
  intakeJsonSchema,
  intakeSchema,
  isFollowUpRelevant,
  isRuleSetError,
  loadRuleSet,
  moreRestrictive,
  parseIntake,
  regionSide,
  relevantFollowUps,
  renderBodyMap,
  ruleSetSchema,
  rulesJsonSchema,
  runFixtures,
  screen,
  screenDraft,
  screenDraftSync,
  screenSync,
  SyncUnsupportedError,
  serviceSchema,
  servicesSchema,
  techniqueCatalogSchema,
  toCdsHooksCards,
  toFhirDetectedIssues,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  withAnswers,
  type ScreeningSuccess,
} from 'massage-triage';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const AT = '2026-06-15';

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
const keyArb = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 }));
/** Anything at all, kept small so 10,000 runs stay quick. */
const hostile = fc.anything({
  key: keyArb,
  maxDepth: 2,
  maxKeys: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
});
const QUESTION_PATHS = factCatalog().filter((e) => e.fact !== 'derived').map((e) => `${e.fact}.${e.path}`);
/** The healthy baseline with one answer (or a whole group) replaced by a hostile or odd value. */
const mutatedIntake = fc.tuple(fc.constantFrom(...QUESTION_PATHS), fc.oneof(hostile, fc.constantFrom('yes', 'unsure', 'no', '', null, '2026-02-30', '9999-01-01', NaN, -1, 1e9))).map(([p, v]) => withAnswers(BASELINE_INTAKE, { [p]: v }));
/** Mostly hostile; a valid or near-valid intake one run in ten. */
const intakeLike = fc.oneof({ weight: 9, arbitrary: hostile }, { weight: 1, arbitrary: mutatedIntake });
const optionsArb = fc.oneof(
  fc.constant({ at: AT }),
  fc.record({ at: fc.oneof(fc.constant(AT), hostile), timeZone: fc.oneof(fc.constant('Europe/Berlin'), hostile), locale: fc.oneof(fc.constant('de'), hostile), reconfirmAfterDays: fc.oneof(fc.integer(), hostile) }, { requiredKeys: [] }),
  hostile,
);

/** Call `fn`; it may throw only errors `allowed` accepts. */
function only(allowed: (e: unknown) => boolean, fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    if (!allowed(e)) throw e;
    return undefined;
  }
}
async function onlyAsync(allowed: (e: unknown) => boolean, fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (e) {
    if (!allowed(e)) throw e;
    return undefined;
  }
}
/** A zod result is sound: a success carries its data, a failure at least one issue. */
function sound(r: unknown): boolean {
  const x = r as { success?: unknown; data?: unknown; error?: { issues?: unknown } } | undefined;
  if (x === undefined) return true; // refused by a documented error (see `only`)
  return x.success === true ? 'data' in x : x.success === false && Array.isArray(x.error?.issues) && x.error.issues.length > 0;
}
const never = () => false;
const typeError = (e: unknown) => e instanceof TypeError;
const ruleSetError = (e: unknown) => e instanceof RuleSetError;

function protoSnapshot(): string {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return `${names(Object.prototype)}|${names(Array.prototype)}`;
}
let before = '';
beforeAll(() => {
  before = protoSnapshot();
});
afterAll(() => {
  expect(protoSnapshot()).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** The functions fuzzed below, by export name: the last test checks the list against `src/index.ts`. */
const FUZZED = new Set<string>();
const fuzz = (name: string, body: () => void | Promise<void>, runs = RUNS) => {
  FUZZED.add(name);
  it(`${name} (${runs.toLocaleString('en')} runs)`, body);
};
/**
 * The two JSON Schema functions take no argument and return a fresh copy of one large document: each run is a deep
 * clone (milliseconds), so 10,000 runs would only measure structuredClone. They get 300 runs with random arguments.
 */
const NO_ARGUMENT_RUNS = 300;

const tiny = { id: 'tiny', version: '1.0.0', description: 'A small set.', rules: [{ id: 'r', title: 'R', category: 'c', conditions: { all: [{ fact: 'clots', path: 'legSigns', operator: 'yesOrUnsure', value: true }] }, outcome: { disposition: 'refer-urgent', scope: 'systemic' }, message: 'M.', clientMessage: 'C.', rationale: 'R.', references: [{ title: 'T' }] }] };

/** A valid custom operator, and the lists `operators` options get: hostile, or it with hostile entries beside it. */
const customOp: api.CustomOperator = { name: 'withinWeeks', description: 'Within N weeks.', facts: ['number'], value: 'number', evaluate: (d, w) => typeof d === 'number' && typeof w === 'number' && d <= w * 7 };
const operatorsArb = fc.oneof(hostile, fc.constant([customOp]), fc.array(fc.oneof(fc.constant(customOp), fc.record({ name: fc.oneof(fc.constantFrom('equal', 'ok', '__proto__'), hostile), description: hostile, facts: fc.oneof(fc.constant(['list']), hostile), value: hostile, evaluate: fc.oneof(fc.constant(() => true), hostile) }, { requiredKeys: [] }), hostile), { maxLength: 3 }));
const ruleSetOptionsArb = fc.oneof(fc.constant(undefined), fc.record({ operators: operatorsArb }, { requiredKeys: [] }), hostile);

let results: ScreeningSuccess[] = [];
beforeAll(async () => {
  for (const set of [{}, { 'clots.legSigns': 'yes' }, { 'bones.fracture': 'yes', 'bones.fractureRegions': ['left-wrist'], 'heart.bloodPressure': 'uncontrolled' }, { 'clots.history': 'unsure', 'bones.osteoporosis': 'severe' }]) {
    const r = await screen(withAnswers(BASELINE_INTAKE, set), { at: AT });
    if (r.ok) results.push(r);
  }
  expect(results.length).toBe(4);
});
/** A real result, or one with a field replaced by a hostile value (as after storage), or anything at all. */
const resultLike = fc.oneof(
  { weight: 2, arbitrary: fc.nat().map((i) => results[i % results.length]!) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), fc.constantFrom('flags', 'modifications', 'audit', 'disposition', 'techniques', 'ok'), hostile).map(([i, k, v]) => ({ ...results[i % results.length]!, [k]: v })) },
  { weight: 5, arbitrary: hostile },
);

describe('fuzzing every exported function', () => {
  fuzz('parseIntake', () => fc.assert(fc.property(intakeLike, (v) => typeof parseIntake(v).ok === 'boolean'), { numRuns: RUNS }));
  fuzz('intakeSchema.safeParse', () => fc.assert(fc.property(intakeLike, (v) => sound(only(never, () => intakeSchema.safeParse(v)))), { numRuns: RUNS }));
  fuzz('clearanceSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(clearanceSchema.safeParse(v))), { numRuns: RUNS }));
  fuzz('regionSide', () =>
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...api.BODY_REGIONS), hostile), (v) => {
      const r = only(typeError, () => regionSide(v as never));
      check([undefined, 'left', 'right'].includes(r as string | undefined), 'regionSide returns left, right or undefined');
    }), { numRuns: RUNS }));
  fuzz('ruleSetSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(only(never, () => ruleSetSchema.safeParse(v)))), { numRuns: RUNS }));
  fuzz('checkRuleSet', () => fc.assert(fc.property(fc.oneof(hostile, fc.constant(tiny)), ruleSetOptionsArb, (v, o) => typeof checkRuleSet(v, o as never).ok === 'boolean'), { numRuns: RUNS }));
  fuzz('loadRuleSet', () => fc.assert(fc.property(fc.oneof(hostile, fc.constant(tiny)), ruleSetOptionsArb, (v, o) => void only(ruleSetError, () => loadRuleSet(v, o as never))), { numRuns: RUNS }));
  fuzz('isRuleSetError', () => fc.assert(fc.property(hostile, (v) => isRuleSetError(v) === false), { numRuns: RUNS }));
  fuzz('RuleSetError', () =>
    fc.assert(fc.property(fc.oneof(fc.array(fc.record({ path: fc.array(fc.string(), { maxLength: 2 }), pathString: fc.string(), code: fc.constant('invalid_format' as const), message: fc.string() }), { maxLength: 3 }), hostile), (v) => {
      const e = only(typeError, () => new RuleSetError(v as never));
      if (e !== undefined) check(isRuleSetError(e), 'a RuleSetError is one');
    }), { numRuns: RUNS }));
  fuzz('factCatalog', () => fc.assert(fc.property(hostile, (v) => (factCatalog as (x: unknown) => readonly unknown[])(v).length > 0), { numRuns: RUNS }));
  fuzz('fixtureFileSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(fixtureFileSchema.safeParse(v))), { numRuns: RUNS }));
  fuzz('withAnswers', () =>
    fc.assert(fc.property(fc.oneof(fc.constant(BASELINE_INTAKE), hostile), fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...QUESTION_PATHS, '__proto__.polluted', 'a.constructor.prototype'), fc.string()), hostile, { maxKeys: 3 }), hostile), (base, set) => {
      only(typeError, () => withAnswers(base as never, set as never));
    }), { numRuns: RUNS }));
  fuzz('runFixtures', async () => {
    const screener = createScreener({ rules: tiny });
    const fixture = fc.record({ at: fc.oneof(fc.constant(AT), hostile), cases: fc.oneof(fc.array(fc.record({ name: fc.string({ minLength: 1 }), set: fc.oneof(fc.constant({ 'clots.legSigns': 'yes' }), hostile), fires: fc.constant(['r']) }, { requiredKeys: ['name'] }), { minLength: 1, maxLength: 2 }), hostile) }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: fixture }, { weight: 9, arbitrary: hostile }), async (file) => {
      const r = await onlyAsync(typeError, () => runFixtures(screener, file as never));
      if (r !== undefined) check(Array.isArray(r), 'a list of fixture results');
    }), { numRuns: RUNS });
  });
  fuzz('createScreener', () => {
    // `disable` stays a list of strings here; its other shapes are option validation (issue 21, finding 6).
    const config = fc.record({ rules: fc.oneof(hostile, fc.constant(tiny), fc.array(fc.oneof(hostile, fc.constant(tiny)), { maxLength: 2 })), disable: fc.array(fc.constantFrom('r', 'nope'), { maxLength: 2 }), techniques: hostile, conditions: hostile, operators: operatorsArb }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof({ weight: 3, arbitrary: config }, { weight: 1, arbitrary: hostile.filter((v) => v === null || typeof v !== 'object' || !('disable' in v)) }), (c) => {
      const s = only(ruleSetError, () => createScreener(c as never)) as api.Screener | undefined;
      if (s !== undefined) check(s.rules.length > 0, 'a screener has rules');
    }), { numRuns: RUNS });
  });
  fuzz('screen', () =>
    fc.assert(fc.asyncProperty(intakeLike, optionsArb, async (v, o) => {
      const r = await screen(v, o as never);
      if (r.ok) check(api.DISPOSITIONS.includes(r.disposition), 'a disposition');
      else check(r.issues.length > 0, 'a failure has issues');
    }), { numRuns: RUNS }));
  fuzz('screenSync', () =>
    fc.assert(fc.property(intakeLike, optionsArb, (v, o) => {
      const r = screenSync(v, o as never);
      if (r.ok) check(api.DISPOSITIONS.includes(r.disposition), 'a disposition');
      else check(r.issues.length > 0, 'a failure has issues');
    }), { numRuns: RUNS }));
  fuzz('SyncUnsupportedError', () =>
    fc.assert(fc.property(fc.oneof(fc.array(fc.string(), { maxLength: 3 }), hostile), (v) => {
      const e = only(typeError, () => new SyncUnsupportedError(v as never)) as InstanceType<typeof SyncUnsupportedError> | undefined;
      if (e !== undefined) expect(e.ruleIds).toEqual([...(v as string[])]);
    }), { numRuns: RUNS }));
  fuzz('defaultRuleSet', () => fc.assert(fc.property(hostile, (v) => (defaultRuleSet as (x: unknown) => api.LoadedRuleSet)(v).rules.length > 0), { numRuns: RUNS }));
  fuzz('dispositionRank', () => fc.assert(fc.property(fc.oneof(fc.constantFrom(...api.DISPOSITIONS), hostile), (v) => void only(typeError, () => dispositionRank(v as never))), { numRuns: RUNS }));
  fuzz('moreRestrictive', () =>
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...api.DISPOSITIONS), hostile), fc.oneof(fc.constantFrom(...api.DISPOSITIONS), hostile), (a, b) => void only(typeError, () => moreRestrictive(a as never, b as never))), { numRuns: RUNS }));
  fuzz('techniqueCatalogSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(techniqueCatalogSchema.safeParse(v))), { numRuns: RUNS }));
  fuzz('conditionCatalogSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(conditionCatalogSchema.safeParse(v))), { numRuns: RUNS }));
  fuzz('intakeJsonSchema', () => fc.assert(fc.property(hostile, (v) => typeof (intakeJsonSchema as (x: unknown) => object)(v) === 'object'), { numRuns: NO_ARGUMENT_RUNS }), NO_ARGUMENT_RUNS);
  fuzz('rulesJsonSchema', () =>
    fc.assert(fc.property(ruleSetOptionsArb, (v) => {
      const schema = only(ruleSetError, () => rulesJsonSchema(v as never));
      if (schema !== undefined) expect(typeof schema).toBe('object');
    }), { numRuns: NO_ARGUMENT_RUNS }), NO_ARGUMENT_RUNS);
  fuzz('intakeUiSchema', () =>
    fc.assert(fc.property(fc.oneof(fc.record({ answers: intakeLike, at: fc.oneof(fc.constant(AT), hostile) }, { requiredKeys: [] }), hostile), (o) => {
      const ui = api.intakeUiSchema(o as never);
      // Whatever the options, the fields a client never fills in stay hidden.
      check(isDeepStrictEqual(ui.clearances, { 'ui:widget': 'hidden' }), 'clearances stay hidden');
    }), { numRuns: RUNS }));
  fuzz('intakeFollowUpConditions', () =>
    fc.assert(fc.property(hostile, (v) => (api.intakeFollowUpConditions as (x: unknown) => readonly unknown[])(v).length === Object.keys(api.FOLLOW_UPS).length), { numRuns: NO_ARGUMENT_RUNS }), NO_ARGUMENT_RUNS);
  fuzz('createDraftScreener', () =>
    fc.assert(fc.property(fc.oneof(hostile, fc.constant(createScreener({ rules: tiny }))), (s) => {
      const d = only(typeError, () => createDraftScreener(s as never)) as api.DraftScreener | undefined;
      if (d !== undefined) check(typeof d.screen === 'function', 'a draft screener screens');
    }), { numRuns: RUNS }));
  fuzz('screenDraft', () =>
    fc.assert(fc.asyncProperty(intakeLike, optionsArb, async (v, o) => {
      const r = await screenDraft(v, o as never);
      if (r.ok) check(r.disposition !== (r.complete ? undefined : 'proceed'), 'a draft is complete with a disposition, or incomplete without proceed');
      else check(r.issues.length > 0, 'a failure has issues');
    }), { numRuns: RUNS }));
  fuzz('screenDraftSync', () =>
    fc.assert(fc.property(intakeLike, optionsArb, (v, o) => {
      const r = screenDraftSync(v, o as never);
      if (r.ok) check(r.disposition !== (r.complete ? undefined : 'proceed'), 'a draft is complete with a disposition, or incomplete without proceed');
      else check(r.issues.length > 0, 'a failure has issues');
    }), { numRuns: RUNS }));
  fuzz('checkServices', () => {
    const service = fc.record({ id: fc.string(), name: fc.string(), techniques: fc.oneof(fc.constant(['swedish']), hostile), pressure: fc.oneof(fc.integer({ min: 1, max: 5 }), hostile), durationMinutes: fc.oneof(fc.constant(60), hostile), bodyAreas: fc.oneof(fc.constant('full-body'), hostile) }, { requiredKeys: [] });
    fc.assert(fc.property(resultLike, fc.oneof(fc.array(fc.oneof(service, hostile), { maxLength: 2 }), hostile), hostile, (r, s, o) => {
      const c = only(typeError, () => checkServices(r as never, s as never, o as never)) as api.CheckServicesResult | undefined;
      if (c !== undefined) check(typeof c.ok === 'boolean', 'ok is a boolean');
    }), { numRuns: RUNS });
  });
  fuzz('serviceSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(serviceSchema.safeParse(v))), { numRuns: RUNS }));
  fuzz('servicesSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(servicesSchema.safeParse(v))), { numRuns: RUNS }));
  fuzz('renderBodyMap', () =>
    fc.assert(fc.property(resultLike, hostile, (r, o) => {
      const svg = only(typeError, () => renderBodyMap(r as never, o as never));
      if (svg !== undefined) {
        check(typeof svg === 'string' && svg.startsWith('<svg ') && svg.endsWith('</svg>'), 'an SVG document');
        check(!/="[^"]*[<>]/.test(svg as string), 'no < or > in an attribute');
      }
    }), { numRuns: RUNS }));
  fuzz('bodyMapStates', () =>
    fc.assert(fc.property(resultLike, hostile, (r, p) => {
      const m = only(typeError, () => bodyMapStates(r as never, p as never)) as ReadonlyMap<string, { cap?: unknown }> | undefined;
      if (m !== undefined) for (const [region, s] of m) {
        check((api.BODY_REGIONS as readonly string[]).includes(region), 'a body region');
        if (s.cap !== undefined) check((api.PRESSURE_LEVELS as readonly unknown[]).includes(s.cap), 'a pressure level');
      }
    }), { numRuns: RUNS }));
  fuzz('isFollowUpRelevant', () =>
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...QUESTION_PATHS), hostile), intakeLike, (p, a) => {
      const r = only(typeError, () => isFollowUpRelevant(p as never, a));
      check([undefined, true, false].includes(r as boolean | undefined), 'true, false or refused');
    }), { numRuns: RUNS }));
  fuzz('relevantFollowUps', () => fc.assert(fc.property(intakeLike, (a) => void only(typeError, () => relevantFollowUps(a))), { numRuns: RUNS }));
  fuzz('toFhirQuestionnaire', () =>
    fc.assert(fc.property(fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 9, arbitrary: hostile }), (o) => {
      const q = only(typeError, () => toFhirQuestionnaire(o as never)) as { resourceType?: string } | undefined;
      if (q !== undefined) check(q.resourceType === 'Questionnaire', 'a Questionnaire');
    }), { numRuns: RUNS }));
  fuzz('toFhirQuestionnaireResponse', () =>
    fc.assert(fc.property(intakeLike, hostile, (v, o) => {
      const q = only(typeError, () => toFhirQuestionnaireResponse(v as never, o as never)) as { resourceType?: string } | undefined;
      if (q !== undefined) check(q.resourceType === 'QuestionnaireResponse', 'a QuestionnaireResponse');
    }), { numRuns: RUNS }));
  fuzz('fromFhirQuestionnaireResponse', () => {
    const qr = toFhirQuestionnaireResponse(BASELINE_INTAKE as never) as unknown as { item: unknown[] };
    const responseLike = fc.oneof(hostile, fc.tuple(fc.nat(), hostile).map(([i, v]) => ({ ...qr, item: qr.item.map((it, j) => (j === i % qr.item.length ? v : it)) })));
    fc.assert(fc.property(responseLike, hostile, (v, o) => {
      const r = fromFhirQuestionnaireResponse(v, o as never);
      if (!r.ok) for (const i of r.issues) check(i.pathString.length < 300, 'a short issue path');
    }), { numRuns: RUNS });
  });
  fuzz('toFhirDetectedIssues', () =>
    fc.assert(fc.property(resultLike, hostile, (r, o) => {
      const d = only(typeError, () => toFhirDetectedIssues(r as never, o as never));
      if (d !== undefined) check(Array.isArray(d), 'a list of DetectedIssues');
    }), { numRuns: RUNS }));
  fuzz('detectedIssueSeverity', () => fc.assert(fc.property(fc.oneof(fc.constantFrom(...api.DISPOSITIONS), hostile), (v) => void only(typeError, () => detectedIssueSeverity(v as never))), { numRuns: RUNS }));
  fuzz('toCdsHooksCards', () =>
    fc.assert(fc.property(resultLike, hostile, (r, o) => {
      const c = only(typeError, () => toCdsHooksCards(r as never, o as never)) as api.CdsHooksResponse | undefined;
      if (c !== undefined) for (const card of c.cards) check(!/(^|[^\\])<[a-z]/i.test(`${card.summary}\n${card.detail ?? ''}`), 'no unescaped markup in a card');
    }), { numRuns: RUNS }));
  fuzz('cdsIndicator', () => fc.assert(fc.property(fc.oneof(fc.constantFrom(...api.DISPOSITIONS), hostile), (v) => void only(typeError, () => cdsIndicator(v as never))), { numRuns: RUNS }));

  // Added with the one-voice result, the rule author's workbench and the fixture expectations.
  fuzz('sessionPlan', () =>
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...api.DISPOSITIONS), hostile), (v) => {
      check(api.SESSION_PLANS.includes(api.sessionPlan(v as never)), 'a session plan');
    }), { numRuns: RUNS }));
  fuzz('flagTiming', () =>
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...api.SESSION_PLANS), hostile), fc.oneof(fc.record({ disposition: fc.constantFrom(...api.DISPOSITIONS) }), hostile), (plan, flag) => {
      const t = only(typeError, () => api.flagTiming(plan as never, flag as never));
      if (t !== undefined) check(['now', 'session', 'later-session'].includes(t as string), 'a timing');
    }), { numRuns: RUNS }));
  fuzz('checkFixtureFile', () =>
    fc.assert(fc.property(hostile, fc.oneof(fc.constant(['r']), fc.array(fc.string(), { maxLength: 3 })), (file, ids) => {
      const r = only(typeError, () => api.checkFixtureFile(file, ids)) as api.CheckedFixtureFile | undefined;
      // Anything that is not a fixture file is reported as problems, never run.
      if (r !== undefined) check(r.problems.length > 0 || r.runnable !== undefined, 'problems or a runnable file');
    }), { numRuns: RUNS }));
  fuzz('fixtureCoverage', async () => {
    const screener = createScreener({ rules: tiny });
    await fc.assert(fc.asyncProperty(fc.oneof(fc.constant(screener), hostile), fc.oneof(fc.constant([]), hostile), async (sc, files) => {
      const r = (await onlyAsync(typeError, () => api.fixtureCoverage(sc as never, files as never))) as api.FixtureCoverage | undefined;
      if (r !== undefined) check(Array.isArray(r.rules), 'coverage lists rules');
    }), { numRuns: RUNS });
  });
  fuzz('createImpactCollector', () => {
    const screener = createScreener({ rules: tiny });
    fc.assert(fc.property(fc.oneof(fc.constant(screener), hostile), fc.oneof(fc.constant(screener), hostile), fc.oneof(fc.constant({}), hostile), (a, b, o) => {
      const c = only(typeError, () => api.createImpactCollector(a as never, b as never, o as never)) as api.ImpactCollector | undefined;
      if (c !== undefined) check(typeof c.add === 'function', 'a collector');
    }), { numRuns: RUNS });
  });
  fuzz('ruleImpact', async () => {
    const screener = createScreener({ rules: tiny });
    await fc.assert(fc.asyncProperty(fc.oneof(fc.constant(screener), hostile), fc.oneof(fc.constant([BASELINE_INTAKE]), fc.array(hostile, { maxLength: 2 }), hostile), async (a, intakes) => {
      const r = (await onlyAsync(typeError, () => api.ruleImpact(a as never, screener, intakes as never, { at: AT }))) as api.RuleImpact | undefined;
      if (r !== undefined) check(typeof r.matrix === 'object', 'an impact matrix');
    }), { numRuns: RUNS });
  });
  fuzz('modificationsExpectationSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(api.modificationsExpectationSchema.safeParse(v))), { numRuns: RUNS }));
  fuzz('ruleOutcomeExpectationSchema.safeParse', () => fc.assert(fc.property(hostile, (v) => sound(api.ruleOutcomeExpectationSchema.safeParse(v))), { numRuns: RUNS }));

  it('fuzzes every function src/index.ts exports, and the schemas’ safeParse', () => {
    const functions = Object.entries(api).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    const schemas = Object.entries(api).filter(([, v]) => v !== null && typeof v === 'object' && typeof (v as { safeParse?: unknown }).safeParse === 'function').map(([k]) => `${k}.safeParse`);
    expect([...functions, ...schemas].filter((k) => !FUZZED.has(k)).sort()).toEqual([]);
  });
});
