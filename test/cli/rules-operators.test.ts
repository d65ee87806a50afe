/** `--operators MODULE` (issue 24.4): the app's custom operators, known to `rules lint`, `rules test` and `schema rules`. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, run } from './helpers.js';

let dir: string;
const OPS = `export const operators = [{
  name: 'withinWeeks',
  description: 'A days-since fact is known and at most the value in weeks.',
  facts: ['number'],
  value: 'number',
  evaluate: (days, weeks) => typeof days === 'number' && typeof weeks === 'number' && days <= weeks * 7,
}];
`;
const RULES = {
  id: 'clinic',
  version: '1.0.0',
  description: 'A clinic set with a custom operator.',
  rules: [
    {
      id: 'clinic-fracture-12-weeks',
      title: 'Fracture in the last 12 weeks',
      category: 'bones',
      conditions: { all: [{ fact: 'bones', path: 'fracture', operator: 'yesOrUnsure', value: true }, { fact: 'derived', path: 'daysSinceFracture', operator: 'withinWeeks', value: 12 }] },
      outcome: { disposition: 'postpone', scope: 'systemic' },
      message: 'Recent fracture.',
      clientMessage: 'We will wait until your fracture has healed.',
      rationale: 'For the test.',
      references: [{ title: 'A source' }],
    },
  ],
};
const FIXTURE = {
  at: '2026-06-15',
  cases: [
    { name: '12 weeks fires', set: { 'bones.fracture': 'yes', 'bones.fractureDate': '2026-03-23', 'bones.fractureRegions': ['left-wrist'] }, fires: ['clinic-fracture-12-weeks'] },
    { name: 'a day more does not', set: { 'bones.fracture': 'yes', 'bones.fractureDate': '2026-03-22', 'bones.fractureRegions': ['left-wrist'] }, doesNotFire: ['clinic-fracture-12-weeks'] },
  ],
};

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mt-ops-'));
  writeFileSync(join(dir, 'ops.mjs'), OPS);
  writeFileSync(join(dir, 'bad-ops.mjs'), `export default [{ name: 'equal', description: 'x', facts: ['number'], value: 'number', evaluate: () => true }];\n`);
  writeFileSync(join(dir, 'not-a-list.mjs'), `export default { name: 'x' };\n`);
  writeFileSync(join(dir, 'clinic.rules.json'), JSON.stringify(RULES, null, 2));
  writeFileSync(join(dir, 'clinic.fixtures.json'), JSON.stringify(FIXTURE, null, 2));
});

describe('--operators', () => {
  it('rules lint: a rules file naming a custom operator is refused without the module and clean with it', async () => {
    const without = await run(['rules', 'lint', join(dir, 'clinic.rules.json')]);
    expect(without.code).toBe(1);
    expect(without.stdout).toMatch(/:\d+:\d+: error: Unknown operator "withinWeeks".*--operators.*\(rules\[0\]\.conditions\.all\[1\]\.operator\) \[unknown_operator\]/);
    const withOps = await run(['rules', 'lint', '--operators', join(dir, 'ops.mjs'), join(dir, 'clinic.rules.json')]);
    expect(withOps.stdout).toContain('ok (1 rule)');
    expect(withOps.code).toBe(0);
  });

  it('rules lint: a module with an invalid operator or no list is refused, naming the module', async () => {
    const bad = await run(['rules', 'lint', '--operators', join(dir, 'bad-ops.mjs'), join(dir, 'clinic.rules.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad-ops\.mjs: error: "equal" is a built-in operator.*\(operators\[0\]\.name\) \[duplicate_id\]/);
    const notList = await run(['rules', 'lint', '--operators', join(dir, 'not-a-list.mjs'), join(dir, 'clinic.rules.json')]);
    expect(notList.code).toBe(2);
    expect(notList.stderr).toContain('export the custom operators as a list');
    const missing = await run(['rules', 'lint', '--operators', join(dir, 'nope.mjs'), join(dir, 'clinic.rules.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('could not be imported');
  });

  it('rules test: the fixture cases run with the custom operator', async () => {
    const r = await run(['rules', 'test', '--operators', join(dir, 'ops.mjs'), '--extend', join(dir, 'clinic.rules.json'), join(dir, 'clinic.fixtures.json')]);
    expect(r.stdout).toContain('2 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  it('schema rules: offers the custom operator with its description', async () => {
    const r = await run(['schema', 'rules', '--operators', join(dir, 'ops.mjs')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('A days-since fact is known and at most the value in weeks.');
    const plain = await run(['schema', 'rules']);
    expect(plain.stdout).not.toContain('withinWeeks');
  });
});
