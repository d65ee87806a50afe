// Benchmark 5: `rules impact` against one `batch` run on the same NDJSON corpus. impact screens every intake twice
// (the rules before and after) and keeps only counts, so it should take about twice one single-thread batch run; the
// row also shows the batch with its default threads, which is what a user runs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AT } from './corpus.mjs';
import { ndjson } from './batch.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.js`;
const FROM = `${root}examples/rule-authoring/clinic.rules.json`;
const TO = `${root}examples/rule-authoring/clinic.v2.rules.json`;

/** Wall seconds of one CLI run (output thrown away). */
function timed(args) {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0 && status !== 1) return reject(new Error(`${args[0]} failed (exit ${status}): ${stderr.slice(-300)}`));
      resolve(Number(process.hrtime.bigint() - t0) / 1e9);
    });
  });
}

/** `sizes` intakes each: batch with 1 thread, batch with its default threads, and impact; `rounds` interleaved rounds, median. */
export async function benchImpact({ lib, sizes, rounds }) {
  const rows = [];
  for (const n of sizes) {
    const file = await ndjson(lib, n);
    const runs = { batch1: [], batchDefault: [], impact: [] };
    for (let r = 0; r < rounds; r++) {
      runs.batch1.push(await timed(['batch', file, '--at', AT, '--extend', FROM, '--workers', '1', '-o', '/dev/null']));
      runs.batchDefault.push(await timed(['batch', file, '--at', AT, '--extend', FROM, '-o', '/dev/null']));
      runs.impact.push(await timed(['rules', 'impact', '--from', FROM, '--to', TO, '--corpus', file, '--at', AT, '--format', 'json']));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const m = Object.fromEntries(Object.entries(runs).map(([k, xs]) => [k, +median(xs).toFixed(2)]));
    rows.push({ intakes: n, rounds, batchOneThreadSeconds: m.batch1, batchDefaultSeconds: m.batchDefault, impactSeconds: m.impact, impactOverBatchOneThread: +(m.impact / m.batch1).toFixed(2), impactOverBatchDefault: +(m.impact / m.batchDefault).toFixed(2) });
  }
  return { rows };
}
