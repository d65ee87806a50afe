// Vite config for the form-builder example. Run from the repository root:
//   npx tsup && npx vite --config examples/form-builder/vite.config.mjs
//   npx vite build --config examples/form-builder/vite.config.mjs   (→ examples/form-builder/dist/)
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
// The file the package's `browser` export condition names (dist/index.browser.js), as a browser bundler resolving
// `massage-triage` from npm gets it: json-rules-engine bundled in, without jsonpath-plus.
const pkg = JSON.parse(readFileSync(`${repo}package.json`, 'utf8'));
const libraryBuild = `${repo}${pkg.exports['.'].browser.import.default.replace(/^\.\//, '')}`;

/** Fail with a clear message, not a resolve error, when the library has not been built yet. */
const requireLibraryBuild = {
  name: 'require-massage-triage-build',
  buildStart() {
    if (!existsSync(libraryBuild)) this.error(`${libraryBuild} is missing: run \`npx tsup\` in the repository root first.`);
  },
};

export default defineConfig({
  root: here,
  // Relative asset URLs, so the built page works from any folder or static host.
  base: './',
  plugins: [requireLibraryBuild, react()],
  resolve: {
    // The page imports the library by its package name, as an app does; here that name is the repository's real
    // browser build (the ESM file a browser bundler gets from npm), not the TypeScript source.
    alias: [{ find: /^massage-triage$/, replacement: libraryBuild }],
  },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    // The page is a demo: one readable chunk is fine.
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', fs: { allow: [repo] } },
  preview: { host: '127.0.0.1' },
});
