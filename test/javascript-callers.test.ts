// Public functions called from JavaScript with what their types rule out: a TypeError that says what the function
// takes (never quoting the value), or, for a null options object, the same result as no options.
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  DISPOSITIONS,
  cdsIndicator,
  detectedIssueSeverity,
  parseIntake,
  regionSide,
  renderBodyMap,
  screen,
  toCdsHooksCards,
  toFhirDetectedIssues,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  withAnswers,
  type ScreeningSuccess,
} from 'massage-triage';

const AT = '2026-12-01';
const JUNK: readonly unknown[] = [null, undefined, 'SECRET', 42, [], {}];

function thrown(f: () => unknown): Error | undefined {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

describe('a disposition that is not one', () => {
  it('cdsIndicator and detectedIssueSeverity throw a TypeError listing the dispositions, without the value', () => {
    for (const [name, fn] of [['cdsIndicator', cdsIndicator], ['detectedIssueSeverity', detectedIssueSeverity]] as const) {
      for (const bad of JUNK) {
        const e = thrown(() => fn(bad as never));
        expect(e).toBeInstanceOf(TypeError);
        expect(e!.message).toBe(`${name} takes a disposition: ${DISPOSITIONS.join(', ')}.`);
      }
      // Every real disposition still maps.
      for (const d of DISPOSITIONS) expect(thrown(() => fn(d))).toBeUndefined();
    }
  });
});

describe('regionSide', () => {
  it('gives the side of sided regions and undefined for midline ones', () => {
    expect(regionSide('left-knee')).toBe('left');
    expect(regionSide('right-shoulder')).toBe('right');
    expect(regionSide('low-back')).toBeUndefined();
  });

  it('throws a TypeError for anything but a string', () => {
    for (const bad of [null, undefined, 42, [], {}]) expect(() => regionSide(bad as never)).toThrow(new TypeError('regionSide takes a body region id, such as "left-knee".'));
  });
});

describe('toFhirQuestionnaireResponse', () => {
  it('throws a TypeError for an intake that is not an object, without the value', () => {
    for (const bad of [null, undefined, 'SECRET', 42, []]) {
      const e = thrown(() => toFhirQuestionnaireResponse(bad as never));
      expect(e).toBeInstanceOf(TypeError);
      expect(e!.message).toBe('toFhirQuestionnaireResponse takes a validated intake: the data of a successful parseIntake().');
    }
  });
});

describe('null options', () => {
  it('mean no options, as undefined does', async () => {
    const r = await screen(withAnswers(BASELINE_INTAKE, { 'veins.varicose': 'yes', 'veins.varicoseRegions': ['left-lower-leg'] }), { at: AT });
    expect(r.ok).toBe(true);
    const result = r as ScreeningSuccess;
    expect(result.flags.length).toBeGreaterThan(0);
    const parsed = parseIntake(BASELINE_INTAKE);
    if (!parsed.ok) throw new Error('the baseline intake does not validate');
    expect(toFhirQuestionnaire(null as never)).toEqual(toFhirQuestionnaire());
    expect(toFhirQuestionnaireResponse(parsed.data, null as never)).toEqual(toFhirQuestionnaireResponse(parsed.data));
    expect(toFhirDetectedIssues(result, null as never)).toEqual(toFhirDetectedIssues(result));
    expect(toCdsHooksCards(result, null as never)).toEqual(toCdsHooksCards(result));
    expect(renderBodyMap(result, null as never)).toBe(renderBodyMap(result));
  });
});
