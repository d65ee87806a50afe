// Benchmark 2: batch scale. `node dist/cli.js batch` on generated NDJSON files, with one thread and with one per
// core, in interleaved rounds: intakes per second, and peak RSS (from /usr/bin/time -v when present, else the CLI's
// hidden --stats). The large file is also screened by independent single-thread processes, one per core, each on its
// share of the lines: what this machine gives for this work with nothing shared, the ceiling for the threads.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AT, makeCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = `${root}bench/.tmp/`;
const cli = `${root}dist/cli.js`;
const TIME = '/usr/bin/time';

async function writeLines(file, lines) {
  const out = createWriteStream(`${file}.part`);
  for await (const chunk of lines) if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  await new Promise((r) => out.end(r));
  renameSync(`${file}.part`, file);
  return file;
}

/** Write `n` intakes as NDJSON (seeded; reused if already there). */
export async function ndjson(lib, n) {
  mkdirSync(cache, { recursive: true });
  const file = `${cache}batch-${n}.ndjson`;
  if (existsSync(file) && statSync(file).size > 0) return file;
  async function* blocks() {
    const block = 5000;
    // Each block has its own seed, so a 10k file is the first 10k lines of the 100k one.
    for (let i = 0; i < n; i += block)
      yield `${makeCorpus(Math.min(block, n - i), { base: lib.BASELINE_INTAKE, withAnswers: lib.withAnswers, seed: 1000 + i / block }).map((x) => JSON.stringify(x)).join('\n')}\n`;
  }
  return writeLines(file, blocks());
}

/** Split the `n`-intake file into `parts` files of consecutive lines (reused if already there). */
async function shares(file, n, parts) {
  const names = Array.from({ length: parts }, (_, k) => `${cache}batch-${n}.part${k + 1}of${parts}.ndjson`);
  if (names.every((f) => existsSync(f) && statSync(f).size > 0)) return names;
  const per = Math.ceil(n / parts);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();
  for (const name of names) {
    async function* take() {
      for (let i = 0; i < per; i++) {
        const { value, done } = await lines.next();
        if (done) return;
        yield `${value}\n`;
      }
    }
    await writeLines(name, take());
  }
  return names;
}

/** One `batch` run as a child process; resolves with its wall time, rate and peak RSS. */
function runBatch(file, workers) {
  const args = [cli, 'batch', file, '--at', AT, '--workers', String(workers), '--stats', '-o', '/dev/null'];
  const useTime = existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const child = useTime ? spawn(TIME, ['-v', process.execPath, ...args]) : spawn(process.execPath, args);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  child.stdout.resume();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (status !== 0 && status !== 1) return reject(new Error(`batch failed (exit ${status}): ${stderr.slice(-500)}`));
      const statsLine = stderr.split('\n').find((l) => l.startsWith('{"stats"'));
      const stats = statsLine ? JSON.parse(statsLine).stats : undefined;
      const rssKiB = useTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]) : stats?.maxRssKiB;
      // CPU time of every thread of the process (the screening threads, and V8's compiler and GC helper threads).
      const timeOf = (label) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1]);
      const cpuSeconds = useTime ? timeOf('User') + timeOf('System') : undefined;
      resolve({
        workers: stats?.workers ?? workers,
        intakes: stats?.intakes,
        wallSeconds: +seconds.toFixed(2),
        screeningSeconds: stats?.seconds,
        intakesPerSec: stats?.perSecond,
        workerReadyMs: stats?.workerReadyMs ?? undefined,
        peakRssMiB: rssKiB ? +(rssKiB / 1024).toFixed(1) : undefined,
        cpuSeconds: Number.isFinite(cpuSeconds) ? +cpuSeconds.toFixed(2) : undefined,
        coresBusy: Number.isFinite(cpuSeconds) ? +(cpuSeconds / seconds).toFixed(2) : undefined,
        rssSource: useTime ? '/usr/bin/time -v' : 'CLI --stats (process.resourceUsage().maxRSS)',
      });
    });
  });
}

