/**
 * A screening as a CDS Hooks service response (`{ cards }`), so an EHR or practice-management system that speaks
 * CDS Hooks can show the flags where the therapist works. Pure data: no HTTP here; a service returns the object as
 * its response body.
 *
 * Mapping (CDS Hooks 2.0, "Card Attributes"):
 * - one card per flag, in the result's order: the deciding card (the most restrictive flag) first;
 * - `indicator`: `refer-urgent` and `clearance-required` → `critical` (no massage until a clinician has seen the
 *   client), `postpone` and `modify` → `warning` (the therapist must act: reschedule, or change the session),
 *   `proceed` → `info`; a precaution below a stop (kept for a later session, see `flagTiming`) → `info`;
 * - `summary`: the disposition and the rule's title, under 140 characters (cut at a code point, with "…"); under a
 *   stop it says so ("Refer urgently, no session today: …"), and a precaution below it reads "Later session only";
 * - `detail`: GitHub-flavoured Markdown: the therapist message, regions, modifications, the answers that fired the rule
 *   (`because`), a clearance on file, and references as links (also given as `links`);
 * - `source`: `{ label: "<ruleSetId> <version>", url?, topic }`, topic = the rule as a Coding;
 * - `uuid`: deterministic and unique per screening: derived from the rule id, the audit's rules hash, intake hash and
 *   appointment date (UUID-v4-shaped, no randomness), so two clients never share one;
 * - a `proceed` result gives `{ cards: [] }` (CDS Hooks services return cards only when there is something to say);
 *   `proceedCard: true` adds one `info` card instead.
 */
import { match } from 'ts-pattern';
import { BODY_REGION_LABELS, DISPOSITION_LABELS, type Disposition } from '../intake/vocabulary.js';
import { flagTiming, sessionPlan } from '../screening/plan.js';
import type { Because, Flag, FlagTiming, ScreeningSuccess, SessionPlan } from '../screening/types.js';
import type { FhirCoding } from './fhir-types.js';
import { deterministicUuid, notADisposition, requireSuccess, RULE_CODE_SYSTEM, screeningKey } from './shared.js';

/** CDS Hooks card urgency, in increasing order. */
export type CdsIndicator = 'info' | 'warning' | 'critical';

/** CDS Hooks `Source`: who says so. */
export interface CdsSource {
  /** Short, human-readable name of the source (required). */
  label: string;
  url?: string;
  icon?: string;
  /** What the card is about: here the rule, as a Coding. */
  topic?: FhirCoding;
}

/** CDS Hooks `Link`. */
export interface CdsLink {
  label: string;
  url: string;
  type: 'absolute' | 'smart';
  appContext?: string;
}

/** CDS Hooks `Card` (the attributes this library writes). */
export interface CdsCard {
  uuid?: string;
  /** One sentence, under 140 characters. */
  summary: string;
  /** GitHub-flavoured Markdown. */
  detail?: string;
  indicator: CdsIndicator;
  source: CdsSource;
  links?: CdsLink[];
}

/** A CDS Hooks service response. */
export interface CdsHooksResponse {
  cards: CdsCard[];
}

/** Options for {@link toCdsHooksCards}. */
export interface CdsHooksOptions {
  /** `source.label`; default the audit's rule sets as "<id> <version>". */
  readonly sourceLabel?: string;
  /** `source.url`, e.g. where the clinic publishes its rules. */
  readonly sourceUrl?: string;
  /** Give a `proceed` result one `info` card instead of none. Default false. */
  readonly proceedCard?: boolean;
  /**
   * Show the answers that fired each rule (`because`) in the detail. Default true: the card goes to the clinician who
   * holds the intake; set false where cards are logged or shown more widely.
   */
  readonly includeAnswers?: boolean;
}

/** Longest summary we write: the spec says "<140 characters". */
export const CDS_SUMMARY_MAX = 139;

