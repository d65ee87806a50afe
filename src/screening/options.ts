/**
 * The screening options, checked before anything is screened. An option that cannot be honoured must not quietly
 * become a default: `reconfirmAfterDays: NaN` would drop the reconfirm flag, and an unknown time zone would be
 * replaced by a default unnoticed.
 * Each bad option is an issue at `options.<name>` that says what the option takes (never the value that was sent).
 */
import { issue, type Issue } from '../intake/issues.js';
import type { Rule } from '../rules/format.js';
import { appointmentDate, type CalendarDate } from './dates.js';
import type { ScreenOptions } from './types.js';

/** Longest `reconfirmAfterDays`: ten years. A larger value would switch reconfirmation off in all but name. */
export const MAX_RECONFIRM_AFTER_DAYS = 3650;
const DEFAULT_RECONFIRM_DAYS = 90;

/** Options as a screening uses them. */
export interface CheckedOptions {
  /** The appointment's calendar date in the clinic's time zone. */
  readonly at: CalendarDate;
  /** The requested locale, canonical (`de-AT`), or `en` when none was asked for. */
  readonly locale: string;
  readonly reconfirmAfterDays: number;
}

const isIanaTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const canonicalLocale = (tag: string): string | undefined => {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
};

/**
 * Check screening options (as JavaScript may pass them: anything). `now` gives the default appointment. Returns the
 * options as a screening uses them, or an issue for each option that is wrong. An appointment that cannot be read
 * because the time zone is wrong is blamed on `options.timeZone` alone.
 */
export function checkScreenOptions(options: unknown, now: () => Date): { ok: true; value: CheckedOptions } | { ok: false; issues: Issue[] } {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options))
    return { ok: false, issues: [issue(['options'], 'invalid_type', 'The options must be an object such as { at: "2026-06-15" }.')] };
  const o = options as Record<keyof ScreenOptions, unknown>;
  const issues: Issue[] = [];

  let timeZone = 'UTC';
  if (o.timeZone !== undefined) {
    if (typeof o.timeZone === 'string' && o.timeZone.length <= 100 && isIanaTimeZone(o.timeZone)) timeZone = o.timeZone;
    else issues.push(issue(['options', 'timeZone'], 'invalid_value', 'The time zone must be an IANA time zone name, such as "Europe/Berlin".'));
  }

  let at: CalendarDate | undefined;
  const rawAt = o.at ?? now();
  if (!(typeof rawAt === 'string' || rawAt instanceof Date))
    issues.push(issue(['options', 'at'], 'invalid_type', 'The appointment date must be a Date or a string such as "2026-06-15".'));
  // With a wrong time zone there is nothing to read a date-time in: that issue is the one to fix.
  else if (issues.length === 0) {
    at = appointmentDate(rawAt, timeZone);
    if (at === undefined) issues.push(issue(['options', 'at'], 'invalid_format', 'The appointment date could not be read: expected a Date or YYYY-MM-DD.'));
  }

  let locale = 'en';
  if (o.locale !== undefined) {
    const canonical = typeof o.locale === 'string' && o.locale.length <= 35 ? canonicalLocale(o.locale) : undefined;
    if (canonical) locale = canonical;
    else issues.push(issue(['options', 'locale'], 'invalid_value', 'The locale must be a language tag, such as "en" or "de-AT".'));
  }

  let reconfirmAfterDays = DEFAULT_RECONFIRM_DAYS;
  if (o.reconfirmAfterDays !== undefined) {
    const d = o.reconfirmAfterDays;
    if (typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= MAX_RECONFIRM_AFTER_DAYS) reconfirmAfterDays = d;
    else issues.push(issue(['options', 'reconfirmAfterDays'], 'invalid_value', `reconfirmAfterDays must be a whole number of days from 0 to ${MAX_RECONFIRM_AFTER_DAYS}.`));
  }

  if (issues.length > 0 || at === undefined) return { ok: false, issues };
  return { ok: true, value: { at, locale, reconfirmAfterDays } };
}

/**
 * The locale whose texts a screening with these rules actually gives, as the audit records it: the requested locale
 * when some rule has a translation in it, else its language (`de` for `de-AT`) when some rule has that, else `en`
 * (every rule's own texts are English).
 */
export function localeUsed(requested: string, rules: readonly Rule[]): string {
  if (requested === 'en') return 'en';
  const language = requested.split('-')[0] ?? '';
  let languageFound = false;
  for (const r of rules) {
    if (r.translations?.[requested]) return requested;
    if (r.translations?.[language]) languageFound = true;
  }
  return languageFound ? language : 'en';
}
