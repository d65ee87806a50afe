/**
 * Runners for batch blocks: in this thread, or spread over worker threads. Both answer block by block with a
 * promise; the caller keeps the promises in input order, so the output order never depends on which worker is faster.
 */
import { Worker } from 'node:worker_threads';
import type { Screener, ScreenOptions } from 'massage-triage';
import { screenBlock, type BlockResult, type Tally } from './batch-core.js';
import { CliError, EXIT } from './io.js';
import type { Block } from './ndjson-blocks.js';
import type { RuleSources } from './rules-source.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './batch-worker.js';

export type { Tally } from './batch-core.js';

export interface BlockRunner {
  /** How many blocks can usefully run at once. */
  readonly parallelism: number;
  /** Screen a block. With worker threads the block's bytes are transferred: the caller must not use them after. */
  run(block: Block): Promise<BlockResult>;
  close(): Promise<void>;
}

/**
 * Screen blocks in this thread, one after another (a block waits for the one before it, so the first in the queue
 * finishes first and its records can be written while later ones wait).
 */
export function inProcessRunner(screener: Screener, options: ScreenOptions): BlockRunner & { readonly inFlight: () => number } {
  let tail: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  return {
    parallelism: 1,
    inFlight: () => inFlight,
    run(block) {
      inFlight += 1;
      const p = tail.then(() => screenBlock(screener, options, block.bytes, block.firstLine));
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
export function workerRunner(n: number, workerUrl: URL, sources: RuleSources, options: ScreenOptions): BlockRunner & { readonly minInFlight: () => number } {
  const init: WorkerInit = { sources, options };
  let nextId = 0;
  let closing = false;
  const slots = Array.from({ length: n }, () => {
    const pending = new Map<number, Pending>();
    // A bounded old generation makes each worker collect garbage before its heap drifts upward over a long run, so peak
    // memory stays flat as the input grows (a worker needs far less than this for one block).
    const worker = new Worker(workerUrl, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    const slot = { worker, pending, dead: false };
    const failAll = () => {
      slot.dead = true;
      for (const p of pending.values()) p.reject(workerFailed());
      pending.clear();
    };
    worker.on('message', (m: WorkerResponse) => {
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
    minInFlight: () => Math.min(...slots.map((s) => s.pending.size)),
    run(block) {
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
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
 * `n` screening threads: this one and `n - 1` workers. This thread's own part of the work (cutting blocks, keeping
 * their order, writing) is small, so it screens too: on two cores, two workers plus a busy main thread would be three
 * threads on two CPUs, and each worker pays for loading the library and warming it up again. A block goes to the
 * thread with the fewest blocks waiting.
 */
export function mixedRunner(n: number, screener: Screener, options: ScreenOptions, workerUrl: URL, sources: RuleSources): BlockRunner {
  const here = inProcessRunner(screener, options);
  if (n <= 1) return here;
  const workers = workerRunner(n - 1, workerUrl, sources, options);
  return {
    parallelism: n,
    run(block) {
      // Ties go to this thread: its screener is ready, while a worker is still loading the library.
      return here.inFlight() <= workers.minInFlight() ? here.run(block) : workers.run(block);
    },
    close: () => workers.close(),
  };
}
