/**
 * Runners for batch blocks: in this thread, or spread over worker threads. Both answer block by block with a
 * promise; the caller keeps the promises in input order, so the output order never depends on which worker is faster.
 *
 * The worker pool is hand-written, not piscina or tinypool (measured in bench/pool-compare.mjs, bench/README.md): they
 * were no faster here, and each would be a runtime dependency of every install (piscina with an optional native
 * addon). They also cannot do two things this pool does: start its workers before the command knows the rules (they
 * get them later, as their first message), and hand each worker back the output buffers it filled, for reuse. The
 * part a pool library would replace is `startWorkers`, `workerRunner` and `stopWorkers`; `sharedRunner`, which lets
 * this thread screen too, stays with any pool.
 */
import { Worker } from 'node:worker_threads';
import type { Screener, ScreenOptions } from 'massage-triage';
import { OutputBuffers, screenBlock, type BlockResult } from './batch-core.js';
import { CliError, EXIT } from './io.js';
import type { Block } from './ndjson-blocks.js';
import type { RuleSources } from './rules-source.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './batch-worker.js';

export interface BlockRunner {
  /** How many blocks can usefully run at once. */
  readonly parallelism: number;
  /** Screen a block. Never rejects for one bad line: that line alone becomes an error record. */
  run(block: Block): Promise<BlockResult>;
  close(): Promise<void>;
}

/**
 * Screen blocks in this thread only, one after another, oldest first: the shared runner without workers.
 */
export function inProcessRunner(screener: Screener, options: ScreenOptions): BlockRunner {
  return sharedRunner(screener, options);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Screening a block in this thread, its records in this thread's reusable output buffers. */
function hereScreening(screener: Screener, options: ScreenOptions): (block: Block) => Promise<BlockResult> {
  const buffers = new OutputBuffers();
  return async (block) => {
    const r = await screenBlock(screener, options, block.bytes, block.firstLine, buffers);
    return { ...r, release: () => buffers.give(r.bytes.buffer) };
  };
}

interface Pending {
  readonly resolve: (r: BlockResult) => void;
  readonly reject: (e: Error) => void;
}

const workerFailed = () => new CliError('A batch worker stopped unexpectedly; the output is incomplete.', EXIT.usage);

/** A worker thread of a batch run, with the blocks it has in flight. */
export interface WorkerSlot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  dead: boolean;
  ready: boolean;
  /** When it reported ready (`performance.now()`): what `--stats` reports. */
  readyAt?: number;
  closing: boolean;
}

/**
 * Start `n` worker threads running `workerUrl`. Each loads the library at once and then waits for the rules and
 * options (`workerRunner`), so the loading can start before this thread knows them. Until then a failure is only
 * recorded: the runner reports it for the blocks that would have gone to that worker.
 */
export function startWorkers(n: number, workerUrl: URL): WorkerSlot[] {
  return Array.from({ length: n }, () => {
    // A bounded heap makes each worker collect garbage before it drifts upward over a long run, so peak memory stays
    // flat as the input grows (a worker needs far less than this for one block). A small young generation keeps peak
    // memory lowest; the extra scavenges it takes do not show in wall or CPU time (bench/README.md).
    const worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
    const slot: WorkerSlot = { worker, pending: new Map(), dead: false, ready: false, closing: false };
    const failAll = () => {
      slot.dead = true;
      for (const p of slot.pending.values()) p.reject(workerFailed());
      slot.pending.clear();
    };
    worker.on('message', (m: WorkerResponse) => {
      if ('ready' in m) {
        slot.ready = true;
        slot.readyAt = performance.now();
        return;
      }
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (!m.ok) return p.reject(workerFailed());
      // Once written, the records' buffer goes back to the worker for its next block.
      const written = m.bytes.buffer;
      const release = () => {
        if (!slot.dead) worker.postMessage({ written } satisfies WorkerRequest, [written]);
      };
      p.resolve({ bytes: m.bytes, tally: m.tally, count: m.count, release });
    });
    worker.on('error', failAll);
    worker.on('exit', () => {
      if (!slot.closing) failAll();
    });
    return slot;
  });
}

/**
 * A runner over started workers (`startWorkers`), once they have the rule sources and options; each block goes to the
 * worker with the fewest blocks in flight. Blocks go out and records come back as transferred byte buffers, so the
 * main thread neither parses nor copies records.
 */
