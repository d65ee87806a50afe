#!/usr/bin/env node
// `npm test`: every check of the package, run to the end whatever fails, with a summary of which parts passed.
//
// The parts: typecheck (src, tests, bench, scripts), build (dist/, once: the tests and the package check use it), the
// vitest suite, the package check (publint, attw) and the docs check (typedoc). They overlap where they can: the build
// and the typecheck start together; the suite and the package check start once dist/ is built; the docs check once the
// typecheck is done. On two cores the suite keeps both busy most of the time, and the smaller parts fill the gaps
// (its start, and the end, when only its last files run). A part that fails never stops the others: a machine without
// Chromium fails the browser tests, and still runs the package and docs checks.
//
// Output: the suite's own output as it runs; each other part's output once it ends, under its name; then one line per
// part and the totals. Exit status 1 when any part failed. test-results/parts.json lists the parts (for .ci/run).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** name → npm script, what must have finished first, and whether its output streams live. */
const PARTS = {
  typecheck: { script: 'typecheck', after: [] },
  build: { script: 'build', after: [] },
  vitest: { script: 'test:unit', after: ['build'], live: true },
  package: { script: 'check:package', after: ['build'] },
  docs: { script: 'check:docs', after: ['typecheck'] },
};

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  process.stdout.write(
    `test: Chromium was not found at ${chromium}: the browser tests (test/e2e) will fail. Install Debian's chromium ` +
      '(apt-get install chromium) or set CHROMIUM_PATH. The other parts run all the same.\n',
  );
}

const started = performance.now();
const results = {};
const done = {};

function run(name) {
  const part = PARTS[name];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(npm, ['run', '--silent', part.script], { cwd: root, stdio: part.live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    if (!part.live) {
      child.stdout.setEncoding('utf8').on('data', (d) => (output += d));
      child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
    }
    const finish = (code) => {
      const seconds = (performance.now() - t0) / 1000;
      results[name] = { ok: code === 0, exitCode: code, seconds: Number(seconds.toFixed(1)) };
      if (!part.live && output.trim() !== '') process.stdout.write(`\n── ${name} (npm run ${part.script}) ──\n${output.trimEnd()}\n`);
      process.stdout.write(`test: ${name} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s\n`);
      resolve();
    };
    child.on('error', () => finish(-1));
    child.on('close', finish);
  });
}

for (const name of Object.keys(PARTS)) {
  done[name] = (async () => {
    await Promise.all(PARTS[name].after.map((dep) => done[dep]));
    await run(name);
  })();
}
await Promise.all(Object.values(done));

const failed = Object.keys(PARTS).filter((n) => !results[n].ok);
const wall = (performance.now() - started) / 1000;
process.stdout.write(`\n${Object.keys(PARTS).map((n) => `  ${n.padEnd(10)}${results[n].ok ? 'passed' : 'FAILED'}  ${results[n].seconds.toFixed(1)} s`).join('\n')}\n`);
process.stdout.write(`test: ${Object.keys(PARTS).length - failed.length} of ${Object.keys(PARTS).length} parts passed${failed.length ? `; failed: ${failed.join(', ')}` : ''} (${wall.toFixed(0)} s)\n`);
mkdirSync(`${root}test-results`, { recursive: true });
writeFileSync(`${root}test-results/parts.json`, `${JSON.stringify({ seconds: Number(wall.toFixed(1)), parts: results }, null, 2)}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
