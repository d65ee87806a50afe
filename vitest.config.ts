import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const INCLUDE = 'test/**/*.test.ts';
/**
 * Test files that replace a module or a global (vi.mock, spies, fake timers, process.env, anything about a prototype)
 * run each in a fresh module graph. The others share their worker's loaded modules, file after file: loading the
 * library and its dependencies again for every file cost about 0.8 s of CPU per file.
 */
const TOUCHES_GLOBALS = /\bvi\.\w+\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|\bprototype\b|globalThis\.\w+\s*=[^=]/;
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const isolated = readdirSync(`${ROOT}test`, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/${f.replaceAll('\\', '/')}`)
  .filter((f) => TOUCHES_GLOBALS.test(readFileSync(`${ROOT}${f}`, 'utf8')));

export default defineConfig({
  resolve: {
    // Tests import the package by its name, as users do; it resolves to the source.
    alias: { 'massage-triage': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    // A test file per core. Vitest's default keeps one core free, which on two cores runs the files one at a time.
    maxWorkers: Math.max(2, availableParallelism()),
    // Generous: on two cores the browser tests share the CPU with another test file and the package checks.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      { extends: true, test: { name: 'isolated', include: isolated.length > 0 ? isolated : ['no-such-file'], isolate: true } },
      { extends: true, test: { name: 'shared', include: [INCLUDE], exclude: isolated, isolate: false } },
    ],
  },
});