export function workerRunner(slots: readonly WorkerSlot[], sources: RuleSources, options: ScreenOptions): BlockRunner & { readonly ready: () => boolean; readonly minInFlight: () => number } {
  const init: WorkerInit = { sources, options };
  for (const s of slots) if (!s.dead) s.worker.postMessage({ init } satisfies WorkerRequest);
  let nextId = 0;
  const live = () => slots.filter((s) => s.ready && !s.dead);
  return {
    parallelism: slots.length,
    ready: () => live().length > 0,
    minInFlight: () => Math.min(...live().map((s) => s.pending.size)),
    run(block) {
      // The least busy worker, among those ready if any is.
      const ready = live();
      const slot = (ready.length > 0 ? ready : slots).reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      // A worker that died before this block came would never answer: fail now rather than wait forever.
      if (slot.dead) return Promise.reject(workerFailed());
      return new Promise<BlockResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        // Copied, not transferred: if the worker dies, this thread still has the block to screen again.
        const { bytes, firstLine } = block;
        slot.worker.postMessage({ id, bytes, firstLine } satisfies WorkerRequest);
      });
    },
    close: () => stopWorkers(slots),
  };
}

/** Stop workers, whether or not they ever got work. */
export async function stopWorkers(slots: readonly WorkerSlot[]): Promise<void> {
  for (const s of slots) s.closing = true;
  await Promise.all(slots.map((s) => s.worker.terminate()));
}

/**
 * Blocks a worker holds at once: the one it is screening and a few queued behind it, so it still has work while this
 * thread, busy screening a block of its own, cannot hand it more.
 */
const WORKER_QUEUE = 4;

interface Job {
  readonly block: Block;
  readonly resolve: (r: BlockResult) => void;
  readonly reject: (e: unknown) => void;
  /** A worker failed it (or died holding it): only this thread screens it now. */
  readonly hereOnly?: boolean;
}

/**
 * This thread and a pool of workers (if any) screening together, each taking the oldest waiting block when it has
 * room: a worker up to `WORKER_QUEUE` blocks, this thread one at a time whenever it is free. Blocks are not dealt out
 * when they arrive: a thread that turns out slower (a worker still warming up, a CPU shared with something else)
 * simply takes fewer, and the other is never left idle while blocks wait. Before each of its blocks this thread yields
 * to the event loop, since screening resolves in microtasks only: otherwise a run of queued blocks would hold it, and
 * new input, workers' answers and output would wait until the queue was empty. This thread's own part of the work
 * (cutting blocks, keeping their order, writing) is small, so it screens too: on two cores, two workers plus a busy
 * main thread would be three threads on two CPUs, and each worker pays again for loading the library and warming up.
 */
export function sharedRunner(screener: Screener, options: ScreenOptions, workers?: ReturnType<typeof workerRunner>): BlockRunner {
  const waiting: Job[] = [];
  const screenHere = hereScreening(screener, options);
  let hereBusy = false;
  const settle = (job: Job, p: Promise<BlockResult>) => p.then(job.resolve, job.reject);

  const feedWorkers = () => {
    // Until a worker has loaded the library, blocks sent to it would only hold up the output behind them.
    while (workers && workers.ready() && workers.minInFlight() < WORKER_QUEUE) {
      const at = waiting.findIndex((j) => !j.hereOnly);
      if (at === -1) break;
      const job = waiting.splice(at, 1)[0]!;
      // A block a worker could not screen (it died, or the block failed there) is screened again here, line by line,
      // so that only a line that fails here too is lost, as its own error record. Oldest first: the output waits on it.
      const retryHere = () => {
        waiting.unshift({ ...job, hereOnly: true });
        takeHere();
      };
      void workers.run(job.block).then(job.resolve, retryHere).finally(feedWorkers);
    }
  };
  const takeHere = () => {
    if (hereBusy || waiting.length === 0) return;
    hereBusy = true;
    // The block is chosen when this thread gets its turn, not now: by then a worker may have taken this one.
    void nextTurn()
      .then(async () => {
        const job = waiting.shift();
        if (job) await settle(job, screenHere(job.block));
      })
      .finally(() => {
        hereBusy = false;
        feedWorkers();
        takeHere();
      });
  };

  return {
    parallelism: 1 + (workers?.parallelism ?? 0),
    run(block) {
      return new Promise<BlockResult>((resolve, reject) => {
        waiting.push({ block, resolve, reject });
        feedWorkers();
        takeHere();
      });
    },
    close: async () => workers?.close(),
  };
}
