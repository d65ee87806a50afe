import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRuleSet, defaultRuleSet, loadRuleSet, VERSION } from 'massage-triage';
import { DEFAULT_RULES_MODULE, generatedSchemas, renderCatalogMarkdown, renderDefaultRulesModule } from '../scripts/generated.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

describe('files generated from the code are up to date (run `npm run generate` when this fails)', () => {
  it.each(Object.entries(generatedSchemas()))('%s', (file, json) => {
    expect(JSON.parse(read(file))).toEqual(json);
  });

  it('rules/CATALOG.md', () => {
    expect(read('rules/CATALOG.md')).toBe(renderCatalogMarkdown());
  });

  it(DEFAULT_RULES_MODULE, () => {
    expect(read(DEFAULT_RULES_MODULE)).toBe(renderDefaultRulesModule());
  });

  it('defaultRuleSet(), loaded without checking, is exactly what loadRuleSet gives for rules/default.rules.json', () => {
    const checked = loadRuleSet(JSON.parse(read('rules/default.rules.json')));
    const bundled = defaultRuleSet();
    expect(bundled).toEqual(checked);
    expect(bundled.hash).toBe(checked.hash);
    // Known to this copy of the library as loaded: handed back as it is, not checked again.
    const again = checkRuleSet(bundled);
    expect(again.ok && again.ruleSet).toBe(bundled);
    expect(Object.isFrozen(bundled.rules[0]!.conditions)).toBe(true);
  });

  it('the library version equals package.json', () => {
    expect(VERSION).toBe(JSON.parse(read('package.json')).version);
  });
});
