/** `massage-triage batch`: NDJSON in, NDJSON out, in order, error records for bad lines, workers, big inputs. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BASELINE_INTAKE, withAnswers } from 'massage-triage';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNdjson } from './generate.js';
import { cleanEnv, CLI, ensureBuilt, ROOT, run, records, type OutRecord } from './helpers.js';

const AT = '2026-06-01';
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mt-batch-'));
});

const intakeLine = (set: Record<string, unknown> = {}) => JSON.stringify(withAnswers(BASELINE_INTAKE, set));

describe('batch', () => {
  it('a malformed line in the middle becomes an error record with its line number; the run goes on, in order; exit 1', async () => {
    const lines = [
      intakeLine(),
      intakeLine({ 'clots.legSigns': 'yes' }),
      intakeLine({ 'illness.feverOrAcuteIllness': 'yes' }),
      intakeLine(),
      '{"client": {"dateOfBirth": "1985-04-12", SECRET-NOT-JSON',
      intakeLine({ 'client.dateOfBirth': 'SECRET-DOB' }),
      '',
      intakeLine({ 'medications.anticoagulants': 'yes' }),
      intakeLine(),
    ];
    const input = join(dir, 'mixed.ndjson');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const r = await run(['batch', input, '--at', AT]);
    expect(r.code).toBe(1);
    const out = records(r.stdout);
    // The blank line 7 is skipped; every other line has its record, in input order.
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
    expect(out[1]?.disposition).toBe('refer-urgent');
    expect(out[2]?.disposition).toBe('postpone');
    expect(out[4]).toMatchObject({ line: 5, ok: false });
    expect(out[4]?.issues?.[0]?.message).toMatch(/not valid JSON/);
    expect(out[5]).toMatchObject({ line: 6, ok: false });
    expect(out[5]?.issues?.map((i) => i.pathString)).toContain('client.dateOfBirth');
    expect(out[6]).toMatchObject({ line: 8, ok: true, disposition: 'modify' });
    expect(r.stdout + r.stderr).not.toContain('SECRET');
    expect(r.stderr).toMatch(/proceed 3, modify 1, postpone 1, clearance-required 0, refer-urgent 1; invalid 2\./);
  });

  it('all valid: exit 0; reads stdin; writes -o FILE', async () => {
    const input = [intakeLine(), intakeLine({ 'skin.contagious': 'yes' })].join('\n');
    const viaStdin = await run(['batch', '-', '--at', AT], { input });
    expect(viaStdin.code).toBe(0);
    expect(records(viaStdin.stdout).map((o) => [o.line, o.disposition])).toEqual([
      [1, 'proceed'],
      [2, 'postpone'],
    ]);
    const outFile = join(dir, 'out.ndjson');
    const toFile = await run(['batch', '-', '--at', AT, '-o', outFile], { input });
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(readFileSync(outFile, 'utf8')).toBe(viaStdin.stdout);
  });

  it('worker threads give byte-identical output to the in-process run', async () => {
    const input = join(dir, 'small.ndjson');
    await writeNdjson(input, 700, 97);
    const one = await run(['batch', input, '--at', AT, '--workers', '1']);
    const two = await run(['batch', input, '--at', AT, '--workers', '2', '--stats']);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(records(one.stdout).filter((o) => !o.ok).map((o) => o.line)).toEqual([97, 194, 291, 388, 485, 582, 679]);
    const stats = JSON.parse(two.stderr.split('\n').find((l) => l.startsWith('{"stats"')) ?? '{}') as { stats?: { intakes: number; workers: number } };
    expect(stats.stats).toMatchObject({ intakes: 700, workers: 2 });
  });

  it('--workers must be a whole number from 1; a missing file is a usage error', async () => {
    expect((await run(['batch', '-', '--workers', '0'], { input: '' })).code).toBe(2);
    expect((await run(['batch', '-', '--workers', 'many'], { input: '' })).code).toBe(2);
    expect((await run(['batch', join(dir, 'missing.ndjson')])).code).toBe(2);
  });

  // Enough blocks (about 100 of 64 KB) for both threads to take many, out of step; the scale itself (100,000 intakes
  // and more, speed and memory) is measured by bench/batch.mjs, not here.
  it(
    '5,000 generated intakes through two workers come out complete and in input order',
    async () => {
      const input = join(dir, 'big.ndjson');
      const count = 5_000;
      await writeNdjson(input, count);
      const child = spawn(process.execPath, [CLI, 'batch', input, '--at', AT, '--workers', '2'], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      let seen = 0;
      let last = 0;
      let ascending = true;
      let invalid = 0;
      // Read the output as it streams; nothing is kept but counters.
      for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
        const rec = JSON.parse(line) as OutRecord;
        if (rec.line <= last) ascending = false;
        last = rec.line;
        seen += 1;
        if (!rec.ok) invalid += 1;
      }
      expect(await exited, stderr).toBe(0);
      expect(seen).toBe(count);
      expect(ascending).toBe(true);
      expect(last).toBe(count);
      expect(invalid).toBe(0);
      expect(stderr).toContain(`Screened ${count} lines`);
    },
    120_000,
  );
});
