/**
 * One NDJSON line in, one NDJSON record out: shared by the in-process runner and the worker threads, so both give
 * byte-identical output. A line that is not JSON, or not a valid intake, becomes an error record whose issues name
 * the problem and never repeat the line's text.
 */
import type { Disposition, Issue, Screener, ScreenOptions } from 'massage-triage';
import { firstSyntaxError } from './json-locate.js';
import { stripBom } from './io.js';
import { splitLines } from './ndjson-blocks.js';

/** Longest line read as an intake; far above any real intake, it keeps one bad line from taking the memory. */
export const MAX_LINE_LENGTH = 1_000_000;

/** What one line became. */
export interface LineOutcome {
  /** The NDJSON record, without its newline. */
  readonly record: string;
  readonly disposition: Disposition | 'invalid';
}

const invalid = (line: number, issues: readonly Issue[]): LineOutcome => ({
  record: JSON.stringify({ line, ok: false, issues }),
  disposition: 'invalid',
});

/**
 * What a line becomes when screening it threw (a bug, or a resource limit such as the stack): an error record for
 * that line alone, so one line never costs the others.
 */
export const failedLine = (line: number): LineOutcome =>
  invalid(line, [{ path: [], pathString: '', code: 'invalid', message: 'This line could not be screened; nothing was decided for it.' }]);

/** Screen one line. Never throws: whatever goes wrong becomes this line's error record. */
export async function screenLine(screener: Screener, options: ScreenOptions, line: number, text: string): Promise<LineOutcome> {
  try {
    return await screenLineUnguarded(screener, options, line, text);
  } catch {
    return failedLine(line);
  }
}

async function screenLineUnguarded(screener: Screener, options: ScreenOptions, line: number, text: string): Promise<LineOutcome> {
  if (text.length > MAX_LINE_LENGTH)
    return invalid(line, [{ path: [], pathString: '', code: 'too_large', message: `This line is longer than ${MAX_LINE_LENGTH} characters.` }]);
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch {
    // JSON.parse's own message quotes the text; report only where and what kind.
    const err = firstSyntaxError(text);
    const where = err ? ` (column ${err.offset + 1}: ${err.message})` : '';
    return invalid(line, [{ path: [], pathString: '', code: 'invalid_format', message: `This line is not valid JSON${where}.` }]);
  }
  const result = await screener.screen(input, options);
  if (!result.ok) return invalid(line, result.issues);
  return { record: JSON.stringify({ line, ...result }), disposition: result.disposition };
}

/** Count of each disposition (and of invalid lines): what the summary reports. */
export type Tally = Record<Disposition | 'invalid', number>;

export const emptyTally = (): Tally => ({ proceed: 0, modify: 0, postpone: 0, 'clearance-required': 0, 'refer-urgent': 0, invalid: 0 });

/** Add the counts of `more` to `into`. */
export function addTally(into: Tally, more: Tally): void {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += more[k];
}

/** A block's records as the UTF-8 bytes to write, and the tally of what its lines became. */
export interface BlockResult {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly tally: Tally;
  /** Lines screened (blank lines are skipped and not counted). */
  readonly count: number;
  /** Give `bytes` back for reuse once they are written; `bytes` must not be read after. */
  readonly release?: () => void;
}

/** Size of a reusable output buffer: a block's records are about 170 KB for 64 KB of typical intakes. */
const OUTPUT_BUFFER_BYTES = 384 * 1024;
/** Buffers kept for reuse: more than a thread ever has in flight. */
const OUTPUT_BUFFERS_KEPT = 32;

/**
 * One thread's output buffers, reused once their records are written, so that a long batch keeps writing into memory
 * it has already touched: a fresh buffer per block would page-fault on every block, and a page fault on a virtual
 * machine is slow.
 */
export class OutputBuffers {
  readonly #free: ArrayBuffer[] = [];

  /** A buffer of at least `size` bytes: a reused one when it fits, else a fresh one that is never kept. */
  take(size = OUTPUT_BUFFER_BYTES): Buffer<ArrayBuffer> {
    if (size > OUTPUT_BUFFER_BYTES) return Buffer.allocUnsafeSlow(size);
    return Buffer.from(this.#free.pop() ?? new ArrayBuffer(OUTPUT_BUFFER_BYTES));
  }

  /** Take back a buffer from `take` whose contents are no longer needed. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === OUTPUT_BUFFER_BYTES && this.#free.length < OUTPUT_BUFFERS_KEPT) this.#free.push(buffer);
  }
}

/**
 * Screen a block of whole NDJSON lines (see `readBlocks`), in order. `firstLine` numbers the block's first line; blank
 * lines are skipped but keep their numbers, as with the line-by-line reader. The records are written into a buffer
 * from `buffers`; the caller gives it back once it is written.
 */
export async function screenBlock(screener: Screener, options: ScreenOptions, bytes: Uint8Array, firstLine: number, buffers: OutputBuffers): Promise<BlockResult> {
  // Buffer#toString keeps a leading byte-order mark; a file saved with one (as some Windows editors do) still has a
  // valid first line, as `screen` and `rules lint` read it.
  const decoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const text = firstLine === 1 ? stripBom(decoded) : decoded;
  const lines = splitLines(text);
  const tally = emptyTally();
  const out = new RecordWriter(buffers);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const o = await screenLine(screener, options, firstLine + i, line);
    out.write(o.record);
    tally[o.disposition] += 1;
  }
  return { bytes: out.bytes(), tally, count: out.count };
}

/**
 * A block's records as UTF-8, one per line, each encoded as soon as it is made. Record strings held until the block's
 * end would live across many young-generation collections, which copy and then promote them; and joining them into
 * one string first makes V8 flatten a string of mixed one- and two-byte parts, which is much slower than encoding
 * each record. The buffer is never from Node's shared pool, so a worker can transfer it.
 */
class RecordWriter {
  readonly #buffers: OutputBuffers;
  #out: Buffer<ArrayBuffer>;
  #at = 0;
  count = 0;

  constructor(buffers: OutputBuffers) {
    this.#buffers = buffers;
    this.#out = buffers.take();
  }

  write(record: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so the exact length is only needed near the end of the buffer.
    if (this.#at + 3 * record.length + 1 > this.#out.length) this.#reserve(Buffer.byteLength(record) + 1);
    this.#at += this.#out.write(record, this.#at);
    this.#out[this.#at++] = 0x0a;
    this.count += 1;
  }

  bytes(): Uint8Array<ArrayBuffer> {
    return this.#out.subarray(0, this.#at);
  }

  #reserve(more: number): void {
    if (this.#at + more <= this.#out.length) return;
    const bigger = this.#buffers.take(Math.max(2 * this.#out.length, this.#at + more));
    this.#out.copy(bigger, 0, 0, this.#at);
    this.#buffers.give(this.#out.buffer);
    this.#out = bigger;
  }
}
