// `npm run bench` (after a build): what users feel. Screening throughput and latency against json-rules-engine alone
// and a floor, a CPU profile of screen(), batch scale through the CLI, bundle size, and cold start. Prints tables
// and writes bench/results.json. Asserts no timing. `--quick` for a short run; `--only=screening,profile,batch,
// bundle,coldstart,impact` to pick; `--impact-sizes=N,...` for other corpus sizes in the impact row.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AT, makeCorpus, makeRiskCorpus, RISK_AT } from './corpus.mjs';
import { loadDeriveFacts } from './internal.mjs';
import { benchScreening } from './screening.mjs';
import { profileScreening } from './profile.mjs';
import { benchBatch } from './batch.mjs';
import { benchBundle, snapshotPackage } from './bundle.mjs';
import { benchColdStart } from './coldstart.mjs';
import { benchImpact } from './impact.mjs';
import { benchValidation } from './validation.mjs';
import { syntheticRuleSet } from './synthetic-rules.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wanted = (k) => !only || only.includes(k);
const root = fileURLToPath(new URL('..', import.meta.url));

// Work on a snapshot of dist/index.js, so a rebuild running beside the benchmark (which empties dist/) cannot pull
// the library out from under it. The snapshot sits inside the package, so its bare imports resolve as dist's do.
async function waitFor(file, seconds = 120) {
  for (let i = 0; i < seconds * 2 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 500));
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
}
await waitFor(`${root}dist/index.js`);
mkdirSync(`${root}bench/.tmp`, { recursive: true });
const libFile = `${root}bench/.tmp/index.snapshot.js`;
copyFileSync(`${root}dist/index.js`, libFile);
// dist/index.js imports its split chunks (the lazily loaded json-rules-engine path and what it shares) by relative path.
for (const f of readdirSync(`${root}dist`)) if (/^(chunk|engine)-[A-Z0-9]+\.js$/.test(f)) copyFileSync(`${root}dist/${f}`, `${root}bench/.tmp/${f}`);
const lib = await import(libFile);

const cpuModel = (() => {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();
  } catch {
    return cpus()[0]?.model;
  }
})();
const results = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: { node: process.version, nproc: availableParallelism(), cpu: cpuModel, loadAverageAtStart: loadavg().map((x) => +x.toFixed(2)) },
  library: { version: lib.VERSION, defaultRules: lib.defaultRuleSet().rules.length },
};
const started = performance.now();

function table(title, head, rows) {
  const cells = [head, ...rows].map((r) => r.map((c) => (c === undefined || c === null ? '—' : String(c))));
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  console.log(`\n${title}`);
  cells.forEach((r, k) => {
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
    if (k === 0) console.log(w.map((x) => '-'.repeat(x)).join('  '));
  });
}
const fmt = (x, d = 0) => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : x);

console.log(`massage-triage ${results.library.version} bench (${results.mode}) — node ${process.version}, ${availableParallelism()} cores, ${cpuModel}, load ${results.machine.loadAverageAtStart.join(' ')}`);

const corpus = makeCorpus(1000, { base: lib.BASELINE_INTAKE, withAnswers: lib.withAnswers });
// The sample intakes `npm run demo` screens, varied: the risk-heavy corpus.
const samplesDir = `${root}examples/intakes/`;
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.json') && f !== 'expected.json')
  .sort()
  .map((f) => JSON.parse(readFileSync(samplesDir + f, 'utf8')));
const corpora = [
  { corpusName: 'healthy-heavy', corpus, at: AT },
  { corpusName: 'risk-heavy', corpus: makeRiskCorpus(1000, { samples, withAnswers: lib.withAnswers }), at: RISK_AT },
];
const sets = [
  ['default', lib.defaultRuleSet()],
  ['synthetic-40', lib.loadRuleSet(syntheticRuleSet(40))],
];

