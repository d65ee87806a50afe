/**
 * One NDJSON line in, one NDJSON record out: shared by the in-process runner and the worker threads, so both give
 * byte-identical output. A line is a bare intake, or a booking as booking systems export it:
 * `{ "intake": {…}, "at": "YYYY-MM-DD", "id": … }` (see `readBatchLine`). A line that is not JSON, not a valid
 * booking or not a valid intake becomes an error record whose issues name the problem and never repeat the line's text.
 */
import type { Disposition, Issue, IssueCode, Screener, ScreenOptions } from 'massage-triage';
import { firstSyntaxError } from './json-locate.js';
import { isAppointmentDate, stripBom } from './io.js';
import { splitLines } from './ndjson-blocks.js';

/** Longest line read as an intake; far above any real intake, it keeps one bad line from taking the memory. */
export const MAX_LINE_LENGTH = 1_000_000;

/** Longest `id` string a booking line may carry: room for any booking system's key, never a document. */
export const MAX_ID_LENGTH = 200;

/** A booking's own reference, echoed in its record. */
export type BookingId = string | number;

/** What a batch line asks for: the intake to screen, with the booking's appointment date and id when it gives them. */
export interface BatchLine {
  readonly intake: unknown;
  readonly at?: string;
  readonly id?: BookingId;
}

const BOOKING_KEYS: ReadonlySet<string> = new Set(['intake', 'at', 'id']);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const lineIssue = (path: readonly string[], code: IssueCode, message: string): Issue => ({ path, pathString: path.join('.'), code, message });

/**
 * Read a parsed line as a bare intake or a booking. A booking is an object with an `intake` field: the intake model has
 * no top-level field of that name (its object is strict), so no bare intake is ever read as one. A booking's other
 * fields are `at` (the appointment date, as `--at` takes it; it replaces `--at` for this line) and `id` (a string of
 * 1 to MAX_ID_LENGTH characters, or a whole number JSON keeps exactly), and nothing else. A booking whose own fields
 * are wrong is not screened: its issues say what is wrong, and its `id` is kept only when the `id` itself is valid.
 */
export function readBatchLine(parsed: unknown): { readonly ok: true; readonly line: BatchLine } | { readonly ok: false; readonly issues: Issue[]; readonly id?: BookingId } {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !own(parsed, 'intake')) return { ok: true, line: { intake: parsed } };
  const booking = parsed as Record<string, unknown>;
  const issues: Issue[] = [];
  if (Object.keys(booking).some((k) => !BOOKING_KEYS.has(k)))
    issues.push(lineIssue([], 'unrecognized_key', 'A booking line has only "intake", "at" and "id"; this one has other fields too.'));
  let at: string | undefined;
  if (own(booking, 'at')) {
    if (typeof booking.at === 'string' && isAppointmentDate(booking.at)) at = booking.at;
    else issues.push(lineIssue(['at'], 'invalid_format', 'The appointment date "at" must be a date as YYYY-MM-DD (or an ISO date-time).'));
  }
  let id: BookingId | undefined;
  if (own(booking, 'id')) {
    const v = booking.id;
    if (typeof v === 'string' && v.length >= 1 && v.length <= MAX_ID_LENGTH) id = v;
    else if (typeof v === 'number' && Number.isSafeInteger(v)) id = v;
    else if (typeof v === 'string') issues.push(lineIssue(['id'], v.length === 0 ? 'too_small' : 'too_big', `The booking "id" must be 1 to ${MAX_ID_LENGTH} characters long.`));
    // A larger number would come back changed (JSON numbers are doubles), and a record must never name another booking.
    else if (typeof v === 'number') issues.push(lineIssue(['id'], 'invalid_value', 'A numeric booking "id" must be a whole number below 2^53; give a larger one as a string.'));
    else issues.push(lineIssue(['id'], 'invalid_type', 'The booking "id" must be a string or a whole number.'));
  }
  if (issues.length > 0) return { ok: false, issues, ...(id !== undefined ? { id } : {}) };
  return { ok: true, line: { intake: booking.intake, ...(at !== undefined ? { at } : {}), ...(id !== undefined ? { id } : {}) } };
}

/** What one line became. */
export interface LineOutcome {
  /** The NDJSON record, without its newline. */
  readonly record: string;
  readonly disposition: Disposition | 'invalid';
}

const invalid = (line: number, issues: readonly Issue[], id?: BookingId): LineOutcome => ({
  record: JSON.stringify({ line, ...(id !== undefined ? { id } : {}), ok: false, issues }),
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
  const read = readBatchLine(input);
  if (!read.ok) return invalid(line, read.issues, read.id);
  const { intake, at, id } = read.line;
  const result = await screener.screen(intake, at !== undefined ? { ...options, at } : options);
  if (!result.ok) return invalid(line, result.issues, id);
  return { record: JSON.stringify({ line, ...(id !== undefined ? { id } : {}), ...result }), disposition: result.disposition };
}

/** Count of each disposition, of invalid lines and of blank lines skipped: what the summary reports. */
export type Tally = Record<Disposition | 'invalid' | 'blank', number>;

export const emptyTally = (): Tally => ({ proceed: 0, modify: 0, postpone: 0, 'clearance-required': 0, 'refer-urgent': 0, invalid: 0, blank: 0 });

/** Add the counts of `more` to `into`. */
export function addTally(into: Tally, more: Tally): void {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += more[k];
}

/** A block's records as the UTF-8 bytes to write, and the tally of what its lines became. */
export interface BlockResult {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly tally: Tally;
  /** Lines screened (blank lines are skipped: the tally counts them apart). */
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
 * lines (empty or only white space) are skipped but keep their numbers, as with the line-by-line reader, and are
 * counted in the tally so the summary says how many were skipped. The records are written into a buffer from
 * `buffers`; the caller gives it back once it is written.
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
    if (line.trim() === '') {
      tally.blank += 1;
      continue;
    }
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
