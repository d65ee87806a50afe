// Benchmark 4: cold start. A fresh Node process that imports the library, builds the default screener and screens
// one intake, against a fresh Node process that does nothing. Median wall time and CPU time of N runs each,
// interleaved.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./coldstart-child.mjs', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wall(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`cold start child failed: ${r.stderr}`);
  return { ms, out: r.stdout };
}

/**
 * `baseline`: another build's dist/index.js (say, the main branch's), run in the same rounds, so a change is measured
 * before and after under the same load.
 */
export function benchColdStart({ runs = 11, lib = fileURLToPath(new URL('../dist/index.js', import.meta.url)), baseline } = {}) {
  const empty = [], emptyCpu = [], full = [], splits = [], base = [];
  for (let i = 0; i < runs; i++) {
    // The empty process reports its own CPU time as the library's child does, at its very end.
    const e = wall(['-e', 'const c = process.cpuUsage(); process.stdout.write(String((c.user + c.system) / 1000))']);
    empty.push(e.ms);
    emptyCpu.push(Number(e.out));
    const f = wall([child, lib]);
    full.push(f.ms);
    splits.push(JSON.parse(f.out));
    if (baseline) {
      const b = wall([child, baseline]);
      base.push({ ...JSON.parse(b.out), wallMs: b.ms });
    }
  }
  const m = (k) => +median(splits.map((s) => s[k])).toFixed(1);
  const emptyMs = median(empty), libMs = median(full);
  return {
    runs,
    emptyProcessMs: +emptyMs.toFixed(1),
    libraryProcessMs: +libMs.toFixed(1),
    addedMs: +(libMs - emptyMs).toFixed(1),
    ratio: +(libMs / emptyMs).toFixed(2),
    // CPU time (user + system) of each process, median: steadier than wall time when other processes share the
    // machine, since time spent waiting for a core is not counted.
    cpu: { emptyProcessMs: +median(emptyCpu).toFixed(1), libraryProcessMs: m('cpuMs'), addedMs: +(m('cpuMs') - median(emptyCpu)).toFixed(1) },
    insideProcess: { importMs: m('importMs'), createScreenerMs: m('createMs'), firstScreenMs: m('firstScreenMs') },
    ...(baseline && {
      baseline: {
        file: baseline,
        cpuAddedMs: +(median(base.map((b) => b.cpuMs)) - median(emptyCpu)).toFixed(1),
        addedMs: +(median(base.map((b) => b.wallMs)) - emptyMs).toFixed(1),
        insideProcess: Object.fromEntries(['importMs', 'createMs', 'firstScreenMs'].map((k) => [k, +median(base.map((b) => b[k])).toFixed(1)])),
      },
    }),
  };
}
