/**
 * Technique suggestions: the techniques indicated for the client's conditions, minus those a flag excludes or whose
 * pressure is above the cap, ranked by how many of the client's conditions each serves (the adapted form of massage
 * for a flagged situation, such as prenatal or oncology massage, first); and the session notes.
 */
import type { Intake } from '../intake/schema.js';
import type { Condition, Disposition, PressureLevel, Technique } from '../intake/vocabulary.js';
import { BODY_REGION_LABELS, CONDITIONS } from '../intake/vocabulary.js';
import type { ConditionCatalog, TechniqueCatalog, TechniqueEntry } from './catalog.js';
import type { ExcludedTechnique, SuggestedTechnique, TechniqueAdvice, TechniqueFlagInput, TechniqueModificationsInput } from './types.js';

/** How one catalog entry is recognised: by code (exact, or a stem for a code ending in "-") or by phrase. */
interface ConditionMatcher {
  readonly id: string;
  readonly codes: readonly { readonly stem: string; readonly prefix: boolean }[];
  readonly phrases: readonly RegExp[];
}

/**
 * `build(catalog)`, computed once per catalog rather than once per intake: catalogs are parsed once per screener and
 * never change.
 */
function oncePerCatalog<C extends object, T>(build: (catalog: C) => T): (catalog: C) => T {
  const built = new WeakMap<C, T>();
  return (catalog) => {
    let value = built.get(catalog);
    if (value === undefined) {
      value = build(catalog);
      built.set(catalog, value);
    }
    return value;
  };
}

const matchersOf = oncePerCatalog((conditions: ConditionCatalog): readonly ConditionMatcher[] =>
  conditions.conditions.map((entry) => ({
    id: entry.id,
    codes: entry.icd10.map((known) => ({ stem: known.replace(/-$/, ''), prefix: known.endsWith('-') })),
    phrases: entry.synonyms.map((s) => new RegExp(`\\b${s.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`)),
  })),
);

/** The conditions an intake names: chosen from the list, or given as an ICD-10-CM code or a known phrase. */
export function conditionsOf(intake: Intake, conditions: ConditionCatalog): Condition[] {
  const found = new Set<string>(intake.visit.conditions ?? []);
  // Lists pushed into literals, not made by `map` and `filter`, so that they reach the per-technique loop below with
  // one elements kind (V8 optimises that loop for the array shapes it sees, and recompiles it for a new one).
  const codes: string[] = [];
  for (const c of intake.visit.icd10Codes ?? []) codes.push(c.toUpperCase());
  const text = [intake.visit.diagnosisText, intake.visit.otherConcerns].filter(Boolean).join(' ').toLowerCase();
  for (const m of matchersOf(conditions)) {
    const codeHit = codes.length > 0 && m.codes.some(({ stem, prefix }) => codes.some((c) => (prefix ? c.startsWith(stem) : c === stem)));
    const phraseHit = text !== '' && m.phrases.some((re) => re.test(text));
    if (codeHit || phraseHit) found.add(m.id);
  }
  const named: Condition[] = [];
  for (const c of CONDITIONS) if (found.has(c)) named.push(c);
  return named;
}

/** The dispositions that plan no session at the appointment. */
const NONE_TODAY: readonly Disposition[] = ['postpone', 'refer-urgent'];

function insuranceHints(intake: Intake, conditions: readonly Condition[]): string[] {
  const v = intake.visit;
  const hints: string[] = [];
  if (v.prescription !== 'yes') {
    hints.push(
      'Insurers usually need a prescription or referral from a physician, with the diagnosis and its ICD-10-CM code; the client has none on file.',
    );
  } else {
    if ((v.icd10Codes ?? []).length === 0) hints.push('The prescription’s diagnosis code (ICD-10-CM) is missing: therapists cannot diagnose, so it must come from the prescriber.');
    if (!v.prescriber) hints.push('The prescriber’s name is missing.');
    if (!v.prescribedFrequency) hints.push('The prescribed frequency and duration (for example 2×/week for 6 weeks) are missing.');
    if ((v.prescribedRegions ?? []).length === 0) hints.push('The body areas to treat are missing from the prescription.');
  }
  if (conditions.length > 0 && conditions.every((c) => c === 'stress' || c === 'anxiety' || c === 'insomnia'))
    hints.push('Payers scrutinise relaxation goals: document functional goals and measurable progress.');
  return hints;
}

/** The catalog's entries by condition id. */
const entriesOf = oncePerCatalog((conditions: ConditionCatalog) => new Map(conditions.conditions.map((e) => [e.id, e])));

