/**
 * Runners for batch blocks: in this thread, or spread over worker threads. Both answer block by block with a
 * promise; the caller keeps the promises in input order, so the output order never depends on which worker is faster.
 */
import { Worker } from 'node:worker_threads';
import type { Screener, ScreenOptions } from 'massage-triage';
import { screenBlock, type BlockResult } from './batch-core.js';
import { CliError, EXIT } from './io.js';
import type { Block } from './ndjson-blocks.js';
import type { RuleSources } from './rules-source.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './batch-worker.js';

export interface BlockRunner {
  /** How many blocks can usefully run at once. */
  readonly parallelism: number;
  /** Screen a block. With worker threads the block's bytes are transferred: the caller must not use them after. */
  run(block: Block): Promise<BlockResult>;
  close(): Promise<void>;
}

/**
 * Screen blocks in this thread, one after another (a block waits for the one before it, so the first in the queue
 * finishes first and its records can be written while later ones wait). Screening resolves in microtasks only, so
 * before each block the thread yields to the event loop: otherwise a run of queued blocks would hold it, and workers'
 * answers and new input would wait until the queue was empty.
 */
export function inProcessRunner(screener: Screener, options: ScreenOptions): BlockRunner & { readonly inFlight: () => number } {
  let tail: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  return {
    parallelism: 1,
    inFlight: () => inFlight,
    run(block) {
      inFlight += 1;
      const p = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => screenBlock(screener, options, block.bytes, block.firstLine));
      tail = p.then(
        () => (inFlight -= 1),
        () => (inFlight -= 1),
      );
      return p;
    },
    close: async () => undefined,
  };
}

interface Pending {
  readonly resolve: (r: BlockResult) => void;
  readonly reject: (e: Error) => void;
}

const workerFailed = () => new CliError('A batch worker stopped unexpectedly; the output is incomplete.', EXIT.usage);

/**
 * `n` worker threads running `workerUrl`; each block goes to the worker with the fewest blocks in flight. Blocks go
 * out and records come back as transferred byte buffers, so the main thread neither parses nor copies records.
 */
export function workerRunner(n: number, workerUrl: URL, sources: RuleSources, options: ScreenOptions): BlockRunner & { readonly ready: () => boolean; readonly minInFlight: () => number } {
  const init: WorkerInit = { sources, options };
  let nextId = 0;
  let closing = false;
  const slots = Array.from({ length: n }, () => {
    const pending = new Map<number, Pending>();
    // A bounded heap makes each worker collect garbage before it drifts upward over a long run, so peak memory stays
    // flat as the input grows (a worker needs far less than this for one block). Measured on 100,000 intakes: a young
    // generation of 16 MB takes about 25 MB off peak memory at no cost in speed; an old generation under 64 MB makes
    // the worker collect so often that it slows down.
    const worker = new Worker(workerUrl, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } });
    const slot = { worker, pending, dead: false, ready: false };
    const failAll = () => {
      slot.dead = true;
      for (const p of pending.values()) p.reject(workerFailed());
      pending.clear();
    };
    worker.on('message', (m: WorkerResponse) => {
      if ('ready' in m) {
        slot.ready = true;
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve({ text: m.bytes, tally: m.tally, count: m.count });
      else p.reject(workerFailed());
    });
    worker.on('error', failAll);
    worker.on('exit', () => {
      if (!closing) failAll();
    });
    return slot;
  });

  return {
    parallelism: n,
    ready: () => slots.some((s) => s.ready && !s.dead),
    minInFlight: () => Math.min(...slots.filter((s) => s.ready && !s.dead).map((s) => s.pending.size)),
    run(block) {
      // The least busy worker, among those ready if any is.
      const candidates = slots.some((s) => s.ready && !s.dead) ? slots.filter((s) => s.ready && !s.dead) : slots;
      const slot = candidates.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      // A worker that died before this block came would never answer: fail now rather than wait forever.
      if (slot.dead) return Promise.reject(workerFailed());
      return new Promise<BlockResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        const { bytes, firstLine } = block;
        slot.worker.postMessage({ id, bytes, firstLine } satisfies WorkerRequest, [bytes.buffer]);
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * Blocks a worker should have in flight before this thread takes one itself: enough that it still has work when its
 * answers wait while this thread screens a block.
 */
const WORKER_QUEUE = 4;

/**
 * This thread and a pool of workers screening together. This thread's own part of the work (cutting blocks, keeping
 * their order, writing) is small, so it screens too: on two cores, two workers plus a busy main thread would be three
 * threads on two CPUs, and each worker pays again for loading the library and warming it up. Workers get blocks
 * first; this thread takes one when they have enough queued.
 */

export function mixedRunner(here: ReturnType<typeof inProcessRunner>, workers: ReturnType<typeof workerRunner>): BlockRunner {
  return {
    parallelism: here.parallelism + workers.parallelism,
    run(block) {
      // Workers first, so they always have a block queued behind the one they are screening; this thread takes a
      // block when they have, and only one at a time: between blocks it must hand out work and write what came back.
      // Until a worker has loaded the library, blocks sent to it would only hold up the output behind them.
      const h = !workers.ready() || (here.inFlight() === 0 && workers.minInFlight() >= WORKER_QUEUE);
      return h ? here.run(block) : workers.run(block);
    },
    close: () => workers.close(),
  };
}
