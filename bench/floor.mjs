// The floor: the smallest synchronous evaluator of the same rule JSON (all / any / not and the same operators, over
// plain objects). Written for the benchmark only; its fired-rule sets are checked equal to json-rules-engine's.

const num = (a) => Number.parseFloat(a).toString() !== 'NaN';
/** json-rules-engine's built-in operators, with the same fact-value validators. */
const BUILT_INS = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => b.indexOf(a) > -1,
  notIn: (a, b) => b.indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => num(a) && a < b,
  lessThanInclusive: (a, b) => num(a) && a <= b,
  greaterThan: (a, b) => num(a) && a > b,
  greaterThanInclusive: (a, b) => num(a) && a >= b,
};

/** Compile rule conditions into plain closures once. `operators` is the library's OPERATORS list. */
export function compileFloor(rules, operators) {
  const ops = { ...BUILT_INS };
  for (const o of operators) if (o.evaluate) ops[o.name] = o.evaluate;
  const compile = (c) => {
    if (c.all) { const xs = c.all.map(compile); return (f) => xs.every((x) => x(f)); }
    if (c.any) { const xs = c.any.map(compile); return (f) => xs.some((x) => x(f)); }
    if (c.not) { const x = compile(c.not); return (f) => !x(f); }
    const op = ops[c.operator];
    if (!op) throw new Error(`floor: unknown operator ${c.operator}`);
    const keys = c.path ? c.path.split('.') : [];
    const { fact, value } = c;
    return (f) => {
      if (!Object.hasOwn(f, fact)) throw new Error(`floor: undefined fact ${fact}`);
      let v = f[fact];
      for (const k of keys) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? v[k] : undefined;
      return op(v, value);
    };
  };
  const compiled = rules.map((r) => ({ id: r.id, test: compile(r.conditions) }));
  /** The ids of the rules that fire on `facts`, in rule order. */
  return (facts) => {
    const fired = [];
    for (const r of compiled) if (r.test(facts)) fired.push(r.id);
    return fired;
  };
}