/** Independent one-thread processes at once, one per share: their combined rate (intakes over the slowest's time). */
async function runProcesses(files) {
  const runs = await Promise.all(files.map((f) => runBatch(f, 1)));
  const intakes = runs.reduce((s, r) => s + r.intakes, 0);
  const seconds = Math.max(...runs.map((r) => r.screeningSeconds));
  const wallSeconds = Math.max(...runs.map((r) => r.wallSeconds));
  const cpuSeconds = runs.reduce((s, r) => s + (r.cpuSeconds ?? NaN), 0);
  return {
    processes: files.length,
    intakes,
    intakesPerSec: Math.round(intakes / seconds),
    screeningSeconds: seconds,
    wallSeconds,
    cpuSeconds: Number.isFinite(cpuSeconds) ? +cpuSeconds.toFixed(2) : undefined,
    coresBusy: Number.isFinite(cpuSeconds) ? +(cpuSeconds / wallSeconds).toFixed(2) : undefined,
  };
}

// Two small probes of the machine itself, each run alone and then as one process per core at once: plain arithmetic,
// and JavaScript that allocates many short-lived objects (young-generation garbage collection, as screening does).
// Each process times its own loop. Arithmetic gives about 2× with two processes where the cores are really there;
// allocation gives less anywhere, because one process alone runs its garbage collector's helper threads on the idle
// core (the same reason one batch thread keeps more than one core busy: see `coresBusy` below).
const PROBES = {
  arithmetic: 'let x=0;for(let i=0;i<3e8;i++)x=(x*31+i)|0',
  allocation: 'let a=[];for(let i=0;i<2e7;i++){a.push({i,s:"x"+i});if(a.length>1000)a=[]}',
};

/** Run `code` in `n` processes at once; the slowest one's own time for it, in seconds. */
async function timeProcesses(code, n) {
  const timed = `const t=process.hrtime.bigint();${code};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e9))`;
  const one = () =>
    new Promise((resolve, reject) => {
      let out = '';
      const child = spawn(process.execPath, ['-e', timed]);
      child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
      child.on('error', reject).on('close', () => resolve(Number(out)));
    });
  return Math.max(...(await Promise.all(Array.from({ length: n }, one))));
}

