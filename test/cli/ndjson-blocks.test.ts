/**
 * Cutting NDJSON into blocks of whole lines: every line, its number and its text must come out as readline gives
 * them (the reader `batch` used before), however the input is chunked and wherever a block boundary falls.
 */
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBreaks, cutAfterBreakFrom, cutAfterLastBreak, readBlocks, splitLines, type Block } from '../../src/cli/ndjson-blocks.js';

type Numbered = [number, string][];

/** What readline makes of the bytes, delivered in these chunks. */
async function viaReadline(chunks: readonly Buffer[]): Promise<Numbered> {
  const out: Numbered = [];
  let n = 0;
  for await (const line of createInterface({ input: Readable.from(chunks), crlfDelay: Infinity })) out.push([++n, line]);
  return out;
}

async function blocksOf(chunks: readonly (Buffer | string)[], blockBytes: number): Promise<Block[]> {
  const blocks: Block[] = [];
  for await (const b of readBlocks(Readable.from(chunks), blockBytes)) blocks.push(b);
  return blocks;
}

/** What the block reader makes of them: each block decoded and split where it is screened. */
async function viaBlocks(chunks: readonly Buffer[], blockBytes: number): Promise<Numbered> {
  const out: Numbered = [];
  for (const b of await blocksOf(chunks, blockBytes)) {
    splitLines(Buffer.from(b.bytes).toString('utf8')).forEach((line, i) => out.push([b.firstLine + i, line]));
  }
  return out;
}

/** Split `buf` into chunks at the given byte positions (which may fall inside a multi-byte character). */
function chunked(buf: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const c of [...at, buf.length]) {
    if (c > prev) chunks.push(buf.subarray(prev, c));
    prev = Math.max(prev, c);
  }
  return chunks;
}

const PIECES = ['{"a":1}', 'x', ' ', '\t', 'é', '€', '𝄞', '\n', '\n', '\r', '\r\n', '\r\n', '\uFEFF', '""'];

describe('ndjson blocks', () => {
  it('number and split lines exactly as readline does, for any chunking and block size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }),
        fc.array(fc.nat(400), { maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        async (pieces, cuts, blockBytes) => {
          const buf = Buffer.from(pieces.join(''), 'utf8');
          const chunks = chunked(buf, cuts);
          expect(await viaBlocks(chunks, blockBytes)).toEqual(await viaReadline(chunks));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('every block but the last ends at a line break, and the blocks together are the input, byte for byte', async () => {
    const text = 'ab\r\ncd\n\nefgh\rij\r\nk€l\n𝄞\nno trailing newline';
    const buf = Buffer.from(text, 'utf8');
    const blocks = await blocksOf(chunked(buf, [1, 3, 4, 9, 17, 18, 19, 25]), 3);
    expect(Buffer.concat(blocks.map((b) => b.bytes))).toEqual(buf);
    for (const b of blocks.slice(0, -1)) expect([0x0a, 0x0d]).toContain(b.bytes[b.bytes.length - 1]);
    // A \r\n is never torn apart: no block that ends with \r is followed by one that starts with \n.
    blocks.slice(1).forEach((b, i) => expect([blocks[i]?.bytes.at(-1), b.bytes[0]]).not.toEqual([0x0d, 0x0a]));
    expect(blocks.map((b) => b.firstLine)[0]).toBe(1);
    expect(blocks.at(-1)?.firstLine).toBe(8);
  });

  it('a multi-byte character at a block boundary stays whole, whichever read it arrives in', async () => {
    // '€' is 3 bytes; the reads split it, and the block size would fall inside it.
    const line1 = `{"n":"${'€'.repeat(5)}"}`;
    const buf = Buffer.from(`${line1}\n{"n":"€"}\n`, 'utf8');
    for (let cut = 1; cut < buf.length; cut++) {
      const blocks = await blocksOf([buf.subarray(0, cut), buf.subarray(cut)], 8);
      const lines = blocks.flatMap((b) => splitLines(Buffer.from(b.bytes).toString('utf8')));
      expect(lines).toEqual([line1, '{"n":"€"}']);
      expect(lines.join('')).not.toContain('\uFFFD');
    }
  });

  it('a line longer than a block makes one longer block; it is never split', async () => {
    const long = 'y'.repeat(10_000);
    const buf = Buffer.from(`a\n${long}\nb\n`, 'utf8');
    const blocks = await blocksOf(chunked(buf, [5, 100, 4000, 9000]), 16);
    const lines = blocks.flatMap((b) => splitLines(Buffer.from(b.bytes).toString('utf8')).map((l, i) => [b.firstLine + i, l.length]));
    expect(lines).toEqual([
      [1, 1],
      [2, 10_000],
      [3, 1],
    ]);
  });

  it('empty input gives no block; a final line without a newline is kept', async () => {
    expect(await blocksOf([], 8)).toEqual([]);
    expect(await blocksOf([Buffer.alloc(0)], 8)).toEqual([]);
    const blocks = await blocksOf(['a\n', 'b'], 1);
    expect(blocks.map((b) => [b.firstLine, Buffer.from(b.bytes).toString()])).toEqual([
      [1, 'a\n'],
      [2, 'b'],
    ]);
  });

  it('a block owns its bytes, so transferring them cannot take other data along', async () => {
    const big = Buffer.from('0123456789\n'.repeat(100));
    for (const b of await blocksOf([big], 32)) {
      expect(b.bytes.byteOffset).toBe(0);
      expect(b.bytes.buffer.byteLength).toBe(b.bytes.byteLength);
    }
  });

  it('cutAfterBreakFrom: the end of the first line that ends at or after a byte', () => {
    const b = (s: string) => Buffer.from(s);
    expect(cutAfterBreakFrom(b('ab\ncd\nef'), 1)).toBe(3);
    expect(cutAfterBreakFrom(b('ab\ncd\nef'), 3)).toBe(3);
    expect(cutAfterBreakFrom(b('ab\ncd\nef'), 4)).toBe(6);
    expect(cutAfterBreakFrom(b('ab\r\ncd'), 3)).toBe(4);
    expect(cutAfterBreakFrom(b('ab\rcd'), 2)).toBe(3);
    expect(cutAfterBreakFrom(b('ab\r'), 2)).toBe(0);
    expect(cutAfterBreakFrom(b('ab\ncd'), 5)).toBe(0);
  });

  it('cutAfterLastBreak and countBreaks: \\r\\n is one break, a lone \\r is one, a final \\r waits for the next read', () => {
    const b = (s: string) => Buffer.from(s);
    expect(cutAfterLastBreak(b('ab\ncd'), false)).toBe(3);
    expect(cutAfterLastBreak(b('ab\r\ncd'), false)).toBe(4);
    expect(cutAfterLastBreak(b('ab\rcd'), false)).toBe(3);
    expect(cutAfterLastBreak(b('ab\ncd\r'), false)).toBe(3);
    expect(cutAfterLastBreak(b('ab\ncd\r'), true)).toBe(6);
    expect(cutAfterLastBreak(b('abcd'), false)).toBe(0);
    expect(cutAfterLastBreak(b('\r'), false)).toBe(0);
    expect(countBreaks(b('a\r\nb\nc\rd\r\r\n'), 11)).toBe(5);
    expect(countBreaks(b('a\r\nb'), 2)).toBe(0);
    expect(countBreaks(b('a\rb'), 2)).toBe(1);
  });

  it('splitLines drops only the empty piece after a closing break', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['']);
    expect(splitLines('a\r\n\r\nb')).toEqual(['a', '', 'b']);
    expect(splitLines('a\r\rb\r')).toEqual(['a', '', 'b']);
  });
});
