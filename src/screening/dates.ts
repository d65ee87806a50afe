/**
 * Calendar dates. Time windows count whole calendar days between two dates, so a daylight-saving change or the hour
 * of the appointment never moves a boundary: the appointment's calendar date is taken in the clinic's time zone,
 * and days are counted between UTC midnights of the two dates.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date, or undefined when it is not a real date. */
export function dayNumber(date: CalendarDate): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
  const check = new Date(0);
  check.setUTCFullYear(y, mo - 1, d);
  const t = check.getTime();
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return Math.round(t / MS_PER_DAY);
}

/** Whole days from `from` to `to` (positive when `from` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number | undefined {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** Whole years from `birth` to `on` (the age on that date). */
export function yearsBetween(birth: CalendarDate, on: CalendarDate): number | undefined {
  const a = ISO_DATE.exec(birth);
  const b = ISO_DATE.exec(on);
  if (!a || !b || dayNumber(birth) === undefined || dayNumber(on) === undefined) return undefined;
  let years = Number(b[1]) - Number(a[1]);
  if (`${b[2]}-${b[3]}` < `${a[2]}-${a[3]}`) years -= 1;
  return years;
}

/**
 * The calendar date of the appointment. A `YYYY-MM-DD` string is taken as it is, and so is the date of a date-time
 * string without an offset (`2026-06-15T09:30`, the clinic's wall-clock time); a `Date` or an ISO date-time with
 * an offset or `Z` is read in `timeZone` (an IANA name such as "Europe/Berlin"; default UTC). Undefined when it
 * cannot be read, including strings in any other format (their meaning would depend on the machine).
 */
export function appointmentDate(at: Date | string, timeZone = 'UTC'): CalendarDate | undefined {
  if (typeof at === 'string' && ISO_DATE.test(at)) return dayNumber(at) === undefined ? undefined : at;
  if (typeof at === 'string') {
    // A date-time without an offset is the clinic's wall-clock time: its date is the appointment date. Handing it
    // to `new Date` would read it in the server's own zone, so the same call would give different dates on
    // different machines. Other strings must be ISO date-times with an offset (or Z).
    const local = LOCAL_DATE_TIME.exec(at);
    if (local) return dayNumber(local[1]!) === undefined ? undefined : local[1];
    if (!ISO_INSTANT.test(at)) return undefined;
  }
  const d = typeof at === 'string' ? new Date(at) : at;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) return undefined;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d);
    const get = (t: string) => parts.find((p) => p.type === t)?.value;
    const s = `${get('year')}-${get('month')}-${get('day')}`;
    return dayNumber(s) === undefined ? undefined : s;
  } catch {
    return undefined;
  }
}
