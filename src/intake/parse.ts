import { fromZodIssues, issue, type Issue } from './issues.js';
import { impossibleDates } from './date-order.js';
import { checkLimits, INTAKE_LIMITS } from './limits.js';
import { intakeSchema, type Intake } from './schema.js';

/**
 * The outcome of validating an intake: the typed intake, or every issue found. `ok` tells success from failure
 * throughout the library (`screen`, `checkServices`, `checkRuleSet` say it too); only zod's own API, such as
 * `intakeSchema.safeParse`, keeps zod's `success`.
 */
export type ParseIntakeResult =
  | { readonly ok: true; readonly data: Intake }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Validate a client's intake answers.
 *
 * Accepts what HTML forms send (`"yes"`, `"on"`, `"12"`, blank strings for no answer) and normalises it. Unknown
 * fields are issues, not silently dropped. Never throws, whatever `input` is; inputs past the limits in
 * {@link INTAKE_LIMITS} are refused with a `too_large` issue.
 *
 * @example
 * ```ts
 * const r = parseIntake(formAnswers);
 * if (!r.ok) for (const i of r.issues) showError(i.pathString, i.message);
 * ```
 */
export function parseIntake(input: unknown): ParseIntakeResult {
  try {
    const tooLarge = checkLimits(input, INTAKE_LIMITS, 'intake');
    if (tooLarge) return { ok: false, issues: [tooLarge] };
    // reportInput: each issue keeps the value that failed, so its code is read from what the schema's messages read.
    const r = intakeSchema.safeParse(input, { reportInput: true });
    if (r.success) {
      // An event dated after the intake was completed, or a birth date after it, cannot be true.
      const dates = impossibleDates(r.data);
      return dates.length === 0 ? { ok: true, data: r.data } : { ok: false, issues: dates };
    }
    return { ok: false, issues: fromZodIssues(r.error.issues, input) };
  } catch {
    // A getter or proxy in a hand-built input can throw; the message is not ours to repeat.
    return { ok: false, issues: [issue([], 'invalid', 'The intake could not be read.')] };
  }
}
