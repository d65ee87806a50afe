/** `massage-triage rules lint` and `rules test`. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, ROOT, run } from './helpers.js';

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mt-rules-'));
});

const BROKEN = join(FIXTURES, 'broken.rules.json');
const brokenText = readFileSync(BROKEN, 'utf8');

/** Line and column (1-based) of the n-th occurrence of `needle` in the broken file: where the problem must be reported. */
function where(needle: string, nth = 1): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = brokenText.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`fixture does not contain ${needle}`);
  const before = brokenText.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

const FORMAT = /^(.+):(\d+):(\d+): error: (.+) \((.*)\) \[([a-z_]+)\]$/;

describe('rules lint', () => {
  it('reports every mistake of a broken file at its line:column, in the FILE:LINE:COL format; exit 1', async () => {
    const r = await run(['rules', 'lint', 'test/cli/fixtures/broken.rules.json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    for (const l of lines) expect(l).toMatch(FORMAT);
    const found = lines.map((l) => {
      const m = FORMAT.exec(l)!;
      return { file: m[1], line: Number(m[2]), column: Number(m[3]), path: m[5], code: m[6] };
    });
    const expected = [
      { code: 'unknown_fact', path: 'rules[0].conditions.all[0].fact', at: where('"fact": "clot"') },
      { code: 'unknown_operator', path: 'rules[1].conditions.all[0].operator', at: where('"operator": "equals"') },
      { code: 'invalid_value', path: 'rules[1].conditions.all[1].value', at: where('"value": "maybe"') },
      { code: 'duplicate_id', path: 'rules[2].id', at: where('"id": "fever"', 2) },
      { code: 'missing_regions', path: 'rules[2].outcome', at: where('"outcome"', 3) },
      { code: 'duplicate_key', path: 'rules[2].message', at: where('"message": "Avoid the fracture site."') },
    ];
    // The fixture's mistakes sit on these lines; a moved line would silently change what is tested.
    expect(expected.map((e) => e.at.line)).toEqual([9, 21, 22, 32, 35, 37]);
    for (const e of expected) expect(found, e.code).toContainEqual({ file: 'test/cli/fixtures/broken.rules.json', line: e.at.line, column: e.at.column, path: e.path, code: e.code });
    expect(found).toHaveLength(expected.length);
    expect(r.stderr).toContain('6 problems in 1 file');
  });

  it('a JSON syntax error is reported at its own line:column', async () => {
    const file = join(dir, 'syntax.rules.json');
    writeFileSync(file, '{\n  "id": "x",\n  "version": "1.0.0"\n  "rules": []\n}\n');
    const r = await run(['rules', 'lint', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe(`${file}:4:3: error: Expected ",". [json_syntax]`);
  });

  it('an unknown key is reported at the key itself', async () => {
    const rules = JSON.parse(readFileSync(join(FIXTURES, 'mini.rules.json'), 'utf8')) as { rules: Record<string, unknown>[] };
    const text = JSON.stringify(rules, null, 2).replace('"title": "Pain medication today",', '"title": "Pain medication today",\n      "titel": "typo",');
    const file = join(dir, 'typo.rules.json');
    writeFileSync(file, text);
    const r = await run(['rules', 'lint', file]);
    expect(r.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('"titel"')) + 1;
    expect(r.stdout).toMatch(new RegExp(`typo\\.rules\\.json:${line}:7: error: .*titel.* \\(rules\\[0\\]\\) \\[invalid_format\\]`));
  });

  it('a clean file prints "FILE: ok (N rules)" and exits 0; a mix of clean and broken exits 1 and reports both', async () => {
    const rulesCount = (JSON.parse(readFileSync(join(ROOT, 'rules', 'default.rules.json'), 'utf8')) as { rules: unknown[] }).rules.length;
    const ok = await run(['rules', 'lint', 'rules/default.rules.json']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe(`rules/default.rules.json: ok (${rulesCount} rules)`);
    const mixed = await run(['rules', 'lint', 'rules/default.rules.json', 'test/cli/fixtures/broken.rules.json']);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toContain('rules/default.rules.json: ok');
    expect(mixed.stdout).toContain('test/cli/fixtures/broken.rules.json:9:');
  });

  it('no file, or a file that cannot be read, is a usage error', async () => {
    expect((await run(['rules', 'lint'])).code).toBe(2);
    expect((await run(['rules', 'lint', join(dir, 'absent.json')])).code).toBe(2);
    expect((await run(['rules', 'frob'])).code).toBe(2);
  });
});

describe('rules test', () => {
  it('passing fixtures: PASS per case, exit 0', async () => {
    const r = await run(['rules', 'test', join(FIXTURES, 'pass.fixtures.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^ {2}PASS /gm)).toHaveLength(3);
    expect(r.stdout).toContain('3 passed, 0 failed (1 file).');
  });

  it('a failing case: FAIL with what went wrong, exit 1', async () => {
    const r = await run(['rules', 'test', join(FIXTURES, 'pass.fixtures.json'), join(FIXTURES, 'fail.fixtures.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL deliberately wrong: leg signs said to proceed\n\s+expected "clot-current-signs" not to fire; it did\n\s+expected disposition proceed, got refer-urgent/);
    expect(r.stdout).toContain('4 passed, 1 failed (2 files).');
  });

  it('--rules replaces the set the fixtures run against', async () => {
    const r = await run(['rules', 'test', '--rules', join(FIXTURES, 'mini.rules.json'), join(FIXTURES, 'pass.fixtures.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL one-sided leg signs: refer urgently/);
  });

  it('--extend adds to the default set: the fixtures still pass', async () => {
    const r = await run(['rules', 'test', '--extend', join(FIXTURES, 'mini.rules.json'), join(FIXTURES, 'pass.fixtures.json')]);
    expect(r.code).toBe(0);
  });

  it('an invalid fixture file is reported at its line and fails the run', async () => {
    const file = join(dir, 'bad.fixtures.json');
    writeFileSync(file, '{\n  "at": "2026-06-01",\n  "cases": [\n    { "name": "x", "disposition": "maybe" }\n  ]\n}\n');
    const r = await run(['rules', 'test', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad\.fixtures\.json:4:20: error: .* \(cases\[0\]\.disposition\) \[invalid_fixture\]/);
  });

  it('without fixture arguments it runs the package default fixtures', async () => {
    const r = await run(['rules', 'test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rules\/fixtures\/default\/.+\.json/);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed \(\d+ files\)\./);
  });
});
