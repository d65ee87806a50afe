/**
 * The Node builds (dist/index.js, dist/index.cjs) bundle the parts of zod the library uses: every entry zod exports
 * re-exports its 65 locales, which Node would load file by file on every cold start. They must carry English only,
 * import no zod at run time, name zod's license, generate no code at run time, and validate as the source does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as source from 'massage-triage';
import { ensureBuilt, ROOT } from '../cli/helpers.js';

type Lib = typeof import('massage-triage');
const FILES = ['index.js', 'index.cjs'] as const;
const code: Record<string, string> = {};
const libs: Record<string, Lib> = {};

beforeAll(async () => {
  await ensureBuilt();
  for (const f of FILES) code[f] = readFileSync(join(ROOT, 'dist', f), 'utf8');
  libs['index.js'] = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as Lib;
  libs['index.cjs'] = createRequire(import.meta.url)(join(ROOT, 'dist', 'index.cjs')) as Lib;
}, 300_000);

describe.each(FILES)('dist/%s', (file) => {
  it('imports no zod at run time, bundles only the English locale, and names the license', () => {
    const c = code[file]!;
    expect(c).not.toMatch(/(?:from\s+|require\()\s*['"]zod/);
    const map = JSON.parse(readFileSync(join(ROOT, 'dist', `${file}.map`), 'utf8')) as { sources: string[] };
    const zod = map.sources.filter((s) => s.includes('node_modules/zod/'));
    expect(zod.length).toBeGreaterThan(0);
    expect(zod.filter((s) => s.includes('/locales/')).map((s) => s.replace(/.*\/locales\//, ''))).toEqual(['en.js']);
    expect(c.slice(0, 400)).toContain('THIRD-PARTY-NOTICES.md');
    expect(readFileSync(join(ROOT, 'THIRD-PARTY-NOTICES.md'), 'utf8')).toMatch(/^## zod \d/m);
  });

  it('has no eval and no new Function (zod classic compiles parsers with them; the parts bundled do not)', () => {
    expect(code[file]).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/);
  });

  it('validates as the source does: the same data, and the same issues in English', () => {
    const lib = libs[file]!;
    const bad = { ...source.BASELINE_INTAKE, clots: { legSigns: 'perhaps' }, client: 7 };
    for (const input of [source.BASELINE_INTAKE, bad, null, 'text']) expect(lib.parseIntake(input)).toEqual(source.parseIntake(input));
    const r = lib.parseIntake(bad);
    expect(r.ok).toBe(false);
    expect(lib.checkRuleSet({ id: 1 })).toEqual(source.checkRuleSet({ id: 1 }));
  });
});

describe('every built file', () => {
  it('has no eval and no new Function: the library generates no code in any build (Node, browser, CLI, chunks)', () => {
    const files = readdirSync(join(ROOT, 'dist')).filter((f) => /\.(c|m)?js$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.cjs', 'index.browser.js', 'cli.js']));
    for (const f of files) expect(readFileSync(join(ROOT, 'dist', f), 'utf8'), f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/);
  });
});
