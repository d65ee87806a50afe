// Benchmark 2: batch scale. `node dist/cli.js batch` on generated NDJSON files, with one thread and with one per
// core: intakes per second, and peak RSS (from /usr/bin/time -v when present, else the CLI's hidden --stats).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AT, makeCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = `${root}bench/.tmp/`;
const cli = `${root}dist/cli.js`;
const TIME = '/usr/bin/time';

/** Write `n` intakes as NDJSON (seeded; reused if already there). */
async function ndjson(lib, n) {
  mkdirSync(cache, { recursive: true });
  const file = `${cache}batch-${n}.ndjson`;
  if (existsSync(file) && statSync(file).size > 0) return file;
  const out = createWriteStream(`${file}.part`);
  const block = 5000;
  for (let i = 0; i < n; i += block) {
    // Each block has its own seed, so a 10k file is the first 10k lines of the 100k one.
    const items = makeCorpus(Math.min(block, n - i), { base: lib.BASELINE_INTAKE, withAnswers: lib.withAnswers, seed: 1000 + i / block });
    if (!out.write(items.map((x) => JSON.stringify(x)).join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.part`, file);
  return file;
}

function runBatch(file, workers) {
  const args = [cli, 'batch', file, '--at', AT, '--workers', String(workers), '--stats', '-o', '/dev/null'];
  const useTime = existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync(TIME, ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`batch failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  const statsLine = r.stderr.split('\n').find((l) => l.startsWith('{"stats"'));
  const stats = statsLine ? JSON.parse(statsLine).stats : undefined;
  const rssKiB = useTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) : stats?.maxRssKiB;
  return {
    workers: stats?.workers ?? workers,
    intakes: stats?.intakes,
    wallSeconds: +seconds.toFixed(2),
    intakesPerSec: stats?.perSecond,
    peakRssMiB: rssKiB ? +(rssKiB / 1024).toFixed(1) : undefined,
    rssSource: useTime ? '/usr/bin/time -v' : 'CLI --stats (process.resourceUsage().maxRSS)',
  };
}

/** Each size with one thread and with one per core: the scaling ratio, and peak RSS small vs large. */
export async function benchBatch({ lib, sizes, largeOneWorker = true }) {
  if (!existsSync(cli)) return { skipped: 'dist/cli.js is missing' };
  const cores = availableParallelism();
  const rows = [];
  for (const [k, n] of sizes.entries()) {
    const file = await ndjson(lib, n);
    if (k === 0 || largeOneWorker || cores === 1) rows.push({ size: n, ...runBatch(file, 1) });
    if (cores > 1) rows.push({ size: n, ...runBatch(file, cores) });
  }
  const find = (n, w) => rows.find((r) => r.size === n && r.workers === w);
  const [small, large] = sizes;
  const scale = (n) => (find(n, cores)?.intakesPerSec ?? NaN) / (find(n, 1)?.intakesPerSec ?? NaN);
  return {
    cores,
    rows,
    allCoresOverOneWorker: Object.fromEntries(sizes.map((n) => [n, +scale(n).toFixed(2)])),
    rssLargeOverSmall: {
      oneWorker: +((find(large, 1)?.peakRssMiB ?? NaN) / (find(small, 1)?.peakRssMiB ?? NaN)).toFixed(2),
      allCores: +((find(large, cores)?.peakRssMiB ?? NaN) / (find(small, cores)?.peakRssMiB ?? NaN)).toFixed(2),
    },
  };
}
