/**
 * `massage-triage batch` reads bookings as booking systems export them, `{ "intake": …, "at": …, "id": … }`, as well
 * as bare intakes: a booking's `at` replaces `--at` for its line, its `id` comes back in its record, a booking with a
 * bad `at` or `id` is an error record for its line alone. CRLF and a byte-order mark are read as usual, and blank lines
 * are counted in the summary. The worker threads run the same code as this thread and must give the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASELINE_INTAKE, createScreener, defaultRuleSet, intakeJsonSchema, withAnswers } from 'massage-triage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH, readBatchLine, type BlockResult } from '../../src/cli/batch-core.js';
import type { Block } from '../../src/cli/ndjson-blocks.js';
import { inProcessRunner, startWorkers, workerRunner } from '../../src/cli/pool.js';
import { ensureBuilt, ROOT, run } from './helpers.js';

const AT = '2026-06-01';
const intake = JSON.stringify(BASELINE_INTAKE);
const clot = JSON.stringify(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }));

/** The README's `bookings.ndjson` block, its `{…}` intakes filled in with the baseline intake. */
function readmeBookings(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /A `bookings\.ndjson`:\s*```ndjson\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  return block!
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => l.replace('{…}', intake));
}

/** What a booking system might export: bookings, a bare intake, blank lines, a bad date; CRLF and a BOM. */
function bookingsFile(): string {
  const lines = [
    ...readmeBookings(), // 1, 2
    '', // 3
    intake, // 4: a bare intake, as before
    `{"id": "B-1044", "at": "2026-02-30", "intake": ${intake}}`, // 5: no such day
    '   ', // 6
    `{"id": "B-1045", "intake": ${clot}}`, // 7: no `at`: --at
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

describe('a batch line: bare intake or booking', () => {
  it('the intake model has no top-level field called "intake", so no bare intake is read as a booking', () => {
    const properties = intakeJsonSchema().properties as Record<string, unknown>;
    expect(Object.keys(properties).length).toBeGreaterThan(20);
    expect(Object.keys(properties)).not.toContain('intake');
    for (const bare of [BASELINE_INTAKE, [], 'text', 12, null, { at: AT, id: 'x' }])
      expect(readBatchLine(bare)).toEqual({ ok: true, line: { intake: bare } });
  });

  it('a booking gives its intake, its at and its id', () => {
    expect(readBatchLine({ intake: BASELINE_INTAKE, at: '2026-12-01', id: 'B-1042' })).toEqual({
      ok: true,
      line: { intake: BASELINE_INTAKE, at: '2026-12-01', id: 'B-1042' },
    });
    expect(readBatchLine({ intake: BASELINE_INTAKE, id: 1043 })).toEqual({ ok: true, line: { intake: BASELINE_INTAKE, id: 1043 } });
    expect(readBatchLine({ intake: BASELINE_INTAKE, at: '2026-12-01T09:30:00+01:00' })).toEqual({
      ok: true,
      line: { intake: BASELINE_INTAKE, at: '2026-12-01T09:30:00+01:00' },
    });
    // Its intake is screened as it is: an intake that is not an object is the screener's to refuse.
    expect(readBatchLine({ intake: 'text' })).toEqual({ ok: true, line: { intake: 'text' } });
  });

  it('a booking with a bad at is refused with its id; a bad id is refused and never echoed', () => {
    for (const at of ['2026-02-30', '2026-6-1', '01.06.2026', '2026-06-01T25:00', 20260601, null]) {
      const r = readBatchLine({ intake: BASELINE_INTAKE, at, id: 'B-1' });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues.map((i) => [i.pathString, i.code])).toEqual([['at', 'invalid_format']]);
      expect(r.id).toBe('B-1');
    }
    const badIds: [unknown, string][] = [
      ['', 'too_small'],
      ['x'.repeat(MAX_ID_LENGTH + 1), 'too_big'],
      [2 ** 53, 'invalid_value'],
      [1.5, 'invalid_value'],
      [null, 'invalid_type'],
      [{ n: 1 }, 'invalid_type'],
    ];
    for (const [id, code] of badIds) {
      const r = readBatchLine({ intake: BASELINE_INTAKE, id });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues.map((i) => [i.pathString, i.code])).toEqual([['id', code]]);
      expect('id' in r).toBe(false);
    }
    expect(readBatchLine({ intake: BASELINE_INTAKE, id: 'x'.repeat(MAX_ID_LENGTH) }).ok).toBe(true);
    const extra = readBatchLine({ intake: BASELINE_INTAKE, at: AT, notes: 'SECRET' });
    expect(extra.ok).toBe(false);
    if (!extra.ok) {
      expect(extra.issues.map((i) => [i.pathString, i.code])).toEqual([['', 'unrecognized_key']]);
      expect(JSON.stringify(extra)).not.toContain('SECRET');
      expect(JSON.stringify(extra)).not.toContain('notes');
    }
  });
});

describe('booking lines in both runners', () => {
  let workers: ReturnType<typeof workerRunner> | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    workers = workerRunner(startWorkers(1, pathToFileURL(join(ROOT, 'dist', 'batch-worker.js'))), { sets: [null], disable: [] }, { at: AT });
    for (let i = 0; i < 600 && !workers.ready(); i++) await new Promise((r) => setTimeout(r, 50));
  }, 120_000);
  afterAll(async () => {
    await workers?.close();
  });

  it('a worker thread and this thread give the same records and tallies, blank lines counted', async () => {
    expect(workers?.ready()).toBe(true);
    const here = inProcessRunner(createScreener({ rules: defaultRuleSet() }), { at: AT });
    // The whole file as one block from line 1 (with its BOM), then its lines 3 to 7 as a second block.
    const text = bookingsFile();
    const rest = text.split('\r\n').slice(2).join('\r\n');
    const blocks = (): Block[] => [
      { bytes: new Uint8Array(Buffer.from(text)), firstLine: 1 },
      { bytes: new Uint8Array(Buffer.from(rest)), firstLine: 3 },
    ];
    const mine = await Promise.all(blocks().map((b) => here.run(b)));
    const theirs = await Promise.all(blocks().map((b) => workers!.run(b)));
    const asText = (r: BlockResult) => Buffer.from(r.bytes).toString('utf8');
    expect(theirs.map(asText)).toEqual(mine.map(asText));
    expect(theirs.map((r) => r.tally)).toEqual(mine.map((r) => r.tally));
    expect(mine.map((r) => [r.count, r.tally.blank, r.tally.invalid])).toEqual([
      [5, 2, 1],
      [3, 2, 1],
    ]);
  });
});

describe('batch with bookings', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 300_000);

  it('the README example: ids echoed, at per line, a bad at is its own error record, blank lines in the summary', async () => {
    const r = await run(['batch', '-', '--at', AT], { input: bookingsFile() });
    expect(r.code).toBe(1);
    const out = r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { line: number; id?: unknown; ok: boolean; disposition?: string; audit?: { at: string }; issues?: { pathString: string }[] });
    expect(out.map((o) => [o.line, o.id, o.ok, o.audit?.at])).toEqual([
      [1, 'B-1042', true, '2026-12-01'],
      [2, 1043, true, '2026-12-02'],
      [4, undefined, true, AT],
      [5, 'B-1044', false, undefined],
      [7, 'B-1045', true, AT],
    ]);
    // A bare intake's record is as before: no id field at all.
    expect(Object.keys(out[2]!)).not.toContain('id');
    expect(Object.keys(out[0]!).slice(0, 3)).toEqual(['line', 'id', 'ok']);
    expect(out[3]?.issues?.map((i) => i.pathString)).toEqual(['at']);
    expect(out[4]?.disposition).toBe('refer-urgent');
    expect(r.stderr).toMatch(/Screened 5 lines in [\d.]+ s: proceed 3, .*refer-urgent 1; invalid 1\. 2 blank lines skipped\.\n/);
  });

  it('no blank line, no word about blank lines; one is "1 blank line"', async () => {
    const none = await run(['batch', '-', '--at', AT], { input: `${intake}\n` });
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/invalid 0\.\n/);
    expect(none.stderr).not.toMatch(/blank/);
    const one = await run(['batch', '-', '--at', AT, '--stats'], { input: `${intake}\n\n` });
    expect(one.stderr).toMatch(/invalid 0\. 1 blank line skipped\.\n/);
    const stats = JSON.parse(one.stderr.split('\n').find((l) => l.startsWith('{"stats"')) ?? '{}') as { stats?: { intakes: number; blankLines: number } };
    expect(stats.stats).toMatchObject({ intakes: 1, blankLines: 1 });
  });
});

describe('rules impact with bookings', () => {
  it('reads a booking line as batch does: its own at for both rule sets; a bad booking is invalid on both sides', async () => {
    const EXAMPLE = join(ROOT, 'examples/rule-authoring');
    // 69 on 2026-06-01, 70 on 2026-12-01: the changed rules add a rule from age 70.
    const client = JSON.stringify(withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': '1956-07-01' }));
    const corpus = [
      `{"id": 1, "at": "2026-06-01", "intake": ${client}}`,
      `{"id": 2, "at": "2026-12-01", "intake": ${client}}`,
      client,
      `{"id": 4, "at": "someday", "intake": ${client}}`,
    ].join('\r\n');
    const r = await run(['rules', 'impact', '--from', `${EXAMPLE}/clinic.rules.json`, '--to', `${EXAMPLE}/clinic.v2.rules.json`, '--corpus', '-', '--at', AT, '--format', 'json'], {
      input: corpus,
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { intakes: number; matrix: { invalid: { invalid: number } }; changed: { line: number; nowFiring: string[] }[] };
    expect(doc.intakes).toBe(4);
    expect(doc.changed.map((c) => [c.line, c.nowFiring])).toEqual([[2, ['clinic-over-75-no-deep-tissue']]]);
    expect(doc.matrix.invalid.invalid).toBe(1);
  });
});
