/**
 * One NDJSON line in, one NDJSON record out: shared by the in-process runner and the worker threads, so both give
 * byte-identical output. A line that is not JSON, or not a valid intake, becomes an error record whose issues name
 * the problem and never repeat the line's text.
 */
import type { Disposition, Issue, Screener, ScreenOptions } from 'massage-triage';
import { firstSyntaxError } from './json-locate.js';
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

/** Screen one line. Never throws. */
export async function screenLine(screener: Screener, options: ScreenOptions, line: number, text: string): Promise<LineOutcome> {
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

/** A block's records, joined as they are written, and the tally of what its lines became. */
export interface BlockResult {
  readonly text: string | Uint8Array;
  readonly tally: Tally;
  /** Lines screened (blank lines are skipped and not counted). */
  readonly count: number;
}

/**
 * Screen a block of whole NDJSON lines (see `readBlocks`), in order. `firstLine` numbers the block's first line; blank
 * lines are skipped but keep their numbers, as with the line-by-line reader.
 */
export async function screenBlock(screener: Screener, options: ScreenOptions, bytes: Uint8Array, firstLine: number): Promise<{ text: string; tally: Tally; count: number }> {
  // Buffer#toString keeps a leading byte-order mark, as readline did (TextDecoder would drop it).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = splitLines(text);
  const tally = emptyTally();
  let out = '';
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const o = await screenLine(screener, options, firstLine + i, line);
    out += `${o.record}\n`;
    tally[o.disposition] += 1;
    count += 1;
  }
  return { text: out, tally, count };
}
