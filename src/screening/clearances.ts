/**
 * Clearances on file: a physician's clearance lowers a `clearance-required` flag to the modifications that still
 * apply, when it is valid for the appointment and answers that rule (or its condition).
 */
import type { Intake } from '../intake/schema.js';
import type { Disposition } from '../intake/vocabulary.js';
import { daysBetween, type CalendarDate } from './dates.js';
import type { ClearanceUse, Flag } from './types.js';

/** Days a clearance without an end date stays valid (PAR-Q+: clearance lasts at most 12 months). */
const CLEARANCE_DAYS = 365;

/**
 * Lower a `clearance-required` flag to `modify` when a valid clearance on file answers it. Nothing else is lowered:
 * not `refer-urgent` or `postpone`, not a rule that says it cannot be cleared (current signs), not an evaluation error.
 */
export function applyClearance(flag: Flag, intake: Intake, at: CalendarDate, clearable: boolean): Flag {
  if (!clearable || flag.disposition !== 'clearance-required' || flag.kind === 'evaluation-error') return flag;
  for (const c of intake.clearances ?? []) {
    const matched = c.ruleId === flag.ruleId ? flag.ruleId : c.condition !== undefined && c.condition === flag.category ? c.condition : undefined;
    if (!matched) continue;
    const since = daysBetween(c.date, at);
    if (since === undefined || since < 0) continue;
    const untilOk = c.validUntil ? (daysBetween(at, c.validUntil) ?? -1) >= 0 : since <= CLEARANCE_DAYS;
    if (!untilOk) continue;
    // A clearance given before the event that triggered the flag (a clot, fracture, surgery … `since` days ago)
    // cannot have considered it.
    if (flag.because.some((b) => b.fact === 'derived' && b.path?.startsWith('daysSince') && b.path !== 'daysSinceCompleted' && typeof b.actual === 'number' && since > b.actual)) continue;
    const use: ClearanceUse = {
      ruleId: flag.ruleId,
      ...(c.clearedBy ? { clearedBy: c.clearedBy } : {}),
      date: c.date,
      ...(c.validUntil ? { validUntil: c.validUntil } : {}),
      matched,
    };
    return {
      ...flag,
      disposition: 'modify' as Disposition,
      kind: 'precaution',
      originalDisposition: flag.disposition,
      message: `${flag.message} Cleared by ${c.clearedBy ?? 'a clinician'} on ${c.date}: the modifications still apply.`,
      clearance: use,
    };
  }
  return flag;
}
