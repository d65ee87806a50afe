/**
 * One bad line costs only its own line (issue 21, finding 1): a line of 6,000 `[` once overflowed the stack of the
 * invalid-line handler and ended the whole run with no records. `batch` (with and without worker threads),
 * `screen FILE` and `rules lint` must each report it as one problem and go on. And a run that does not finish must
 * never leave an output file that looks whole.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASELINE_INTAKE, withAnswers } from 'massage-triage';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, CLI, ensureBuilt, ROOT, run, records } from './helpers.js';

const AT = '2026-06-01';
const DEEP = '['.repeat(6000);
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mt-one-line-'));
});

describe('a line that breaks the JSON reader costs only that line', () => {
  it('batch: 6,000 "[" on line 3 is one error record; every other line is screened, with 1 and 2 threads', async () => {
    const lines = [JSON.stringify(BASELINE_INTAKE), JSON.stringify(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' })), DEEP, `${'['.repeat(6000)}${']'.repeat(6000)}`, JSON.stringify(BASELINE_INTAKE)];
    const input = join(dir, 'deep.ndjson');
    writeFileSync(input, `${lines.join('\n')}\n`);
    for (const workers of ['1', '2']) {
      const r = await run(['batch', input, '--at', AT, '--workers', workers]);
      expect(r.code).toBe(1);
      const out = records(r.stdout);
      expect(out.map((o) => [o.line, o.ok, o.disposition ?? o.issues?.[0]?.code])).toEqual([
        [1, true, 'proceed'],
        [2, true, 'refer-urgent'],
        [3, false, 'invalid_format'],
        [4, false, 'too_large'],
        [5, true, 'proceed'],
      ]);
      expect(out[2]?.issues?.[0]?.message).toMatch(/not valid JSON/);
      expect(r.stderr).toMatch(/Screened 5 lines .*; invalid 2\./);
    }
  }, 120_000);

  it('screen FILE: 6,000 "[" is "not valid JSON" with its place, exit 1, no stack trace', async () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, DEEP);
    const r = await run(['screen', file, '--at', AT]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/deep\.json:1:\d+: not valid JSON: Nested deeper than \d+ levels\./);
    expect(r.stderr).not.toMatch(/RangeError|Maximum call stack|at .*\.js:\d+/);
  });

  it('rules lint: 6,000 "[" (broken or whole) is one located problem in that file; the next file is still linted', async () => {
    const broken = join(dir, 'deep-broken.rules.json');
    const whole = join(dir, 'deep-whole.rules.json');
    writeFileSync(broken, DEEP);
    writeFileSync(whole, `{"rules": ${'['.repeat(6000)}${']'.repeat(6000)}}`);
    const r = await run(['rules', 'lint', broken, whole, join(ROOT, 'rules', 'default.rules.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/deep-broken\.rules\.json:1:\d+: error: Nested deeper than \d+ levels\./);
    expect(r.stdout).toMatch(/deep-whole\.rules\.json:1:\d+: error: Nested deeper than \d+ levels\./);
    expect(r.stdout).toMatch(/default\.rules\.json: ok/);
    expect(r.stderr).toMatch(/2 problems in 2 files\./);
  });
});

describe('an unfinished batch run never looks finished', () => {
  it('-o FILE: a run killed midway leaves no FILE (only FILE.partial-PID); a finished run leaves FILE and no partial file', async () => {
    const out = join(dir, 'killed.ndjson');
    const child = spawn(process.execPath, [CLI, 'batch', '-', '--at', AT, '-o', out], { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'ignore', 'ignore'] });
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    // The kill below closes the pipe under a pending write.
    child.stdin.on('error', () => undefined);
    // Well over the blocks a run holds in flight (8 of 64 KB), so records are written while stdin stays open.
    const line = `${JSON.stringify(BASELINE_INTAKE)}\n`;
    child.stdin.write(line.repeat(Math.ceil(2_000_000 / line.length)));
    const partialWithRecords = () => readdirSync(dir).find((f) => f.startsWith('killed.ndjson.partial-') && statSync(join(dir, f)).size > 0);
    for (let i = 0; i < 600 && !partialWithRecords(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(partialWithRecords()).toBeDefined();
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(out)).toBe(false);

    const input = join(dir, 'two.ndjson');
    writeFileSync(input, `${JSON.stringify(BASELINE_INTAKE)}\n${DEEP}\n`);
    const done = join(dir, 'done.ndjson');
    const r = await run(['batch', input, '--at', AT, '-o', done]);
    expect(r.code).toBe(1);
    expect(records(readFileSync(done, 'utf8')).map((o) => [o.line, o.ok])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(readdirSync(dir).filter((f) => f.startsWith('done.ndjson.partial-'))).toEqual([]);
  }, 60_000);
});