/**
 * The CDS Hooks indicator of a disposition: `refer-urgent`, `clearance-required` → `critical`; `postpone`, `modify` →
 * `warning`; `proceed` → `info`.
 *
 * @throws TypeError when `disposition` is not one (only possible from JavaScript).
 */
export function cdsIndicator(disposition: Disposition): CdsIndicator {
  return match(disposition)
    .with('refer-urgent', 'clearance-required', () => 'critical' as const)
    .with('postpone', 'modify', () => 'warning' as const)
    .with('proceed', () => 'info' as const)
    .exhaustive(notADisposition('cdsIndicator'));
}

/**
 * `text` cut to at most `max` UTF-16 units, at a code point boundary, ending in "…" when cut; whitespace collapsed.
 * Counting UTF-16 units keeps it under the limit however a client counts characters.
 */
export function truncateSummary(text: string, max: number = CDS_SUMMARY_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let out = '';
  for (const ch of flat) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Escape text so Markdown shows it as written (no links, emphasis or HTML from rule or answer text). A value that is
 * not a string (a result that went through storage, or JavaScript) is left out rather than written.
 */
function md(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  return text.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** An inline code span that no content can break out of. */
function code(value: unknown): string {
  const flat = (typeof value === 'string' ? value : '').replace(/\r?\n/g, ' ');
  const runs = flat.match(/`+/g) ?? [];
  if (runs.length === 0) return `\`${flat}\``;
  // A longer fence than any run inside, padded so a leading or trailing backtick stays content (CommonMark 6.1).
  const fence = '`'.repeat(Math.max(...runs.map((r) => r.length)) + 1);
  return `${fence} ${flat} ${fence}`;
}

function shortJson(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

/** An http(s) URL made safe inside a Markdown link (parentheses, spaces and angle brackets percent-encoded); else undefined. */
function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function becauseLine(b: Because, includeAnswers: boolean): string {
  const fact = b.path ? `${b.fact}.${b.path}` : b.fact;
  const answer = !includeAnswers ? '' : b.actual === undefined ? ' (no answer)' : ` (answer: ${code(shortJson(b.actual))})`;
  return `- ${code(fact)} ${md(b.operator)} ${code(shortJson(b.expected))}${answer}`;
}

/** The card's summary line: the disposition, what it means for the appointment under the result's plan, the title. */
function summaryLine(flag: Flag, plan: SessionPlan, timing: FlagTiming): string {
  const label = DISPOSITION_LABELS[flag.disposition];
  if (timing === 'later-session') return `Later session only (${label}): ${flag.title}`;
  if (timing === 'now') return `${label}, ${plan === 'none-today' ? 'no session today' : 'no session until cleared'}: ${flag.title}`;
  if (plan === 'after-clearance') return `Once cleared (${label}): ${flag.title}`;
  return `${label}: ${flag.title}`;
}

const LATER_SESSION_NOTE = '_For a later session only: no session today (see the first card). This precaution is kept for a session that may follow._';

function detailOf(flag: Flag, includeAnswers: boolean, timing: FlagTiming): string {
  const parts: string[] = [...(timing === 'later-session' ? [LATER_SESSION_NOTE] : []), md(flag.message)];
  if (flag.regions.length > 0) parts.push(`**Regions:** ${flag.regions.map((r) => md(BODY_REGION_LABELS[r] ?? r)).join(', ')}`);
  const m = flag.modifications;
  const mods: string[] = [];
  if (m.pressureCap !== undefined) mods.push(`- Pressure at most ${md(String(m.pressureCap))} of 5${flag.scope === 'local' ? ' on these regions' : ''}`);
  if (m.avoidRegions.length > 0) mods.push(`- Avoid: ${m.avoidRegions.map((r) => md(BODY_REGION_LABELS[r] ?? r)).join(', ')}`);
  if (m.avoidTechniques.length > 0) mods.push(`- Avoid techniques${flag.scope === 'local' ? ' on these regions' : ''}: ${m.avoidTechniques.map(md).join(', ')}`);
  if (m.positioning.length > 0) mods.push(`- Positioning: ${m.positioning.map(md).join(', ')}`);
  if (mods.length > 0) parts.push(`**Modifications:**\n\n${mods.join('\n')}`);
  if (flag.because.length > 0) parts.push(`**Because:**\n\n${flag.because.map((b) => becauseLine(b, includeAnswers)).join('\n')}`);
  if (flag.clearance) {
    const c = flag.clearance;
    const was = flag.originalDisposition ? ` (was: ${md(DISPOSITION_LABELS[flag.originalDisposition] ?? '')})` : '';
    parts.push(`**Clearance on file:** ${c.clearedBy ? `${md(c.clearedBy)}, ` : ''}${md(c.date)}${c.validUntil ? `, valid until ${md(c.validUntil)}` : ''}${was}`);
  }
  if (flag.references.length > 0) {
    const refs = flag.references.map((r) => {
      const url = r.url ? safeUrl(r.url) : undefined;
      const key = r.key ? `${md(r.key)}: ` : '';
      return url ? `- ${key}[${md(r.title)}](${url})` : `- ${key}${md(r.title)}`;
    });
    parts.push(`**References:**\n\n${refs.join('\n')}`);
  }
  parts.push(`Rule: ${code(flag.ruleId)}`);
  return parts.join('\n\n');
}

function sourceLabel(result: ScreeningSuccess, options: CdsHooksOptions): string {
  if (options.sourceLabel) return options.sourceLabel;
  const label = result.audit.ruleSets.map((r) => `${r.id} ${r.version}`).join(', ');
  return label || 'massage-triage';
}

/**
 * A screening as a CDS Hooks response: one card per flag (see the module comment for the mapping). Deterministic:
 * the same result gives deep-equal cards.
 * @throws TypeError when `result` is not a successful screening (`ok: true`).
 *
 * @example
 * ```ts
 * const r = await screen(intake, { at: '2025-06-02' });
 * if (r.ok) res.json(toCdsHooksCards(r, { sourceUrl: 'https://clinic.example/rules' }));
 * ```
 */
export function toCdsHooksCards(result: ScreeningSuccess, options: CdsHooksOptions = {}): CdsHooksResponse {
  requireSuccess(result, 'toCdsHooksCards');
  options ??= {}; // JavaScript callers' null means no options, as undefined does
  const label = sourceLabel(result, options);
  const includeAnswers = options.includeAnswers ?? true;
  const plan = sessionPlan(result.disposition);
  const key = screeningKey(result);
  const seen = new Map<string, number>();
  const cards = result.flags.map((flag): CdsCard => {
    const timing = flagTiming(plan, flag);
    const n = seen.get(flag.ruleId) ?? 0;
    seen.set(flag.ruleId, n + 1);
    const links = flag.references.flatMap((r): CdsLink[] => {
      const url = r.url ? safeUrl(r.url) : undefined;
      return url ? [{ label: truncateSummary(r.title, 100), url, type: 'absolute' }] : [];
    });
    return {
      uuid: deterministicUuid('cds-card', flag.ruleId, ...key, String(n)),
      summary: truncateSummary(summaryLine(flag, plan, timing)),
      detail: detailOf(flag, includeAnswers, timing),
      indicator: timing === 'later-session' ? 'info' : cdsIndicator(flag.disposition),
      source: {
        label,
        ...(options.sourceUrl ? { url: options.sourceUrl } : {}),
        topic: { system: RULE_CODE_SYSTEM, code: flag.ruleId, display: flag.title },
      },
      ...(links.length > 0 ? { links } : {}),
    };
  });
  if (cards.length === 0 && options.proceedCard) {
    cards.push({
      uuid: deterministicUuid('cds-card', 'proceed', ...key),
      summary: 'No contraindication found: proceed as planned.',
      detail: `No rule fired for this intake on ${md(result.audit.at)}. Reassess the client in person before treatment.`,
      indicator: 'info',
      source: { label, ...(options.sourceUrl ? { url: options.sourceUrl } : {}) },
    });
  }
  return { cards };
}
