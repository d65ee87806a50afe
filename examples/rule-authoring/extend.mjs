/**
 * Extend the default rules with a clinic's own, and screen one client.
 *
 *   node examples/rule-authoring/extend.mjs
 *
 * The clinic's file is loaded and checked once (loadRuleSet throws a RuleSetError listing every problem with its
 * JSON path), then both sets run together. Rule ids must be unique across the sets.
 */
import { readFileSync } from 'node:fs';
import { BASELINE_INTAKE, createScreener, defaultRuleSet, loadRuleSet, withAnswers } from 'massage-triage';

const clinicRules = loadRuleSet(JSON.parse(readFileSync(new URL('./clinic.rules.json', import.meta.url), 'utf8')));

const screener = createScreener({
  rules: [defaultRuleSet(), clinicRules],
  // Rule ids to switch off, each checked to exist and listed in every result's audit. The clinic keeps all of its
  // own rules; to switch off a default rule, name its id here (`npx massage-triage rules list` shows them).
  disable: [],
});

// A 78-year-old client on a blood thinner, with controlled blood pressure.
const intake = withAnswers(BASELINE_INTAKE, {
  'client.dateOfBirth': '1948-03-02',
  'medications.anticoagulants': 'yes',
  'heart.bloodPressure': 'controlled',
});

const result = await screener.screen(intake, { at: '2026-12-01' });
if (!result.ok) {
  console.log('The intake does not validate:', result.issues.map((i) => i.pathString));
} else {
  console.log(`Disposition: ${result.disposition}`);
  for (const f of result.flags) console.log(`- ${f.ruleId}: ${f.title}`);
  console.log(`Pressure cap: ${result.modifications.pressureCap ?? 'none'}`);
  console.log(`Avoid: ${result.modifications.avoidTechniques.join(', ') || 'nothing'}`);
  console.log(`Rule sets: ${result.audit.ruleSets.map((s) => `${s.id}@${s.version}`).join(', ')}`);
}
