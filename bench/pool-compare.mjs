// The CLI's hand-written worker pool (src/cli/pool.ts) against piscina and tinypool, on the batch command's own loop
// and screening code (bench/pool-compare/driver.mjs says what each variant runs). Not part of `npm run bench`: piscina
// and tinypool are not dependencies of the package. To run it:
//   npm install --no-save piscina@5.3.2 tinypool@2.2.0 && npx tsup --silent && node bench/pool-compare.mjs [--intakes=N] [--rounds=N]
// Each round runs every variant once, in an order that turns by one each round, so a machine whose speed drifts
// weighs on all alike; the table gives medians over the rounds. CPU time and peak RSS come from /usr/bin/time -v.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ndjson } from './batch.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/.tmp/pool-compare/`;
const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const INTAKES = arg('intakes', 100_000);
const ROUNDS = arg('rounds', 3);
const THREADS = Math.max(2, availableParallelism());
const VARIANTS = (process.argv.find((a) => a.startsWith('--variants='))?.split('=')[1] ?? 'one,hand,piscina,tinypool,hand-all,piscina-all,tinypool-all').split(',');
const TIME = '/usr/bin/time';

if (!existsSync(`${root}dist/index.js`) || !existsSync(`${root}dist/batch-worker.js`)) throw new Error('Build first: npx tsup --silent');
mkdirSync(out, { recursive: true });
// The driver and the pools' task, bundled from the CLI's sources; the library itself is the built one, as in the CLI.
const bundle = (name) =>
  build({
    entryPoints: [`${root}bench/pool-compare/${name}.mjs`],
    outfile: `${out}${name}.bundle.mjs`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay imports: 'massage-triage' resolves to this checkout's dist/ by the package's own exports map.
    packages: 'external',
    logLevel: 'error',
  });
await Promise.all([bundle('driver'), bundle('task')]);

const lib = await import(`${root}dist/index.js`);
const file = await ndjson(lib, INTAKES);

function runOnce(variant) {
  const args = [`${out}driver.bundle.mjs`, variant, file, String(THREADS), root];
  const useTime = existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const child = useTime ? spawn(TIME, ['-v', process.execPath, ...args]) : spawn(process.execPath, args);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (status !== 0) return reject(new Error(`${variant} failed (exit ${status}): ${stderr.slice(-800)}`));
      const r = JSON.parse(stdout.trim().split('\n').pop());
      if (r.intakes !== INTAKES) return reject(new Error(`${variant} screened ${r.intakes} of ${INTAKES}`));
      const timeOf = (label) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1]);
      const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
      resolve({ ...r, wall, cpu: timeOf('User') + timeOf('System'), rssMiB: rss / 1024 });
    });
  });
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const started = Date.now();
const runs = Object.fromEntries(VARIANTS.map((v) => [v, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
  for (const v of order) {
    const r = await runOnce(v);
    runs[v].push(r);
    process.stderr.write(`round ${round + 1} ${v}: ${r.seconds.toFixed(2)} s, ${Math.round(r.intakes / r.seconds)}/s, cpu ${r.cpu.toFixed(1)} s, rss ${r.rssMiB.toFixed(0)} MiB (load ${loadavg()[0].toFixed(2)})\n`);
  }
}

const pad = (s, n) => String(s).padStart(n);
console.log(`\n${INTAKES.toLocaleString('en')} intakes, ${THREADS} screening threads, ${ROUNDS} rounds, Node ${process.versions.node}; medians`);
console.log(`${'variant'.padEnd(14)}${pad('intakes/s', 10)}${pad('seconds', 9)}${pad('cpu s', 8)}${pad('rss MiB', 9)}${pad('÷ hand', 8)}`);
const handRate = median(runs.hand?.map((r) => r.intakes / r.seconds) ?? []);
for (const v of VARIANTS) {
  const rate = median(runs[v].map((r) => r.intakes / r.seconds));
  console.log(
    `${v.padEnd(14)}${pad(Math.round(rate).toLocaleString('en'), 10)}${pad(median(runs[v].map((r) => r.seconds)).toFixed(2), 9)}${pad(median(runs[v].map((r) => r.cpu)).toFixed(1), 8)}${pad(median(runs[v].map((r) => r.rssMiB)).toFixed(0), 9)}${pad(Number.isFinite(handRate) ? (rate / handRate).toFixed(2) : '—', 8)}`,
  );
}
console.log(`load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
