/** `massage-triage rules test` with fixture cases that state the outcome: mismatches are reported field by field. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, run } from './helpers.js';

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mt-rules-outcomes-'));
});

const fixture = (outcome: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    at: '2026-06-15',
    cases: [{ name: 'anticoagulants', set: { 'medications.anticoagulants': 'yes' }, fires: ['medication-anticoagulants'], outcomes: { 'medication-anticoagulants': outcome }, ...extra }],
  });

describe('rules test: stated outcomes', () => {
  it('a case whose outcome holds passes', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, fixture({ disposition: 'modify', scope: 'systemic', pressureCap: 2 }, { notSuggested: ['deep-tissue'] }));
    const r = await run(['rules', 'test', file]);
    expect(r.stdout).toContain('PASS anticoagulants');
    expect(r.code).toBe(0);
  });

  it('a misstated outcome fails with one line per field; exit 1', async () => {
    const file = join(dir, 'wrong.json');
    writeFileSync(file, fixture({ pressureCap: 3, positioning: ['side-lying'] }, { modifications: { pressureCap: null }, notSuggested: ['swedish'] }));
    const r = await run(['rules', 'test', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL anticoagulants');
    expect(r.stdout).toContain('outcome of "medication-anticoagulants": pressureCap expected 3, got 2');
    expect(r.stdout).toContain('outcome of "medication-anticoagulants": positioning expected side-lying, got (none)');
    expect(r.stdout).toContain('modifications.pressureCap: expected none, got 2');
    expect(r.stdout).toContain('notSuggested: "swedish" was suggested');
  });

  it('the default fixtures, with every outcome pinned, pass against the built CLI', async () => {
    const r = await run(['rules', 'test']);
    expect(r.stdout).not.toContain('FAIL');
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it('the build the CLI tests run is tied to its sources: a stamp names their fingerprint and the built files', () => {
    const stamp = join(ROOT, '.tmp', 'cli-test-build.json');
    if (!existsSync(stamp)) return expect(existsSync(join(ROOT, 'dist', 'cli.js'))).toBe(true);
    const s = JSON.parse(readFileSync(stamp, 'utf8')) as { sources: string; built: string[] };
    expect(s.sources).toMatch(/^[0-9a-f]{64}$/);
    expect(s.built.map((b) => b.split('@')[0])).toContain('dist/cli.js');
  });
});
