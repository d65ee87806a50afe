/**
 * Technique suggestions: the techniques indicated for the client's conditions, minus those a flag excludes or whose
 * pressure is above the cap, ranked by how many of the client's conditions each serves (the adapted form of massage
 * for a flagged situation, such as prenatal or oncology massage, first); and the session notes.
 */
import type { Intake } from '../intake/schema.js';
import type { Condition, Disposition, PressureLevel, Technique } from '../intake/vocabulary.js';
import { CONDITIONS } from '../intake/vocabulary.js';
import type { ExcludedTechnique, Flag, Modifications, SuggestedTechnique, TechniqueAdvice } from '../screening/types.js';
import type { ConditionCatalog, TechniqueCatalog } from './catalog.js';

/** How one catalog entry is recognised: by code (exact, or a stem for a code ending in "-") or by phrase. */
interface ConditionMatcher {
  readonly id: string;
  readonly codes: readonly { readonly stem: string; readonly prefix: boolean }[];
  readonly phrases: readonly RegExp[];
}

// Compiled once per catalog (catalogs are parsed once per screener and never change), not once per intake.
const matchersByCatalog = new WeakMap<ConditionCatalog, readonly ConditionMatcher[]>();

function matchersOf(conditions: ConditionCatalog): readonly ConditionMatcher[] {
  let matchers = matchersByCatalog.get(conditions);
  if (!matchers) {
    matchers = conditions.conditions.map((entry) => ({
      id: entry.id,
      codes: entry.icd10.map((known) => ({ stem: known.replace(/-$/, ''), prefix: known.endsWith('-') })),
      phrases: entry.synonyms.map((s) => new RegExp(`\\b${s.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`)),
    }));
    matchersByCatalog.set(conditions, matchers);
  }
  return matchers;
}

/** The conditions an intake names: chosen from the list, or given as an ICD-10-CM code or a known phrase. */
export function conditionsOf(intake: Intake, conditions: ConditionCatalog): Condition[] {
  const found = new Set<string>(intake.visit.conditions ?? []);
  const codes = (intake.visit.icd10Codes ?? []).map((c) => c.toUpperCase());
  const text = [intake.visit.diagnosisText, intake.visit.otherConcerns].filter(Boolean).join(' ').toLowerCase();
  for (const m of matchersOf(conditions)) {
    const codeHit = codes.length > 0 && m.codes.some(({ stem, prefix }) => codes.some((c) => (prefix ? c.startsWith(stem) : c === stem)));
    const phraseHit = text !== '' && m.phrases.some((re) => re.test(text));
    if (codeHit || phraseHit) found.add(m.id);
  }
  return CONDITIONS.filter((c) => found.has(c));
}

const NO_SESSION: readonly Disposition[] = ['postpone', 'clearance-required', 'refer-urgent'];

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

/**
 * Suggest techniques for `intake` given the merged `modifications` and the `flags` behind them. A technique a flag
 * avoids, or whose least pressure is above the whole-body cap, is excluded with the flags that excluded it. Nothing is
 * suggested when the client must be referred urgently.
 */
export function suggestTechniques(
  intake: Intake,
  disposition: Disposition,
  flags: readonly Flag[],
  modifications: Modifications,
  techniques: TechniqueCatalog,
  conditionCatalog: ConditionCatalog,
): TechniqueAdvice {
  const conditions = conditionsOf(intake, conditionCatalog);
  const cap = modifications.pressureCap;
  const suggested: (SuggestedTechnique & { rank: number })[] = [];
  const excluded: ExcludedTechnique[] = [];
  const categories = new Set(flags.map((f) => f.category));
  techniques.techniques.forEach((t, order) => {
    // The adapted form of massage for a client's situation (prenatal, oncology) serves whatever brings them in.
    const adaptedFor = (t.adaptationFor ?? []).filter((c) => categories.has(c));
    const serves = adaptedFor.length > 0 ? conditions : conditions.filter((c) => t.indications.includes(c));
    if (serves.length === 0) return;
    const byFlag = flags.filter((f) => f.modifications.avoidTechniques.includes(t.id as Technique)).map((f) => f.ruleId);
    const byCap =
      cap !== null && t.pressure.min > cap
        ? flags.filter((f) => f.scope === 'systemic' && f.modifications.pressureCap !== undefined && f.modifications.pressureCap < t.pressure.min).map((f) => f.ruleId)
        : [];
    if (byFlag.length > 0 || byCap.length > 0) {
      const reasons = [
        ...(byFlag.length > 0 ? [`excluded by ${byFlag.join(', ')}`] : []),
        ...(byCap.length > 0 ? [`needs pressure ${t.pressure.min} or more, above the cap of ${cap}`] : []),
      ];
      excluded.push({ technique: t.id, name: t.name, excludedBy: [...new Set([...byFlag, ...byCap])], reason: reasons.join('; ') });
      return;
    }
    const max = (cap === null ? t.pressure.max : Math.min(t.pressure.max, cap)) as PressureLevel;
    suggested.push({
      technique: t.id,
      name: t.name,
      pressure: { min: t.pressure.min as PressureLevel, max },
      forConditions: serves,
      reason: `${adaptedFor.length > 0 ? `Adapted for this client (${adaptedFor.join(', ')}); serves` : 'Indicated for'} ${serves
        .map((c) => conditionCatalog.conditions.find((e) => e.id === c)?.name ?? c)
        .join(', ')}.`,
      rank: (adaptedFor.length > 0 ? 1_000_000 : 0) + serves.length * 1000 - order,
    });
  });
  suggested.sort((a, b) => b.rank - a.rank);
  // An urgent referral means the complaint itself may be something else (a calf "strain" that is a clot): what is
  // safe to do depends on the clinician's findings, so suggesting techniques now would mislead.
  const urgent = disposition === 'refer-urgent';
  let note: string | undefined;
  if (conditions.length === 0) note = 'The client named no condition, so no technique is suggested: ask what brings them in.';
  else if (urgent) note = 'No technique is suggested until a clinician has assessed the client.';
  else if (suggested.length === 0) note = 'Nothing suitable remains: every technique indicated for these conditions is excluded by a flag.';
  if (NO_SESSION.includes(disposition)) {
    const parts = [`No session today (${disposition}).`, ...(urgent ? [] : ['The suggestions apply only once the flags are resolved.']), ...(note ? [note] : [])];
    note = parts.join(' ');
  }
  const acute = conditions.some((c) => conditionCatalog.conditions.find((e) => e.id === c)?.acute);
  return {
    suggested: urgent ? [] : suggested.map(({ rank: _rank, ...s }) => s),
    excluded,
    ...(note ? { note } : {}),
    conditions,
    sessionNotes: {
      frequency: acute ? techniques.session.frequencyAcute : techniques.session.frequencyChronic,
      aftercare: techniques.session.aftercare,
      insurance: insuranceHints(intake, conditions),
    },
  };
}
