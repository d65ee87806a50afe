/**
 * NDJSON input cut into blocks of raw bytes, each ending at a line break, with the number of its first line. The main
 * thread of `massage-triage batch` only finds the cut and counts line breaks (native byte searches); decoding,
 * splitting, parsing and screening happen where the block is screened, so with worker threads the main thread stays
 * nearly idle. Lines end as Node's readline ends them (`\n`, `\r\n` or a lone `\r`), so line numbers match what the
 * earlier readline-based reader reported.
 */

const LF = 0x0a;
const CR = 0x0d;

/** A run of whole lines as UTF-8 bytes. `bytes` owns its buffer, so it can be transferred to a worker. */
export interface Block {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The line number (1-based) of the block's first line. */
  readonly firstLine: number;
}

/**
 * Where a block can end within `buf`: just after its last line break, or 0 when there is none yet. A `\r` as the last
 * byte may be the first half of a `\r\n` whose `\n` has not been read, so it only counts at the end of the input.
 */
export function cutAfterLastBreak(buf: Uint8Array, atEnd: boolean): number {
  let end = buf.length;
  if (!atEnd && end > 0 && buf[end - 1] === CR) end -= 1;
  if (end === 0) return 0;
  const view = buf.subarray(0, end);
  return Math.max(view.lastIndexOf(LF), view.lastIndexOf(CR)) + 1;
}

/**
 * The end of the first line that ends at or after byte `from` (just after its break), or 0 when there is none or it
 * cannot be told yet (a `\r` as the last byte).
 */
export function cutAfterBreakFrom(buf: Uint8Array, from: number): number {
  const start = Math.max(from - 1, 0);
  const lf = buf.indexOf(LF, start);
  const cr = buf.indexOf(CR, start);
  const at = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  if (at === -1) return 0;
  if (buf[at] === LF) return at + 1;
  if (at + 1 >= buf.length) return 0;
  return buf[at + 1] === LF ? at + 2 : at + 1;
}

/**
 * Line breaks in `buf` before `end`: every `\n`, and every `\r` not followed by `\n` (a `\r\n` is one break). The byte
 * at `end`, when there is one, is looked at to tell a lone `\r` at `end - 1` from half a `\r\n`.
 */
export function countBreaks(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF); i !== -1 && i < end; i = buf.indexOf(LF, i + 1)) n += 1;
  for (let i = buf.indexOf(CR); i !== -1 && i < end; i = buf.indexOf(CR, i + 1)) if (buf[i + 1] !== LF) n += 1;
  return n;
}

/**
 * Cut a byte stream into blocks of whole lines, each at least `blockBytes` long (but the last), read as the stream
 * gives them: memory holds one block plus one read, whatever the input's size. A line longer than a block makes its
 * block longer; it is never split.
 */
export async function* readBlocks(input: AsyncIterable<Uint8Array | string>, blockBytes: number): AsyncGenerator<Block> {
  let parts: Buffer[] = [];
  let held = 0;
  // Whether the held bytes have a break to cut after; without one, joining the parts again would gain nothing (and
  // would cost time quadratic in the length of a very long line).
  let breakSeen = false;
  let nextLine = 1;
  const emit = (buf: Buffer, cut: number): Block => {
    const bytes = new Uint8Array(cut);
    bytes.set(buf.subarray(0, cut));
    const block = { bytes, firstLine: nextLine };
    nextLine += countBreaks(buf, cut);
    return block;
  };
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (chunk.length === 0) continue;
    parts.push(chunk);
    held += chunk.length;
    if (!breakSeen) breakSeen = chunk.indexOf(LF) !== -1 || chunk.indexOf(CR) !== -1;
    if (held < blockBytes || !breakSeen) continue;
    const buf = parts.length === 1 ? chunk : Buffer.concat(parts, held);
    // A large read gives several blocks: each ends at the first line break past `blockBytes`.
    let offset = 0;
    while (buf.length - offset >= blockBytes) {
      const view = buf.subarray(offset);
      const cut = cutAfterBreakFrom(view, blockBytes) || cutAfterLastBreak(view, false);
      if (cut === 0) break;
      yield emit(view, cut);
      offset += cut;
    }
    const rest = buf.subarray(offset);
    parts = rest.length > 0 ? [rest] : [];
    held = rest.length;
    breakSeen = rest.indexOf(LF) !== -1 || rest.indexOf(CR) !== -1;
  }
  if (held > 0) {
    const buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, held);
    yield emit(buf, buf.length);
  }
}

const LINE_BREAK = /\r\n|\n|\r/;

/** The lines of a block's text, as readline gives them: no final empty line after a closing break. */
export function splitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
