// Vite config for the rule playground. Run from the repository root:
//   npx tsup && npx vite --config examples/rule-playground/vite.config.mjs
//   npx vite build --config examples/rule-playground/vite.config.mjs   (→ examples/rule-playground/dist/)
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
// The package's browser build (dist/index.browser.js), as a browser bundler resolving `massage-triage` from npm gets it.
const pkg = JSON.parse(readFileSync(`${repo}package.json`, 'utf8'));
const libraryBuild = `${repo}${pkg.exports['.'].browser.import.default.replace(/^\.\//, '')}`;

const requireLibraryBuild = {
  name: 'require-massage-triage-build',
  buildStart() {
    if (!existsSync(libraryBuild)) this.error(`${libraryBuild} is missing: run \`npx tsup\` in the repository root first.`);
  },
};

export default defineConfig({
  root: here,
  base: './',
  plugins: [requireLibraryBuild],
  resolve: {
    alias: [
      { find: /^massage-triage$/, replacement: libraryBuild },
      // The shipped schema, as `massage-triage/schemas/rules.schema.json` resolves from npm.
      { find: /^massage-triage\/schemas\/rules\.schema\.json$/, replacement: `${repo}schemas/rules.schema.json` },
    ],
  },
  build: { outDir: `${here}dist`, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1', fs: { allow: [repo] } },
  preview: { host: '127.0.0.1' },
});
