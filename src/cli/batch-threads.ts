/**
 * How many screening threads `massage-triage batch` uses, and its worker threads started early. Nothing here loads the
 * library, so the command line's entry can start the workers before it loads the library itself: each worker spends
 * about a quarter of a second loading it, and started first that happens on a core that would otherwise wait for this
 * thread to load it too.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { RULE_ARG_OPTIONS, usageError } from './io.js';
import { startWorkers, stopWorkers, type WorkerSlot } from './pool.js';

/** The options of `massage-triage batch`. */
export const BATCH_OPTIONS = {
  ...RULE_ARG_OPTIONS,
  at: { type: 'string' },
  'time-zone': { type: 'string' },
  locale: { type: 'string' },
  output: { type: 'string', short: 'o' },
  workers: { type: 'string' },
  stats: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Inputs larger than this use every CPU by default. Each thread compiles and warms up the library on its own (its
 * first few thousand screenings run several times slower), so a second thread pays off only on a long run; below
 * this size one thread finishes first (the measurements are in bench/README.md).
 */
const WORKER_THRESHOLD_BYTES = 32_000_000;

/** `--workers`, checked: a whole number from 1 to 256, or undefined when not given. */
export function parseWorkers(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw usageError('--workers takes a whole number from 1 to 256.');
  return n;
}

/**
 * Screening threads for a run: `--workers` when given; else, for an input file over the threshold, one per CPU (this
 * thread screens as well: its own part of the work, cutting blocks, keeping their order and writing what comes back,
 * is a few byte searches and copies per block); else one.
 */
export function screeningThreads(requested: number | undefined, inputBytes: number | undefined): number {
  return requested ?? (inputBytes !== undefined && inputBytes > WORKER_THRESHOLD_BYTES ? availableParallelism() : 1);
}

/** The worker script, next to this module in `dist/`. */
export const WORKER_URL = new URL('./batch-worker.js', import.meta.url);

let early: WorkerSlot[] | undefined;

/**
 * Start the worker threads that `batch` with these arguments will use, before the command itself loads. Arguments it
 * cannot read start nothing: the command reports them. The workers do not keep the process alive until the command
 * takes them (`takeEarlyWorkers`).
 */
export function startEarlyWorkers(args: readonly string[]): void {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: BATCH_OPTIONS, allowPositionals: true, strict: true });
    if (values.help || positionals.length > 1) return;
    const file = positionals[0] ?? '-';
    const size = file === '-' ? undefined : statSync(file).size;
    const threads = screeningThreads(parseWorkers(values.workers), size);
    if (threads < 2) return;
    early = startWorkers(threads - 1, WORKER_URL);
    for (const s of early) s.worker.unref();
  } catch {
    // Whatever went wrong, the command meets it again and says what it was.
  }
}

/**
 * `n` worker threads for the command: those `startEarlyWorkers` started if there are exactly `n` of them, else new ones
 * (and any early ones stopped). None for `n` = 0.
 */
export function batchWorkers(n: number): WorkerSlot[] | undefined {
  return takeEarlyWorkers(n) ?? (n > 0 ? startWorkers(n, WORKER_URL) : undefined);
}

/** The workers `startEarlyWorkers` started, if there are exactly `n` of them; any others are stopped. */
export function takeEarlyWorkers(n: number): WorkerSlot[] | undefined {
  const slots = early;
  early = undefined;
  if (!slots) return undefined;
  if (slots.length !== n) {
    void stopWorkers(slots);
    return undefined;
  }
  for (const s of slots) s.worker.ref();
  return slots;
}
