/**
 * `massage-triage batch` reads its input in blocks of whole lines. Across block boundaries, with CRLF line ends,
 * blank lines, a line far longer than a block, multi-byte characters and no final newline, the records must be the
 * same whether this process screens alone, shares the work with a worker thread, or reads stdin.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASELINE_INTAKE, withAnswers } from 'massage-triage';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatedIntake } from './generate.js';
import { ensureBuilt, run, records } from './helpers.js';

const AT = '2026-06-01';
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mt-batch-blocks-'));
});

describe('batch across block boundaries', () => {
  it('CRLF, blank lines, a 540 KB line, multi-byte text and no final newline: same records with 1 and 2 threads and from stdin', async () => {
    const lines: string[] = [];
    const blank = new Set<number>();
    const invalid = new Map<number, string>();
    // About 1.5 MB: several 256 KB blocks, and reads that end inside multi-byte characters.
    for (let i = 0; i < 900; i++) {
      const n = lines.length + 1;
      if (i % 97 === 13) {
        lines.push(i % 2 === 0 ? '' : '  \t ');
        blank.add(n);
      } else if (i === 400) {
        // Far longer than a block, and over the intake size limit: one error record, at its own line number.
        lines.push(JSON.stringify({ ...BASELINE_INTAKE, unexpected: 'ü€𝄞'.repeat(60_000) }));
        invalid.set(n, 'too_large');
      } else if (i === 650) {
        lines.push('{"visit": {"otherConcerns": "Schmerz ü€𝄞", BROKEN');
        invalid.set(n, 'invalid_format');
      } else {
        lines.push(JSON.stringify(withAnswers(generatedIntake(i), { 'visit.otherConcerns': `Nacken ${'ü€𝄞'.repeat(i % 50)} ✓` })));
      }
    }
    const input = join(dir, 'mixed.ndjson');
    writeFileSync(input, lines.join('\r\n')); // no final line break
    expect(readFileSync(input).length).toBeGreaterThan(1_000_000);

    const one = await run(['batch', input, '--at', AT, '--workers', '1']);
    const two = await run(['batch', input, '--at', AT, '--workers', '2']);
    const piped = await run(['batch', '-', '--at', AT, '--workers', '2'], { input: readFileSync(input, 'utf8') });
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(piped.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(piped.stdout).toBe(one.stdout);

    const out = records(one.stdout);
    const expected = lines.map((_, i) => i + 1).filter((n) => !blank.has(n));
    expect(out.map((o) => o.line)).toEqual(expected);
    expect(out.filter((o) => !o.ok).map((o) => [o.line, o.issues?.[0]?.code])).toEqual([...invalid.entries()]);
    expect(out.at(-1)).toMatchObject({ line: lines.length, ok: true });
    expect(one.stderr).toMatch(new RegExp(`Screened ${expected.length} lines .*; invalid 2\\.`));
    expect(two.stderr.replace(/ in [\d.]+ s/, '')).toBe(one.stderr.replace(/ in [\d.]+ s/, ''));
  }, 300_000);

  it('old Mac line ends (a lone \\r) number lines as before, and a byte-order mark before line 1 is read as screen reads it', async () => {
    const a = JSON.stringify(BASELINE_INTAKE);
    const b = JSON.stringify(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }));
    const input = join(dir, 'cr.ndjson');
    writeFileSync(input, `\uFEFF${a}\r${b}\r\r${a}\r`);
    for (const workers of ['1', '2']) {
      const r = await run(['batch', input, '--at', AT, '--workers', workers]);
      const out = records(r.stdout);
      // Some editors save UTF-8 with a byte-order mark; it is not part of line 1.
      expect(out.map((o) => [o.line, o.ok, o.disposition ?? o.issues?.[0]?.code])).toEqual([
        [1, true, 'proceed'],
        [2, true, 'refer-urgent'],
        [4, true, 'proceed'],
      ]);
      expect(r.code).toBe(0);
    }
  });
});
