/**
 * One NDJSON line in, one NDJSON record out: shared by the in-process runner and the worker threads, so both give
 * byte-identical output. A line that is not JSON, or not a valid intake, becomes an error record whose issues name
 * the problem and never repeat the line's text.
 */
import type { Disposition, Issue, Screener, ScreenOptions } from 'massage-triage';
import { firstSyntaxError } from './json-locate.js';

/** Longest line read as an intake; far above any real intake, it keeps one bad line from taking the memory. */
export const MAX_LINE_LENGTH = 1_000_000;

/** Lines of one unit of work: `[lineNumber, text]`. */
export type Chunk = readonly (readonly [number, string])[];

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

/** A chunk's records, joined as they are written (one per line), and what each line became. */
export interface ChunkResult {
  readonly text: string | Uint8Array;
  readonly dispositions: readonly (Disposition | 'invalid')[];
}

/** Join a chunk's outcomes into the text written for it. */
export function joinOutcomes(outcomes: readonly LineOutcome[]): { text: string; dispositions: (Disposition | 'invalid')[] } {
  let text = '';
  for (const o of outcomes) text += `${o.record}\n`;
  return { text, dispositions: outcomes.map((o) => o.disposition) };
}

/** Screen a chunk of lines, in order. */
export async function screenChunk(screener: Screener, options: ScreenOptions, chunk: Chunk): Promise<LineOutcome[]> {
  const out: LineOutcome[] = [];
  for (const [line, text] of chunk) out.push(await screenLine(screener, options, line, text));
  return out;
}
