/**
 * The fixed vocabularies an intake speaks: answers, body regions, conditions, techniques and the disposition scale.
 * They are defined once here, as readonly tuples, so that the zod schemas, the rule-set validator, the JSON Schemas
 * and the FHIR answer options all read the same lists.
 */

/** A safety answer. `unsure` is a real answer: the client does not know, and the screening treats it as a risk. */
export const TRI_STATE = ['yes', 'no', 'unsure'] as const;
/** A safety answer: `yes`, `no` or `unsure`. */
export type TriState = (typeof TRI_STATE)[number];

export const TRI_STATE_LABELS: Record<TriState, string> = { yes: 'Yes', no: 'No', unsure: 'Not sure' };

/** Body parts that have a left and a right. Each is a region only with its side: `left-wrist`, `right-wrist`. */
export const SIDED_BODY_PARTS = [
  'jaw',
  'shoulder',
  'axilla',
  'upper-arm',
  'elbow',
  'forearm',
  'wrist',
  'hand',
  'chest',
  'ribs',
  'hip',
  'buttock',
  'groin',
  'thigh',
  'knee',
  'lower-leg',
  'ankle',
  'foot',
] as const;

/** Body parts on the midline, without a side. */
export const MIDLINE_BODY_PARTS = [
  'head',
  'face',
  'neck',
  'upper-back',
  'mid-back',
  'low-back',
  'sacrum',
  'abdomen',
] as const;

type Sided = (typeof SIDED_BODY_PARTS)[number];
type Midline = (typeof MIDLINE_BODY_PARTS)[number];
/** A body region: a midline part, or a sided part with its side (`left-knee`). Left and right are the client's own. */
export type BodyRegion = Midline | `left-${Sided}` | `right-${Sided}`;

const PART_LABELS: Record<Sided | Midline, string> = {
  jaw: 'jaw (TMJ)',
  shoulder: 'shoulder',
  axilla: 'armpit',
  'upper-arm': 'upper arm',
  elbow: 'elbow',
  forearm: 'forearm',
  wrist: 'wrist',
  hand: 'hand',
  chest: 'chest',
  ribs: 'ribs',
  hip: 'hip',
  buttock: 'buttock',
  groin: 'groin',
  thigh: 'thigh',
  knee: 'knee',
  'lower-leg': 'calf / lower leg',
  ankle: 'ankle',
  foot: 'foot',
  head: 'Head',
  face: 'Face',
  neck: 'Neck',
  'upper-back': 'Upper back',
  'mid-back': 'Mid back',
  'low-back': 'Low back',
  sacrum: 'Sacrum / tailbone',
  abdomen: 'Abdomen',
};

/** Every body region, midline first, then left and right of each sided part. */
export const BODY_REGIONS = [
  ...MIDLINE_BODY_PARTS,
  ...SIDED_BODY_PARTS.flatMap((p) => [`left-${p}`, `right-${p}`] as const),
] as readonly BodyRegion[] as readonly [BodyRegion, ...BodyRegion[]];

/** Human labels for the body regions ("Left wrist"). */
export const BODY_REGION_LABELS = Object.fromEntries(
  BODY_REGIONS.map((r) => {
    const m = /^(left|right)-(.+)$/.exec(r);
    if (m) return [r, `${m[1] === 'left' ? 'Left' : 'Right'} ${PART_LABELS[m[2] as Sided]}`];
    return [r, PART_LABELS[r as Midline]];
  }),
) as Record<BodyRegion, string>;

/**
 * The side of a sided region, or undefined for a midline one.
 *
 * @throws TypeError when `region` is not a string (only possible from JavaScript).
 */
export function regionSide(region: BodyRegion): 'left' | 'right' | undefined {
  const r: unknown = region;
  if (typeof r !== 'string') throw new TypeError('regionSide takes a body region id, such as "left-knee".');
  return region.startsWith('left-') ? 'left' : region.startsWith('right-') ? 'right' : undefined;
}

export const SIDES = ['left', 'right', 'both'] as const;
export type Side = (typeof SIDES)[number];
export const SIDE_LABELS: Record<Side, string> = { left: 'Left', right: 'Right', both: 'Both sides' };

