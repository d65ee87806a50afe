import type { RuleSetFile } from 'massage-triage';

type Rule = RuleSetFile['rules'][number];

/** A valid rule with everything a rule needs; override what the test is about. */
export function rule(id: string, conditions: unknown, outcome: Partial<Rule['outcome']> = {}, extra: Partial<Rule> = {}): Rule {
  return {
    id,
    title: `Rule ${id}`,
    category: 'test',
    conditions: conditions as Rule['conditions'],
    outcome: { disposition: 'modify', scope: 'systemic', ...outcome } as Rule['outcome'],
    message: `Therapist message of ${id}.`,
    clientMessage: `Client message of ${id}.`,
    rationale: 'For the test.',
    references: [{ key: 'T1', title: 'Test reference', url: 'https://example.org/ref' }],
    ...extra,
  };
}

/** A rule set of the given rules. */
export function ruleSet(rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'test-set', version: '1.0.0', description: 'Rules for a test.', rules, ...extra };
}

/** A leaf condition. */
export const leaf = (fact: string, path: string, operator: string, value: unknown) => ({ fact, path, operator, value });
