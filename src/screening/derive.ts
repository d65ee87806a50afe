/**
 * Derived facts: the values rules need that are not answers themselves (age, trimester, days since each dated event,
 * the regions a side implies), computed once per screening against the appointment date. Mechanism only: no
 * clinical threshold lives here; rules hold those.
 */
import { isFollowUpRelevant } from '../intake/follow-ups.js';
import { ADDED_SAFETY_QUESTIONS, type Intake } from '../intake/schema.js';
import type { BodyRegion, Side, TriState } from '../intake/vocabulary.js';
import type { DerivedFacts } from '../rules/derived-schema.js';
import { daysBetween, yearsBetween, type CalendarDate } from './dates.js';

const LEG: readonly string[] = ['thigh', 'knee', 'lower-leg', 'ankle', 'foot'];
const ARM: readonly string[] = ['upper-arm', 'elbow', 'forearm'];
/** The upper quadrant of one side, front and back, neck to waist: the lymphedema-risk area after node removal. */
const UPPER_QUADRANT: readonly string[] = ['shoulder', 'axilla', 'upper-arm', 'elbow', 'forearm', 'wrist', 'hand', 'chest', 'ribs'];
const LOWER_QUADRANT: readonly string[] = ['hip', 'buttock', 'groin', ...LEG];
const UPPER_NODES: readonly string[] = ['axilla', 'shoulder', 'chest', 'upper-arm'];
const LOWER_NODES: readonly string[] = ['groin', 'hip', 'thigh', 'buttock'];

function sided(side: Side | undefined, parts: readonly string[]): BodyRegion[] {
  const sides = side === 'left' ? ['left'] : side === 'right' ? ['right'] : ['left', 'right'];
  return sides.flatMap((s) => parts.map((p) => `${s}-${p}` as BodyRegion));
}

function lymphQuadrants(nodes: readonly BodyRegion[]): BodyRegion[] {
  const out = new Set<BodyRegion>();
  for (const r of nodes) {
    const m = /^(left|right)-(.+)$/.exec(r);
    // A midline node region (neck, abdomen) is at risk itself; a region named must never drop out of the list.
    if (!m) {
      out.add(r);
      continue;
    }
    const [side, part] = [m[1] as 'left' | 'right', m[2]!];
    if (UPPER_NODES.includes(part)) for (const x of sided(side, UPPER_QUADRANT)) out.add(x);
    if (LOWER_NODES.includes(part)) for (const x of sided(side, LOWER_QUADRANT)) out.add(x);
    out.add(r);
  }
  // Midline trunk regions of an upper quadrant are shared by both sides; keep the sided ones only.
  return [...out];
}

const answered = (a: TriState | undefined) => a === 'yes' || a === 'unsure';

/** The surgeon's precaution weeks in days, minus the days since a joint replacement; null when either is unknown. */
function jointPrecautionDaysLeft(intake: Intake, daysSinceSurgery: number | null): number | null {
  const s = intake.surgery;
  if (daysSinceSurgery === null || !(s.types ?? []).includes('joint-replacement') || s.precautionWeeks === undefined) return null;
  return s.precautionWeeks * 7 - daysSinceSurgery;
}

/**
 * Days from a dated event to the appointment. No event: null. An event without a date is taken as recent as it
 * could be (the completion date, else the appointment date): the conservative reading. A date after the
 * appointment counts as 0.
 */
function daysSince(answer: TriState | undefined, date: CalendarDate | undefined, reference: CalendarDate, at: CalendarDate): number | null {
  if (!answered(answer)) return null;
  const d = daysBetween(date ?? reference, at);
  return d === undefined ? 0 : Math.max(0, d);
}

/** The paths of every safety answer given as "unsure", alone or as one of a list's choices ("what kind: not sure"). */
function unsureAnswers(intake: Intake): string[] {
  const out: string[] = [];
  for (const group of Object.keys(intake)) {
    const answers: unknown = intake[group as keyof Intake];
    // The visit group asks about paperwork (a diagnosis, a prescription), not safety.
    if (group === 'visit' || answers === null || typeof answers !== 'object' || Array.isArray(answers)) continue;
    for (const q of Object.keys(answers)) {
      const a = (answers as Record<string, unknown>)[q];
      if (a === 'unsure' || (Array.isArray(a) && a.includes('unsure'))) out.push(`${group}.${q}`);
    }
  }
  return out;
}

