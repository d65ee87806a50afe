/**
 * The dependency audit (`scripts/audit-runtime.mjs`, run by .ci/run) fails the build when a tracked runtime
 * package is below its safe version, in the lockfile or installed. Run against temporary lockfiles with
 * `--lockfile PATH --no-registry`, so the result does not depend on the registry.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../scripts/audit-runtime.mjs', import.meta.url).pathname;
const LOCK = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Run the audit on a copy of the real lockfile with `edit` applied; optionally with installed package.json files. */
function audit(edit: (packages: Record<string, Record<string, unknown>>) => void, installed: Record<string, string> = {}, extraArgs: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'mt-audit-'));
  dirs.push(dir);
  const lock = structuredClone(LOCK);
  edit(lock.packages);
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
  for (const [path, version] of Object.entries(installed)) {
    mkdirSync(join(dir, path), { recursive: true });
    writeFileSync(join(dir, path, 'package.json'), JSON.stringify({ name: path.split('node_modules/').pop(), version }));
  }
  const r = spawnSync(process.execPath, [SCRIPT, '--lockfile', join(dir, 'package-lock.json'), '--no-registry', ...extraArgs], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
const setVersion = (name: string, version: string) => (p: Record<string, Record<string, unknown>>) => {
  p[`node_modules/${name}`] = { ...(p[`node_modules/${name}`] ?? {}), version };
  delete p[`node_modules/${name}`]!.dev;
};

describe('audit-runtime.mjs', () => {
  it('passes on the project lockfile', () => {
    const r = audit(() => undefined);
    expect(r.out).toContain('0 problems');
    expect(r.status).toBe(0);
  });
  it.each([
    ['jsonpath-plus', '10.2.0'],
    ['jsonpath-plus', '9.0.0'],
    ['jsonpath-plus', '10.3.0-rc.1'],
    ['json-rules-engine', '7.3.0'],
    ['json-rules-engine', '6.5.0'],
    ['jsonpath-plus', 'not-a-version'],
  ])('fails when %s is %s', (name, version) => {
    const r = audit(setVersion(name, version));
    expect(r.status).toBe(1);
    expect(r.out).toContain(`${name}@${version}`);
  });
  it('fails on a vulnerable copy nested under another package', () => {
    const r = audit((p) => {
      p['node_modules/some-lib/node_modules/jsonpath-plus'] = { version: '10.1.0' };
    });
    expect(r.status).toBe(1);
    expect(r.out).toContain('node_modules/some-lib/node_modules/jsonpath-plus');
  });
  it('fails when the installed copy is older than the lockfile says', () => {
    const r = audit(() => undefined, { 'node_modules/jsonpath-plus': '10.0.0' });
    expect(r.status).toBe(1);
    expect(r.out).toContain('installed');
  });
  it('ignores dev-only packages, passes safe and newer versions', () => {
    expect(audit((p) => (p['node_modules/x/node_modules/jsonpath-plus'] = { version: '1.0.0', dev: true })).status).toBe(0);
    expect(audit(setVersion('jsonpath-plus', '10.3.0')).status).toBe(0);
    expect(audit(setVersion('json-rules-engine', '8.0.0')).status).toBe(0);
  });
  it('fails on an unreadable lockfile and exits 2 on a bad argument', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mt-audit-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'package-lock.json'), '{ not json');
    expect(spawnSync(process.execPath, [SCRIPT, '--lockfile', join(dir, 'package-lock.json'), '--no-registry']).status).toBe(1);
    expect(spawnSync(process.execPath, [SCRIPT, '--bogus']).status).toBe(2);
  });
});
