// One cold start: import the library (dist/index.js, or the file given), build the default screener, screen one
// intake. Prints its own split (ms).
import { pathToFileURL } from 'node:url';

const t0 = performance.now();
const lib = await import(process.argv[2] ? pathToFileURL(process.argv[2]).href : new URL('../dist/index.js', import.meta.url).href);
const t1 = performance.now();
const screener = lib.createScreener({ rules: lib.defaultRuleSet() });
const t2 = performance.now();
const r = await screener.screen(lib.BASELINE_INTAKE, { at: '2026-12-01' });
const t3 = performance.now();
if (!r.ok) process.exit(2);
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1, firstScreenMs: t3 - t2, sinceProcessStartMs: t3, cpuMs: (cpu.user + cpu.system) / 1000 }));
