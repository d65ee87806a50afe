/**
 * Dates that cannot be true: an event (a fracture, a surgery, a prescription, …) dated after the intake was completed
 * or after the appointment, a date of birth in the future, an intake completed after the appointment. Each is an
 * issue at its own path. The date answers are found from the schema itself, so a new date question is checked too.
 */
import type * as z from 'zod/mini';
import { issue, type Issue } from './issues.js';
import { intakeSchema, NOT_ANSWER_GROUPS } from './schema.js';

type Shape = Readonly<Record<string, z.ZodMiniType>>;
const shapeOf = (s: unknown): Shape => ((s as { shape?: Shape }).shape ?? {});

let dateFields: readonly (readonly [string, string])[] | undefined;

/**
 * Every date answer, as [group, field]: the fields that take a calendar date and nothing else (a text field takes
 * any words; a number, choice or list field takes no date).
 */
function dateAnswers(): readonly (readonly [string, string])[] {
  if (dateFields) return dateFields;
  const out: [string, string][] = [];
  for (const [group, g] of Object.entries(shapeOf(intakeSchema))) {
    if (NOT_ANSWER_GROUPS.has(group)) continue;
    for (const [field, schema] of Object.entries(shapeOf(g)))
      if (schema.safeParse('2000-01-01').success && !schema.safeParse('2000-02-30').success && !schema.safeParse('words').success) out.push([group, field]);
  }
  return (dateFields = out);
}

/** A date as `YYYY-MM-DD` (validated): such strings compare in calendar order. */
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * The impossible dates of a validated intake: against its completion date, and against the appointment date `at`
 * when one is given (`screen` gives it; `parseIntake` has none). Messages never repeat the dates.
 */
export function impossibleDates(intake: object, at?: string): Issue[] {
  const o = intake as Record<string, unknown>;
  const completedAt = isDate(o.completedAt) ? o.completedAt : undefined;
  const issues: Issue[] = [];
  if (completedAt && at && completedAt > at) issues.push(issue(['completedAt'], 'invalid_value', 'The intake cannot be completed after the appointment date.'));
  for (const [group, field] of dateAnswers()) {
    const g = o[group];
    const v = g !== null && typeof g === 'object' ? (g as Record<string, unknown>)[field] : undefined;
    if (!isDate(v)) continue;
    const what = group === 'client' && field === 'dateOfBirth' ? 'A date of birth' : 'This date';
    if (completedAt && v > completedAt) issues.push(issue([group, field], 'invalid_value', `${what} cannot be after the date the intake was completed.`));
    else if (at && v > at) issues.push(issue([group, field], 'invalid_value', `${what} cannot be after the appointment date.`));
  }
  return issues;
}
