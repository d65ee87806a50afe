// Summarise a V8 .cpuprofile: self time by package and by function, and time by stage of a screening
// (validate, derive, rules engine, flags and merge, techniques, GC). Usage: node bench/profile-summary.mjs FILE
import { readFileSync } from 'node:fs';

const STAGES = [
  ['validate (parseIntake, zod)', /^(parseIntake|checkLimits|safeParse)$/, /\/zod\//],
  ['derive facts', /^deriveFacts$/, null],
  ['compiled rules (src/rules/compile.ts)', /^(compiledRule|comparison|group|evaluateCompiled)$/, null],
  ['rules engine (json-rules-engine, clone, eventemitter2, hash-it)', /^(runRules|newEngine)$/, /json-rules-engine|\/clone\/|eventemitter2|hash-it/],
  ['flags, merge, clearances', /^(flagOf|collectBecause|fromResults|sortFlags|mergeModifications|overallDisposition|applyClearance|regionsOf)$/, null],
  ['technique suggestions', /^suggestTechniques$/, null],
];

export function summarise(profile, top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const t = new Map();
  profile.samples.forEach((s, i) => t.set(s, (t.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  const pkg = new Map(), fn = new Map(), stage = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  for (const [id, dt] of t) {
    const n = byId.get(id);
    const { functionName, url, lineNumber } = n.callFrame;
    // Idle time and the inspector's own message dispatch (the profiler stopping) are not the screening's.
    if (functionName === '(idle)' || (functionName === 'dispatch' && !url)) continue;
    total += dt;
    const p = url.includes('node_modules/') ? url.split('node_modules/').pop().split('/')[0] : url ? url.split('/').slice(-2).join('/') : functionName || '(native)';
    add(pkg, p, dt);
    add(fn, `${functionName || '(anonymous)'}  ${url ? url.split('/').slice(-2).join('/') + ':' + lineNumber : ''}`, dt);
    let found;
    if (functionName === '(garbage collector)') found = 'garbage collection';
    for (let cur = id; !found && cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur).callFrame;
      for (const [name, fre] of STAGES) if (fre.test(cf.functionName) && /dist\/index|index\.snapshot|src\//.test(cf.url)) { found = name; break; }
    }
    if (!found) for (const [name, , ure] of STAGES) if (ure && ure.test(url)) { found = name; break; }
    // zod's JIT-compiled object parsers have no URL.
    if (!found && !url && functionName === '') found = STAGES[0][0];
    add(stage, found ?? 'other (screen body, dates, harness)', dt);
  }
  const rows = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, v]) => ({ name, pct: +((100 * v) / total).toFixed(1) }));
  return { stages: rows(stage, 20), packages: rows(pkg, top), functions: rows(fn, top) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = summarise(JSON.parse(readFileSync(process.argv[2], 'utf8')), 20);
  for (const k of ['stages', 'packages', 'functions']) {
    console.log(`-- ${k}`);
    for (const r of s[k]) console.log(`${r.pct.toFixed(1).padStart(6)}%  ${r.name}`);
  }
}