/** The reasons for a visit the intake offers. `rules/conditions.json` gives each its ICD-10-CM codes and synonyms. */
export const CONDITIONS = [
  'low-back-pain',
  'neck-pain',
  'sciatica',
  'carpal-tunnel',
  'tension-headache',
  'migraine',
  'fibromyalgia',
  'tmj',
  'postural-imbalance',
  'arthritis',
  'joint-pain',
  'sports-injury',
  'sprain-strain',
  'post-surgical-recovery',
  'myofascial-pain',
  'muscle-spasm',
  'stress',
  'anxiety',
  'insomnia',
  'lymphedema',
  'pregnancy-discomfort',
  'cancer-related-symptoms',
  'scar-tissue',
  'tendinopathy',
] as const;
/** A condition from the intake's vocabulary. */
export type Condition = (typeof CONDITIONS)[number];

export const CONDITION_LABELS: Record<Condition, string> = {
  'low-back-pain': 'Low back pain',
  'neck-pain': 'Neck pain',
  sciatica: 'Sciatica',
  'carpal-tunnel': 'Carpal tunnel syndrome',
  'tension-headache': 'Tension-type headache',
  migraine: 'Migraine',
  fibromyalgia: 'Fibromyalgia',
  tmj: 'Jaw pain (TMJ)',
  'postural-imbalance': 'Postural imbalance',
  arthritis: 'Arthritis',
  'joint-pain': 'Joint pain',
  'sports-injury': 'Sports injury',
  'sprain-strain': 'Sprain or strain',
  'post-surgical-recovery': 'Recovery after surgery',
  'myofascial-pain': 'Myofascial pain, muscle knots',
  'muscle-spasm': 'Muscle spasm',
  stress: 'Stress',
  anxiety: 'Anxiety',
  insomnia: 'Trouble sleeping',
  lymphedema: 'Lymphedema',
  'pregnancy-discomfort': 'Pregnancy aches (back, hips, swelling)',
  'cancer-related-symptoms': 'Symptoms during or after cancer care',
  'scar-tissue': 'Scar tissue',
  tendinopathy: 'Tendon pain (overuse)',
};

/** Technique categories. `rules/techniques.json` describes each: what it is, its usual pressure, what it serves. */
export const TECHNIQUES = [
  'swedish',
  'deep-tissue',
  'trigger-point',
  'neuromuscular',
  'myofascial-release',
  'sports-massage',
  'active-release',
  'stretching',
  'joint-mobilization',
  'lymphatic-drainage',
  'scar-mobilization',
  'prenatal',
  'oncology-massage',
  'hot-stone',
  'cupping',
  'instrument-assisted',
  'craniosacral',
  'reflexology',
  'percussion',
  'friction',
] as const;
/** A technique category id. */
export type Technique = (typeof TECHNIQUES)[number];

/** Positioning and handling constraints a rule can require. */
export const POSITIONING = [
  'no-prone',
  'no-flat-supine',
  'side-lying',
  'seated-or-reclined',
  'no-head-down',
  'bolster-support',
  'assist-on-off-table',
  'rise-slowly',
  'short-session',
  'no-heat',
  'guardian-present',
] as const;
export type Positioning = (typeof POSITIONING)[number];

/**
 * The triage scale, from least to most restrictive. The order of this tuple is the order of restriction: the merge
 * logic and every comparison read it, so it is the one place that says which disposition outranks which.
 */
export const DISPOSITIONS = ['proceed', 'modify', 'postpone', 'clearance-required', 'refer-urgent'] as const;
/** A triage disposition. */
export type Disposition = (typeof DISPOSITIONS)[number];

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  proceed: 'Proceed',
  modify: 'Proceed with modifications',
  postpone: 'Postpone',
  'clearance-required': 'Medical clearance required',
  'refer-urgent': 'Refer urgently',
};

/** Pressure on the 1–5 scale of Walton (built on MacDonald and Nelson), 1 lightest. */
export const PRESSURE_LEVELS = [1, 2, 3, 4, 5] as const;
export type PressureLevel = (typeof PRESSURE_LEVELS)[number];
