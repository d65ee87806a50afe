/**
 * The disposition scale and the merge of flags: defined once, here. The most restrictive disposition wins, the
 * lowest pressure cap wins, regions, techniques and positioning constraints are united. Merging never loosens.
 */
import { match } from 'ts-pattern';
import { BODY_REGIONS, DISPOSITIONS, POSITIONING, TECHNIQUES, type BodyRegion, type Disposition, type Positioning, type PressureLevel, type Technique } from '../intake/vocabulary.js';
import type { Flag, FlagKind, Modifications } from './types.js';

/** 0 for `proceed` up to 4 for `refer-urgent`. */
export function dispositionRank(d: Disposition): number {
  return DISPOSITIONS.indexOf(d);
}

/** The more restrictive of two dispositions. */
export function moreRestrictive(a: Disposition, b: Disposition): Disposition {
  return dispositionRank(a) >= dispositionRank(b) ? a : b;
}

/** The most restrictive disposition of the flags; `proceed` when there are none. */
export function overallDisposition(flags: readonly Pick<Flag, 'disposition'>[]): Disposition {
  return flags.reduce<Disposition>((d, f) => moreRestrictive(d, f.disposition), 'proceed');
}

/** The kind of flag a rule's disposition makes. */
export function kindOf(d: Disposition): FlagKind {
  return match(d)
    .with('proceed', 'modify', () => 'precaution' as const)
    .with('postpone', 'clearance-required', 'refer-urgent', () => 'contraindication' as const)
    .exhaustive();
}

/** Flags in a stable order: most restrictive first, then by rule id. */
export function sortFlags<T extends Pick<Flag, 'disposition' | 'ruleId'>>(flags: readonly T[]): T[] {
  return [...flags].sort(
    (a, b) => dispositionRank(b.disposition) - dispositionRank(a.disposition) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** The words of `vocabulary` that `present` has (a set, or a map's keys), in the vocabulary's order. */
export function inVocabularyOrder<T extends string>(vocabulary: readonly T[], present: { has(value: T): boolean }): T[] {
  const kept: T[] = [];
  for (const v of vocabulary) if (present.has(v)) kept.push(v);
  return kept;
}

/**
 * Merge the modifications of every flag: lowest cap, unions of the rest. A local flag's caps and techniques stay in
 * its regions; a systemic flag's apply to the whole body; a stop flag's regions are avoided.
 */
export function mergeModifications(flags: readonly Flag[]): Modifications {
  let cap: PressureLevel | null = null;
  const regional = new Map<BodyRegion, PressureLevel>();
  for (const f of flags) {
    const c = f.modifications.pressureCap;
    if (c === undefined) continue;
    if (f.scope === 'systemic') cap = cap === null ? c : (Math.min(cap, c) as PressureLevel);
    else for (const r of f.regions) regional.set(r, Math.min(regional.get(r) ?? 5, c) as PressureLevel);
  }
  const regionalPressureCaps: { region: BodyRegion; pressureCap: PressureLevel }[] = [];
  for (const region of inVocabularyOrder(BODY_REGIONS, regional)) {
    const pressureCap = regional.get(region)!;
    if (cap === null || pressureCap < cap) regionalPressureCaps.push({ region, pressureCap });
  }
  const avoidRegions = new Set<BodyRegion>();
  const avoidTechniques = new Set<Technique>();
  const regionalTechniques = new Map<BodyRegion, Set<Technique>>();
  const positioning = new Set<Positioning>();
  for (const { scope, regions, disposition, modifications: m } of flags) {
    for (const r of m.avoidRegions) avoidRegions.add(r);
    // A stop that names regions (one-sided clot signs, a suspected fracture) keeps them avoided for any later
    // session, whatever a lower flag caps there.
    if (disposition === 'postpone' || disposition === 'refer-urgent') for (const r of regions) avoidRegions.add(r);
    // A local flag's techniques stay in its regions (varicose veins on a calf do not rule out deep work on the back);
    // one with no region named keeps them on the whole body, never nowhere.
    if (scope === 'local' && regions.length > 0)
      for (const r of regions) {
        const set = regionalTechniques.get(r) ?? new Set<Technique>();
        for (const t of m.avoidTechniques) set.add(t);
        regionalTechniques.set(r, set);
      }
    else for (const t of m.avoidTechniques) avoidTechniques.add(t);
    for (const p of m.positioning) positioning.add(p);
  }
  // An avoided region gets no pressure at all, so a lower flag's cap there would only contradict it.
  for (let i = regionalPressureCaps.length - 1; i >= 0; i--) if (avoidRegions.has(regionalPressureCaps[i]!.region)) regionalPressureCaps.splice(i, 1);
  const regionalAvoidTechniques: { region: BodyRegion; techniques: Technique[] }[] = [];
  for (const region of inVocabularyOrder(BODY_REGIONS, regionalTechniques)) {
    if (avoidRegions.has(region)) continue;
    const techniques = inVocabularyOrder(TECHNIQUES, regionalTechniques.get(region)!).filter((t) => !avoidTechniques.has(t));
    if (techniques.length > 0) regionalAvoidTechniques.push({ region, techniques });
  }
  return {
    pressureCap: cap,
    regionalPressureCaps,
    avoidRegions: inVocabularyOrder(BODY_REGIONS, avoidRegions),
    avoidTechniques: inVocabularyOrder(TECHNIQUES, avoidTechniques),
    regionalAvoidTechniques,
    positioning: inVocabularyOrder(POSITIONING, positioning),
  };
}