/** A technique as the per-intake loop reads it. */
interface PreparedTechnique {
  readonly entry: TechniqueEntry;
  readonly indications: ReadonlySet<string>;
  readonly adaptationFor: readonly string[];
}

const prepared = oncePerCatalog((techniques: TechniqueCatalog): readonly PreparedTechnique[] =>
  techniques.techniques.map((entry) => ({ entry, indications: new Set(entry.indications), adaptationFor: entry.adaptationFor ?? [] })),
);

/** The rules whose whole-body pressure cap is below `min`, or undefined if none. */
function capsBelow(flags: readonly TechniqueFlagInput[], min: number): string[] | undefined {
  let ids: string[] | undefined;
  for (const f of flags) {
    const c = f.modifications.pressureCap;
    if (f.scope === 'systemic' && c !== undefined && c < min) (ids ??= []).push(f.ruleId);
  }
  return ids;
}

/** The local flags that rule out technique `t` or avoid a region of `regions`. */
function localBy(flags: readonly TechniqueFlagInput[], t: string, regions: readonly string[]): string[] {
  const ids: string[] = [];
  for (const f of flags)
    if (f.scope === 'local' && f.regions.some((r) => regions.includes(r)) && ((f.modifications.avoidTechniques as readonly string[]).includes(t) || f.modifications.avoidRegions.length > 0))
      ids.push(f.ruleId);
  return ids;
}

/** A technique excluded by the flags that avoid it (`byFlag`) or by the whole-body pressure cap (`byCap`). */
function exclusion(t: TechniqueEntry, cap: number | null, byFlag: readonly string[] = [], byCap: readonly string[] = []): ExcludedTechnique {
  const reasons = [
    ...(byFlag.length > 0 ? [`excluded by ${byFlag.join(', ')}`] : []),
    ...(byCap.length > 0 ? [`needs pressure ${t.pressure.min} or more, above the cap of ${cap}`] : []),
  ];
  return { technique: t.id, name: t.name, excludedBy: [...new Set([...byFlag, ...byCap])], reason: reasons.join('; ') };
}

/** The conditions' names from the catalog, as a list for a sentence. */
function namesOf(conditions: readonly Condition[], catalog: ConditionCatalog): string {
  let names = '';
  const entries = entriesOf(catalog);
  for (const c of conditions) names += `${names ? ', ' : ''}${entries.get(c)?.name ?? c}`;
  return names;
}

/** A technique suggested for the conditions it `serves`, its pressure within the cap, with its rank. */
function suggestion(
  t: TechniqueEntry,
  serves: Condition[],
  adaptedFor: readonly string[] | undefined,
  cap: number | null,
  order: number,
  conditionCatalog: ConditionCatalog,
): SuggestedTechnique & { rank: number } {
  const max = (cap === null ? t.pressure.max : Math.min(t.pressure.max, cap)) as PressureLevel;
  return {
    technique: t.id,
    name: t.name,
    pressure: { min: t.pressure.min as PressureLevel, max },
    forConditions: serves,
    reason: `${adaptedFor ? `Adapted for this client (${adaptedFor.join(', ')}); serves` : 'Indicated for'} ${namesOf(serves, conditionCatalog)}.`,
    rank: (adaptedFor ? 1_000_000 : 0) + serves.length * 1000 - order,
  };
}

/**
 * Suggest techniques for `intake` given the merged `modifications` and the `flags` behind them. A technique a flag
 * avoids, or whose least pressure is above the whole-body cap, is excluded with the flags that excluded it. A stop
 * (`postpone`, `refer-urgent`) plans no session today: nothing is suggested, and the session notes give no frequency
 * and no aftercare. For `clearance-required` the suggestions are for the cleared session, as the note says.
 */
