/**
 * The batch runners: a block screened by a worker thread must give the same bytes and tally as the same block
 * screened in this thread, and the shared runner must keep every block's answer with its block.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import { BASELINE_INTAKE, defaultRuleSet, createScreener, withAnswers } from 'massage-triage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRunner, sharedRunner, startWorkers, workerRunner } from '../../src/cli/pool.js';
import { readBlocks, type Block } from '../../src/cli/ndjson-blocks.js';
import { OutputBuffers, screenBlock, screenLine, type BlockResult } from '../../src/cli/batch-core.js';
import { ensureBuilt, ROOT } from './helpers.js';

const OPTIONS = { at: '2026-06-01' };
const SOURCES = { sets: [null], disable: [] };
let workers: ReturnType<typeof workerRunner>;

beforeAll(async () => {
  await ensureBuilt();
  workers = workerRunner(startWorkers(2, pathToFileURL(join(ROOT, 'dist', 'batch-worker.js'))), SOURCES, OPTIONS);
  // Wait until a worker has its screener, so the mixed runner below hands it blocks.
  for (let i = 0; i < 600 && !workers.ready(); i++) await new Promise((r) => setTimeout(r, 50));
}, 60_000);
afterAll(async () => {
  await workers?.close();
});

function input(): string {
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) {
    if (i % 17 === 5) lines.push('');
    else if (i % 23 === 7) lines.push('{"visit": {"otherConcerns": "€ SECRET", BROKEN');
    else lines.push(JSON.stringify(withAnswers(BASELINE_INTAKE, { 'visit.otherConcerns': `Schulter ${'ü€𝄞'.repeat(i)}`, 'clots.legSigns': i % 3 === 0 ? 'yes' : 'no' })));
  }
  return `${lines.join('\r\n')}\n`;
}

async function blocks(text: string, size: number): Promise<Block[]> {
  const out: Block[] = [];
  // Reads of 1,000 bytes split multi-byte characters; the blocks never do.
  const buf = Buffer.from(text);
  const reads = Array.from({ length: Math.ceil(buf.length / 1000) }, (_, i) => buf.subarray(i * 1000, (i + 1) * 1000));
  for await (const b of readBlocks(Readable.from(reads), size)) out.push(b);
  return out;
}

const asText = (r: BlockResult) => Buffer.from(r.bytes).toString('utf8');

describe('batch runners', () => {
  it('a worker and this thread give the same records and tallies for the same blocks', async () => {
    expect(workers.ready()).toBe(true);
    const here = inProcessRunner(createScreener({ rules: defaultRuleSet() }), OPTIONS);
    const text = input();
    // Blocks are transferred to the worker, so each runner gets its own copy.
    const mine = await Promise.all((await blocks(text, 4096)).map((b) => here.run(b)));
    const theirs = await Promise.all((await blocks(text, 4096)).map((b) => workers.run(b)));
    expect(mine.length).toBeGreaterThan(10);
    expect(theirs.map(asText)).toEqual(mine.map(asText));
    expect(theirs.map((r) => [r.count, r.tally])).toEqual(mine.map((r) => [r.count, r.tally]));
    const all = mine.map(asText).join('');
    expect(all).not.toContain('SECRET');
    expect(mine.reduce((n, r) => n + r.tally.invalid, 0)).toBe(5);
    expect(mine.reduce((n, r) => n + r.tally['refer-urgent'], 0)).toBeGreaterThan(0);
  }, 120_000);

  it('output buffers given back after writing are reused, and a reused buffer never carries an earlier block into a later one', async () => {
    const text = input();
    const expected = (await Promise.all((await blocks(text, 2048)).map((b) => inProcessRunner(createScreener({ rules: defaultRuleSet() }), OPTIONS).run(b)))).map(asText);
    for (const runner of [inProcessRunner(createScreener({ rules: defaultRuleSet() }), OPTIONS), workers]) {
      const seen = new Set<ArrayBuffer>();
      const got: string[] = [];
      // One block at a time, each given back as soon as it is read: every block after the first reuses a buffer.
      for (const b of await blocks(text, 2048)) {
        const r = await runner.run(b);
        got.push(asText(r));
        expect(r.release).toBeTypeOf('function');
        if (runner !== workers) seen.add(r.bytes.buffer);
        r.release?.();
      }
      expect(got).toEqual(expected);
      if (runner !== workers) expect(seen.size).toBe(1);
    }
  }, 120_000);

  it('a block whose records outgrow a reusable buffer gets a larger one, with every record whole and in order', async () => {
    // An empty object is a two-byte line whose error record lists every missing answer: far more out than in.
    const screener = createScreener({ rules: defaultRuleSet() });
    const lines = Array.from({ length: 400 }, (_, i) => (i % 2 ? '{}' : JSON.stringify(BASELINE_INTAKE)));
    const bytes = new Uint8Array(Buffer.from(`${lines.join('\n')}\n`));
    const buffers = new OutputBuffers();
    const r = await screenBlock(screener, OPTIONS, bytes, 1, buffers);
    const expected = await Promise.all(lines.map(async (l, i) => (await screenLine(screener, OPTIONS, i + 1, l)).record));
    expect(r.bytes.byteLength).toBeGreaterThan(384 * 1024);
    expect(asText(r)).toBe(`${expected.join('\n')}\n`);
    expect([r.count, r.tally.invalid, r.tally.proceed]).toEqual([400, 200, 200]);
  }, 60_000);

  it('a block a worker fails, and the blocks of a worker that dies, are screened again here: every block gets its own records', async () => {
    // A stand-in worker: ready at once, answers its first block with a failure, its second with nothing useful, and
    // exits on the third while holding more.
    const dir = mkdtempSync(join(tmpdir(), 'mt-pool-'));
    const script = join(dir, 'dying-worker.mjs');
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
let n = 0;
parentPort.postMessage({ ready: true });
parentPort.on('message', (m) => {
  if ('init' in m || 'written' in m) return;
  n += 1;
  if (n === 1) parentPort.postMessage({ id: m.id, ok: false });
  else if (n === 2) return;
  else process.exit(1);
});`,
    );
    const dying = workerRunner(startWorkers(1, pathToFileURL(script)), SOURCES, OPTIONS);
    for (let i = 0; i < 200 && !dying.ready(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(dying.ready()).toBe(true);
    const screener = createScreener({ rules: defaultRuleSet() });
    const here = inProcessRunner(screener, OPTIONS);
    const expected = (await Promise.all((await blocks(input(), 2048)).map((b) => here.run(b)))).map(asText);
    let byWorker = 0;
    const counted = { ...dying, run: (b: Block) => ((byWorker += 1), dying.run(b)) };
    const shared = sharedRunner(screener, OPTIONS, counted);
    const results = await Promise.all((await blocks(input(), 2048)).map((b) => shared.run(b)));
    await shared.close();
    rmSync(dir, { recursive: true, force: true });
    // The worker was handed blocks (and failed or lost every one of them), yet no block is missing or changed.
    expect(byWorker).toBeGreaterThanOrEqual(3);
    expect(results.map(asText)).toEqual(expected);
  }, 60_000);

  it('a line whose screening throws costs only that line: its own error record, the lines around it screened', async () => {
    const real = createScreener({ rules: defaultRuleSet() });
    // A screener that fails on one intake the way a stack overflow would.
    const flaky = { ...real, screen: (input: unknown, o?: Parameters<typeof real.screen>[1]) => {
      if (JSON.stringify(input).includes('BOOM')) throw new RangeError('Maximum call stack size exceeded');
      return real.screen(input, o);
    } } as typeof real;
    const lines = [JSON.stringify(BASELINE_INTAKE), JSON.stringify(withAnswers(BASELINE_INTAKE, { 'visit.otherConcerns': 'BOOM' })), JSON.stringify(BASELINE_INTAKE)];
    const r = await screenBlock(flaky, OPTIONS, Buffer.from(`${lines.join('\n')}\n`), 7, new OutputBuffers());
    const out = asText(r).trim().split('\n').map((l) => JSON.parse(l) as { line: number; ok: boolean; disposition?: string; issues?: { message: string }[] });
    expect(out.map((o) => [o.line, o.ok, o.disposition])).toEqual([
      [7, true, 'proceed'],
      [8, false, undefined],
      [9, true, 'proceed'],
    ]);
    expect(out[1]?.issues?.[0]?.message).toMatch(/could not be screened/);
    expect(r.tally).toMatchObject({ proceed: 2, invalid: 1 });
  });

  it('the shared runner spreads blocks over this thread and the workers and answers each with its own records', async () => {
    const screener = createScreener({ rules: defaultRuleSet() });
    const here = inProcessRunner(screener, OPTIONS);
    let byWorkers = 0;
    const counted = { ...workers, run: (b: Block) => ((byWorkers += 1), workers.run(b)) };
    const shared = sharedRunner(screener, OPTIONS, counted);
    expect(shared.parallelism).toBe(3);
    const text = input();
    const expected = (await Promise.all((await blocks(text, 2048)).map((b) => here.run(b)))).map(asText);
    // Hand all blocks out at once: the workers take a few each, this thread takes the oldest left whenever it is free.
    const results = await Promise.all((await blocks(text, 2048)).map((b) => shared.run(b)));
    expect(results.map(asText)).toEqual(expected);
    // Both this thread and the workers screened some of them.
    expect(byWorkers).toBeGreaterThan(0);
    expect(byWorkers).toBeLessThan(results.length);
  }, 120_000);
});
