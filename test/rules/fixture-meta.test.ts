/**
 * The fixtures of the default rules try every way a rule fires: each enabled rule has a case that pins its whole
 * outcome, a firing case driven by "not sure" when it reads "not sure" as yes, a near miss that answers its own
 * questions, and a case on each side of every numeric threshold. Runs against whatever rules and fixtures exist, so
 * a new rule without such cases fails here; `npm run pin-fixtures` adds the pinned outcomes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet, type FixtureFile, type Rule } from 'massage-triage';
import { caseViews, fixtureGaps, isFullyPinned, loadFixtures, type LoadedFixture } from '../../scripts/fixture-analysis.js';
import { pinFixtures } from '../../scripts/pin-fixtures.js';
import { leaf, rule, ruleSet } from './helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const rules = loadRuleSet(JSON.parse(fs.readFileSync(path.join(ROOT, 'rules/default.rules.json'), 'utf8'))).rules;
const fixtures = loadFixtures(path.join(ROOT, 'rules/fixtures/default'));
const gaps = await fixtureGaps(rules, caseViews(fixtures));

/** The fixtures with every pinned outcome taken out, as before `pin-fixtures` ran. */
function unpinned(): Map<string, FixtureFile> {
  return new Map(
    fixtures.map(({ file, data }) => {
      const copy = structuredClone(data);
      for (const c of copy.cases) {
        delete c.outcomes;
        delete c.notSuggested;
      }
      return [file, copy];
    }),
  );
}
const asLoaded = (files: Map<string, FixtureFile>): LoadedFixture[] => [...files].map(([file, data]) => ({ file, data }));

describe('the default fixtures try every way a rule fires', () => {
  it('all fixture files are read', () => {
    expect(fixtures.length).toBe(fs.readdirSync(path.join(ROOT, 'rules/fixtures/default')).filter((f) => f.endsWith('.json')).length);
    expect(rules.filter((r) => r.enabled !== false).length).toBeGreaterThanOrEqual(40);
  });

  it('every enabled rule has a case that pins its whole outcome (npm run pin-fixtures adds them)', () => {
    expect(gaps.unpinned).toEqual([]);
  });

  it('every rule that reads "not sure" as yes has a firing case driven by "not sure"', () => {
    expect(gaps.unsureReaders).toBeGreaterThan(40);
    expect(gaps.unsure).toEqual([]);
  });

  it('every rule has a near miss that answers its own questions (not only the unchanged baseline)', () => {
    expect(gaps.nearMiss).toEqual([]);
  });

  it('every numeric threshold has a firing case at its edge and a near miss just past it', () => {
    expect(gaps.thresholds).toEqual([]);
  });
});

describe('the checks themselves can fail', () => {
  it('fixtures without their "not sure" cases, near misses or edge cases show the gaps', async () => {
    const views = caseViews(fixtures);
    const saddle = rules.find((r) => r.id === 'red-flag-saddle-numbness')!;
    const withoutUnsure = views.filter((v) => v.case.set?.['redFlags.saddleNumbness'] !== 'unsure');
    expect((await fixtureGaps([saddle], withoutUnsure)).unsure).toEqual(['red-flag-saddle-numbness']);
    const withoutNearMiss = views.filter((v) => !(v.case.doesNotFire ?? []).includes('red-flag-saddle-numbness'));
    expect((await fixtureGaps([saddle], withoutNearMiss)).nearMiss).toEqual(['red-flag-saddle-numbness']);
    const crisis = rules.find((r) => r.id === 'bp-crisis-with-symptoms')!;
    const withoutEdge = views.filter((v) => v.case.set?.['heart.systolic'] !== 180);
    expect((await fixtureGaps([crisis], withoutEdge)).thresholds.join('\n')).toContain('heart.systolic greaterThanInclusive 180');
  });

  it('a new rule with no cases has every gap', async () => {
    const fresh = loadRuleSet(
      ruleSet([rule('new-rule', { all: [leaf('heart', 'aneurysm', 'yesOrUnsure', true), leaf('heart', 'systolic', 'greaterThan', 150)] }, { pressureCap: 2 })]),
    ).rules;
    const g = await fixtureGaps(fresh, caseViews(fixtures));
    expect(g.unpinned).toEqual(['new-rule']);
    expect(g.unsure).toEqual(['new-rule']);
    expect(g.nearMiss).toEqual(['new-rule']);
    expect(g.thresholds).toHaveLength(1);
    // A disabled rule is not asked for cases.
    expect((await fixtureGaps(fresh.map((r): Rule => ({ ...r, enabled: false })), caseViews(fixtures))).unpinned).toEqual([]);
  });
});

describe('pin-fixtures', () => {
  it('re-pins every rule from the rules alone, the same way twice, and then has nothing left to do', () => {
    const a = unpinned();
    const b = unpinned();
    const first = pinFixtures(rules, a);
    const second = pinFixtures(rules, b);
    expect(first.noCase).toEqual([]);
    expect(first.pins.map((p) => p.ruleId)).toEqual(rules.filter((r) => r.enabled !== false).map((r) => r.id));
    expect([...a]).toEqual([...b]);
    const again = pinFixtures(rules, a);
    expect(again.pins).toEqual([]);
    expect(again.changed.size).toBe(0);
    const views = caseViews(asLoaded(a));
    for (const r of rules) expect(views.some((v) => isFullyPinned(r, v)), r.id).toBe(true);
  });

  it('keeps what a case already states and leaves fully pinned rules alone', () => {
    const files = new Map(fixtures.map(({ file, data }) => [file, structuredClone(data)]));
    const before = JSON.stringify([...files]);
    expect(pinFixtures(rules, files).pins).toEqual([]);
    expect(JSON.stringify([...files])).toBe(before);
  });

  it('pins a local rule in a case that names its regions', () => {
    const files = unpinned();
    pinFixtures(rules, files);
    const views = caseViews(asLoaded(files));
    for (const r of rules.filter((x) => x.outcome.scope === 'local')) {
      const pinned = views.find((v) => isFullyPinned(r, v));
      expect(pinned?.case.outcomes?.[r.id]?.scope, r.id).toBe('local');
      expect(pinned?.case.outcomes?.[r.id]?.regions?.length, r.id).toBeGreaterThan(0);
    }
  });
});