if (wanted('screening')) {
  const deriveFacts = await loadDeriveFacts();
  results.screening = [];
  for (const [name, ruleSet] of sets)
    for (const c of corpora)
      results.screening.push(await benchScreening({ lib, deriveFacts, ruleSet, ...c, name, checkIntakes: quick ? 250 : undefined, rounds: quick ? 4 : 8, sliceMs: quick ? 120 : 200 }));
  const rows = [];
  for (const r of results.screening) {
    const row = (label, x, ratio) => [label, fmt(x.runsPerSec), fmt(x.runsPerCpuSec), fmt(x.p50us, 1), fmt(x.p99us, 1), ratio];
    rows.push(row(`${r.name} (${r.rules} rules), ${r.corpus}: screen()`, r.screen, '1.00'));
    rows.push(row('  json-rules-engine alone (JSONPath)', r.rawEngine, fmt(r.ratios.screenOverRawEngine, 2)));
    rows.push(row('  json-rules-engine alone (dot paths)', r.dotEngine, fmt(r.ratios.screenOverDotEngine, 2)));
    rows.push(row('  json-rules-engine, engine per run', r.dotEnginePerRun, fmt(r.ratios.screenOverDotEnginePerRun, 2)));
    rows.push(row('  floor (sync evaluator)', r.floor, fmt(r.ratios.screenOverFloor, 4)));
  }
  table('1. Screening, two corpora of 1,000 seeded intakes (ratio = screen() throughput ÷ row\'s, per CPU-second)', ['contender', 'runs/s', 'runs/CPU-s', 'p50 µs', 'p99 µs', 'ratio'], rows);
  for (const r of results.screening)
    console.log(`   check ${r.name}, ${r.corpus}: screen() = each json-rules-engine = floor on ${r.check.intakes === r.intakes ? 'every intake' : `the first ${r.check.intakes} intakes`}: ${r.check.equal ? 'EQUAL' : `NOT EQUAL (${r.check.mismatches} intakes differ)`} (${r.firedTotal} rule firings, ${r.firedPerIntake} per intake)`);
  for (const r of results.screening.filter((x) => x.name === 'default'))
    console.log(`   targets, default rules, ${r.corpus}: screen() ÷ dot-path engine ${fmt(r.ratios.screenOverDotEngine, 2)}× (≥ ${r.corpus === 'risk-heavy' ? 5 : 8}×), floor ÷ screen() ${fmt(1 / r.ratios.screenOverFloor, 2)}× (≤ 3×)`);
}

if (wanted('profile')) {
  results.profile = [];
  for (const [name, ruleSet] of sets.slice(0, 1)) results.profile.push(await profileScreening({ lib, ruleSet, corpus, name, durationMs: quick ? 1500 : 3000 }));
  for (const p of results.profile) {
    table(`Profile of screen(), ${p.name} rules (${p.screenings} screenings; % of CPU samples)`, ['stage', '%'], p.stages.map((s) => [s.name, fmt(s.pct, 1)]));
    table('   top functions (self time)', ['function', '%'], p.functions.slice(0, 10).map((s) => [s.name, fmt(s.pct, 1)]));
  }
}

if (wanted('bundle')) {
  await waitFor(`${root}dist/index.browser.js`);
  results.bundle = await benchBundle({ consumer: snapshotPackage() });
  table(
    `3. Browser bundle (esbuild, ESM, minified; gzip -9; 'massage-triage' resolved to ${results.bundle.resolvedEntry})`,
    ['entry (first load)', 'min KB', 'gzip KB', 'lazy gzip KB'],
    results.bundle.entries.map((e) => [e.name, fmt(e.minifiedKB, 1), fmt(e.gzipKB, 1), fmt(e.lazyGzipKB, 1)]),
  );
  console.log(`   targets: core entry ≤ ${results.bundle.targetGzipKB} KB gz: ${results.bundle.coreWithinTarget ? 'met' : 'NOT met'}; screen with the default rules ≤ ${results.bundle.targetScreenGzipKB} KB gz: ${results.bundle.screenWithinTarget ? 'met' : 'NOT met'}; the default rule set adds ${results.bundle.defaultRulesCostGzipKB} KB gz`);
  table('   screen entry: what each part contributes', ['part', 'min KB', '≈gzip KB'], results.bundle.entries[1].contributions.filter((c) => c.minifiedKB > 0).map((c) => [c.group, fmt(c.minifiedKB, 1), fmt(c.gzipKBApprox, 1)]));
  const rp = results.bundle.rulesProse;
  console.log(`   rules/default.rules.json alone (minified JSON, gzip -9): ${fmt(rp.wholeGzipKB, 1)} KB; the conditions and outcomes ${fmt(rp.withoutProseGzipKB, 1)} KB, the prose (title, message, clientMessage, rationale, references) ${fmt(rp.proseGzipKB, 1)} KB`);
  table('   core entry: what each part contributes', ['part', 'min KB', '≈gzip KB'], results.bundle.entries[0].contributions.filter((c) => c.minifiedKB > 0).map((c) => [c.group, fmt(c.minifiedKB, 1), fmt(c.gzipKBApprox, 1)]));
  table('   core entry: largest inputs (from the source map)', ['input', 'min KB'], results.bundle.entries[0].largestInputs.slice(0, 12).map((c) => [c.path, fmt(c.minifiedKB, 1)]));
  const s = results.bundle.coreFromSource;
  console.log(`   the same core entry bundled from src/ with the stub: ${fmt(s.minifiedKB, 1)} KB min, ${fmt(s.gzipKB, 1)} KB gz`);
}

