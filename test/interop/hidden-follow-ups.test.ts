/**
 * Follow-ups the default rules read whatever their trigger says (issue 21, finding 9). A form renderer drops the
 * answer to an item its `enableWhen` hides when the form is saved (LHC-Forms does: test/e2e/lforms-roundtrip.test.ts),
 * so a follow-up whose answer alone changes the disposition must be asked without `enableWhen`, or the same client
 * screens differently after a round trip. This test finds every such follow-up with the default rules — its trigger
 * left as BASELINE_INTAKE answers it ("no", "none"), the follow-up given each value from a grid over its type — and
 * checks that `ALWAYS_ASKED_FOLLOW_UPS` lists exactly those, so that a rule edit cannot reopen the hole unnoticed.
 */
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_ASKED_FOLLOW_UPS,
  BASELINE_INTAKE,
  FOLLOW_UPS,
  createScreener,
  defaultRuleSet,
  isFollowUpRelevant,
  parseIntake,
  toFhirQuestionnaire,
  withAnswers,
  type FhirQuestionnaireItem,
} from 'massage-triage';

const AT = '2026-06-15';

/** Every item of the Questionnaire, groups and nested items included. */
function items(list: readonly FhirQuestionnaireItem[] = toFhirQuestionnaire().item ?? []): FhirQuestionnaireItem[] {
  return list.flatMap((i) => [i, ...items(i.item ?? [])]);
}
const byLinkId = new Map(items().map((i) => [i.linkId, i]));

/** `days` days before the appointment, as YYYY-MM-DD. */
function daysBefore(days: number): string {
  const d = new Date(`${AT}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
const DATES = [0, 1, 2, 3, 5, 7, 10, 14, 21, 28, 35, 42, 56, 70, 84, 90, 120, 180, 270, 365, 540, 730, 1095, 1825, 3650].map(daysBefore);

/**
 * The values a follow-up is tried with, from its Questionnaire item: each option (and all of a list's options at
 * once), a grid over a number's range (every whole number, and the halves for a decimal), dates from the appointment
 * day back ten years, a text, both checkbox states.
 */
function valuesOf(item: FhirQuestionnaireItem): unknown[] {
  const bound = (name: string) => {
    const e = item.extension?.find((x) => x.url.endsWith(`/${name}`));
    return e?.valueInteger ?? e?.valueDecimal;
  };
  switch (item.type) {
    case 'choice':
    case 'open-choice': {
      const codes = (item.answerOption ?? []).map((o) => o.valueCoding!.code!);
      return item.repeats ? [...codes.map((c) => [c]), codes] : codes;
    }
    case 'integer':
    case 'decimal': {
      const min = bound('minValue') ?? 0;
      const max = bound('maxValue') ?? 100;
      const step = item.type === 'decimal' ? 0.5 : 1;
      const out: number[] = [];
      for (let v = min; v <= max; v += step) out.push(v);
      return out;
    }
    case 'date':
      return DATES;
    case 'boolean':
      return [true, false];
    default:
      return ['see my notes'];
  }
}

const screener = createScreener({ rules: defaultRuleSet() });
async function dispositionOf(answers: unknown): Promise<string | undefined> {
  const parsed = parseIntake(answers);
  if (!parsed.ok) return undefined; // a value the intake refuses is not a client's answer
  const r = await screener.screen(parsed.data, { at: AT });
  expect(r.ok).toBe(true);
  return r.ok ? r.disposition : undefined;
}

/** The follow-ups whose answer alone, with the trigger answered as BASELINE_INTAKE answers it, changes the disposition. */
async function followUpsReadWithoutTheirTrigger(): Promise<Map<string, string>> {
  const baseline = await dispositionOf(BASELINE_INTAKE);
  const found = new Map<string, string>();
  for (const path of Object.keys(FOLLOW_UPS)) {
    const item = byLinkId.get(path);
    expect(item, path).toBeDefined();
    for (const value of valuesOf(item!)) {
      const answers = withAnswers(BASELINE_INTAKE, { [path]: value });
      expect(isFollowUpRelevant(path, answers), path).toBe(false); // the trigger hides it
      const d = await dispositionOf(answers);
      if (d !== undefined && d !== baseline) {
        found.set(path, `${JSON.stringify(value)} → ${d}`);
        break;
      }
    }
  }
  return found;
}

describe('ALWAYS_ASKED_FOLLOW_UPS', () => {
  it('lists exactly the follow-ups the default rules read whatever their trigger says', async () => {
    const found = await followUpsReadWithoutTheirTrigger();
    expect([...found.keys()].sort()).toEqual([...ALWAYS_ASKED_FOLLOW_UPS].sort());
  }, 120_000);

  it('are follow-ups, and the FHIR Questionnaire asks them without enableWhen (every renderer shows them)', () => {
    for (const path of ALWAYS_ASKED_FOLLOW_UPS) {
      expect(Object.keys(FOLLOW_UPS), path).toContain(path);
      expect(byLinkId.get(path)?.enableWhen, path).toBeUndefined();
    }
    expect(new Set(ALWAYS_ASKED_FOLLOW_UPS).size).toBe(ALWAYS_ASKED_FOLLOW_UPS.length);
    expect(Object.isFrozen(ALWAYS_ASKED_FOLLOW_UPS)).toBe(true);
  });
});
