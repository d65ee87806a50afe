/**
 * The derived facts rules can read under `"fact": "derived"`: values computed once per screening from the intake and
 * the appointment date (`src/screening/derive.ts`). Declared as a zod schema so the rule authors' catalog is
 * generated from it and cannot drift from the code.
 */
import * as z from 'zod/mini';
import { meta } from '../intake/fields.js';
import { BODY_REGIONS } from '../intake/vocabulary.js';

/** A whole number, or null when it does not apply. */
const wholeOrNull = () => z.nullable(z.number().check(z.int()));

const days = (title: string) =>
  meta(wholeOrNull(), {
    title,
    description:
      'Whole days from the event to the appointment date; null when there was no such event. An event answered yes or unsure without a date counts as on the intake’s completion date (or the appointment date), the most recent it could be.',
  });

const regionList = (title: string, description: string) => meta(z.array(z.enum(BODY_REGIONS)), { title, description });

export const derivedFactsSchema = z.strictObject({
  ageYears: meta(wholeOrNull(), { title: 'Age in whole years on the appointment date' }),
  isMinor: meta(z.boolean(), { title: 'Under 18 on the appointment date' }),
  pregnancyWeeksAtAppointment: meta(wholeOrNull(), { title: 'Weeks of pregnancy on the appointment date', description: 'null when not pregnant or weeks not given.' }),
  pregnancyTrimester: meta(wholeOrNull(), { title: 'Trimester on the appointment date (1–3)', description: 'null when not pregnant or weeks not given.' }),
  daysSinceClot: days('Days since the blood clot was diagnosed'),
  daysSinceImmobility: days('Days since the long immobility or major surgery ended'),
  daysSinceFracture: days('Days since the fracture'),
  daysSinceSuspectedFracture: days('Days since the fall or injury with bone pain'),
  daysSinceSurgery: days('Days since the surgery'),
  daysSinceInjection: days('Days since the injection'),
  daysSinceHeartAttackOrStroke: days('Days since the heart attack or stroke'),
  daysSinceInjury: days('Days since the sprain, strain or new injury'),
  daysSinceLastSeizure: days('Days since the last seizure'),
  daysSinceCancerTreatment: days('Days since the last cancer treatment ended'),
  daysSinceCompleted: meta(wholeOrNull(), { title: 'Days from completing the intake to the appointment', description: 'null when the completion date is not given.' }),
  unsureAnswers: meta(z.array(z.string()), { title: 'Safety questions answered "not sure"', description: 'Their paths, such as "clots.legSigns".' }),
  clotSignRegions: regionList('Leg regions with signs of a clot', 'Thigh, calf, ankle and foot of the leg named (both legs when the side is not given).'),
  lymphAtRiskRegions: regionList(
    'Regions at risk of lymphedema',
    'The whole quadrant, front and back, of each side where lymph nodes were removed or irradiated.',
  ),
  fistulaRegions: regionList('The dialysis fistula arm', 'Upper arm, elbow and forearm of the fistula side.'),
  // Added with intake model 2 (issue 18).
  unansweredQuestions: meta(z.array(z.string()), {
    title: 'Safety questions not asked',
    description:
      'Paths of the safety questions added in intake model 2 that this intake does not answer although they apply to the client (an older form did not ask them), such as "neurology.tia".',
  }),
  daysSinceTia: days('Days since the last mini-stroke (TIA)'),
  daysSinceHeadInjury: days('Days since the concussion or blow to the head'),
  daysSinceWhiplash: days('Days since the whiplash or neck injury'),
  daysSinceTattoo: days('Days since the new tattoo or piercing'),
  jointPrecautionDaysLeft: meta(wholeOrNull(), {
    title: "Days left of the surgeon's joint-replacement precautions",
    description:
      'The weeks of precautions the surgeon set, in days, minus the days since the surgery (negative once they are over); null without a joint replacement or without a number of weeks.',
  }),
});

/** The derived facts of one screening. */
export type DerivedFacts = z.infer<typeof derivedFactsSchema>;
