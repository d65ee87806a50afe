/**
 * Rule fixtures: small, readable test cases for a rule set. Each case starts from a healthy baseline intake (or the
 * file's own `base`), changes a few answers (`set`, by dot path), and says which rules must and must not fire and
 * what disposition follows. The default set is tested this way, and a clinic tests its own rules the same way
 * (`massage-triage rules test`).
 *
 * This module is the format only: it reads no screening. The runner that screens the cases is
 * `screening/fixtures.ts`, a layer up.
 */
import * as z from 'zod/mini';
import { stringOf } from '../intake/fields.js';
import { DISPOSITIONS } from '../intake/vocabulary.js';
import { outcomeExpectationFields } from './fixture-expectations.js';
import { isForbiddenKey, isRecord } from './path.js';

/** A healthy adult's intake that no default rule fires on: the starting point of every fixture case. */
export const BASELINE_INTAKE = Object.freeze({
  schemaVersion: '2',
  client: { dateOfBirth: '1985-04-12', pregnant: 'no' },
  visit: { conditions: ['low-back-pain'], diagnosed: 'no', prescription: 'no', painRegions: ['low-back'], painLevel: 4 },
  clots: { history: 'no', legSigns: 'no', breathlessnessOrChestPain: 'no', immobility: 'no' },
  bones: { fracture: 'no', suspectedFracture: 'no', osteoporosis: 'none' },
  medications: { anticoagulants: 'no', antiplatelets: 'no', corticosteroids: 'no', painMedicationToday: 'no' },
  surgery: { recent: 'no' },
  injections: { recent: 'no' },
  cancer: { status: 'none' },
  lymph: { lymphedema: 'no' },
  heart: { bloodPressure: 'none', heartAttackOrStroke: 'no', heartCondition: 'no', implantedDevice: 'no', aneurysm: 'no' },
  metabolic: { diabetes: 'no', kidneyDisease: 'no' },
  blood: { bleedingDisorder: 'no' },
  skin: { contagious: 'no', woundsOrBurns: 'no' },
  veins: { varicose: 'no', phlebitis: 'no' },
  illness: { feverOrAcuteIllness: 'no' },
  injury: { recent: 'no' },
  joints: { inflammatoryArthritis: 'no' },
  nerves: { epilepsy: 'no' },
  other: { hernia: 'no', fibromyalgiaFlare: 'no' },
  redFlags: { saddleNumbness: 'no', bladderBowelChange: 'no', unexplainedWeightLoss: 'no', nightPain: 'no', suddenHeadacheOrNeuro: 'no' },
  today: { alcoholOrDrugs: 'no' },
  allergies: { any: 'no' },
  consent: { informedConsent: true },
  // The groups intake model 2 added.
  neurology: { tia: 'no', numbness: 'no', spinalCordInjury: 'no', faintingOrDizziness: 'no', headInjury: 'no', whiplash: 'no' },
  liver: { liverDisease: 'no' },
  medicationEffects: { muscleRelaxants: 'no', strongPainkillers: 'no', immunosuppressants: 'no', skinPatch: 'no' },
  bodyArt: { recent: 'no' },
});

const caseSchema = z.strictObject({
  name: stringOf(1, 300),
  /** Answers to change, by dot path: `{ "clots.legSigns": "yes" }`. `null` removes an answer. */
  set: z.optional(z.record(z.string().check(z.regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/)), z.unknown())),
  at: z.optional(z.iso.date()),
  fires: z.optional(z.array(z.string())),
  doesNotFire: z.optional(z.array(z.string())),
  disposition: z.optional(z.enum(DISPOSITIONS)),
  ...outcomeExpectationFields,
});

export const fixtureFileSchema = z.strictObject({
  $schema: z.optional(z.string()),
  description: z.optional(z.string()),
  /** The appointment date for every case without its own. */
  at: z.iso.date(),
  /** A whole intake to start from instead of the baseline. */
  base: z.optional(z.record(z.string(), z.unknown())),
  cases: z.array(caseSchema).check(z.minLength(1)),
});

/** A fixture file. */
export type FixtureFile = z.infer<typeof fixtureFileSchema>;
/** One fixture case. */
export type FixtureCase = z.infer<typeof caseSchema>;

/**
 * A copy of `base` with answers changed by dot path (`null` deletes).
 *
 * @throws TypeError when `base` or `set` is not an object (only possible from JavaScript).
 */
export function withAnswers(base: unknown, set: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!isRecord(base)) throw new TypeError('withAnswers takes an intake object as its base, such as BASELINE_INTAKE.');
  if (!isRecord(set)) throw new TypeError('withAnswers takes the answers to change as an object of dot paths: { "clots.legSigns": "yes" }.');
  const out = structuredClone(base);
  for (const [path, value] of Object.entries(set)) {
    const keys = path.split('.');
    if (keys.some(isForbiddenKey)) continue;
    let node: Record<string, unknown> = out;
    for (const k of keys.slice(0, -1)) {
      const next = Object.hasOwn(node, k) ? node[k] : undefined;
      if (next === null || typeof next !== 'object') node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    if (value === null) delete node[last];
    else node[last] = value;
  }
  return out;
}
