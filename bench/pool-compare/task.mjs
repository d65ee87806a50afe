// The task a piscina or tinypool worker runs for the pool comparison (bench/pool-compare.mjs): screen one block of
// NDJSON bytes with the CLI's own code, as src/cli/batch-worker.ts does. The rule sources come with each task (a few
// bytes for the default rules), since a pool's workers start before the command knows them; each worker builds its
// screener once per sources.
import { OutputBuffers, screenBlock } from '../../src/cli/batch-core.ts';
import { screenerFrom } from '../../src/cli/rules-source.ts';

const buffers = new OutputBuffers();
let key = '';
let screener;

export default async function screenTask({ bytes, firstLine, sources, options, warm }) {
  const k = JSON.stringify(sources);
  if (k !== key) {
    screener = screenerFrom(sources);
    key = k;
  }
  if (warm) return { warm: true };
  const r = await screenBlock(screener, options, bytes, firstLine, buffers);
  // The records are copied out of the reusable buffer: a pool cannot send the buffer back to this worker.
  const out = r.bytes.slice();
  buffers.give(r.bytes.buffer);
  return { bytes: out, tally: r.tally, count: r.count };
}
