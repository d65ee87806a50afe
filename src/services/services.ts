/**
 * Services: a booking app describes what it sells (technique, usual pressure, duration, body areas, heat,
 * positions) and learns, for one screened client, which services can be booked online, which only with
 * modifications, and which not at all, with the flags behind each verdict and bookable alternatives.
 *
 * The verdict never loosens the screening: a stop (postpone or worse) makes nothing bookable, `modify` makes
 * nothing bookable online, an incomplete draft makes nothing bookable.
 */
import * as z from 'zod/mini';
import { fromZodIssues, issue, type Issue } from '../intake/issues.js';
import { intBetween, trimmedText, upTo } from '../intake/fields.js';
import { BODY_REGIONS, BODY_REGION_LABELS, TECHNIQUES, type BodyRegion, type Disposition, type PressureLevel, type Technique } from '../intake/vocabulary.js';
import type { DraftResult } from '../screening/draft.js';
import { dispositionRank } from '../screening/merge.js';
import { summaryOf } from '../screening/plan.js';
import type { Flag, Modifications, ScreeningResult } from '../screening/types.js';
import { techniqueCatalogSchema, type TechniqueCatalog } from '../techniques/catalog.js';
import { DEFAULT_TECHNIQUES } from '../techniques/defaults.js';

/** Positions a service puts the client in. */
export const SERVICE_POSITIONS = ['prone', 'supine', 'side-lying', 'seated'] as const;
/** A position a service uses. */
export type ServicePosition = (typeof SERVICE_POSITIONS)[number];

/** One service as a booking app describes it. */
export const serviceSchema = z.strictObject({
  id: trimmedText(100),
  name: trimmedText(200),
  techniques: upTo(20, z.enum(TECHNIQUES), 1),
  /** The pressure the service is usually given at, 1–5. */
  pressure: intBetween(1, 5),
  durationMinutes: intBetween(1, 600),
  bodyAreas: z.union([z.literal('full-body'), upTo(BODY_REGIONS.length, z.enum(BODY_REGIONS), 1)]),
  heat: z.optional(z.boolean()),
  positioning: z.optional(upTo(SERVICE_POSITIONS.length, z.enum(SERVICE_POSITIONS))),
});

/** The services of a booking app: ids must be unique. */
export const servicesSchema = upTo(500, serviceSchema).check(
  z.superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Each service needs its own id.' });
      seen.add(s.id);
    });
  }),
);

/** A service as a booking app describes it. */
export type Service = z.output<typeof serviceSchema>;

/**
 * A service before validation, as {@link checkServices} takes it: technique, region and position ids are checked by
 * the compiler (`techniques: ['deep-tissue']`), and again at run time. Its lists may be readonly, so services
 * declared `as const` fit as they are.
 */
export type ServiceInput = {
  readonly [K in keyof z.input<typeof serviceSchema>]: z.input<typeof serviceSchema>[K] extends infer V ? (V extends readonly (infer U)[] ? readonly U[] : V) : never;
};

/** A misspelt id in a service lists the allowed ones, the nearest first: services are the app's data, not a client's. */
const SUGGEST = { suggest: true } as const;

/** Whether a service can be booked for this client. */
export type BookingVerdict = 'book-online' | 'book-with-modifications' | 'not-bookable';

/** Why a service got its verdict. */
export type ServiceReasonCode =
  | 'incomplete'
  | 'screening-failed'
  | 'disposition'
  | 'technique-avoided'
  | 'regional-technique-avoided'
  | 'pressure-above-cap'
  | 'technique-needs-more-pressure'
  | 'regional-pressure-cap'
  | 'regions-avoided'
  | 'heat'
  | 'positioning'
  | 'precaution';

/** One reason, with the flags behind it. */
export interface ServiceReason {
  readonly code: ServiceReasonCode;
  /** The rule ids of the flags behind this reason (empty for `incomplete` and `screening-failed`). */
  readonly ruleIds: readonly string[];
  /** A plain sentence for staff. */
  readonly text: string;
  /** For reasons a client may see when booking online (a stop, an incomplete form): the words to show them. */
  readonly clientText?: string;
}

/** The verdict for one service. */
export interface ServiceCheck {
  readonly serviceId: string;
  readonly name: string;
  readonly verdict: BookingVerdict;
  /** Empty for `book-online`. */
  readonly reasons: readonly ServiceReason[];
  /** Every rule id behind the verdict, each once, in reason order. */
  readonly ruleIds: readonly string[];
  /** For `book-with-modifications`: the highest pressure to give, when lower than the service's usual one. */
  readonly maxPressure?: PressureLevel;
  /** For `book-with-modifications`: the service's areas to leave out. */
  readonly skipRegions: readonly BodyRegion[];
  /** For `not-bookable`: ids of bookable services among those given, the closest first. */
  readonly alternatives: readonly string[];
}

