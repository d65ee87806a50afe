/**
 * The FHIR round trip through a real form renderer (issue 21, finding 9): LHC-Forms (npm `lforms`) renders the
 * Questionnaire from `toFhirQuestionnaire` in headless Chromium, a client's answers are loaded into the rendered form,
 * and the QuestionnaireResponse LHC-Forms saves is read back with `fromFhirQuestionnaireResponse`. The client must
 * screen to the same disposition as the intake screened directly.
 *
 * LHC-Forms runs from the package's own files, served on 127.0.0.1: no network. Its scripts hold non-ASCII text, so
 * they are served as UTF-8 (read as Latin-1, the FHIRPath parser inside fails to start).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  createScreener,
  defaultRuleSet,
  fromFhirQuestionnaireResponse,
  parseIntake,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  withAnswers,
  type Intake,
} from 'massage-triage';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LFORMS = join(root, 'node_modules/lforms/dist/lforms');
const ZONE = join(root, 'node_modules/zone.js/bundles');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags of test/e2e/form-builder.test.ts: no sandbox as root, no GPU, no background network calls.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AT = '2026-06-15';

// LHC-Forms needs zone.js before its web component; its FHIR support is added once the component has loaded.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/lforms/webcomponent/styles.css"></head>
<body><div id="form"></div><script src="/zone/zone.umd.js"></script><script src="/lforms/webcomponent/lhc-forms.js"></script></body></html>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const [base, rest] = path.startsWith('/zone/') ? [ZONE, path.slice(6)] : path.startsWith('/lforms/') ? [LFORMS, path.slice(8)] : ['', ''];
    const file = normalize(join(base, rest));
    if (!base || !file.startsWith(base + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/` });
    });
  });
}

let browser: Browser | undefined;
let server: Server | undefined;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium was not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  const served = await serve();
  server = served.server;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.goto(served.url);
  await page.waitForFunction(() => typeof (window as unknown as { LForms?: { Util?: { addFormToPage?: unknown } } }).LForms?.Util?.addFormToPage === 'function', null, { timeout: 60_000 });
  await page.addScriptTag({ url: '/lforms/fhir/R4/lformsFHIR.min.js' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/**
 * Render the Questionnaire in LHC-Forms with the client's answers loaded, and return what LHC-Forms saves: its
 * QuestionnaireResponse, read back into an intake.
 */
async function throughLhcForms(intake: Intake): Promise<Intake> {
  const saved = await page.evaluate(
    async ({ questionnaire, response }) => {
      type Util = Record<string, (...a: unknown[]) => unknown>;
      const util = (window as unknown as { LForms: { Util: Util } }).LForms.Util;
      const form = util.convertFHIRQuestionnaireToLForms!(questionnaire, 'R4');
      const filled = util.mergeFHIRDataIntoLForms!('QuestionnaireResponse', response, form, 'R4');
      const el = document.getElementById('form')!;
      el.innerHTML = '';
      await util.addFormToPage!(filled, 'form', {});
      // The form is on the page: its answers are the ones shown, and saving gives what a "Save" would.
      await new Promise((r) => setTimeout(r, 200));
      return util.getFormFHIRData!('QuestionnaireResponse', 'R4', el);
    },
    { questionnaire: toFhirQuestionnaire(), response: toFhirQuestionnaireResponse(intake) },
  );
  const back = fromFhirQuestionnaireResponse(saved);
  expect(back.ok).toBe(true);
  if (!back.ok) throw new Error('the saved response did not read back');
  // LHC-Forms stamps its own save time as `authored`; the round trip is about the answers.
  return { ...back.data, completedAt: intake.completedAt } as Intake;
}

/** A client's answers as a valid intake (the round trip starts from one). */
function intakeOf(answers: unknown): Intake {
  const r = parseIntake(answers);
  expect(r.ok).toBe(true);
  if (!r.ok) throw new Error('not a valid intake');
  return r.data;
}

const screener = createScreener({ rules: defaultRuleSet() });
async function disposition(intake: Intake): Promise<string> {
  const r = await screener.screen(intake, { at: AT });
  expect(r.ok).toBe(true);
  return r.ok ? r.disposition : 'invalid';
}

describe('a client through LHC-Forms screens as the intake does', () => {
  const clients: [string, unknown][] = [
    ['baseline', BASELINE_INTAKE],
    ['fever answered yes, 39.5 °C', withAnswers(BASELINE_INTAKE, { 'illness.feverOrAcuteIllness': 'yes', 'illness.temperatureC': 39.5 })],
    ['leg clot signs', withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left' })],
    [
      'recent fracture with its follow-ups',
      withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'bones.fractureDate': '2026-05-01', 'bones.fractureRegions': ['left-wrist'], 'bones.fractureHealedCleared': 'no' }),
    ],
  ];
  it.each(clients)('%s', async (_, answers) => {
    const intake = intakeOf(answers);
    const before = await disposition(intake);
    const after = await throughLhcForms(intake);
    expect(await disposition(after)).toBe(before);
  }, 60_000);

  // Answers that contradict their trigger (issue 21, finding 9). LHC-Forms drops the answer to an item its `enableWhen`
  // hides when the form is saved, so these follow-ups are asked without one (ALWAYS_ASKED_FOLLOW_UPS): the stricter
  // reading survives the round trip.
  const contradictions: [string, Record<string, unknown>, string][] = [
    ['fever answered no, 39.5 °C', { 'illness.feverOrAcuteIllness': 'no', 'illness.temperatureC': 39.5 }, 'illness.temperatureC'],
    ['no allergies, allergens listed', { 'allergies.any': 'no', 'allergies.allergens': ['oils'] }, 'allergies.allergens'],
    ['no cancer, bone metastasis answered yes', { 'cancer.status': 'none', 'cancer.boneMetastasis': 'yes' }, 'cancer.boneMetastasis'],
    ['no heart attack, cardiologist clearance not sure', { 'heart.heartAttackOrStroke': 'no', 'heart.cardiologistCleared': 'unsure' }, 'heart.cardiologistCleared'],
  ];
  it.each(contradictions)('%s: the follow-up is kept, and the client screens as before', async (_, answers, followUp) => {
    const intake = intakeOf(withAnswers(BASELINE_INTAKE, answers));
    const before = await disposition(intake);
    expect(before).not.toBe('proceed'); // the follow-up's answer alone matters
    const after = await throughLhcForms(intake);
    const [group = '', question = ''] = followUp.split('.');
    expect((after as unknown as Record<string, Record<string, unknown>>)[group]![question]).toEqual(answers[followUp]);
    expect(await disposition(after)).toBe(before);
  }, 60_000);
});
