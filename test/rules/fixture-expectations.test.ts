/**
 * Fixture cases that state the clinical outcome: a rule's own outcome, the merged modifications and the techniques
 * not suggested. Each mismatch is reported field by field; a case that holds passes.
 */
import { describe, expect, it } from 'vitest';
import { createScreener, defaultRuleSet, fixtureFileSchema, loadRuleSet, runFixtures, type FixtureFile } from 'massage-triage';
import { ruleSet } from './helpers.js';

const screener = createScreener({ rules: defaultRuleSet() });
const AT = '2026-06-15';
const anticoagulants = { 'medications.anticoagulants': 'yes' };
const DEEP = ['deep-tissue', 'trigger-point', 'neuromuscular', 'cupping', 'instrument-assisted', 'friction', 'percussion'] as const;
const rule = defaultRuleSet().rules.find((r) => r.id === 'medication-anticoagulants')!;

async function run(c: FixtureFile['cases'][number]) {
  const [report] = await runFixtures(screener, { at: AT, cases: [c] });
  expect(report).toBeDefined();
  return report!;
}

describe('fixture cases that state the outcome', () => {
  it('pass when the rule outcome, the modifications and the suggestions are as stated', async () => {
    expect(rule.outcome.pressureCap).toBe(2);
    const r = await run({
      name: 'anticoagulants pinned',
      set: anticoagulants,
      fires: ['medication-anticoagulants'],
      outcomes: {
        'medication-anticoagulants': {
          disposition: 'modify',
          scope: 'systemic',
          regions: [],
          pressureCap: 2,
          avoidRegions: [],
          avoidTechniques: [...(rule.outcome.avoidTechniques ?? [])].reverse(),
          positioning: [],
        },
      },
      modifications: { pressureCap: 2, avoidTechniques: ['deep-tissue'] },
      notSuggested: ['deep-tissue'],
    });
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it('report every mismatch field by field', async () => {
    const r = await run({
      name: 'anticoagulants misstated',
      set: anticoagulants,
      outcomes: { 'medication-anticoagulants': { disposition: 'clearance-required', pressureCap: 3, avoidTechniques: ['deep-tissue'], positioning: ['seated-or-reclined'] } },
      modifications: { pressureCap: null, avoidRegions: ['left-wrist'], positioning: ['side-lying'] },
      notSuggested: ['swedish'],
    });
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([
      'outcome of "medication-anticoagulants": disposition expected clearance-required, got modify',
      'outcome of "medication-anticoagulants": pressureCap expected 3, got 2',
      `outcome of "medication-anticoagulants": avoidTechniques expected deep-tissue, got ${(rule.outcome.avoidTechniques ?? []).join(', ')}`,
      'outcome of "medication-anticoagulants": positioning expected seated-or-reclined, got (none)',
      'modifications.pressureCap: expected none, got 2',
      'modifications.avoidRegions: expected to include left-wrist; got (none)',
      'modifications.positioning: expected to include side-lying; got (none)',
      'notSuggested: "swedish" was suggested',
    ]);
  });

  it('fail when a stated rule does not fire, and check regional caps and regions of a local rule', async () => {
    const missing = await run({ name: 'not fired', outcomes: { 'medication-anticoagulants': { pressureCap: 2 } } });
    expect(missing.failures).toEqual(['outcome of "medication-anticoagulants": expected it to fire; it did not']);
    const local = {
      'cancer.status': 'history',
      'cancer.lymphNodesRemoved': 'yes',
      'cancer.lymphNodeRegions': ['left-axilla'],
    };
    const ok = await run({
      name: 'lymph nodes',
      set: local,
      outcomes: { 'cancer-lymph-nodes': { scope: 'local', pressureCap: 2 } },
      modifications: { regionalPressureCaps: { 'left-axilla': 2, 'right-axilla': 3 } },
    });
    expect(ok.failures).toEqual([]);
    const wrong = await run({
      name: 'lymph nodes misstated',
      set: local,
      outcomes: { 'cancer-lymph-nodes': { scope: 'systemic', regions: ['right-axilla'] } },
      modifications: { regionalPressureCaps: { 'left-axilla': 1 } },
    });
    expect(wrong.failures[0]).toBe('outcome of "cancer-lymph-nodes": scope expected systemic, got local');
    expect(wrong.failures[1]).toMatch(/^outcome of "cancer-lymph-nodes": regions expected right-axilla, got .*left-axilla/);
    expect(wrong.failures[2]).toBe('modifications.regionalPressureCaps.left-axilla: expected 1, got 2');
    expect(wrong.failures).toHaveLength(3);
  });

  it('the fixture format refuses values outside the vocabulary', () => {
    const bad = fixtureFileSchema.safeParse({
      at: AT,
      cases: [{ name: 'x', outcomes: { r: { pressureCap: 6, avoidTechniques: ['deep-tisue'] } }, notSuggested: ['massage'] }],
    });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(bad.error.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['cases.0.outcomes.r.pressureCap', 'cases.0.outcomes.r.avoidTechniques.0', 'cases.0.notSuggested.0']),
    );
  });

  it('a rule whose cap was removed fails its pinned case', async () => {
    const edited = structuredClone(defaultRuleSet().rules).map((r) => (r.id === rule.id ? { ...r, outcome: { ...r.outcome, pressureCap: undefined, avoidTechniques: [] } } : r));
    const s = createScreener({ rules: loadRuleSet(ruleSet(edited.map((r) => JSON.parse(JSON.stringify(r)) as unknown))) });
    const [r] = await runFixtures(s, {
      at: AT,
      cases: [{ name: 'pinned', set: anticoagulants, outcomes: { [rule.id]: { pressureCap: 2, avoidTechniques: [...DEEP] } }, notSuggested: ['deep-tissue'] }],
    });
    expect(r?.passed).toBe(false);
    expect(r?.failures).toEqual([
      `outcome of "${rule.id}": pressureCap expected 2, got none`,
      `outcome of "${rule.id}": avoidTechniques expected ${DEEP.join(', ')}, got (none)`,
      'notSuggested: "deep-tissue" was suggested',
    ]);
  });
});