if (wanted('coldstart')) {
  // --coldstart-baseline=FILE: another build's dist/index.js, timed in the same rounds (before and after a change).
  const baseline = args.find((a) => a.startsWith('--coldstart-baseline='))?.slice(21);
  results.coldStart = benchColdStart({ runs: quick ? 5 : 11, lib: libFile, baseline });
  const c = results.coldStart;
  table(`4. Cold start (median of ${c.runs} fresh processes each)`, ['process', 'ms'], [
    ['node, nothing', fmt(c.emptyProcessMs, 1)],
    ['node, import + default screener + 1 screening', fmt(c.libraryProcessMs, 1)],
    ['  added by the library', fmt(c.addedMs, 1)],
    ['node, nothing (CPU ms)', fmt(c.cpu.emptyProcessMs, 1)],
    ['node, import + default screener + 1 screening (CPU ms)', fmt(c.cpu.libraryProcessMs, 1)],
    ['  added by the library (CPU ms)', fmt(c.cpu.addedMs, 1)],
    ['  inside: import', fmt(c.insideProcess.importMs, 1)],
    ['  inside: createScreener(default rules)', fmt(c.insideProcess.createScreenerMs, 1)],
    ['  inside: first screen()', fmt(c.insideProcess.firstScreenMs, 1)],
  ]);
  console.log(`   ratio library ÷ empty: ${c.ratio} (wall), ${fmt(c.cpu.libraryProcessMs / c.cpu.emptyProcessMs, 2)} (CPU); target: adds ≤ 100 ms`);
  if (c.baseline)
    console.log(`   baseline ${c.baseline.file}, same rounds: adds ${fmt(c.baseline.cpuAddedMs, 1)} CPU ms (this build ${fmt(c.cpu.addedMs, 1)}: ${fmt(c.cpu.addedMs / c.baseline.cpuAddedMs, 2)}×), ${fmt(c.baseline.addedMs, 1)} wall ms (this build ${fmt(c.addedMs, 1)}: ${fmt(c.addedMs / c.baseline.addedMs, 2)}×); inside: import ${fmt(c.baseline.insideProcess.importMs, 1)}, createScreener ${fmt(c.baseline.insideProcess.createMs, 1)}, first screen() ${fmt(c.baseline.insideProcess.firstScreenMs, 1)} ms`);
}

if (only?.includes('validation')) {
  // Measurement only, not in the default run: see bench/validation.mjs.
  results.validation = benchValidation({ lib, corpus, rounds: quick ? 4 : 8 });
  const v = results.validation;
  table(`6. Validation: parseIntake against a pre-pass for clean JSON (${v.intakes} intakes; zod: ${v.validByZod} valid, pre-pass: ${v.cleanByPrepass} clean)`, ['contender', 'runs/CPU-s', '× zod'], v.rows.map((r) => [r.name, fmt(r.runsPerCpuSec), fmt(r.speedupOverZod, 2)]));
}

