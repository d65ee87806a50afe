// Benchmark 3: what the library costs a browser app. esbuild bundles the package for the browser (ESM, minified) as
// an app's bundler does: a tiny entry imports from 'massage-triage' by name, resolved through node_modules and the
// package's exports map, so the `browser` condition picks dist/index.browser.js (json-rules-engine bundled in,
// jsonpath-plus left out). Three entries: the core (createScreener + parseIntake: the app brings its own rules),
// `screen` (which pulls in the bundled default rule set), and the whole namespace. Reports minified and gzipped
// sizes, and what each dependency contributes, read from the output's source map (esbuild chains the build's own
// map, so the parts of dist/index.browser.js are still told apart).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const KB = (n) => +(n / 1024).toFixed(1);

// First match wins: the stub before our own code, since it is one of our files.
const GROUPS = [
  ['zod', /node_modules\/zod\//],
  ['json-rules-engine', /node_modules\/json-rules-engine\//],
  ['jsonpath-plus (json-rules-engine dep)', /node_modules\/jsonpath-plus\//],
  ['eventemitter2 (json-rules-engine dep)', /node_modules\/eventemitter2\//],
  ['hash-it (json-rules-engine dep)', /node_modules\/hash-it\//],
  ['clone (json-rules-engine dep)', /node_modules\/clone\//],
  ['ts-pattern', /node_modules\/ts-pattern\//],
  ['jsonc-parser', /node_modules\/jsonc-parser\//],
  ['jsonpath-plus stub (ours, throws)', /src\/engine-shims\/jsonpath-plus\.ts$/],
  ['eventemitter2 stand-in (ours: on, emitAsync)', /src\/engine-shims\/eventemitter2\.ts$/],
  ['massage-triage (our code + bundled JSON)', /massage-triage\/(src|rules)\/|(^|\/)src\/.*\.ts$|(^|\/)rules\/[^/]+\.json$|dist\/index(\.browser)?\.js$/],
];

/** What a consumer installs, copied: package.json and the built entries, so a rebuild beside the run cannot empty it. */
export function snapshotPackage(into = `${root}bench/.tmp/consumer`) {
  const pkg = join(into, 'node_modules', 'massage-triage');
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  copyFileSync(`${root}package.json`, join(pkg, 'package.json'));
  // The app's own package.json: without it, the repository's would make 'massage-triage' a self-reference to dist/.
  writeFileSync(join(into, 'package.json'), `${JSON.stringify({ name: 'bench-consumer-app', private: true, type: 'module' })}\n`);
  // The entries and the chunks they import (the lazily loaded json-rules-engine path and what it shares).
  const built = readdirSync(`${root}dist`).filter((f) => /^(index(\.browser)?\.c?js|(chunk|engine)-[A-Z0-9]+\.js)(\.map)?$/.test(f));
  for (const file of built) copyFileSync(`${root}dist/${file}`, join(pkg, 'dist', file));
  if (!existsSync(join(pkg, 'dist', 'index.browser.js'))) throw new Error('dist/index.browser.js is missing: run npx tsup');
  return into;
}

// esbuild would chain every input's source map; a dependency's own map can name files outside its package (hash-it's
// does), so only our package's map is followed and each dependency counts as the files esbuild read.
const onlyOurSourceMaps = {
  name: 'only-our-source-maps',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) =>
      /[\\/]node_modules[\\/]massage-triage[\\/]/.test(args.path)
        ? undefined
        : { contents: readFileSync(args.path, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/gm, ''), loader: 'js' },
    );
  },
};

// The browser build's stand-ins, for the per-file view from the sources (the same swap tsup.config.ts makes).
const engineShims = {
  name: 'engine-shims',
  setup(b) {
    b.onResolve({ filter: /^(jsonpath-plus|eventemitter2)(\/.*)?$/ }, (args) => ({ path: `${root}src/engine-shims/${args.path.split('/')[0]}.ts` }));
  },
};

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** The segments of one line of a source map's `mappings`, as [generatedColumn, sourceIndex | undefined]. */
function* decodeLine(line, state) {
  let col = 0;
  for (const seg of line.split(',')) {
    if (!seg) continue;
    const fields = [];
    let value = 0;
    let shift = 0;
    for (const ch of seg) {
      const d = B64.get(ch);
      value += (d & 31) << shift;
      if (d & 32) shift += 5;
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    col += fields[0];
    if (fields.length >= 4) {
      state.source += fields[1];
      yield [col, state.source];
    } else yield [col, undefined];
  }
}

/** Output bytes per source file, from the output's source map (unmapped bytes: esbuild's own glue, under ''). */
function bytesBySource(code, map) {
  const out = new Map();
  const lines = code.split('\n');
  const state = { source: 0 };
  map.mappings.split(';').forEach((mline, i) => {
    const text = lines[i] ?? '';
    const segs = [...decodeLine(mline, state)];
    const add = (src, a, b) => {
      if (b <= a) return;
      const key = src === undefined ? '' : map.sources[src];
      out.set(key, (out.get(key) ?? 0) + Buffer.byteLength(text.slice(a, b)));
    };
    add(undefined, 0, segs[0]?.[0] ?? text.length);
    segs.forEach(([col, src], k) => add(src, col, segs[k + 1]?.[0] ?? text.length));
    out.set('', (out.get('') ?? 0) + 1); // the newline
  });
  return out;
}

/** A source path as a reader wants it: from our package (src/…, rules/…) or from node_modules/<package>/…. */
function shortPath(p) {
  const ours = /massage-triage\/((?:src|rules)\/.*)$/.exec(p);
  if (ours) return ours[1];
  const i = p.lastIndexOf('node_modules/');
  return i >= 0 ? p.slice(i) : p.replace(/^(\.\.\/)+/, '');
}

async function bundle(name, contents, { resolveDir, loader = 'js', plugins = [] }) {
  // Split as an app's bundler splits: what a page loads first (the entry and the chunks it imports statically) is
  // counted apart from what it loads only through import() (json-rules-engine, for a rule the compiler does not model).
  const outdir = join(resolveDir, 'out');
  const r = await build({
    stdin: { contents, resolveDir, sourcefile: `${name}.entry.${loader}`, loader },
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    sourcemap: 'external',
    outdir,
    // The repository's tsconfig maps 'massage-triage' to src/ (for the tests); an app has no such mapping.
    tsconfigRaw: loader === 'ts' ? undefined : {},
    plugins: [onlyOurSourceMaps, ...plugins],
    logLevel: 'silent',
  });
  const outputs = r.metafile.outputs;
  const key = (abs) => relative(process.cwd(), abs);
  const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint !== undefined && k.endsWith('.js'));
  const initial = new Set();
  for (const stack = [entry]; stack.length > 0; ) {
    const k = stack.pop();
    if (initial.has(k)) continue;
    initial.add(k);
    for (const im of outputs[k].imports) if (im.kind === 'import-statement' && outputs[im.path]) stack.push(im.path);
  }
  const jsFiles = r.outputFiles.filter((f) => f.path.endsWith('.js'));
  const first = jsFiles.filter((f) => initial.has(key(f.path)));
  const lazy = jsFiles.filter((f) => !initial.has(key(f.path)));
  const gzipOf = (files) => files.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0);
  const minified = first.reduce((n, f) => n + f.contents.length, 0);
  const gz = gzipOf(first);
  const bySource = new Map();
  for (const f of first) {
    const map = JSON.parse(r.outputFiles.find((m) => m.path === `${f.path}.map`).text);
    for (const [path, bytes] of bytesBySource(f.text, map)) bySource.set(path, (bySource.get(path) ?? 0) + bytes);
  }
  const parts = new Map();
  for (const [path, bytes] of bySource) {
    const g = GROUPS.find(([, re]) => re.test(path))?.[0] ?? 'other (esbuild glue)';
    parts.set(g, (parts.get(g) ?? 0) + bytes);
  }
  const nodeImports = Object.keys(r.metafile.inputs).filter((p) => p.startsWith('node:'));
  const files = [...bySource]
    .filter(([path]) => path)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([path, bytes]) => ({ path: shortPath(path), minifiedKB: KB(bytes) }));
  return {
    name,
    minifiedKB: KB(minified),
    gzipKB: KB(gz),
    // Loaded only through import(), when a screening first needs it; each file gzipped as it is served.
    lazyGzipKB: KB(gzipOf(lazy)),
    nodeBuiltinsImported: nodeImports,
    // Which file of the package the bundler picked for 'massage-triage' (the exports map at work).
    resolvedEntry: Object.keys(r.metafile.inputs).map(shortPath).find((p) => /massage-triage\/dist\/index/.test(p)) ?? null,
    // gzip does not split by input; the gzip share is the minified share applied to the whole (an estimate).
    contributions: [...parts]
      .sort((a, b) => b[1] - a[1])
      .map(([group, bytes]) => ({ group, minifiedKB: KB(bytes), gzipKBApprox: KB((bytes / minified) * gz) })),
    largestInputs: files,
  };
}

/** `consumer`: a folder whose node_modules holds the package (see snapshotPackage); made from dist/ when omitted. */
export async function benchBundle({ consumer = snapshotPackage() } = {}) {
  const opts = { resolveDir: consumer };
  const core = await bundle('core (createScreener + parseIntake)', `export { createScreener, parseIntake } from 'massage-triage';`, opts);
  const withRules = await bundle('screen (with the default rule set)', `export { screen } from 'massage-triage';`, opts);
  const whole = await bundle('everything (import * as lib)', `import * as lib from 'massage-triage'; export default lib;`, opts);
  // The same core entry from the TypeScript sources, with the browser build's stub: a cross-check of the per-file
  // view, independent of dist and its source map.
  const coreSrc = await bundle('core, from src (per-file view)', `export { createScreener, parseIntake } from ${JSON.stringify(`${root}src/index.ts`)};`, {
    resolveDir: consumer,
    loader: 'ts',
    plugins: [engineShims],
  });
  // What the rules' prose weighs, gzipped on its own: every flag carries its rule's texts and references, so a
  // screening needs them at once (screen, screenSync); the rest of the rule is what the evaluation needs.
  const rulesFile = JSON.parse(readFileSync(`${root}rules/default.rules.json`, 'utf8'));
  const PROSE = new Set(['title', 'message', 'clientMessage', 'rationale', 'references', 'translations']);
  const part = (keep) => ({ ...rulesFile, rules: rulesFile.rules.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => keep(k)))) });
  const gzKB = (v) => KB(gzipSync(JSON.stringify(v), { level: 9 }).length);
  const rulesProse = {
    wholeGzipKB: gzKB(rulesFile),
    withoutProseGzipKB: gzKB(part((k) => !PROSE.has(k))),
    proseGzipKB: gzKB(rulesFile.rules.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => PROSE.has(k))))),
  };
  return {
    rulesProse,
    targetGzipKB: 40,
    targetScreenGzipKB: 55,
    resolvedEntry: core.resolvedEntry,
    entries: [core, withRules, whole],
    coreFromSource: { minifiedKB: coreSrc.minifiedKB, gzipKB: coreSrc.gzipKB, largestInputs: coreSrc.largestInputs },
    defaultRulesCostGzipKB: +(withRules.gzipKB - core.gzipKB).toFixed(1),
    coreWithinTarget: core.gzipKB <= 40,
    screenWithinTarget: withRules.gzipKB <= 55,
  };
}