/** Work done per second by `cores` processes at once, over one process alone (best of three each). */
export async function machineScaling(cores = availableParallelism()) {
  const out = {};
  for (const [name, code] of Object.entries(PROBES)) {
    const alone = [];
    const together = [];
    for (let i = 0; i < 3; i++) {
      alone.push(await timeProcesses(code, 1));
      together.push(await timeProcesses(code, cores));
    }
    out[name] = +((cores * Math.min(...alone)) / Math.min(...together)).toFixed(2);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Each size in `rounds` rounds of one thread and one per core, back to back, in alternating order (ABBA), so that a
 * machine whose speed drifts over the run weighs on both alike; the ratio is the median of the rounds' ratios. The
 * largest size also runs as independent processes in each round. Then all cores run `longRounds` times on twice the
 * largest size, for peak memory only.
 */
export async function benchBatch({ lib, sizes, rounds = 3, longRounds = 2 }) {
  if (!existsSync(cli)) return { skipped: 'dist/cli.js is missing' };
  const cores = availableParallelism();
  const rows = [];
  const ratios = {};
  const ceiling = {};
  const cpu = {};
  const processCpu = {};
  for (const n of sizes) {
    const file = await ndjson(lib, n);
    const split = cores > 1 && n === Math.max(...sizes) ? await shares(file, n, cores) : undefined;
    ratios[n] = [];
    cpu[n] = [];
    if (split) ceiling[n] = [];
    if (split) processCpu[n] = [];
    for (let round = 0; round < rounds; round++) {
      const order = cores === 1 ? [1] : round % 2 === 0 ? [1, cores] : [cores, 1];
      const got = {};
      for (const w of order) {
        got[w] = await runBatch(file, w);
        rows.push({ size: n, round: round + 1, ...got[w] });
      }
      if (cores > 1) ratios[n].push(got[cores].intakesPerSec / got[1].intakesPerSec);
      if (cores > 1 && got[1].cpuSeconds && got[cores].cpuSeconds) cpu[n].push(got[cores].cpuSeconds / got[1].cpuSeconds);
      if (split) {
        const p = await runProcesses(split);
        ceiling[n].push(p.intakesPerSec / got[1].intakesPerSec);
        if (p.cpuSeconds && got[1].cpuSeconds) processCpu[n].push(p.cpuSeconds / got[1].cpuSeconds);
        rows.push({ size: n, round: round + 1, workers: `${cores} processes`, ...p });
      }
    }
  }
  const of = (n, w) => rows.filter((r) => r.size === n && r.workers === w);
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  // Memory past the large size: all cores on twice as many intakes. Whether peak memory grows with the input shows
  // here, once every thread's heap has reached the size it keeps; the small size ends before the main thread's young
  // generation has (see bench/README.md).
  const longer = 2 * large;
  if (cores > 1) {
    const file = await ndjson(lib, longer);
    for (let round = 0; round < longRounds; round++) rows.push({ size: longer, round: round + 1, ...(await runBatch(file, cores)) });
  }
  // The intakes beyond the small size, from each round's large run less its small run: the rate once start-up and
  // warm-up (loading, compiling, the first slow screenings) are behind, which the whole-run ratio includes.
  const beyond = [];
  for (let round = 1; round <= rounds && cores > 1; round++) {
    const secs = (n, w) => of(n, w).find((r) => r.round === round)?.screeningSeconds;
    const [s1, l1, sN, lN] = [secs(small, 1), secs(large, 1), secs(small, cores), secs(large, cores)];
    if ([s1, l1, sN, lN].every(Number.isFinite) && l1 > s1 && lN > sN) beyond.push((l1 - s1) / (lN - sN));
  }
  const peak = (n, w) => Math.max(...of(n, w).map((r) => r.peakRssMiB ?? NaN));
  const round2 = (x) => +x.toFixed(2);
  return {
    cores,
    rounds,
    machineScaling: cores > 1 ? await machineScaling(cores) : undefined,
    rows,
    medianIntakesPerSec: Object.fromEntries(sizes.map((n) => [n, { oneThread: median(of(n, 1).map((r) => r.intakesPerSec)), allCores: median(of(n, cores).map((r) => r.intakesPerSec)) }])),
    allCoresOverOneWorker: Object.fromEntries(sizes.map((n) => [n, round2(median(ratios[n] ?? [NaN]))])),
    allCoresOverOneWorkerByRound: Object.fromEntries(sizes.map((n) => [n, (ratios[n] ?? []).map(round2)])),
    beyondSmall: cores > 1 ? { intakes: large - small, allCoresOverOneWorker: round2(median(beyond.length ? beyond : [NaN])), byRound: beyond.map(round2) } : undefined,
    processesOverOneWorker: Object.fromEntries(Object.entries(ceiling).map(([n, xs]) => [n, round2(median(xs))])),
    processesOverOneWorkerByRound: Object.fromEntries(Object.entries(ceiling).map(([n, xs]) => [n, xs.map(round2)])),
    // Why the ratio is what it is: throughput ratio = (cores busy with all threads ÷ cores busy with one) ÷ (CPU
    // time all threads spend on the same input ÷ CPU time one thread spends). One thread already keeps more than one
    // core busy, because V8 compiles and collects garbage on helper threads.
    coresBusy: Object.fromEntries(sizes.map((n) => [n, { oneThread: median(of(n, 1).map((r) => r.coresBusy ?? NaN)), allCores: median(of(n, cores).map((r) => r.coresBusy ?? NaN)) }])),
    cpuAllCoresOverOneWorker: Object.fromEntries(sizes.map((n) => [n, round2(median(cpu[n].length ? cpu[n] : [NaN]))])),
    cpuProcessesOverOneWorker: Object.fromEntries(Object.entries(processCpu).map(([n, xs]) => [n, round2(median(xs.length ? xs : [NaN]))])),
    rssLargeOverSmall: {
      oneWorker: round2(peak(large, 1) / peak(small, 1)),
      allCores: round2(peak(large, cores) / peak(small, cores)),
    },
    rssLongerOverLarge: cores > 1 ? { intakes: longer, rounds: longRounds, allCores: round2(peak(longer, cores) / peak(large, cores)) } : undefined,
  };
}