/** The outcome of {@link checkServices}. */
export type CheckServicesResult =
  | { readonly ok: true; readonly services: readonly ServiceCheck[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Options of {@link checkServices}. */
export interface CheckServicesOptions {
  /** The technique catalog (parsed JSON like `rules/techniques.json`) for each technique's pressure range. Default: the bundled one. */
  readonly techniques?: unknown;
}

let defaultCatalog: TechniqueCatalog | undefined;

const STOP = dispositionRank('postpone');
const label = (r: BodyRegion) => BODY_REGION_LABELS[r].toLowerCase();

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

interface Screened {
  readonly flags: readonly Flag[];
  readonly modifications: Modifications;
  readonly disposition: Disposition;
}

/** The facts a verdict needs, or the reason nothing is bookable. */
function screenedOf(result: ScreeningResult | DraftResult): Screened | ServiceReason {
  if (!result.ok)
    return {
      code: 'screening-failed',
      ruleIds: [],
      text: 'The screening could not run: nothing can be booked until the intake is reviewed.',
      clientText: 'We could not check your health form. Please contact us to book.',
    };
  if ('complete' in result && !result.complete)
    return {
      code: 'incomplete',
      ruleIds: [],
      text: 'The health form is not complete yet: services can be booked once every safety question is answered.',
      clientText: 'Please answer every health question before booking.',
    };
  const full = 'complete' in result ? result.result : result;
  if (!full) return { code: 'incomplete', ruleIds: [], text: 'The health form is not complete yet.', clientText: 'Please answer every health question before booking.' };
  return { flags: full.flags, modifications: full.modifications, disposition: full.disposition };
}

function checkOne(s: Service, sc: Screened, catalog: TechniqueCatalog): Omit<ServiceCheck, 'alternatives'> {
  const blocking: ServiceReason[] = [];
  const mods: ServiceReason[] = [];
  let maxPressure: PressureLevel | undefined;
  let skipRegions: BodyRegion[] = [];
  const flags = sc.flags;
  const m = sc.modifications;

  // Techniques the flags rule out on the whole body.
  for (const t of s.techniques) {
    if (!m.avoidTechniques.includes(t)) continue;
    const by = flags.filter((f) => f.scope === 'systemic' && f.modifications.avoidTechniques.includes(t)).map((f) => f.ruleId);
    blocking.push({ code: 'technique-avoided', ruleIds: by, text: `The screening rules out ${t} for this client.` });
  }

  // Whole-body pressure cap: lighter if every technique can be given at the cap, else not at all.
  const minOf = (t: Technique) => catalog.techniques.find((e) => e.id === t)?.pressure.min;
  const cap = m.pressureCap;
  if (cap !== null && s.pressure > cap) {
    const by = flags.filter((f) => f.scope === 'systemic' && f.modifications.pressureCap !== undefined && f.modifications.pressureCap < s.pressure).map((f) => f.ruleId);
    const tooFirm = s.techniques.filter((t) => {
      const min = minOf(t);
      // A technique the catalog does not describe: its pressure range is unknown, so it cannot be promised lighter.
      return min === undefined || min > cap;
    });
    if (tooFirm.length > 0)
      blocking.push({
        code: 'technique-needs-more-pressure',
        ruleIds: by,
        text: `${tooFirm.join(', ')} cannot be given at pressure ${cap} of 5 or less, the most this client can have.`,
      });
    else {
      maxPressure = cap as PressureLevel;
      mods.push({ code: 'pressure-above-cap', ruleIds: by, text: `Give it lighter: pressure ${cap} of 5 at most (usually ${s.pressure}).` });
    }
  }

  // Body areas to avoid, and lower caps on particular areas.
  const areas: readonly BodyRegion[] = s.bodyAreas === 'full-body' ? BODY_REGIONS : s.bodyAreas;
  const avoided = areas.filter((r) => m.avoidRegions.includes(r));
  if (avoided.length > 0) {
    const by = uniq(flags.filter((f) => f.modifications.avoidRegions.some((r) => avoided.includes(r))).map((f) => f.ruleId));
    if (s.bodyAreas !== 'full-body' && avoided.length === areas.length)
      blocking.push({ code: 'regions-avoided', ruleIds: by, text: `Every area this service works on must be avoided: ${avoided.map(label).join(', ')}.` });
    else {
      skipRegions = avoided;
      mods.push({ code: 'regions-avoided', ruleIds: by, text: `Leave out: ${avoided.map(label).join(', ')}.` });
    }
  }
  // Techniques ruled out on some areas only (a local flag's): the service leaves them out there, or cannot be given
  // when every area it works on rules one of its techniques out.
  const regional = m.regionalAvoidTechniques ?? [];
  for (const t of s.techniques) {
    if (m.avoidTechniques.includes(t)) continue;
    const where = regional.filter((x) => x.techniques.includes(t) && areas.includes(x.region) && !avoided.includes(x.region)).map((x) => x.region);
    if (where.length === 0) continue;
    const by = uniq(flags.filter((f) => f.scope === 'local' && f.modifications.avoidTechniques.includes(t) && f.regions.some((r) => where.includes(r))).map((f) => f.ruleId));
    const open = areas.filter((r) => !avoided.includes(r));
    if (s.bodyAreas !== 'full-body' && where.length === open.length)
      blocking.push({ code: 'technique-avoided', ruleIds: by, text: `The screening rules out ${t} on every area this service works on: ${where.map(label).join(', ')}.` });
    else mods.push({ code: 'regional-technique-avoided', ruleIds: by, text: `No ${t} on: ${where.map(label).join(', ')}.` });
  }
  const capped = m.regionalPressureCaps.filter((c) => areas.includes(c.region) && !avoided.includes(c.region) && c.pressureCap < Math.min(s.pressure, cap ?? 5));
  if (capped.length > 0) {
    const by = uniq(
      flags.filter((f) => f.scope === 'local' && f.modifications.pressureCap !== undefined && f.regions.some((r) => capped.some((c) => c.region === r))).map((f) => f.ruleId),
    );
    mods.push({
      code: 'regional-pressure-cap',
      ruleIds: by,
      text: `Lighter on ${capped.map((c) => `${label(c.region)} (pressure ${c.pressureCap} at most)`).join(', ')}.`,
    });
  }

  // Heat and positions.
  if (s.heat && m.positioning.includes('no-heat')) {
    const by = flags.filter((f) => f.modifications.positioning.includes('no-heat')).map((f) => f.ruleId);
    if (s.techniques.includes('hot-stone')) blocking.push({ code: 'heat', ruleIds: by, text: 'This service relies on heat, which the screening rules out.' });
    else mods.push({ code: 'heat', ruleIds: by, text: 'Give it without heat.' });
  }
  const positions = s.positioning ?? [];
  const posRule = (p: string) => flags.filter((f) => (f.modifications.positioning as readonly string[]).includes(p)).map((f) => f.ruleId);
  if (positions.includes('prone') && m.positioning.includes('no-prone'))
    mods.push({ code: 'positioning', ruleIds: posRule('no-prone'), text: 'No lying face down: use side-lying or seated instead.' });
  if (positions.includes('supine') && m.positioning.includes('no-flat-supine'))
    mods.push({ code: 'positioning', ruleIds: posRule('no-flat-supine'), text: 'No lying flat on the back: recline or use side-lying.' });

  // Whatever else the precautions ask (positioning, short sessions…): a modify disposition is never booked online.
  const named = new Set([...blocking, ...mods].flatMap((r) => r.ruleIds));
  const other = flags.filter((f) => f.disposition === 'modify' && !named.has(f.ruleId));
  if (sc.disposition === 'modify' && other.length > 0)
    mods.push({
      code: 'precaution',
      ruleIds: other.map((f) => f.ruleId),
      text: `The therapist must adapt the session: ${other.map((f) => f.title).join('; ')}.`,
    });

  const reasons = blocking.length > 0 ? blocking : mods;
  const verdict: BookingVerdict = blocking.length > 0 ? 'not-bookable' : mods.length > 0 || sc.disposition !== 'proceed' ? 'book-with-modifications' : 'book-online';
  return {
    serviceId: s.id,
    name: s.name,
    verdict,
    reasons,
    ruleIds: uniq(reasons.flatMap((r) => r.ruleIds)),
    ...(verdict === 'book-with-modifications' && maxPressure !== undefined ? { maxPressure } : {}),
    skipRegions: verdict === 'book-with-modifications' ? skipRegions : [],
  };
}

function overlap(a: Service, b: Service): number {
  if (a.bodyAreas === 'full-body' || b.bodyAreas === 'full-body') return a.bodyAreas === b.bodyAreas ? BODY_REGIONS.length : Math.min(a.bodyAreas.length, b.bodyAreas.length);
  const bs = b.bodyAreas;
  return a.bodyAreas.filter((r) => bs.includes(r)).length;
}

/**
 * Check a booking app's services against one client's screening. Accepts a full screening result or a draft
 * screening (an incomplete draft makes nothing bookable). Never throws: `services` is typed for the compiler's help
 * and still validated at run time (JavaScript can pass anything); services that do not validate come back as issues
 * at their path (`[2, 'pressure']`), and a misspelt technique, region or position lists the allowed ids with the
 * nearest one (`Did you mean "deep-tissue"? Choose one of: …`).
 *
 * Verdicts: a disposition of postpone or worse makes every service `not-bookable` (the reasons are the stop's flags,
 * the deciding one in the words of the result's `summary`, the others in their flags' own words); a
 * service using a technique a flag rules out, or one whose technique needs more pressure than the cap allows (the
 * technique catalog's `pressure.min`), or one whose areas must all be avoided is `not-bookable`; a service that can
 * be given lighter, without some areas, without heat or in another position is `book-with-modifications`, and so is
 * every service when the disposition is `modify`. Only a `proceed` screening books online.
 *
 * @example
 * ```ts
 * const r = checkServices(result, [{ id: 'deep-60', name: 'Deep tissue 60', techniques: ['deep-tissue'], pressure: 4,
 *   durationMinutes: 60, bodyAreas: 'full-body' }]);
 * if (r.ok) for (const s of r.services) show(s.name, s.verdict, s.reasons.map((x) => x.text), s.alternatives);
 * ```
 */
export function checkServices(result: ScreeningResult | DraftResult, services: readonly ServiceInput[], options: CheckServicesOptions = {}): CheckServicesResult {
  try {
    const parsed = servicesSchema.safeParse(services);
    if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, services, [], SUGGEST) };
    let catalog: TechniqueCatalog;
    if (options.techniques === undefined) catalog = defaultCatalog ??= techniqueCatalogSchema.parse(DEFAULT_TECHNIQUES);
    else {
      const c = techniqueCatalogSchema.safeParse(options.techniques);
      if (!c.success) return { ok: false, issues: fromZodIssues(c.error.issues, options.techniques, ['techniques'], SUGGEST) };
      catalog = c.data;
    }
    const list = parsed.data;
    const sc = screenedOf(result);
    if ('code' in sc)
      return { ok: true, services: list.map((s) => ({ serviceId: s.id, name: s.name, verdict: 'not-bookable', reasons: [sc], ruleIds: [], skipRegions: [], alternatives: [] })) };
    if (dispositionRank(sc.disposition) >= STOP) {
      const stops = sc.flags.filter((f) => dispositionRank(f.disposition) >= STOP);
      // The deciding flag's reason is the result's own summary, so the booking desk says what the result says; the
      // others keep their flag's words, as the client's view shows them.
      const summary = summaryOf(sc.disposition, sc.flags);
      const reasons: ServiceReason[] = stops.map((f, i) =>
        i === 0
          ? { code: 'disposition', ruleIds: [f.ruleId], text: summary.therapist, clientText: summary.client }
          : { code: 'disposition', ruleIds: [f.ruleId], text: f.message, clientText: f.clientMessage },
      );
      return {
        ok: true,
        services: list.map((s) => ({ serviceId: s.id, name: s.name, verdict: 'not-bookable', reasons, ruleIds: stops.map((f) => f.ruleId), skipRegions: [], alternatives: [] })),
      };
    }
    const checks = list.map((s) => checkOne(s, sc, catalog));
    const rank = (v: BookingVerdict) => (v === 'book-online' ? 0 : 1);
    return {
      ok: true,
      services: checks.map((c, i) => {
        if (c.verdict !== 'not-bookable') return { ...c, alternatives: [] };
        const me = list[i]!;
        const alternatives = list
          .map((s, j) => ({ s, j, c: checks[j]! }))
          .filter((x) => x.j !== i && x.c.verdict !== 'not-bookable')
          .sort(
            (a, b) =>
              rank(a.c.verdict) - rank(b.c.verdict) ||
              overlap(me, b.s) - overlap(me, a.s) ||
              Math.abs(a.s.durationMinutes - me.durationMinutes) - Math.abs(b.s.durationMinutes - me.durationMinutes) ||
              a.j - b.j,
          )
          .map((x) => x.s.id);
        return { ...c, alternatives };
      }),
    };
  } catch {
    return { ok: false, issues: [issue([], 'invalid', 'The services could not be checked.')] };
  }
}
