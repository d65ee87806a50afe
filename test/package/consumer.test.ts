/**
 * The package as users get it: `npm pack`, install the tarball into a scratch project, and use it from ESM, CommonJS,
 * TypeScript (node16 resolution) and the command line. This catches what tests against src/ cannot: the exports
 * map, the files list, the bin, and the types in dist.
 *
 * The README's examples are type-checked here too, as written: every ```ts block of README.md becomes a module of the
 * scratch project. What an example takes from the app around it (`formAnswers`, `showError`, …) is declared in
 * README_APP below; a new example that uses another name of the app adds it there. A block fenced as ```ts no-check is
 * left out (avoid it: an example that does not compile misleads).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASELINE_INTAKE } from 'massage-triage';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/helpers.js';

const TIMEOUT = 180_000;

/** What the README's examples take from the app around them, as an app would declare it. */
const README_APP = `type MT = typeof import('massage-triage');
declare const formAnswers: unknown;
declare function showError(path: string, message: string): void;
declare const intake: unknown;
declare const clinicRules: import('massage-triage').LoadedRuleSet;
declare const appointment: { readonly start: Date; readonly date: string };
declare const clinic: { readonly timeZone: string };
declare const form: HTMLFormElement;
declare const bodyMap: HTMLElement;
declare const answers: import('massage-triage').Intake;
declare function debounce<A extends unknown[]>(fn: (...args: A) => unknown, ms: number): (...args: A) => void;
declare function readAnswers(form: HTMLFormElement): unknown;
declare function showStop(text: string): void;
declare function showWarnings(texts: readonly string[]): void;
declare function markMissing(paths: readonly string[]): void;
declare function showFollowUps(paths: readonly string[]): void;
declare function showResult(result: import('massage-triage').ScreeningSuccess): void;
declare const result: Awaited<ReturnType<MT['screen']>>;
`;

/** The README's ```ts blocks (not those marked `no-check`), each a module of its own. */
const readmeExamples = (): string[] =>
  [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/^```ts([^\n]*)\n([\s\S]*?)^```/gm)]
    .filter((m) => !/\bno-check\b/.test(m[1]!))
    .map((m) => `${m[2]!}\nexport {};\n`);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
let project: string;

function sh(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return spawnSync(cmd, [...args], { cwd, encoding: 'utf8', env, timeout: TIMEOUT });
}

const output = (r: SpawnSyncReturns<string>) => `exit ${String(r.status)}\n${r.stdout}\n${r.stderr}`;

