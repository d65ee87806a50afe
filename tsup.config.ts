import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

// json-rules-engine imports jsonpath-plus for its default path resolver, which we never use: every engine gets our
// dot-path resolver. It also extends eventemitter2's emitter, of which it calls only `on` and `emitAsync`. A
// consumer's bundler cannot drop either (the engine is CommonJS and imports them statically), so the browser build
// bundles the engine itself and puts our small stand-ins in their place (src/engine-shims/, which say why each is safe).
const shim = (name: string) => fileURLToPath(new URL(`./src/engine-shims/${name}.ts`, import.meta.url));
const SHIMS: Record<string, string> = { 'jsonpath-plus': shim('jsonpath-plus'), eventemitter2: shim('eventemitter2') };
const withShims: Plugin = {
  name: 'massage-triage:engine-shims',
  setup(build) {
    build.onResolve({ filter: /^(jsonpath-plus|eventemitter2)(\/.*)?$/ }, (args) => ({ path: SHIMS[args.path.split('/')[0]!]! }));
  },
};
// The bundled dependencies' own source maps are left out: hash-it's names sources outside its package
// (node_modules/src/hash.ts), so our map would point at files that do not exist. Their built code is mapped as it is.
const withoutDependencyMaps: Plugin = {
  name: 'massage-triage:no-dependency-source-maps',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/gm, ''),
      loader: 'js',
    }));
  },
};

export default defineConfig([
  {
    // The core entry: no Node-only API, runs in browsers. zod is bundled in (only the parts we use): every entry zod
    // exports (zod/mini, zod/v4/mini, zod/v4/core) re-exports all 65 of its locales, which Node, unlike a bundler,
    // loads one file at a time on every cold start. Two copies of zod work together: its global config and registry
    // live on globalThis, and its `instanceof` checks read traits, not classes. The types still come from the zod
    // package, a dependency as before.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
    noExternal: [/^zod($|\/)/],
    banner: { js: '/*! massage-triage. Bundles parts of zod (MIT): see THIRD-PARTY-NOTICES.md. */' },
    esbuildPlugins: [withoutDependencyMaps],
  },
  {
    // The core entry for browser bundlers (the package's `browser` export condition): json-rules-engine and its
    // small dependencies bundled in, jsonpath-plus and eventemitter2 replaced by our stand-ins. zod and ts-pattern
    // stay external, so an app that uses them too gets one copy. Types are the same as dist/index.d.ts.
    entry: { 'index.browser': 'src/index.ts' },
    format: ['esm'],
    sourcemap: true,
    treeshake: true,
    target: 'es2022',
    platform: 'browser',
    noExternal: ['json-rules-engine', 'hash-it', 'clone'],
    banner: { js: '/*! massage-triage browser build. Bundles json-rules-engine (ISC), hash-it and clone (MIT): see THIRD-PARTY-NOTICES.md. */' },
    esbuildPlugins: [withShims, withoutDependencyMaps],
  },
  {
    // The command line: Node only, built on the public API.
    entry: { cli: 'src/cli/bin.ts', 'batch-worker': 'src/cli/batch-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    external: ['massage-triage'],
  },
]);
