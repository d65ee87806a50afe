/**
 * NDJSON input cut into blocks of raw bytes, each ending at a line break, with the number of its first line. The main
 * thread of `massage-triage batch` only finds the cut and counts line breaks (native byte searches); decoding,
 * splitting, parsing and screening happen where the block is screened, so with worker threads the main thread stays
 * nearly idle. Lines end as Node's readline ends them (`\n`, `\r\n` or a lone `\r`), so line numbers are the ones a
 * readline-based reader gives.
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
 *
 * The bytes wait in one buffer reused for the whole run; it grows only for a line longer than itself, and shrinks
 * back after. Joining each read onto the rest of the last one in a new buffer would allocate and fill a buffer the
 * size of a read for every read: one copy of the whole input more, on the thread that also screens.
 */
export async function* readBlocks(input: AsyncIterable<Uint8Array | string>, blockBytes: number): AsyncGenerator<Block> {
  const initial = 2 * blockBytes;
  // A Buffer, so that looking for line breaks is a native byte search.
  let window = Buffer.allocUnsafeSlow(initial);
  let held = 0;
  // Whether the held bytes have a break to cut after; without one, looking for a cut again would gain nothing (and
  // would cost time quadratic in the length of a very long line).
  let breakSeen = false;
  let nextLine = 1;
  const hasBreak = (bytes: Uint8Array) => bytes.indexOf(LF) !== -1 || bytes.indexOf(CR) !== -1;
  const emit = (view: Buffer, cut: number): Block => {
    // Not from Node's shared pool, so a worker can take the buffer; not zero-filled, since every byte is written next.
    const bytes = Buffer.allocUnsafeSlow(cut);
    bytes.set(view.subarray(0, cut));
    const block = { bytes, firstLine: nextLine };
    nextLine += countBreaks(view, cut);
    return block;
  };
  const resize = (size: number) => {
    const next = Buffer.allocUnsafeSlow(size);
    next.set(window.subarray(0, held));
    window = next;
  };
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    for (let at = 0; at < chunk.length; ) {
      // Full, and no block could be cut from it: a line longer than the buffer.
      if (held === window.length) resize(2 * window.length);
      const part = chunk.subarray(at, at + window.length - held);
      window.set(part, held);
      held += part.length;
      at += part.length;
      if (!breakSeen) breakSeen = hasBreak(part);
      if (held < blockBytes || !breakSeen) continue;
      // Each block ends at the first line break past `blockBytes`.
      let offset = 0;
      while (held - offset >= blockBytes) {
        const view = window.subarray(offset, held);
        const cut = cutAfterBreakFrom(view, blockBytes) || cutAfterLastBreak(view, false);
        if (cut === 0) break;
        yield emit(view, cut);
        offset += cut;
      }
      if (offset === 0) continue;
      window.copyWithin(0, offset, held);
      held -= offset;
      breakSeen = hasBreak(window.subarray(0, held));
      if (window.length > initial && held <= initial / 2) resize(initial);
    }
  }
  if (held > 0) yield emit(window.subarray(0, held), held);
}

const LINE_BREAK = /\r\n|\n|\r/;

/** The lines of a block's text, as readline gives them: no final empty line after a closing break. */
export function splitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