export function suggestTechniques(
  intake: Intake,
  disposition: Disposition,
  flags: readonly TechniqueFlagInput[],
  modifications: TechniqueModificationsInput,
  techniques: TechniqueCatalog,
  conditionCatalog: ConditionCatalog,
): TechniqueAdvice {
  const conditions = conditionsOf(intake, conditionCatalog);
  const cap = modifications.pressureCap;
  const suggested: (SuggestedTechnique & { rank: number })[] = [];
  const excluded: ExcludedTechnique[] = [];
  // The flags are read once, and a technique's exclusions looked up. The per-technique lists below exist only when
  // not empty: the loop runs for every technique of every intake, and lists that are sometimes empty and sometimes
  // not make V8 throw away and recompile its optimised code for it again and again while a batch warms up.
  const categories = new Set<string>();
  const avoidedBy = new Map<string, string[]>();
  for (const f of flags) {
    if (f.category !== undefined) categories.add(f.category);
    // A local flag's techniques are ruled out on its regions only (modifications.regionalAvoidTechniques): the
    // technique stays suggested, and its reason says where it is not used.
    if (f.scope === 'local') continue;
    for (const t of f.modifications.avoidTechniques) {
      const ids = avoidedBy.get(t);
      if (!ids) avoidedBy.set(t, [f.ruleId]);
      else if (ids[ids.length - 1] !== f.ruleId) ids.push(f.ruleId);
    }
  }
  const regionalBans = new Map<string, string[]>();
  for (const { region, techniques: ts } of modifications.regionalAvoidTechniques ?? [])
    for (const t of ts) {
      const regions = regionalBans.get(t);
      if (!regions) regionalBans.set(t, [BODY_REGION_LABELS[region].toLowerCase()]);
      else regions.push(BODY_REGION_LABELS[region].toLowerCase());
    }
  const bannedOn = (r: string, t: string) => (modifications.regionalAvoidTechniques ?? []).some((x) => x.region === r && x.techniques.includes(t as Technique));
  const list = conditions.length > 0 ? prepared(techniques) : [];
  for (let order = 0; order < list.length; order++) {
    const { entry: t, indications, adaptationFor } = list[order]!;
    // The adapted form of massage for a client's situation (prenatal, oncology) serves whatever brings them in.
    let adaptedFor: string[] | undefined;
    if (categories.size > 0) for (const c of adaptationFor) if (categories.has(c)) (adaptedFor ??= []).push(c);
    let serves: Condition[] | undefined = adaptedFor ? conditions : undefined;
    if (!serves) for (const c of conditions) if (indications.has(c)) (serves ??= []).push(c);
    if (!serves) continue;
    // A technique confined to a few regions (reflexology: the feet) that local flags rule out on all of them.
    const confined = t.regions && t.regions.length > 0 && t.regions.every((r) => modifications.avoidRegions.includes(r) || bannedOn(r, t.id));
    const byFlag = confined ? [...(avoidedBy.get(t.id) ?? []), ...localBy(flags, t.id, t.regions!)] : avoidedBy.get(t.id);
    const byCap = cap !== null && t.pressure.min > cap ? capsBelow(flags, t.pressure.min) : undefined;
    if (byFlag || byCap) excluded.push(exclusion(t, cap, byFlag, byCap));
    else {
      const s = suggestion(t, serves, adaptedFor, cap, order, conditionCatalog);
      const notOn = regionalBans.get(t.id);
      suggested.push(notOn ? { ...s, reason: `${s.reason} Not on: ${notOn.join(', ')}.` } : s);
    }
  }
  suggested.sort((a, b) => b.rank - a.rank);
  // A stop plans no session today: no suggestion, frequency or aftercare, which would read as today's plan. An urgent
  // referral also means the complaint itself may be something else (a calf "strain" that is a clot), so what is safe
  // later depends on the clinician's findings; a later session is screened again.
  const noneToday = NONE_TODAY.includes(disposition);
  let note: string | undefined;
  if (noneToday)
    note =
      disposition === 'refer-urgent'
        ? 'No session today (refer-urgent): no technique is suggested until a clinician has assessed the client.'
        : 'No session today (postpone): no technique is suggested; screen the intake again for the session that follows.';
  else if (conditions.length === 0) note = 'The client named no condition, so no technique is suggested: ask what brings them in.';
  else if (suggested.length === 0) note = 'Nothing suitable remains: every technique indicated for these conditions is excluded by a flag.';
  if (disposition === 'clearance-required') note = ['No session until cleared (clearance-required): the suggestions are for the cleared session.', ...(note ? [note] : [])].join(' ');
  const entries = entriesOf(conditionCatalog);
  const acute = conditions.some((c) => entries.get(c)?.acute);
  return {
    suggested: noneToday ? [] : suggested.map(({ rank: _rank, ...s }) => s),
    excluded,
    ...(note ? { note } : {}),
    conditions,
    sessionNotes: {
      ...(noneToday ? {} : { frequency: acute ? techniques.session.frequencyAcute : techniques.session.frequencyChronic }),
      aftercare: noneToday ? [] : techniques.session.aftercare,
      insurance: insuranceHints(intake, conditions),
    },
  };
}
