/**
 * What a parse result must hold, whatever it was given: valid data that parses again to itself, or at least one issue
 * with a path and a readable message. A property states this rather than `typeof r.ok === 'boolean'`, which a
 * function that never throws always satisfies.
 */
import { expect } from 'vitest';
import { parseIntake, type ParseIntakeResult } from 'massage-triage';

export function expectSoundParse(r: ParseIntakeResult): void {
  if (r.ok) {
    const again = parseIntake(r.data);
    expect(again.ok, 'valid data parses again').toBe(true);
    if (again.ok) expect(again.data).toEqual(r.data);
    return;
  }
  expect(r.issues.length, 'a failure names at least one issue').toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(i.message).toMatch(/\S/);
    expect(typeof i.pathString).toBe('string');
    expect(i.pathString).toBe(i.path.map(String).join('.'));
  }
}
