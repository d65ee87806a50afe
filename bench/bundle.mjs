// Benchmark 3: what the library costs a browser app. esbuild bundles dist/index.js with its dependencies for the
// browser (ESM, minified), from two entries: the core (createScreener + parseIntake: the app brings its own rules)
// and `screen` (which pulls in the bundled default rule set). Reports minified and gzipped sizes, and what each
// dependency contributes, from esbuild's metafile.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const KB = (n) => +(n / 1024).toFixed(1);

const GROUPS = [
  ['zod', /node_modules\/zod\//],
  ['json-rules-engine', /node_modules\/json-rules-engine\//],
  ['jsonpath-plus (json-rules-engine dep)', /node_modules\/jsonpath-plus\//],
  ['eventemitter2 (json-rules-engine dep)', /node_modules\/eventemitter2\//],
  ['hash-it (json-rules-engine dep)', /node_modules\/hash-it\//],
  ['clone (json-rules-engine dep)', /node_modules\/clone\//],
  ['ts-pattern', /node_modules\/ts-pattern\//],
  ['jsonc-parser', /node_modules\/jsonc-parser\//],
  ['massage-triage (dist/index.js: our code + bundled JSON)', /dist\/index\.js$|index\.snapshot\.js$/],
];

async function bundle(name, contents, loader = 'js') {
  const r = await build({
    stdin: { contents, resolveDir: root, sourcefile: `${name}.entry.${loader}`, loader },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = r.outputFiles[0].contents;
  const gz = gzipSync(code, { level: 9 }).length;
  const [out] = Object.values(r.metafile.outputs);
  const parts = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(out.inputs)) {
    const g = GROUPS.find(([, re]) => re.test(path))?.[0] ?? 'other';
    parts.set(g, (parts.get(g) ?? 0) + bytesInOutput);
  }
  const nodeImports = Object.keys(r.metafile.inputs).filter((p) => p.startsWith('node:'));
  const files = Object.entries(out.inputs)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 15)
    .map(([path, { bytesInOutput }]) => ({ path, minifiedKB: KB(bytesInOutput) }));
  return {
    name,
    minifiedKB: KB(code.length),
    gzipKB: KB(gz),
    nodeBuiltinsImported: nodeImports,
    // gzip does not split by input; the gzip share is the minified share applied to the whole (an estimate).
    contributions: [...parts]
      .sort((a, b) => b[1] - a[1])
      .map(([group, bytes]) => ({ group, minifiedKB: KB(bytes), gzipKBApprox: KB((bytes / code.length) * gz) })),
    largestInputs: files,
  };
}

/** `dist`: the built ESM entry (dist/index.js or a copy of it). */
export async function benchBundle({ dist = `${root}dist/index.js` } = {}) {
  const core = await bundle('core (createScreener + parseIntake)', `export { createScreener, parseIntake } from ${JSON.stringify(dist)};`);
  const withRules = await bundle('screen (with the default rule set)', `export { screen } from ${JSON.stringify(dist)};`);
  const whole = await bundle('everything (import * as lib)', `import * as lib from ${JSON.stringify(dist)}; export default lib;`);
  // The same core entry from the TypeScript sources, to see which of our files (and bundled JSON) weigh what.
  const coreSrc = await bundle('core, from src (per-file view)', `export { createScreener, parseIntake } from ${JSON.stringify(`${root}src/index.ts`)};`, 'ts');
  return {
    targetGzipKB: 60,
    entries: [core, withRules, whole],
    coreFromSource: { minifiedKB: coreSrc.minifiedKB, gzipKB: coreSrc.gzipKB, largestInputs: coreSrc.largestInputs },
    defaultRulesCostGzipKB: +(withRules.gzipKB - core.gzipKB).toFixed(1),
    coreWithinTarget: core.gzipKB <= 60,
  };
}
