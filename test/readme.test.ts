import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRuleSet, createScreener, defaultRuleSet, fixtureFileSchema, runFixtures } from 'massage-triage';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const jsonBlocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);

describe('the README', () => {
  it('shows a complete rules file that loads', () => {
    const rules = jsonBlocks.find((b) => 'rules' in b);
    expect(rules).toBeDefined();
    const r = checkRuleSet(rules);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('shows a fixture file in the fixture format', () => {
    const fixtures = jsonBlocks.find((b) => 'cases' in b);
    expect(fixtureFileSchema.safeParse(fixtures).success).toBe(true);
  });

  it('its fixtures pass against its rules added to the default set', async () => {
    const screener = createScreener({ rules: [defaultRuleSet(), jsonBlocks.find((b) => 'rules' in b)] });
    const reports = await runFixtures(screener, fixtureFileSchema.parse(jsonBlocks.find((b) => 'cases' in b)));
    expect(reports.filter((r) => !r.passed)).toEqual([]);
    expect(reports.length).toBe(2);
  });

  it('quick start is two commands: the demo and the tests', () => {
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toContain('npm test ');
  });
});
