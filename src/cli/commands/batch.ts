/**
 * `massage-triage batch`: NDJSON intakes in, NDJSON results out, in input order and in constant memory. The input is
 * read as raw blocks of whole lines; at most a fixed window of blocks is in flight, and reading waits (backpressure)
 * while the window is full or the output cannot take more. The main thread only cuts blocks, keeps their order and
 * writes the bytes that come back: decoding, parsing, screening and serialising happen where the block is screened.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { DISPOSITIONS, type Screener, type ScreenOptions } from 'massage-triage';
import { addTally, emptyTally, type BlockResult } from '../batch-core.js';
import { checkDateOptions, CliError, EXIT, parseCommandArgs, usageError, writeOut, type ExitCode } from '../io.js';
import { readBlocks } from '../ndjson-blocks.js';
import { BATCH_OPTIONS, batchWorkers, parseWorkers, screeningThreads, WORKER_URL } from '../batch-threads.js';
import { inProcessRunner, sharedRunner, workerRunner, type BlockRunner } from '../pool.js';
import { readRuleSources, screenerFrom } from '../rules-source.js';

export const BATCH_HELP = `Usage: massage-triage batch [FILE|-] [options]

Screen many intakes: newline-delimited JSON in, one JSON record per line out, in input order. A line is an intake,
or a booking as booking systems export it: {"intake": {...}, "at": "YYYY-MM-DD", "id": "..."} ("at" and "id" may be
left out). A booking's "at" replaces --at for that line; its "id" (a string of up to 200 characters, or a whole
number) is echoed in its record. Each record carries "line" (its line number in the input). A line that is not JSON,
not a valid booking or not a valid intake becomes {"line": N, "ok": false, "issues": [...]} and the run goes on.
CRLF line endings and a byte-order mark are read as usual; blank lines are skipped and counted in the summary.

Options:
  --rules FILE        Use this rules file instead of the bundled default set
  --extend FILE       Add a rules file to the set (repeatable)
  --disable ID        Do not run the rule with this id (repeatable)
  --at DATE           Appointment date, YYYY-MM-DD (default: today); a booking's own "at" replaces it
  --time-zone TZ      IANA time zone to read the date in (default: UTC)
  --locale LANG       Language of the messages (default: en)
  -o, --output FILE   Write the records to FILE (default: stdout)
  --workers N         Screening threads: this process and N-1 worker threads (1 = this process only).
                      Default: 1; for an input file over 32 MB, one per CPU
  -h, --help          Show this help

Progress is shown on stderr when it is a terminal; a summary (count of each disposition, invalid lines) ends the run.
Only a finished run writes that summary. With -o, the records go to FILE.partial-PID and are renamed to FILE when
the run is complete: a run that is killed or fails never leaves a FILE that looks whole.

Exit codes: 0 every line was a valid intake, 1 some line was invalid (or a rules file is), 2 usage error.
`;

/**
 * Bytes per block: about 50 typical intakes, a few milliseconds of screening, so passing a block to a worker and back
 * costs little next to screening it; and small enough that a block's strings die young in the thread that screens it
 * (larger blocks let the heap, and so peak memory, creep up over a long run).
 */
const BLOCK_BYTES = 64 * 1024;
/**
 * Bytes per read of an input file: many blocks, so the blocks for a thread that has run out are there at once and
 * screening does not wait for the file.
 */
const READ_BYTES = 256 * 1024;
/**
 * Blocks in flight per screening thread, waiting or done but not yet written. Output keeps input order, so when one
 * thread is slow with a block the others go on only as far as this allows: 8 gives them room to keep busy while
 * bounding memory to a few megabytes.
 */
const BLOCKS_PER_SLOT = 8;

/** Progress on a terminal: count, rate, and time left when the input size is known. */
function progressReporter(totalBytes: number | undefined) {
  const enabled = process.stderr.isTTY === true;
  const start = Date.now();
  let last = 0;
  return {
    update(count: number, bytes: number, force = false) {
      if (!enabled) return;
      const now = Date.now();
      if (!force && now - last < 250) return;
      last = now;
      const secs = Math.max((now - start) / 1000, 0.001);
      const rate = count / secs;
      let eta = '';
      if (totalBytes && bytes > 0 && bytes <= totalBytes) {
        const left = (secs * (totalBytes - bytes)) / bytes;
        eta = ` · ~${left < 90 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left`;
      }
      process.stderr.write(`\r\u001b[K${count.toLocaleString('en')} intakes · ${Math.round(rate).toLocaleString('en')}/s${eta}`);
    },
    done() {
      if (enabled) process.stderr.write('\r\u001b[K');
    },
  };
}

