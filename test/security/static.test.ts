/**
 * The library's promises that can be read off its source: everything src/index.ts imports makes no network call,
 * writes nothing to the console or the standard streams, imports no `node:` module, and evaluates no code.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(new URL('../../src', import.meta.url).pathname);

/** The files src/index.ts reaches through relative imports, and each one's code with comments removed. */
function coreFiles(): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [join(SRC, 'index.ts')];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
    seen.set(file, code);
    for (const m of code.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.endsWith('.json')) continue;
      const base = resolve(dirname(file), spec.replace(/\.js$/, ''));
      const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(existsSync);
      if (target) queue.push(target);
    }
  }
  return seen;
}

describe('the core library (everything src/index.ts imports)', () => {
  const files = coreFiles();
  const offending = (re: RegExp) => [...files].filter(([, code]) => re.test(code)).map(([f]) => f.slice(SRC.length + 1));

  it('is found (the walk works)', () => {
    expect(files.size).toBeGreaterThan(15);
    expect([...files.keys()].some((f) => f.endsWith('rules/load.ts'))).toBe(true);
  });
  it('does not log or write to the standard streams', () => {
    expect(offending(/\bconsole\s*\.|process\s*\.\s*(stdout|stderr)/)).toEqual([]);
  });
  it('makes no network calls', () => {
    expect(offending(/\bfetch\s*\(|XMLHttpRequest|WebSocket|navigator\s*\.\s*sendBeacon|EventSource/)).toEqual([]);
  });
  it('imports no node: module', () => {
    expect(offending(/from\s+['"]node:|require\(\s*['"]node:|import\(\s*['"]node:/)).toEqual([]);
  });
  it('builds its schemas with zod/mini, so a browser bundle leaves zod classic out', () => {
    expect(offending(/from\s+['"]zod['"]/)).toEqual([]);
    expect(offending(/from\s+['"]zod\/locales['"]/)).toEqual(['intake/fields.ts']);
    expect([...files.values()].some((code) => /from\s+['"]zod\/mini['"]/.test(code))).toBe(true);
  });
  it('evaluates no code', () => {
    expect(offending(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/)).toEqual([]);
  });
});
