/**
 * The layers of src/: every import points down the layer order, or stays inside its own folder. A module that
 * imported from a layer above would make the lower layer depend on everything the higher one does (the fixture
 * format on the screener, the technique advice on the screening result), and the order would stop saying what can
 * change without touching what.
 *
 * Imports are read with TypeScript's own pre-processor (`ts.preProcessFile`): static imports, `export … from`,
 * `import type` and dynamic `import()` alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Lowest first. A module may import from its own rank or below. Folders of one rank are one layer. */
const LAYERS: readonly (readonly string[])[] = [
  ['intake'],
  ['rules'],
  ['techniques'],
  ['screening'],
  ['interop', 'bodymap', 'services'],
  ['index.ts'], // the public entry: everything the package exports
  ['cli'], // the command line uses the package through its public entry ('massage-triage')
];

/** Leaves: anyone may import them, and they import nothing from src/. */
const LEAVES = ['engine-shims', 'version.ts'];

/**
 * Imports that break the order and are kept on purpose, each with its reason: `from → to` as paths under src/.
 * Empty: prefer fixing a violation to listing it here.
 */
const KNOWN_EXCEPTIONS: Readonly<Record<string, string>> = {};

const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts')).map((f) => f.split('\\').join('/'));

/** The first path segment under src/: the folder, or the file itself for a top-level file. */
const unitOf = (file: string) => file.split('/')[0]!;
const rankOf = (unit: string) => LAYERS.findIndex((layer) => layer.includes(unit));

/** The src/-relative file an import names, or undefined when it leaves src/ (a package, node:, a data file). */
function target(from: string, spec: string): string | undefined {
  if (spec === 'massage-triage') return 'index.ts';
  if (!spec.startsWith('.')) return undefined;
  const path = relative(SRC, resolve(SRC, dirname(from), spec)).split('\\').join('/');
  if (path.startsWith('..')) return undefined;
  return path.replace(/\.js$/, '.ts');
}

const imports = files.flatMap((from) =>
  ts
    .preProcessFile(readFileSync(join(SRC, from), 'utf8'), true, true)
    .importedFiles.map((i) => target(from, i.fileName))
    .filter((to): to is string => to !== undefined)
    .map((to) => ({ from, to })),
);

function violation({ from, to }: { from: string; to: string }): string | undefined {
  const [a, b] = [unitOf(from), unitOf(to)];
  if (LEAVES.includes(a)) return a === b ? undefined : `${from} → ${to}: ${a} is a leaf and imports nothing from src/`;
  if (LEAVES.includes(b) || a === b) return undefined;
  if (rankOf(b) <= rankOf(a)) return undefined;
  return `${from} → ${to}: ${a} (layer ${rankOf(a)}) imports from ${b} (layer ${rankOf(b)}), a layer above`;
}

describe('the layers of src/', () => {
  it('every folder and top-level file of src/ has a place in the order', () => {
    const units = [...new Set(files.map(unitOf))];
    expect(units.filter((u) => rankOf(u) < 0 && !LEAVES.includes(u))).toEqual([]);
  });

  it('reads the imports (a sanity check on the parser: screening imports rules, the CLI imports the package)', () => {
    expect(imports).toContainEqual({ from: 'screening/fixtures.ts', to: 'rules/fixtures.ts' });
    expect(imports.some((i) => i.from.startsWith('cli/') && i.to === 'index.ts')).toBe(true);
    expect(imports.length).toBeGreaterThan(100);
  });

  it('every import points down the order or stays in its own folder; the known exceptions are exactly those listed', () => {
    const found = imports.flatMap((i) => violation(i) ?? []);
    const unexpected = found.filter((v) => !(v.split(':')[0]! in KNOWN_EXCEPTIONS));
    expect(unexpected).toEqual([]);
    // An exception that no longer happens is removed from the list, so the list stays true.
    const stale = Object.keys(KNOWN_EXCEPTIONS).filter((k) => !found.some((v) => v.split(':')[0] === k));
    expect(stale).toEqual([]);
  });

  it('flags an upward import (the check itself can fail)', () => {
    expect(violation({ from: 'rules/fixtures.ts', to: 'screening/screener.ts' })).toMatch(/a layer above/);
    expect(violation({ from: 'techniques/suggest.ts', to: 'screening/types.ts' })).toMatch(/a layer above/);
    expect(violation({ from: 'version.ts', to: 'intake/schema.ts' })).toMatch(/leaf/);
    expect(violation({ from: 'services/services.ts', to: 'interop/shared.ts' })).toBeUndefined();
    expect(violation({ from: 'screening/engine.ts', to: 'engine-shims/jsonpath-plus.ts' })).toBeUndefined();
  });
});
