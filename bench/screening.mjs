// Benchmark 1: screening throughput and latency. `screen()` on the corpus, against baselines on the same rules and
// the same facts: json-rules-engine as a user would use it alone (default JSONPath paths, one engine reused; and
// with a one-line dot-path `pathResolver`, one engine reused and one engine per run), and the floor (a minimal
// synchronous evaluator). Prints a check that all of them fire the same rules.
import { Engine } from 'json-rules-engine';
import { compileFloor } from './floor.mjs';
import { AT } from './corpus.mjs';

/** The dot-path resolver a careful json-rules-engine user writes instead of JSONPath. */
const dotPath = { pathResolver: (value, path) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), value) };

/** Turn our plain dot path into the JSONPath a json-rules-engine user would write: "legSigns" → "$.legSigns". */
function toJsonPath(c) {
  if (c.all) return { all: c.all.map(toJsonPath) };
  if (c.any) return { any: c.any.map(toJsonPath) };
  if (c.not) return { not: toJsonPath(c.not) };
  return c.path ? { ...c, path: `$.${c.path}` } : { ...c };
}

/** The facts a run sees: the parsed intake's groups plus the derived facts, computed once (not timed). */
export function factsOf(lib, deriveFacts, intake, at = AT) {
  const parsed = lib.parseIntake(intake);
  if (!parsed.ok) throw new Error('corpus intake does not parse');
  const { $schema: _s, schemaVersion: _v, completedAt: _c, clearances: _cl, ...groups } = parsed.data;
  return { ...groups, derived: deriveFacts(parsed.data, at) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Time several contenders in interleaved rounds (A, B, C, A, B, C, ...), so a busy machine slows them alike, and
 * report each one's median throughput over the rounds, latency percentiles over all calls, and per-round ratios.
 */
async function interleaved(contenders, n, { rounds, sliceMs }) {
  const state = contenders.map(() => ({ i: 0, lat: [], perRound: [], cpuPerRound: [] }));
  // Warm-up: one slice each.
  for (const [k, c] of contenders.entries()) {
    const end = performance.now() + sliceMs;
    while (performance.now() < end) c.sync ? c.fn(state[k].i++ % n) : await c.fn(state[k].i++ % n);
  }
  for (let r = 0; r < rounds; r++) {
    for (const [k, c] of contenders.entries()) {
      const st = state[k];
      let count = 0;
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      const end = start + sliceMs;
      let t = start;
      while (t < end) {
        if (c.sync) c.fn(st.i++ % n);
        else await c.fn(st.i++ % n);
        const t1 = performance.now();
        st.lat.push(t1 - t);
        t = t1;
        count++;
      }
      const cpu = process.cpuUsage(cpu0);
      st.perRound.push((count / (t - start)) * 1000);
      st.cpuPerRound.push(count / ((cpu.user + cpu.system) / 1e6));
    }
  }
  return contenders.map((c, k) => {
    const { lat, perRound, cpuPerRound } = state[k];
    lat.sort((a, b) => a - b);
    const q = (p) => +(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] * 1000).toFixed(1);
    return {
      name: c.name,
      calls: lat.length,
      runsPerSec: Math.round(median(perRound)),
      runsPerCpuSec: Math.round(median(cpuPerRound)),
      p50us: q(0.5),
      p99us: q(0.99),
      perRound,
      cpuPerRound,
    };
  });
}

/**
 * Measure one rule set on the corpus. `rules` is the loaded rule set; returns the numbers and the equality check.
 */
export async function benchScreening({ lib, deriveFacts, ruleSet, corpus, corpusName, at = AT, checkIntakes, rounds = 10, sliceMs = 250, name }) {
  const screener = lib.createScreener({ rules: ruleSet });
  const rules = screener.rules;
  const facts = corpus.map((x) => factsOf(lib, deriveFacts, x, at));

  // json-rules-engine alone, with our extra operators. (a) JSONPath paths, default options, one engine reused;
  // (b) a dot-path resolver, one engine reused; (c) the same, a new engine for every run (as a server that builds
  // the engine per request, or our screen() before the compiled evaluator, does).
  const jsonPathRules = rules.map((r) => ({ name: r.id, conditions: toJsonPath(r.conditions), event: { type: r.id } }));
  const dotRules = rules.map((r) => ({ name: r.id, conditions: r.conditions, event: { type: r.id } }));
  const withOps = (engine) => {
    for (const op of lib.OPERATORS) if (op.evaluate) engine.addOperator(op.name, op.evaluate);
    return engine;
  };
  const engine = withOps(new Engine(jsonPathRules));
  const dotEngine = withOps(new Engine(dotRules, dotPath));
  const dotEngineRun = (f) => withOps(new Engine(dotRules, dotPath)).run(f);
  const firedBy = async (run, f) => (await run(f)).results.map((r) => r.name).sort();
  // (d) the floor.
  const floor = compileFloor(rules, lib.OPERATORS);

  // Check: all of them fire the same rules on every intake of the corpus.
  const ids = new Set(rules.map((r) => r.id));
  let mismatches = 0;
  let firstMismatch;
  let fired = 0;
  const checked = Math.min(corpus.length, checkIntakes ?? corpus.length);
  for (let i = 0; i < checked; i++) {
    const s = await screener.screen(corpus[i], { at });
    if (!s.ok) throw new Error('corpus intake failed to screen');
    const viaScreen = s.flags.map((f) => f.ruleId).filter((id) => ids.has(id)).sort().join();
    const others = [
      await firedBy((f) => engine.run(f), facts[i]),
      await firedBy((f) => dotEngine.run(f), facts[i]),
      await firedBy(dotEngineRun, facts[i]),
      floor(facts[i]).sort(),
    ].map((x) => x.join());
    // An evaluation error of one of the rules is a mismatch; the fail-closed flag for an answer no rule of the set
    // reads ("unscreened-answer", which the synthetic set raises) is not a rule firing.
    if (s.flags.some((f) => f.kind === 'evaluation-error' && ids.has(f.ruleId)) || others.some((x) => x !== viaScreen)) {
      mismatches++;
      firstMismatch ??= { intake: i, screen: viaScreen, jsonPath: others[0], dotPath: others[1], dotPathPerRun: others[2], floor: others[3] };
    }
    fired += floor(facts[i]).length;
  }

  const n = corpus.length;
  const opts = { at };
  const [screenRes, rawRes, dotRes, dotPerRunRes, floorRes] = await interleaved(
    [
      { name: 'screen()', fn: (i) => screener.screen(corpus[i], opts) },
      { name: 'json-rules-engine alone (JSONPath)', fn: (i) => engine.run(facts[i]) },
      { name: 'json-rules-engine alone (dot paths, one engine)', fn: (i) => dotEngine.run(facts[i]) },
      { name: 'json-rules-engine alone (dot paths, engine per run)', fn: (i) => dotEngineRun(facts[i]) },
      { name: 'floor', fn: (i) => floor(facts[i]), sync: true },
    ],
    n,
    { rounds, sliceMs },
  );
  const ratio = (a, b, key) => +median(a[key].map((x, r) => x / b[key][r])).toFixed(4);
  const strip = ({ perRound: _p, cpuPerRound: _c, ...rest }) => rest;
  const ratios = (key) => ({
    screenOverRawEngine: ratio(screenRes, rawRes, key),
    screenOverDotEngine: ratio(screenRes, dotRes, key),
    screenOverDotEnginePerRun: ratio(screenRes, dotPerRunRes, key),
    screenOverFloor: ratio(screenRes, floorRes, key),
  });
  return {
    name,
    corpus: corpusName,
    at,
    rules: rules.length,
    intakes: n,
    firedTotal: fired,
    firedPerIntake: +(fired / checked).toFixed(2),
    check: { intakes: checked, mismatches, equal: mismatches === 0, ...(firstMismatch ? { firstMismatch } : {}) },
    screen: strip(screenRes),
    rawEngine: strip(rawRes),
    dotEngine: strip(dotRes),
    dotEnginePerRun: strip(dotPerRunRes),
    floor: strip(floorRes),
    // Median over rounds of the per-round ratio (each round times all of them back to back). By CPU time: steadier
    // than wall time when other processes share the machine. The wall-time ratios are kept too.
    ratios: { ...ratios('cpuPerRound'), wall: ratios('perRound') },
  };
}