/** The safety questions added in model 2 that apply to this client and have no answer (an older form did not ask). */
function unansweredQuestions(intake: Intake): string[] {
  const out: string[] = [];
  for (const path of ADDED_SAFETY_QUESTIONS) {
    const [group = '', question = ''] = path.split('.');
    const answers = intake[group as keyof Intake];
    const answer = answers !== null && typeof answers === 'object' && !Array.isArray(answers) ? (answers as Record<string, unknown>)[question] : undefined;
    if (answer === undefined && isFollowUpRelevant(path, intake)) out.push(path);
  }
  return out;
}

/** Compute the derived facts of `intake` for an appointment on `at`. */
export function deriveFacts(intake: Intake, at: CalendarDate): DerivedFacts {
  const reference = intake.completedAt ?? at;
  const age = yearsBetween(intake.client.dateOfBirth, at);
  const pregnant = intake.client.pregnant === 'yes';
  const weeksGiven = intake.client.pregnancyWeeks;
  const sinceCompletion = intake.completedAt ? Math.max(0, daysBetween(intake.completedAt, at) ?? 0) : 0;
  const weeks = pregnant && weeksGiven !== undefined ? weeksGiven + Math.floor(sinceCompletion / 7) : null;
  const since = (a: TriState | undefined, d: CalendarDate | undefined) => daysSince(a, d, reference, at);
  return {
    ageYears: age ?? null,
    isMinor: age !== undefined && age < 18,
    pregnancyWeeksAtAppointment: weeks,
    pregnancyTrimester: weeks === null ? null : weeks < 14 ? 1 : weeks < 28 ? 2 : 3,
    daysSinceClot: since(intake.clots.history, intake.clots.historyDate),
    daysSinceImmobility: since(intake.clots.immobility, intake.clots.immobilityDate),
    daysSinceFracture: since(intake.bones.fracture, intake.bones.fractureDate),
    daysSinceSuspectedFracture: since(intake.bones.suspectedFracture, intake.bones.suspectedFractureDate),
    daysSinceSurgery: since(intake.surgery.recent, intake.surgery.date),
    daysSinceInjection: since(intake.injections.recent, intake.injections.date),
    daysSinceHeartAttackOrStroke: since(intake.heart.heartAttackOrStroke, intake.heart.heartAttackOrStrokeDate),
    daysSinceInjury: since(intake.injury.recent, intake.injury.date),
    // In treatment now, or not sure: the treatment is as recent as it can be.
    daysSinceCancerTreatment:
      intake.cancer.status === 'none'
        ? null
        : daysSince('yes', intake.cancer.status === 'history' ? intake.cancer.lastTreatmentDate : undefined, reference, at),
    daysSinceLastSeizure: intake.nerves.epilepsy === 'no' ? null : since(intake.nerves.epilepsy, intake.nerves.lastSeizure),
    daysSinceCompleted: intake.completedAt ? (daysBetween(intake.completedAt, at) ?? null) : null,
    unsureAnswers: unsureAnswers(intake),
    clotSignRegions: answered(intake.clots.legSigns) ? sided(intake.clots.legSignsSide, LEG) : [],
    lymphAtRiskRegions: answered(intake.cancer.lymphNodesRemoved) ? lymphQuadrants(intake.cancer.lymphNodeRegions ?? []) : [],
    fistulaRegions: answered(intake.metabolic.kidneyDisease) && intake.metabolic.fistulaArm ? sided(intake.metabolic.fistulaArm, ARM) : [],
    unansweredQuestions: unansweredQuestions(intake),
    daysSinceTia: since(intake.neurology.tia, intake.neurology.tiaDate),
    daysSinceHeadInjury: since(intake.neurology.headInjury, intake.neurology.headInjuryDate),
    daysSinceWhiplash: since(intake.neurology.whiplash, intake.neurology.whiplashDate),
    daysSinceTattoo: since(intake.bodyArt.recent, intake.bodyArt.date),
    jointPrecautionDaysLeft: jointPrecautionDaysLeft(intake, since(intake.surgery.recent, intake.surgery.date)),
  };
}
