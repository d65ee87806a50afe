// One batch run for the pool comparison (bench/pool-compare.mjs): the batch command's loop (src/cli/commands/batch.ts:
// blocks of the input in, results written in input order, a bounded window of blocks in flight) over one of these
// runners, so that only the pool differs:
//   one            this thread alone (inProcessRunner)
//   hand           this thread + (cores - 1) workers of src/cli/pool.ts (what `batch --workers <cores>` runs)
//   piscina        this thread + a piscina pool of (cores - 1) threads, through the same sharedRunner
//   tinypool       the same with tinypool
//   hand-all       (cores) workers of src/cli/pool.ts, this thread only reads, orders and writes
//   piscina-all    a piscina pool of (cores) threads, this thread only reads, orders and writes
//   tinypool-all   the same with tinypool
// Usage: node driver.bundle.mjs VARIANT FILE THREADS. Prints one JSON line: intakes, seconds.
import { createReadStream, createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import Tinypool from 'tinypool';
import { addTally, emptyTally } from '../../src/cli/batch-core.ts';
import { readBlocks } from '../../src/cli/ndjson-blocks.ts';
import { inProcessRunner, sharedRunner, startWorkers, workerRunner } from '../../src/cli/pool.ts';
import { screenerFrom } from '../../src/cli/rules-source.ts';

// The command's settings (src/cli/commands/batch.ts) and the hand pool's worker heap limits (src/cli/pool.ts).
const BLOCK_BYTES = 64 * 1024;
const READ_BYTES = 256 * 1024;
const BLOCKS_PER_SLOT = 8;
const LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

const [variant, file, threadsArg, root] = process.argv.slice(2);
const threads = Number(threadsArg);
const sources = { sets: [null], disable: [] };
const options = { at: '2026-06-01' };
const handWorker = pathToFileURL(`${root}dist/batch-worker.js`);
const task = pathToFileURL(`${root}bench/.tmp/pool-compare/task.bundle.mjs`).href;

/** A piscina or tinypool pool as the runner `sharedRunner` takes (the interface of `workerRunner`). */
function libraryRunner(kind, n) {
  const settings = { filename: task, minThreads: n, maxThreads: n, resourceLimits: LIMITS, idleTimeout: 60_000 };
  const pool = kind === 'piscina' ? new Piscina(settings) : new Tinypool({ ...settings, isolateWorkers: false });
  let inFlight = 0;
  let ready = false;
  // A worker builds its screener on its first task; the shared runner holds blocks back until one has.
  void pool.run({ warm: true, sources, options }).then(() => (ready = true));
  return {
    parallelism: n,
    ready: () => ready,
    minInFlight: () => Math.floor(inFlight / n),
    run(block) {
      inFlight++;
      return pool.run({ bytes: block.bytes, firstLine: block.firstLine, sources, options }).finally(() => inFlight--);
    },
    close: () => pool.destroy(),
  };
}

function runner() {
  const here = () => screenerFrom(sources);
  switch (variant) {
    case 'one':
      return inProcessRunner(here(), options);
    case 'hand': {
      const pool = workerRunner(startWorkers(threads - 1, handWorker), sources, options);
      return sharedRunner(here(), options, pool);
    }
    case 'piscina':
    case 'tinypool':
      return sharedRunner(here(), options, libraryRunner(variant, threads - 1));
    case 'hand-all':
      return workerRunner(startWorkers(threads, handWorker), sources, options);
    case 'piscina-all':
    case 'tinypool-all':
      return libraryRunner(variant.replace('-all', ''), threads);
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

const started = performance.now();
const r = runner();
const out = createWriteStream('/dev/null');
const tally = emptyTally();
let count = 0;
const write = async (result) => {
  addTally(tally, result.tally);
  count += result.count;
  if (!out.write(result.bytes)) await new Promise((resolve) => out.once('drain', resolve));
  result.release?.();
};
const queue = [];
const windowSize = r.parallelism * BLOCKS_PER_SLOT;
for await (const block of readBlocks(createReadStream(file, { highWaterMark: READ_BYTES }), BLOCK_BYTES)) {
  const p = r.run(block);
  p.catch(() => undefined);
  queue.push(p);
  while (queue.length >= windowSize) await write(await queue.shift());
}
while (queue.length > 0) await write(await queue.shift());
await new Promise((resolve) => out.end(resolve));
await r.close();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ variant, intakes: count, invalid: tally.invalid, seconds: +seconds.toFixed(3) })}\n`);
