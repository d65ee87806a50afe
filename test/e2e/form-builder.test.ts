/**
 * End to end, in a real browser: the form-builder example (RJSF rendering the library's JSON Schema, screening with
 * the library's browser build, dist/index.browser.js, in the page) is built with Vite, served on 127.0.0.1, and filled in by Debian's Chromium
 * as a client would: 30 weeks pregnant, on a blood thinner, low back pain, "no" to everything else; and a client with
 * one-sided calf signs (a suspected clot), whose page must show the stop, what to do now and no session plan.
 *
 * The page must show what the same build of the library computes for the same answers in Node: the same
 * disposition, flags and techniques, and the same shaded body-map regions. Which rules concern pregnancy and blood thinners is read from the rules file at test time,
 * so the test follows the rules as they are edited.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, serveStatic } from './static-server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, BODY_REGION_LABELS, bodyMapStates, withAnswers, type ScreeningSuccess } from 'massage-triage';
import { ensureBuilt } from '../cli/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const exampleDir = join(root, 'examples/form-builder');
const distDir = join(exampleDir, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface RuleLike {
  id: string;
  category?: string;
  conditions: unknown;
}

/** Does a rule's condition tree read one of these fact paths (`"client.pregnant"`, `"derived.pregnancy"` prefix)? */
function reads(node: unknown, prefixes: readonly string[], named: Record<string, unknown>, seen = new Set<string>()): boolean {
  if (node === null || typeof node !== 'object') return false;
  const n = node as Record<string, unknown>;
  if (typeof n.fact === 'string') {
    const path = `${n.fact}.${typeof n.path === 'string' ? n.path : ''}`;
    if (prefixes.some((p) => path.startsWith(p))) return true;
  }
  if (typeof n.condition === 'string' && !seen.has(n.condition)) {
    seen.add(n.condition);
    if (reads(named[n.condition], prefixes, named, seen)) return true;
  }
  return ['all', 'any', 'not'].some((k) => {
    const c = n[k];
    return Array.isArray(c) ? c.some((x) => reads(x, prefixes, named, seen)) : reads(c, prefixes, named, seen);
  });
}

function rulesReading(prefixes: readonly string[]): Set<string> {
  const file = JSON.parse(readFileSync(join(root, 'rules/default.rules.json'), 'utf8')) as {
    rules: RuleLike[];
    conditions?: Record<string, unknown>;
  };
  const named = file.conditions ?? {};
  return new Set(file.rules.filter((r) => reads(r.conditions, prefixes, named)).map((r) => r.id));
}

/** Answer a radio question (found by its RJSF id) as a client clicks it. */
async function choose(page: Page, fieldId: string, option: string): Promise<void> {
  await page.locator(`fieldset[data-field="${fieldId}"]`).getByRole('radio', { name: option, exact: true }).check();
}

/**
 * "No" to every required question still open (their follow-ups stay hidden; optional questions stay blank), then
 * consent. Clicked in the page, one after the other, as a client clicks down the form (each click is a real DOM click
 * on the radio labelled "No"; this avoids a browser round trip per question and keeps the test quick).
 */
async function answerTheRestNo(page: Page): Promise<void> {
  const open = await page.$$eval('fieldset.question[data-field]', (sets) =>
    sets
      // The required questions and the safety questions intake model 2 added (optional, so that older intakes
      // parse, but a question left blank is listed, never read as "no"); their follow-ups stay hidden.
      .filter(
        (s) =>
          s.querySelector('input[type="radio"]') &&
          !s.querySelector('input[type="radio"]:checked') &&
          [...s.querySelectorAll('input[type="radio"]')].some((i) => i.closest('label')?.textContent?.trim() === 'No'),
      )
      .map((s) => s.getAttribute('data-field') ?? ''),
  );
  expect(open.length).toBeGreaterThan(30);
  await page.evaluate(async (ids) => {
    for (const id of ids) {
      const no = [...document.querySelectorAll(`fieldset[data-field="${id}"] input[type="radio"]`)].find(
        (i) => i.closest('label')?.textContent?.trim() === 'No',
      ) as HTMLInputElement | undefined;
      if (!no) throw new Error(`no "No" option in ${id}`);
      no.click();
      await new Promise((r) => setTimeout(r, 0));
    }
  }, open);
  await expect
    .poll(() => page.$$eval('fieldset.question', (sets) => sets.filter((s) => s.querySelector('legend .required') && s.querySelector('input[type="radio"]') && !s.querySelector('input[type="radio"]:checked')).length))
    .toBe(0);
  await page.locator('#root_consent_informedConsent').check();
}

