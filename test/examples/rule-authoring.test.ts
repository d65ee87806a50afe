/**
 * The rule-authoring example: a clinic's own rules file extends the default set, and its fixtures pass.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createScreener, defaultRuleSet, fixtureFileSchema, loadRuleSet, runFixtures, BASELINE_INTAKE, withAnswers } from 'massage-triage';
import { ensureBuilt } from '../cli/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}examples/rule-authoring/`;
const readJson = (file: string): unknown => JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));

describe('rule-authoring example', () => {
  it('the clinic file loads and every rule has references and both messages', () => {
    const set = loadRuleSet(readJson('clinic.rules.json'));
    expect(set.id).toBe('riverside-clinic');
    expect(set.rules.length).toBeGreaterThanOrEqual(2);
    for (const r of set.rules) {
      expect(r.references.length).toBeGreaterThan(0);
      expect(r.message.length).toBeGreaterThan(20);
      expect(r.clientMessage.length).toBeGreaterThan(20);
      // A clinic rule adds restrictions; none may say "proceed".
      expect(r.outcome.disposition).not.toBe('proceed');
    }
    expect((readJson('clinic.rules.json') as { $schema: string }).$schema).toBe('../../schemas/rules.schema.json');
  });

  it('its rule ids do not collide with the default set', () => {
    const defaults = new Set(defaultRuleSet().rules.map((r) => r.id));
    for (const r of loadRuleSet(readJson('clinic.rules.json')).rules) expect(defaults.has(r.id)).toBe(false);
  });

  it('combined with the default set, every fixture passes, and each rule has a case that fires and one that does not', async () => {
    const clinic = loadRuleSet(readJson('clinic.rules.json'));
    const screener = createScreener({ rules: [defaultRuleSet(), clinic] });
    const file = fixtureFileSchema.parse(readJson('clinic.fixtures.json'));
    const reports = await runFixtures(screener, file);
    expect(reports.filter((r) => !r.passed)).toEqual([]);
    for (const rule of clinic.rules) {
      expect(file.cases.some((c) => c.fires?.includes(rule.id))).toBe(true);
      expect(file.cases.some((c) => c.doesNotFire?.includes(rule.id))).toBe(true);
    }
  });

  it('the clinic rules make the result more restrictive, never less (the default flags all stay)', async () => {
    const intake = withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'yes', 'client.dateOfBirth': '1948-03-02' });
    const plain = await createScreener({ rules: defaultRuleSet() }).screen(intake, { at: '2026-12-01' });
    const extended = await createScreener({ rules: [defaultRuleSet(), readJson('clinic.rules.json')] }).screen(intake, { at: '2026-12-01' });
    if (!plain.ok || !extended.ok) throw new Error('the intake should validate');
    const extendedIds = extended.flags.map((f) => f.ruleId);
    for (const f of plain.flags) expect(extendedIds).toContain(f.ruleId);
    expect(extendedIds).toContain('clinic-over-75-no-deep-tissue');
    expect(extended.modifications.avoidTechniques).toContain('deep-tissue');
    expect(extended.modifications.avoidTechniques).toContain('cupping');
    expect(extended.audit.ruleSets.map((s) => s.id)).toEqual(['massage-triage-default', 'riverside-clinic']);
  });

  it('extend.mjs runs as a user runs it (against the built package) and prints the clinic flags', () => {
    const out = execFileSync(process.execPath, ['examples/rule-authoring/extend.mjs'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('clinic-over-75-no-deep-tissue');
    expect(out).toContain('riverside-clinic@1.0.0');
  });
});

// The CLI is the rule author's everyday tool: run the README's commands with the built CLI (dist/cli.js is what
// `npx massage-triage` runs once the package is installed).
const cli = `${root}dist/cli.js`;
// Built (if need be) while the file loads, before any of its tests: those that run the built package or CLI always
// run, never skipped for want of a build.
await ensureBuilt();

describe('rule-authoring example with the CLI', () => {
  it('`massage-triage rules lint clinic.rules.json` exits 0', () => {
    const r = spawnSync(process.execPath, [cli, 'rules', 'lint', 'examples/rule-authoring/clinic.rules.json'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr + r.stdout).not.toMatch(/error/i);
    expect(r.stdout).toContain('ok (3 rules)');
    expect(r.status).toBe(0);
  });

  it('`massage-triage rules test --extend clinic.rules.json clinic.fixtures.json` exits 0', () => {
    const r = spawnSync(
      process.execPath,
      [cli, 'rules', 'test', '--extend', 'examples/rule-authoring/clinic.rules.json', 'examples/rule-authoring/clinic.fixtures.json'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stdout).toMatch(/11 passed, 0 failed/);
    expect(r.status).toBe(0);
  });

  it('the CLI fails a fixture file that expects the wrong thing (so the exit code means something)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mt-fixtures-'));
    try {
      const wrong = join(tmp, 'wrong.fixtures.json');
      const cases = [{ name: 'a healthy adult wrongly expected to trip the age policy', fires: ['clinic-over-75-no-deep-tissue'] }];
      writeFileSync(wrong, JSON.stringify({ at: '2026-12-01', cases }));
      const r = spawnSync(process.execPath, [cli, 'rules', 'test', '--extend', 'examples/rule-authoring/clinic.rules.json', wrong], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(r.status).not.toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
