import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The core entry: no Node-only API, runs in browsers.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
  },
  {
    // The command line: Node only, built on the public API.
    entry: { cli: 'src/cli/main.ts', 'batch-worker': 'src/cli/batch-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    external: ['massage-triage'],
  },
]);
