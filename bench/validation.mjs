// Benchmark 6 (measurement only): how much faster could validation be without generating code at run time? A
// pre-pass for already-clean JSON, made once from the intake's JSON Schema (intakeJsonSchema(): closures, no eval),
// decides whether an intake is plainly valid; it is timed against parseIntake (zod) on the same corpus. A pre-pass
// can only ever skip zod for a clean intake: zod still gives the data (its copy, normalised) and every issue. The
// library does not use it: see bench/README.md for why.

/** Compile a JSON Schema (the subset intakeJsonSchema() uses) into a predicate: true when the value is valid. */
export function compilePrepass(schema) {
  const c = (s) => {
    if (s.anyOf) { const xs = s.anyOf.map(c); return (v) => xs.some((x) => x(v)); }
    const checks = [];
    if (s.oneOf && s.oneOf.every((o) => 'const' in o)) { const set = new Set(s.oneOf.map((o) => o.const)); checks.push((v) => set.has(v)); }
    if (s.enum) { const set = new Set(s.enum); checks.push((v) => set.has(v)); }
    if ('const' in s) checks.push((v) => v === s.const);
    switch (s.type) {
      case 'string': {
        const re = s.pattern ? new RegExp(s.pattern, 'u') : null;
        const { minLength = 0, maxLength = Infinity } = s;
        checks.unshift((v) => typeof v === 'string' && v.length >= minLength && v.length <= maxLength && (!re || re.test(v)));
        break;
      }
      case 'integer': case 'number': {
        const { minimum = -Infinity, maximum = Infinity } = s;
        const int = s.type === 'integer';
        checks.unshift((v) => typeof v === 'number' && Number.isFinite(v) && (!int || Number.isInteger(v)) && v >= minimum && v <= maximum);
        break;
      }
      case 'boolean': checks.unshift((v) => typeof v === 'boolean'); break;
      case 'array': {
        const item = s.items ? c(s.items) : () => true;
        const { minItems = 0, maxItems = Infinity } = s;
        checks.unshift((v) => Array.isArray(v) && v.length >= minItems && v.length <= maxItems && v.every(item));
        break;
      }
      case 'object': {
        const props = Object.entries(s.properties ?? {}).map(([k, p]) => [k, c(p)]);
        const known = new Set(props.map(([k]) => k));
        const required = s.required ?? [];
        const closed = s.additionalProperties === false;
        checks.unshift((v) => {
          if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
          for (const k of required) if (!Object.hasOwn(v, k)) return false;
          if (closed) for (const k in v) if (!known.has(k)) return false;
          for (const [k, p] of props) if (v[k] !== undefined && !p(v[k])) return false;
          return true;
        });
        break;
      }
    }
    return (v) => checks.every((f) => f(v));
  };
  return c(schema);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** parseIntake against the pre-pass on `corpus`, interleaved rounds, runs per CPU-second. */
export function benchValidation({ lib, corpus, rounds = 6, sliceMs = 200 }) {
  const prepass = compilePrepass(lib.intakeJsonSchema());
  const clean = corpus.filter((x) => prepass(x)).length;
  const valid = corpus.filter((x) => lib.parseIntake(x).success).length;
  const contenders = [
    ['parseIntake (zod)', (x) => lib.parseIntake(x)],
    ['pre-pass from the JSON Schema', (x) => prepass(x)],
    ['pre-pass + structuredClone (a copy, as zod gives)', (x) => prepass(x) && structuredClone(x)],
  ];
  const perRound = contenders.map(() => []);
  let i = 0;
  for (let r = 0; r <= rounds; r++)
    contenders.forEach(([, fn], k) => {
      const cpu0 = process.cpuUsage();
      const end = performance.now() + sliceMs;
      let n = 0;
      while (performance.now() < end) { fn(corpus[i++ % corpus.length]); n++; }
      const cpu = process.cpuUsage(cpu0);
      if (r > 0) perRound[k].push(n / ((cpu.user + cpu.system) / 1e6)); // round 0 warms up
    });
  return {
    intakes: corpus.length,
    validByZod: valid,
    cleanByPrepass: clean,
    rows: contenders.map(([name], k) => ({
      name,
      runsPerCpuSec: Math.round(median(perRound[k])),
      speedupOverZod: +median(perRound[k].map((x, r) => x / perRound[0][r])).toFixed(2),
    })),
  };
}