export async function batchCommand(args: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, BATCH_OPTIONS);
  if (values.help) {
    await writeOut(process.stdout, BATCH_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw usageError('batch takes one input file.');
  checkDateOptions(values.at, values['time-zone']);
  const requested = parseWorkers(values.workers);
  const file = positionals[0] ?? '-';
  if (file === '-' && process.stdin.isTTY) throw usageError('Give an NDJSON file, or pipe one to stdin.');
  let size: number | undefined;
  if (file !== '-') {
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      throw new CliError(`${file}: no such file.`, EXIT.usage);
    }
  }

  const sources = await readRuleSources(values);
  // One date for the whole run, even when it crosses midnight.
  const options: ScreenOptions = {
    at: values.at ?? new Date().toISOString(),
    ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
    ...(values.locale ? { locale: values.locale } : {}),
  };
  let workers = screeningThreads(requested, size);
  if (workers > 1 && !existsSync(WORKER_URL)) workers = 1;
  // Mostly started by the command line's entry before this module loaded (see batch-threads.ts); either way they get
  // their rules before this thread builds its own screener, and build theirs meanwhile.
  const slots = batchWorkers(workers - 1);
  const pool = slots ? workerRunner(slots, sources, options) : undefined;
  let screener: Screener;
  try {
    screener = screenerFrom(sources);
  } catch (e) {
    await pool?.close();
    throw e;
  }
  const runner: BlockRunner = pool ? sharedRunner(screener, options, pool) : inProcessRunner(screener, options);

  // Written under a temporary name beside FILE and renamed only when the run is complete: a run that is killed or
  // fails never leaves FILE looking like a whole result (it leaves FILE.partial-PID, or nothing).
  const partial = values.output ? `${values.output}.partial-${process.pid}` : undefined;
  const out = partial ? createWriteStream(partial) : process.stdout;
  const outFailed = new Promise<never>((_, reject) =>
    out.once('error', () => reject(new CliError(`${values.output ?? 'stdout'}: cannot be written.`, EXIT.usage))),
  );
  outFailed.catch(() => undefined);

  const tally = emptyTally();
  const progress = progressReporter(size);
  const started = performance.now();
  let count = 0;
  let bytes = 0;

  const write = async (result: BlockResult) => {
    addTally(tally, result.tally);
    count += result.count;
    if (result.bytes.length > 0) await Promise.race([writeOut(out, result.bytes, result.release), outFailed]);
    else result.release?.();
    progress.update(count, bytes);
  };

  const input = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: READ_BYTES });
  const queue: Promise<BlockResult>[] = [];
  const windowSize = runner.parallelism * BLOCKS_PER_SLOT;
  let complete = false;
  try {
    for await (const block of readBlocks(input, BLOCK_BYTES)) {
      bytes += block.bytes.length;
      const p = runner.run(block);
      p.catch(() => undefined); // awaited in order below; this only keeps an early failure from being "unhandled"
      queue.push(p);
      while (queue.length >= windowSize) await write(await queue.shift()!);
    }
    while (queue.length > 0) await write(await queue.shift()!);
    if (partial && values.output) {
      await Promise.race([new Promise<void>((resolve) => out.end(resolve)), outFailed]);
      await rename(partial, values.output);
    }
    complete = true;
  } finally {
    if (input !== process.stdin) input.destroy();
    await runner.close();
    progress.done();
    if (!complete && partial) {
      out.destroy();
      await rm(partial, { force: true });
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const parts = DISPOSITIONS.map((d) => `${d} ${tally[d]}`).join(', ');
  // Blank lines have no record; the summary says how many there were, so none goes missing unnoticed.
  const blank = tally.blank > 0 ? ` ${tally.blank} blank line${tally.blank === 1 ? '' : 's'} skipped.` : '';
  process.stderr.write(`Screened ${count} line${count === 1 ? '' : 's'} in ${seconds.toFixed(1)} s: ${parts}; invalid ${tally.invalid}.${blank}\n`);
  if (values.stats) {
    // How long screening ran in this thread alone, waiting for the first worker (negative: the worker was ready first).
    const firstReady = Math.min(...(slots ?? []).map((s) => s.readyAt ?? Infinity));
    const workerReadyMs = Number.isFinite(firstReady) ? Math.round(firstReady - started) : null;
    const stats = { intakes: count, blankLines: tally.blank, seconds: Number(seconds.toFixed(3)), perSecond: Math.round(count / Math.max(seconds, 1e-9)), workers, workerReadyMs, maxRssKiB: process.resourceUsage().maxRSS };
    process.stderr.write(`${JSON.stringify({ stats })}\n`);
  }
  return tally.invalid > 0 ? EXIT.findings : EXIT.ok;
}