if (wanted('batch')) {
  await waitFor(`${root}dist/cli.js`);
  results.batch = await benchBatch({ lib, sizes: quick ? [2000, 20000] : [10000, 100000] });
  const b = results.batch;
  if (b.skipped) console.log(`\n2. Batch: skipped (${b.skipped})`);
  else {
    table(
      `2. Batch: node dist/cli.js batch (NDJSON in, -o /dev/null), ${b.rounds} interleaved rounds`,
      ['intakes', 'round', 'threads', 'intakes/s', 'wall s', 'CPU s', 'cores busy', 'worker ready ms', 'peak RSS MiB'],
      b.rows.map((r) => [fmt(r.size), r.round, r.workers, fmt(r.intakesPerSec), fmt(r.wallSeconds ?? r.screeningSeconds, 1), fmt(r.cpuSeconds, 1), fmt(r.coresBusy, 2), fmt(r.workerReadyMs), fmt(r.peakRssMiB, 1)]),
    );
    const per = (o) => Object.entries(o).map(([n, x]) => `${n}: ${Array.isArray(x) ? x.join(' / ') : `${x}×`}`).join(', ');
    console.log(`   all cores ÷ 1 thread, median of rounds: ${per(b.allCoresOverOneWorker)} (target ≥ 1.6× on 2 cores); by round ${per(b.allCoresOverOneWorkerByRound)}`);
    if (b.beyondSmall)
      console.log(`   beyond the first ${fmt(Number(Object.keys(b.allCoresOverOneWorker)[0]))} (the other ${fmt(b.beyondSmall.intakes)}: each round's large run less its small run, so without start-up and warm-up): all cores ÷ 1 thread ${b.beyondSmall.allCoresOverOneWorker}×; by round ${b.beyondSmall.byRound.join(' / ')}`);
    if (Object.keys(b.processesOverOneWorker).length > 0)
      console.log(`   ${b.cores} independent processes ÷ 1 thread (this machine's ceiling for the work): ${per(b.processesOverOneWorker)}; by round ${per(b.processesOverOneWorkerByRound)}`);
    const large = Object.keys(b.cpuAllCoresOverOneWorker).at(-1);
    if (large && Number.isFinite(b.cpuAllCoresOverOneWorker[large]))
      console.log(`   at ${fmt(Number(large))}, cores busy (CPU s ÷ wall s, median): 1 thread ${b.coresBusy[large].oneThread}, all cores ${b.coresBusy[large].allCores}; CPU for the same intakes ÷ 1 thread's (median of rounds): all cores ${b.cpuAllCoresOverOneWorker[large]}×, ${b.cores} processes ${b.cpuProcessesOverOneWorker[large] ?? '—'}×`);
    if (b.machineScaling)
      console.log(`   the machine, ${b.cores} processes ÷ 1 (probes): ${Object.entries(b.machineScaling).map(([k, x]) => `${k} ${x}×`).join(', ')}`);
    console.log(`   peak RSS, large ÷ small: 1 thread ${b.rssLargeOverSmall.oneWorker}×, all cores ${b.rssLargeOverSmall.allCores}× (target ≤ 1.2×); RSS from ${b.rows[0]?.rssSource}`);
    if (b.rssLongerOverLarge)
      console.log(`   peak RSS, all cores, ${fmt(b.rssLongerOverLarge.intakes)} ÷ ${fmt(Number(Object.keys(b.allCoresOverOneWorker).at(-1)))}: ${b.rssLongerOverLarge.allCores}× (does memory grow with the input once the heaps are warm? ${b.rssLongerOverLarge.rounds} runs, largest peak)`);
  }
}

if (wanted('impact')) {
  await waitFor(`${root}dist/cli.js`);
  const sizesArg = args.find((a) => a.startsWith('--impact-sizes='))?.slice(15);
  const sizes = sizesArg ? sizesArg.split(',').map(Number) : quick ? [20000] : [100000];
  results.impact = await benchImpact({ lib, sizes, rounds: quick ? 1 : 3 });
  table(
    '5. rules impact (two rule sets, --format json) vs one batch run with the first set, same NDJSON corpus; median wall s',
    ['intakes', 'batch 1 thread', 'batch default threads', 'impact', 'impact ÷ batch 1 thread', 'impact ÷ batch default'],
    results.impact.rows.map((r) => [fmt(r.intakes), fmt(r.batchOneThreadSeconds, 2), fmt(r.batchDefaultSeconds, 2), fmt(r.impactSeconds, 2), fmt(r.impactOverBatchOneThread, 2), fmt(r.impactOverBatchDefault, 2)]),
  );
  console.log('   target: impact ≤ about 2× one batch run (it screens every intake twice)');
}

results.machine.loadAverageAtEnd = loadavg().map((x) => +x.toFixed(2));
results.seconds = +((performance.now() - started) / 1000).toFixed(1);
writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nload average at end ${results.machine.loadAverageAtEnd.join(' ')}; ${results.seconds} s; wrote bench/results.json`);
