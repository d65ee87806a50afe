/**
 * Runners for batch chunks: in this thread, or spread over worker threads. Both answer chunk by chunk with a
 * promise; the caller keeps the promises in input order, so the output order never depends on which worker is faster.
 */
import { Worker } from 'node:worker_threads';
import type { Disposition, Screener, ScreenOptions } from 'massage-triage';
import { joinOutcomes, screenChunk, type Chunk, type ChunkResult } from './batch-core.js';
import { CliError, EXIT } from './io.js';
import type { RuleSources } from './rules-source.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './batch-worker.js';

export interface ChunkRunner {
  /** How many chunks can usefully run at once. */
  readonly parallelism: number;
  run(chunk: Chunk): Promise<ChunkResult>;
  close(): Promise<void>;
}

export function inProcessRunner(screener: Screener, options: ScreenOptions): ChunkRunner {
  return { parallelism: 1, run: async (chunk) => joinOutcomes(await screenChunk(screener, options, chunk)), close: async () => undefined };
}

interface Pending {
  readonly resolve: (r: ChunkResult) => void;
  readonly reject: (e: Error) => void;
}

const workerFailed = () => new CliError('A batch worker stopped unexpectedly; the output is incomplete.', EXIT.usage);

/** `n` worker threads running `workerUrl`; each chunk goes to the worker with the fewest chunks in flight. */
export function workerRunner(n: number, workerUrl: URL, sources: RuleSources, options: ScreenOptions): ChunkRunner {
  const init: WorkerInit = { sources, options };
  let nextId = 0;
  let closing = false;
  const slots = Array.from({ length: n }, () => {
    const pending = new Map<number, Pending>();
    // A bounded old generation makes each worker collect garbage before its heap drifts upward over a long run, so peak
    // memory stays flat as the input grows (a worker needs far less than this for one chunk).
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
      if (m.ok) p.resolve({ text: m.bytes, dispositions: m.dispositions as ChunkResult['dispositions'] });
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
    run(chunk) {
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      // A worker that died before this chunk came would never answer: fail now rather than wait forever.
      if (slot.dead) return Promise.reject(workerFailed());
      return new Promise<ChunkResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, chunk } satisfies WorkerRequest);
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Tally of dispositions (and invalid lines) for the summary. */
export type Tally = Record<Disposition | 'invalid', number>;
