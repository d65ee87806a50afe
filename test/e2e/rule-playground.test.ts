/**
 * End to end, in a real browser: the rule playground (CodeMirror 6 with the shipped rules.schema.json through
 * codemirror-json-schema and VS Code's JSON language service, the library's browser build in the page) is built with
 * Vite, served on 127.0.0.1 and used as a rule author would: complete an operator, type a typo and see the diagnostic,
 * type a new threshold and see the impact table change and the fixtures follow.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, serveStatic } from './static-server.js';
import { ensureBuilt } from '../cli/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const exampleDir = join(root, 'examples/rule-playground');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser | undefined;
let server: Server | undefined;
let baseUrl = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium was not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  await ensureBuilt();
  const { build } = await import('vite');
  await build({ configFile: join(exampleDir, 'vite.config.mjs'), logLevel: 'warn' });
  const served = await serveStatic(join(exampleDir, 'dist'));
  server = served.server;
  baseUrl = served.url;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

/** Put the cursor over the first occurrence of `text` in the rules editor (selected), so typing replaces it. */
async function select(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const { view } = (window as unknown as { playground: { view: { state: { doc: { toString(): string } }; dispatch(tr: unknown): void; focus(): void } } }).playground;
    const from = view.state.doc.toString().indexOf(t);
    if (from < 0) throw new Error(`the editor has no ${t}`);
    view.dispatch({ selection: { anchor: from, head: from + t.length }, scrollIntoView: true });
    view.focus();
  }, text);
}

const cell = (page: Page, from: string, to: string) => page.locator(`#impact-matrix tr[data-from="${from}"] td[data-to="${to}"]`);

describe('rule playground in Chromium', () => {
  it('shows diagnostics while typing, and the impact table follows the edit', async () => {
    const page = await browser!.newPage({ viewport: { width: 1400, height: 950 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(baseUrl);
      await page.locator('#impact-matrix').waitFor();
      // The page opens on the clinic's file as it is: nothing moves.
      await expect.poll(() => page.locator('#impact-summary').textContent()).toMatch(/\(0 of \d+ changed\)/);
      expect(await cell(page, 'proceed', 'modify').textContent()).toBe('0');
      await expect.poll(() => page.locator('#fixture-summary').textContent(), { timeout: 15_000 }).toMatch(/^\d+ passed, 0 failed$/);

      // Completion from the shipped schema: the operators that fit derived.ageYears (a number), with descriptions.
      await select(page, '"operator": "greaterThanInclusive"');
      await page.keyboard.type('"operator": ""');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Control+Space');
      const options = page.locator('.cm-tooltip-autocomplete li');
      await options.first().waitFor({ timeout: 15_000 });
      const labels = await options.allTextContents();
      expect(labels.join(' ')).toMatch(/"greaterThanInclusive".*"withinDays"/);
      expect(labels.join(' ')).not.toContain('yesOrUnsure');
      await page.keyboard.press('Escape');
      await select(page, '"operator": ""');
      await page.keyboard.type('"operator": "greaterThanInclusive"');

      // A typo in an operator: the schema's diagnostic appears in the editor, and the library's check lists it.
      await select(page, '"greaterThanInclusive"');
      await page.keyboard.type('"greaterThanInclusiv"');
      await page.locator('.cm-lintRange-error').first().waitFor({ timeout: 15_000 });
      await expect.poll(() => page.locator('#problems').textContent()).toContain('greaterThanInclusiv');

      // Fix it, then lower the age of the policy from 75 to 70: the impact table shows intakes moving.
      await select(page, '"greaterThanInclusiv"');
      await page.keyboard.type('"greaterThanInclusive"');
      await expect.poll(() => page.locator('#problems li').count(), { timeout: 15_000 }).toBe(0);
      await select(page, '"value": 75');
      await page.keyboard.type('"value": 70');
      await expect.poll(async () => Number(await cell(page, 'proceed', 'modify').textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await page.locator('#impact-changes').textContent()).toContain('+clinic-over-75-no-deep-tissue');
      expect(await page.locator('#impact-rules').textContent()).toMatch(/clinic-over-75-no-deep-tissue: fires \d+ → \d+/);
      // The fixture with a 72-year-old as the near miss of the 75 rule now fails: the fixtures follow the edit.
      await expect.poll(() => page.locator('#fixture-summary').textContent(), { timeout: 15_000 }).toMatch(/[1-9]\d* failed/);

      mkdirSync(join(root, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-results/rule-playground.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