beforeAll(async () => {
  await ensureBuilt();
  const tmp = mkdtempSync(join(tmpdir(), 'mt-consumer-'));
  const pack = sh('npm', ['pack', '--pack-destination', tmp, '--json', '--silent'], ROOT);
  expect(pack.status, output(pack)).toBe(0);
  const filename = (JSON.parse(pack.stdout) as { filename: string }[])[0]?.filename ?? '';
  const tarball = join(tmp, filename.replace(/^@[^/]+\//, '').replace('/', '-'));
  project = join(tmp, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
  let install = sh('npm', ['install', tarball, '--no-audit', '--no-fund', '--offline'], project);
  if (install.status !== 0) install = sh('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], project);
  expect(install.status, output(install)).toBe(0);
  writeFileSync(join(project, 'intake.json'), JSON.stringify(BASELINE_INTAKE));
}, TIMEOUT);

describe('the packed package in a scratch project', () => {
  it(
    'ESM: import { parseIntake, intakeSchema, screen } and screen an intake',
    () => {
      writeFileSync(
        join(project, 'esm.mjs'),
        `import { readFileSync } from 'node:fs';
import { parseIntake, intakeSchema, screen } from 'massage-triage';
const answers = JSON.parse(readFileSync('intake.json', 'utf8'));
const parsed = parseIntake(answers);
const direct = intakeSchema.safeParse(answers);
const result = await screen({ ...answers, clots: { ...answers.clots, legSigns: 'yes' } }, { at: '2026-06-01' });
console.log(JSON.stringify({ parsed: parsed.ok, direct: direct.success, ok: result.ok, disposition: result.disposition }));
`,
      );
      const r = sh(process.execPath, ['esm.mjs'], project);
      expect(r.status, output(r)).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ parsed: true, direct: true, ok: true, disposition: 'refer-urgent' });
    },
    TIMEOUT,
  );

  it(
    'CommonJS: require() works, and the schema and rules files resolve through the exports map',
    () => {
      writeFileSync(
        join(project, 'cjs.cjs'),
        `const mt = require('massage-triage');
const fs = require('node:fs');
const schema = JSON.parse(fs.readFileSync(require.resolve('massage-triage/schemas/intake.schema.json'), 'utf8'));
const rules = JSON.parse(fs.readFileSync(require.resolve('massage-triage/rules/default.rules.json'), 'utf8'));
const answers = JSON.parse(fs.readFileSync('intake.json', 'utf8'));
mt.screen(answers, { at: '2026-06-01' }).then((r) => {
  console.log(JSON.stringify({ disposition: r.disposition, version: mt.VERSION, schemaTitle: typeof schema.title, rules: Array.isArray(rules.rules) && rules.rules.length > 0 }));
});
`,
      );
      const r = sh(process.execPath, ['cjs.cjs'], project);
      expect(r.status, output(r)).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ disposition: 'proceed', version: pkg.version, schemaTitle: 'string', rules: true });
    },
    TIMEOUT,
  );

  it(
    "a browser bundler importing the package gets dist/index.browser.js (the 'browser' condition), without jsonpath-plus, and that file screens",
    async () => {
      expect(existsSync(join(project, 'node_modules', 'massage-triage', 'dist', 'index.browser.js'))).toBe(true);
      const { build } = await import('esbuild');
      // What a browser bundler takes from the package for `contents`: every input file, and those of massage-triage.
      const bundle = async (contents: string, format: 'esm' | 'cjs') => {
        const r = await build({ stdin: { contents, resolveDir: project, loader: 'js' }, bundle: true, platform: 'browser', format, write: false, metafile: true, logLevel: 'silent' });
        const inputs = Object.keys(r.metafile.inputs);
        return { inputs, ours: inputs.filter((p) => /node_modules\/massage-triage\//.test(p)).map((p) => p.replace(/^.*node_modules\//, '')) };
      };
      const { inputs, ours } = await bundle("export { screen } from 'massage-triage';", 'esm');
      // The browser build and the chunks it imports (json-rules-engine's only through import(): browser-build.test.ts).
      expect(ours).toContain('massage-triage/dist/index.browser.js');
      expect(ours.filter((p) => !/^massage-triage\/dist\/(index\.browser|chunk-[\w-]+|engine-[\w-]+)\.js$/.test(p))).toEqual([]);
      // jsonpath-plus is installed (json-rules-engine depends on it) but not bundled; zod and ts-pattern come from the app.
      expect(existsSync(join(project, 'node_modules', 'jsonpath-plus'))).toBe(true);
      expect(inputs.filter((p) => p.includes('jsonpath-plus'))).toEqual([]);
      expect(inputs.some((p) => p.includes('node_modules/zod/'))).toBe(true);
      // require() under the browser condition (Jest with jsdom, a CommonJS app) keeps the CommonJS build: the browser
      // build is ESM only.
      expect((await bundle("module.exports = require('massage-triage');", 'cjs')).ours).toEqual(['massage-triage/dist/index.cjs']);
      // Node ignores the browser condition (the ESM test above uses dist/index.js); the file itself is plain ESM.
      writeFileSync(
        join(project, 'browser-build.mjs'),
        `import { readFileSync } from 'node:fs';
import { screen } from './node_modules/massage-triage/dist/index.browser.js';
const answers = JSON.parse(readFileSync('intake.json', 'utf8'));
const result = await screen({ ...answers, clots: { ...answers.clots, legSigns: 'yes' } }, { at: '2026-06-01' });
console.log(JSON.stringify({ ok: result.ok, disposition: result.disposition }));
`,
      );
      const r = sh(process.execPath, ['browser-build.mjs'], project);
      expect(r.status, output(r)).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ ok: true, disposition: 'refer-urgent' });
    },
    TIMEOUT,
  );

  it(
    'TypeScript (node16 resolution, strict) type-checks a consumer, and rejects a type error',
    () => {
      const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
      const flags = ['--moduleResolution', 'node16', '--module', 'node16', '--target', 'es2022', '--noEmit', '--strict'];
      writeFileSync(
        join(project, 'good.ts'),
        `import * as z from 'zod/mini';
import { intakeSchema, parseIntake, screen, type Intake, type ScreeningResult } from 'massage-triage';
// The exported schema composes with zod/mini, and its types flow through.
const booking = z.extend(intakeSchema, { bookingId: z.string() });
export const bookingLabel = (b: z.infer<typeof booking>): string => b.bookingId + b.clots.legSigns;
export async function triage(answers: unknown): Promise<string> {
  const parsed = parseIntake(answers);
  if (!parsed.ok) return parsed.issues.map((i) => i.pathString).join(', ');
  const intake: Intake = parsed.data;
  const result: ScreeningResult = await screen(intake, { at: '2026-06-01' });
  return result.ok ? result.disposition + result.flags.map((f) => f.ruleId).join(',') : 'invalid';
}
`,
      );
      writeFileSync(
        join(project, 'bad.ts'),
        `import type { ScreeningResult } from 'massage-triage';
// Deliberate: a result must be narrowed by "ok" before its disposition is read.
export const dispositionOf = (r: ScreeningResult): string => r.disposition;
`,
      );
      // One program for both (each tsc run checks the package's declarations and the libs again): the only error
      // is the deliberate one in bad.ts, so good.ts and everything it loads type-check.
      const r = sh(tsc, [...flags, 'good.ts', 'bad.ts'], project);
      expect(r.status).not.toBe(0);
      const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
      expect(errors.length, output(r)).toBe(1);
      expect(errors[0]).toMatch(/^bad\.ts\(3,\d+\): error TS2339/);
    },
    TIMEOUT,
  );

  it(
    "the README's TypeScript examples compile as written (node16 and bundler resolution), and so does its JSON import of a clinic's rules where the README says it does",
    () => {
      const examples = readmeExamples();
      expect(examples.length).toBeGreaterThanOrEqual(4);
      const dir = join(project, 'readme');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'app.d.ts'), README_APP);
      writeFileSync(join(dir, 'clinic.rules.json'), JSON.stringify({ id: 'clinic', version: '1.0.0', rules: [] }));
      const files = examples.map((code, i) => {
        writeFileSync(join(dir, `example-${i + 1}.ts`), code);
        return `readme/example-${i + 1}.ts`;
      });
      // The JSON import the README describes, in its own words, for the settings it names.
      const jsonImport = /`(import clinicRules from '\.\/clinic\.rules\.json' with \{ type: 'json' \})`/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1];
      expect(jsonImport).toBeDefined();
      writeFileSync(join(dir, 'json-import.ts'), `${jsonImport!};\nimport { loadRuleSet } from 'massage-triage';\nexport const set = loadRuleSet(clinicRules);\n`);
      const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
      const strict = ['--target', 'es2022', '--strict', '--noEmit', '--skipLibCheck', '--resolveJsonModule'];
      // The app's own environment for the examples: Node's and the DOM's types (@types/node from this repository).
      const app = [...strict, '--lib', 'es2022,dom', '--typeRoots', join(ROOT, 'node_modules', '@types'), '--types', 'node', 'readme/app.d.ts', ...files, 'readme/json-import.ts'];
      const errors = (r: SpawnSyncReturns<string>) => r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
      // node16: every example compiles; the import attribute alone is refused, as the README says.
      const node16 = sh(tsc, [...app, '--module', 'node16', '--moduleResolution', 'node16'], project);
      expect(errors(node16), output(node16)).toEqual([expect.stringMatching(/^readme\/json-import\.ts\(1,\d+\): error TS2823/)]);
      // A bundler's resolution: the examples and the JSON import.
      const bundler = sh(tsc, [...app, '--module', 'esnext', '--moduleResolution', 'bundler'], project);
      expect(bundler.status, output(bundler)).toBe(0);
      // module nodenext with node16 resolution: the JSON import.
      const nodenext = sh(tsc, [...strict, '--module', 'nodenext', '--moduleResolution', 'node16', 'readme/json-import.ts'], project);
      expect(nodenext.status, output(nodenext)).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'the bin: npx massage-triage --version, screen and demo',
    () => {
      const version = sh('npx', ['massage-triage', '--version'], project);
      expect(version.status, output(version)).toBe(0);
      expect(version.stdout.trim()).toBe(pkg.version);
      const screened = sh('npx', ['massage-triage', 'screen', 'intake.json', '--at', '2026-06-01'], project);
      expect(screened.status, output(screened)).toBe(0);
      expect(screened.stdout.split('\n')[0]).toMatch(/^PROCEED/);
      const demo = sh('npx', ['massage-triage', 'demo'], project);
      expect(demo.status, output(demo)).toBe(0);
      expect(demo.stdout).toMatch(/^=== /m);
    },
    TIMEOUT,
  );
});