let browser: Browser | undefined;
let server: Server | undefined;
let baseUrl = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}. The browser test needs Debian's Chromium: apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
  await ensureBuilt();
  const { build } = await import('vite');
  await build({ configFile: join(exampleDir, 'vite.config.mjs'), logLevel: 'warn' });
  const served = await serveStatic(distDir);
  server = served.server;
  baseUrl = served.url;
  // Playwright gives every launch a fresh, empty profile directory of its own (and removes it on close).
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

describe('form-builder example in Chromium', () => {
  it("the page bundles the library's browser build: json-rules-engine without jsonpath-plus", () => {
    const assets = join(distDir, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    expect(js).toContain("massage-triage's browser build leaves out jsonpath-plus");
    // Marks of jsonpath-plus's own code (its class, expression parser and evaluators).
    expect(js).not.toMatch(/JSONPath\.prototype|jsep|SafeEval|SafeScript/);
  });

  it('a pregnant client on a blood thinner with low back pain gets the same screening in the page as in Node', async () => {
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('form').count()).toBe(1);

    // The form comes from the schema: its groups and questions are there, with their labels.
    await expect.poll(() => page.getByRole('heading', { name: 'Your health history' }).count()).toBe(1);
    expect(await page.locator('fieldset[data-field="root_clots_legSigns"] legend').textContent()).toContain('leg');

    // Submitting empty shows the questions still to answer, and no result.
    await page.getByRole('button', { name: 'Check my answers' }).click();
    expect(await page.locator('.panel-danger.errors').count()).toBe(1);
    expect(await page.getByTestId('result').count()).toBe(0);

    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-results/form-builder-form.png') });
    const at = await page.locator('#appointment-date').inputValue();
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Fill in like a client.
    await page.locator('#root_client_dateOfBirth').fill('1994-05-01');
    await choose(page, 'root_client_pregnant', 'Yes');
    await page.locator('#root_client_pregnancyWeeks').fill('30');
    // Intake model 2 asks the high-risk history and today's warning signs apart; the older combined question is not shown.
    expect(await page.locator('fieldset[data-field="root_client_pregnancyComplications"]').count()).toBe(0);
    await choose(page, 'root_client_pregnancyHighRisk', 'No');
    await choose(page, 'root_client_pregnancyWarningSigns', 'No');
    await page.locator('fieldset[data-field="root_visit_conditions"]').getByRole('checkbox', { name: 'Low back pain', exact: true }).check();
    await page
      .locator('fieldset[data-field="root_visit_painRegions"]')
      .getByRole('checkbox', { name: BODY_REGION_LABELS['low-back'], exact: true })
      .check();
    // Follow-ups stay hidden until their question is answered "yes" (the library's follow-up table).
    expect(await page.locator('#root_clots_legSignsSide').count()).toBe(0);
    await choose(page, 'root_medications_anticoagulants', 'Yes');
    await answerTheRestNo(page);
    // The live draft screening (screenDraft) sees a complete form.
    await expect.poll(() => page.getByTestId('draft').textContent(), { timeout: 15_000 }).toContain('All questions answered');
    await page.getByRole('button', { name: 'Check my answers' }).click();

    const result = page.getByTestId('result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.getAttribute('data-at')).toBe(at);

    // What the library says in Node for the same answers, with the very build the page bundled (the browser build).
    const built = (await import(pathToFileURL(join(root, 'dist/index.browser.js')).href)) as typeof import('massage-triage');
    const intake = withAnswers(BASELINE_INTAKE, {
      completedAt: at,
      'client.dateOfBirth': '1994-05-01',
      'client.pregnant': 'yes',
      'client.pregnancyWeeks': 30,
      'client.pregnancyHighRisk': 'no',
      'client.pregnancyWarningSigns': 'no',
      'visit.conditions': ['low-back-pain'],
      'visit.painLevel': null,
      'medications.anticoagulants': 'yes',
    });
    const expected = await built.screen(intake, { at });
    if (!expected.ok) throw new Error(`the reference intake should validate: ${expected.issues.map((i) => i.pathString).join(', ')}`);
    const ok: ScreeningSuccess = expected;

    // Disposition: the same as in Node, and never "proceed" for this client.
    expect(await result.getAttribute('data-disposition')).toBe(ok.disposition);
    expect(ok.disposition).not.toBe('proceed');

    // Flags: the same rules, each with its title, client message and therapist message on the page.
    const shownIds = await page.$$eval('li.flag', (els) => els.map((e) => e.getAttribute('data-rule-id')));
    expect(shownIds).toEqual(ok.flags.map((f) => f.ruleId));
    for (const f of ok.flags) {
      const li = page.locator(`li.flag[data-rule-id="${f.ruleId}"]`).first();
      expect(await li.locator('h4').textContent()).toContain(f.title);
      expect(await li.locator('.client-message').textContent()).toContain(f.clientMessage);
      expect(await li.locator('.therapist-message').textContent()).toContain(f.message);
    }

    // The finished rules flag both the pregnancy and the blood thinner (rule ids read from the rules file).
    const pregnancyRules = rulesReading(['client.pregnan', 'derived.pregnancy']);
    const anticoagulantRules = rulesReading(['medications.anticoagulants']);
    expect(shownIds.some((id) => pregnancyRules.has(id!)), `a flag from a pregnancy rule (${[...pregnancyRules].join(', ')})`).toBe(true);
    expect(shownIds.some((id) => anticoagulantRules.has(id!)), `a flag from an anticoagulant rule (${[...anticoagulantRules].join(', ')})`).toBe(true);

    // Suggested techniques: the same, in the same order.
    const suggested = await page.$$eval('ul.suggested li', (els) => els.map((e) => e.getAttribute('data-technique')));
    expect(suggested).toEqual(ok.techniques.suggested.map((s) => s.technique));
    const excluded = await page.$$eval('ul.excluded li', (els) => els.map((e) => e.getAttribute('data-technique')));
    expect(excluded).toEqual(ok.techniques.excluded.map((s) => s.technique));

    // The body map shades what the library says for this screening: the pain region, capped and avoided regions.
    const map = page.getByTestId('body-map');
    expect(await map.locator('svg').count()).toBe(1);
    const expectedStates = [...bodyMapStates(ok, ['low-back'])].map(([r, s]) => `${r}:${s.states.join(' ')}`);
    // Some regions are drawn on one view only (the low back is on the back view): compare both views together.
    const shadedBoth = await map.locator('[data-region][data-state]').evaluateAll((els) =>
      [...new Set(els.map((e) => `${e.getAttribute('data-region')}:${e.getAttribute('data-state')}`))].sort(),
    );
    expect(shadedBoth).toEqual([...expectedStates].sort());
    expect(shadedBoth).toContain('low-back:pain');

    expect(pageErrors).toEqual([]);
    expect(await page.getByTestId('draft').count()).toBe(0);
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(root, 'test-results/form-builder.png'), fullPage: false });
    await result.screenshot({ path: join(root, 'test-results/form-builder-result.png') });
    await page.close();
  });
  it('a suspected clot: the page shows the stop and what to do now, and plans no session', async () => {
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('form').count()).toBe(1);
    const at = await page.locator('#appointment-date').inputValue();

    // A client with a "calf strain" whose left calf is swollen and warm, who took a painkiller today.
    await page.locator('#root_client_dateOfBirth').fill('1980-03-14');
    await choose(page, 'root_client_pregnant', 'No');
    await page.locator('fieldset[data-field="root_visit_conditions"]').getByRole('checkbox', { name: 'Sprain or strain', exact: true }).check();
    await page
      .locator('fieldset[data-field="root_visit_painRegions"]')
      .getByRole('checkbox', { name: BODY_REGION_LABELS['left-lower-leg'], exact: true })
      .check();
    await choose(page, 'root_clots_legSigns', 'Yes');
    await choose(page, 'root_clots_legSignsSide', 'Left');
    await choose(page, 'root_medications_painMedicationToday', 'Yes');

    // The draft banner already says what to do now, not "read your result when you finish".
    const draft = page.getByTestId('draft');
    await expect.poll(() => draft.textContent(), { timeout: 15_000 }).toContain('No massage today.');
    expect(await draft.textContent()).toContain('contact your doctor today');
    expect(await draft.textContent()).not.toMatch(/when you finish/);

    await answerTheRestNo(page);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const result = page.getByTestId('result');
    await result.waitFor({ timeout: 15_000 });

    // The same screening in Node, with the build the page bundled.
    const built = (await import(pathToFileURL(join(root, 'dist/index.browser.js')).href)) as typeof import('massage-triage');
    const intake = withAnswers(BASELINE_INTAKE, {
      completedAt: at,
      'client.dateOfBirth': '1980-03-14',
      'visit.conditions': ['sprain-strain'],
      'visit.painRegions': ['left-lower-leg'],
      'visit.painLevel': null,
      'clots.legSigns': 'yes',
      'clots.legSignsSide': 'left',
      'medications.painMedicationToday': 'yes',
    });
    const expected = await built.screen(intake, { at });
    if (!expected.ok) throw new Error(`the reference intake should validate: ${expected.issues.map((i) => i.pathString).join(', ')}`);
    expect(expected.disposition).toBe('refer-urgent');

    // The stop, and what to do now, first.
    expect(await result.getAttribute('data-disposition')).toBe('refer-urgent');
    expect(await result.getAttribute('data-plan')).toBe('none-today');
    expect(await page.getByTestId('summary').textContent()).toBe(expected.summary.client);
    expect(expected.summary.client).toMatch(/^No massage today\. .*contact your doctor today/);
    expect(await page.getByTestId('no-session').isVisible()).toBe(true);

    // No session plan: no modifications, techniques or pressure levels; the painkiller's "moderate pressure today"
    // is kept for a later session, marked, and not said to the client.
    expect(await result.locator('ul.modifications, ul.suggested, ul.excluded').count()).toBe(0);
    expect(await result.textContent()).not.toMatch(/How the session changes|Suggested/);
    const later = result.locator('li.flag[data-rule-id="pain-medication-today"]');
    expect(await later.getAttribute('data-timing')).toBe('later-session');
    expect(await later.locator('.client-message').count()).toBe(0);
    expect(await result.locator('.client-message').allTextContents()).toEqual(
      expected.flags.filter((f) => built.flagTiming(expected.plan, f) === 'now').map((f) => `For you: ${f.clientMessage}`),
    );

    // The body map: the suspected-clot leg avoided, no pressure level anywhere, "no session today".
    const map = page.getByTestId('body-map');
    expect(await map.locator('svg[data-plan="none-today"]').count()).toBe(1);
    expect(await map.locator('[data-cap], [data-state~="cap"]').count()).toBe(0);
    expect(await map.locator('[data-region="left-lower-leg"][data-view="front"]').getAttribute('data-state')).toBe('avoid pain');
    expect(await map.locator('[data-region="right-lower-leg"][data-view="front"]').getAttribute('data-state')).toBeNull();
    expect(await map.locator('[data-label="no-session"]').textContent()).toContain('No session today');

    expect(pageErrors).toEqual([]);
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await result.scrollIntoViewIfNeeded();
    await result.screenshot({ path: join(root, 'test-results/form-builder-stop.png') });
    expect(existsSync(join(root, 'test-results/form-builder-stop.png'))).toBe(true);
    await page.close();
  });
});
