/**
 * Calendar dates. Time windows count whole calendar days between two dates, so a daylight-saving change or the hour
 * of the appointment never moves a boundary: the appointment's calendar date is taken in the clinic's time zone,
 * and days are counted between UTC midnights of the two dates.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date, or undefined when it is not a real date. */
export function dayNumber(date: CalendarDate): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const check = new Date(t);
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
 * The calendar date of the appointment. A `YYYY-MM-DD` string is taken as it is; a `Date` or a date-time string is
 * read in `timeZone` (an IANA name such as "Europe/Berlin"; default UTC). Undefined when it cannot be read.
 */
export function appointmentDate(at: Date | string, timeZone = 'UTC'): CalendarDate | undefined {
  if (typeof at === 'string' && ISO_DATE.test(at)) return dayNumber(at) === undefined ? undefined : at;
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
