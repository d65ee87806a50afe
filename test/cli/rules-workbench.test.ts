/**
 * The rule author's workbench on the command line: fixtures that cannot pass by accident (`rules test` checks rule
 * ids and reports every problem of a file at once), coverage, and the impact of a change (`rules impact`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, run } from './helpers.js';

const EXAMPLE = 'examples/rule-authoring';
let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mt-workbench-'));
});

const fixture = (name: string, cases: unknown[]) => {
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify({ at: '2026-12-01', cases }, null, 2)}\n`);
  return file;
};

describe('rules test: fixtures that cannot pass by accident', () => {
  it('a misspelt id in doesNotFire is an error with "did you mean", exit 1 (it passed before)', async () => {
    const file = fixture('typo.fixtures.json', [
      { name: 'blood thinners', set: { 'medications.anticoagulants': 'yes' }, doesNotFire: ['clinic-no-cuping-blood-thinners'] },
    ]);
    const r = await run(['rules', 'test', '--extend', `${EXAMPLE}/clinic.rules.json`, file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/typo\.fixtures\.json:\d+:\d+: error: No loaded rule set has a rule "clinic-no-cuping-blood-thinners"; did you mean "clinic-no-cupping-blood-thinners"\? \(cases\[0\]\.doesNotFire\[0\]\) \[unknown_rule\]/);
  });

  it('a misspelt id in the default set is caught too', async () => {
    const file = fixture('typo-default.fixtures.json', [{ name: 'healthy', doesNotFire: ['clot-current-sign'] }]);
    const r = await run(['rules', 'test', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('did you mean "clot-current-signs"?');
  });

  it('ids of a rules file that was not loaded: says which file to pass with --extend', async () => {
    const r = await run(['rules', 'test', `${EXAMPLE}/clinic.fixtures.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`which was not loaded: pass --extend ${EXAMPLE}/clinic.rules.json`);
    const elsewhere = fixture('foreign.fixtures.json', [{ name: 'x', fires: ['acme-one', 'acme-two'] }]);
    const r2 = await run(['rules', 'test', elsewhere]);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toMatch(/no loaded rule starts with "acme-"\)\. If they are in another rules file, pass it with --extend FILE\./);
  });

  it('reports every problem at once in plain words, and still runs the well-formed cases', async () => {
    const file = fixture('shape.fixtures.json', [
      { nam: 'no name', fires: 'clot-current-signs' },
      { name: 'bad disposition', disposition: 'maybe' },
      { name: 'runs', set: { 'clots.legSigns': 'yes' }, fires: ['clot-current-signs'], doesNotFire: ['fever-acute-illnes'] },
    ]);
    const r = await run(['rules', 'test', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: `name` is missing. (cases[0].name) [invalid_fixture]');
    expect(r.stdout).toContain('error: `nam` is not a field here; did you mean `name`? (cases[0].nam) [invalid_fixture]');
    expect(r.stdout).toContain('error: `fires` should be a list. (cases[0].fires) [invalid_fixture]');
    expect(r.stdout).toMatch(/error: `disposition` should be one of "proceed", .*"refer-urgent"\. \(cases\[1\]\.disposition\)/);
    expect(r.stdout).toContain('did you mean "fever-acute-illness"?');
    expect(r.stdout).toContain('PASS runs');
    expect(r.stdout).not.toMatch(/expected string|received undefined/);
  });
});

describe('rules test --coverage', () => {
  it('the default set: every rule has a firing case and a near miss (100 %)', async () => {
    const r = await run(['rules', 'test', '--coverage', '--min-coverage', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/(\d+) of \1 rules have a firing case and a near miss: 100 %\./);
    expect(r.stdout).toMatch(/ok {3}clot-current-signs {2}fires: \d+, near misses: \d+/);
  });

  it('names what is missing and the comparisons no case made true; --min-coverage fails below the threshold', async () => {
    const file = fixture('thin.fixtures.json', [
      { name: 'leg signs', set: { 'clots.legSigns': 'yes' }, fires: ['clot-current-signs'] },
      { name: 'healthy', doesNotFire: ['fever-acute-illness'] },
    ]);
    const r = await run(['rules', 'test', '--coverage', '--min-coverage', '50', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISS clot-current-signs {2}fires: 1, near misses: 0 \(no near miss\)/);
    expect(r.stdout).toMatch(/MISS fever-acute-illness {2}fires: 0, near misses: 1 \(no case fires it\)/);
    expect(r.stdout).toMatch(/never true: illness\.feverOrAcuteIllness yesOrUnsure true {2}\(conditions\.all\[0\]\)/);
    expect(r.stdout).toMatch(/Coverage 0 % is below --min-coverage 50 %\./);
    const low = await run(['rules', 'test', '--min-coverage', '0', file]);
    expect(low.code).toBe(0);
  });

  it('--min-coverage takes a percentage', async () => {
    const r = await run(['rules', 'test', '--min-coverage', 'lots', join(FIXTURES, 'pass.fixtures.json')]);
    expect(r.code).toBe(2);
  });
});

describe('rules impact', () => {
  const args = ['rules', 'impact', '--from', `${EXAMPLE}/clinic.rules.json`, '--to', `${EXAMPLE}/clinic.v2.rules.json`, '--corpus', `${EXAMPLE}/intakes.ndjson`, '--at', '2026-12-01'];

  it('prints the from → to matrix, the changed intakes by line with the rules that explain them, and firing counts', async () => {
    const r = await run(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/from \\ to +proceed +modify/);
    expect(r.stdout).toMatch(/line \d+: proceed → modify {2}\+clinic-over-75-no-deep-tissue/);
    expect(r.stdout).toMatch(/clinic-over-75-no-deep-tissue {2}\d+ → \d+ \(\+\d+\)/);
  });

  it('--format json gives one document for pipelines', async () => {
    const r = await run([...args, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { intakes: number; matrix: Record<string, Record<string, number>>; changed: { line: number; nowFiring: string[] }[]; rules: { ruleId: string; from: number; to: number }[] };
    expect(doc.intakes).toBeGreaterThan(10);
    expect(doc.matrix.proceed!.modify).toBeGreaterThan(0);
    expect(doc.changed.every((c) => c.nowFiring.includes('clinic-over-75-no-deep-tissue'))).toBe(true);
    expect(doc.rules).toEqual([expect.objectContaining({ ruleId: 'clinic-over-75-no-deep-tissue' })]);
    const sum = Object.values(doc.matrix).flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0);
    expect(sum).toBe(doc.intakes);
  });

  it('a line that is not JSON counts as invalid on both sides; no answer is printed', async () => {
    const r = await run(['rules', 'impact', '--from', `${EXAMPLE}/clinic.rules.json`, '--to', `${EXAMPLE}/clinic.v2.rules.json`, '--corpus', '-', '--at', '2026-12-01', '--format', 'json'], {
      input: '{"secret": "Jane Doe"\n\n{"schemaVersion":"1"}\n',
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { intakes: number; matrix: { invalid: { invalid: number } } };
    expect(doc.intakes).toBe(2);
    expect(doc.matrix.invalid.invalid).toBe(2);
    expect(r.stdout + r.stderr).not.toContain('Jane');
  });

  it('needs --from, --to and --corpus', async () => {
    expect((await run(['rules', 'impact', '--from', `${EXAMPLE}/clinic.rules.json`])).code).toBe(2);
    expect((await run(['rules', 'impact', '--help'])).stdout).toContain('--corpus FILE');
  });
});
