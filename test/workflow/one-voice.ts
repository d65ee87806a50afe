/**
 * One voice: what every surface must say of a stop (`postpone`, `refer-urgent`): no session today. Shared by the
 * example-and-fixture test and the property test. Each check returns the problems it found (empty: none), so a
 * failure names every surface that contradicts the stop at once.
 */
import {
  bodyMapStates,
  checkServices,
  dispositionRank,
  renderBodyMap,
  toCdsHooksCards,
  toFhirDetectedIssues,
  type ScreeningSuccess,
  type ServiceInput,
} from 'massage-triage';
import { formatResult } from '../../src/cli/format-text.js';
import { style } from '../../src/cli/io.js';

/** A booking app's services: every technique family, so a stop has something to refuse. */
export const SERVICES: ServiceInput[] = [
  { id: 'relax-60', name: 'Relaxation 60', techniques: ['swedish'], pressure: 2, durationMinutes: 60, bodyAreas: 'full-body' },
  { id: 'deep-60', name: 'Deep tissue 60', techniques: ['deep-tissue'], pressure: 4, durationMinutes: 60, bodyAreas: 'full-body' },
  { id: 'legs-30', name: 'Legs 30', techniques: ['swedish'], pressure: 2, durationMinutes: 30, bodyAreas: ['left-lower-leg', 'right-lower-leg'] },
];

const STOP = dispositionRank('postpone');
const isStop = (r: ScreeningSuccess) => r.disposition === 'postpone' || r.disposition === 'refer-urgent';

/** Everything a stop must not say, on every surface; [] when the result is not a stop. */
export function stopProblems(r: ScreeningSuccess, painRegions: readonly string[] = []): string[] {
  if (!isStop(r)) return [];
  const p: string[] = [];
  const say = (ok: boolean, what: string) => {
    if (!ok) p.push(what);
  };
  // The result itself.
  say(r.plan === 'none-today', `plan is ${r.plan}`);
  say(r.techniques.suggested.length === 0, 'techniques are suggested');
  say(r.techniques.sessionNotes.frequency === undefined, 'a frequency is given');
  say(r.techniques.sessionNotes.aftercare.length === 0, 'aftercare is given');
  say(r.summary.client.startsWith('No massage today.'), `client summary: ${r.summary.client}`);
  say(r.summary.therapist.includes('no session today'), `therapist summary: ${r.summary.therapist}`);
  // The client's view: only the steps to take now, from the stop's flags; nothing a precaution says of a session.
  const precautionTexts = new Set(r.flags.filter((f) => dispositionRank(f.disposition) < STOP).map((f) => f.clientMessage));
  const stopTexts = new Set(r.flags.filter((f) => dispositionRank(f.disposition) >= STOP).map((f) => f.clientMessage));
  for (const m of r.clientMessages) {
    say(m.timing === 'now', `client message about a session: ${m.text}`);
    say(stopTexts.has(m.text), `client message not from the stop: ${m.text}`);
    say(!precautionTexts.has(m.text) || stopTexts.has(m.text), `a precaution's client message is shown: ${m.text}`);
  }
  say(r.clientMessages.length > 0, 'no client message says what to do');
  // The body map: no pressure level anywhere, the stop's regions avoided, "no session today".
  const states = bodyMapStates(r, painRegions);
  for (const [region, s] of states) say(!s.states.includes('cap') && s.cap === undefined, `body map caps ${region}`);
  const stopRegions = new Set(r.flags.filter((f) => f.disposition === 'postpone' || f.disposition === 'refer-urgent').flatMap((f) => f.regions));
  for (const region of stopRegions) say(states.get(region)?.states.includes('avoid') === true, `body map does not avoid ${region}`);
  for (const [region, s] of states) if (s.states.includes('avoid')) say(stopRegions.has(region), `body map avoids ${region}, which the stop does not name`);
  const svg = renderBodyMap(r, { painRegions });
  say(!/data-cap=|data-state="[^"]*\bcap\b/.test(svg), 'body map svg shows a pressure level');
  say(svg.includes('data-label="no-session"') && svg.includes('data-plan="none-today"'), 'body map svg does not say no session today');
  say(!svg.includes('data-label="whole-body-cap"'), 'body map svg shows a whole-body cap');
  // Services: nothing bookable, in the result's words.
  const checked = checkServices(r, SERVICES);
  if (!checked.ok) p.push('services could not be checked');
  else
    for (const s of checked.services) {
      say(s.verdict === 'not-bookable', `service ${s.serviceId} is ${s.verdict}`);
      say(s.reasons[0]?.clientText === r.summary.client, `service ${s.serviceId} reason differs from the summary`);
      const clientTexts = new Set([r.summary.client, ...r.clientMessages.map((m) => m.text)]);
      for (const reason of s.reasons) say(reason.clientText !== undefined && clientTexts.has(reason.clientText), `service reason in other words: ${reason.clientText}`);
    }
  // CDS Hooks and FHIR: the deciding card first, critical when urgent; precautions marked for a later session.
  const { cards } = toCdsHooksCards(r);
  say(cards[0]?.source.topic?.code === r.flags[0]?.ruleId && r.flags[0]?.disposition === r.disposition, 'the deciding card is not first');
  say(cards[0]?.summary.includes('no session today') === true, `deciding card: ${cards[0]?.summary}`);
  if (r.disposition === 'refer-urgent') say(cards[0]?.indicator === 'critical', 'an urgent referral card is not critical');
  r.flags.forEach((f, i) => {
    if (dispositionRank(f.disposition) < STOP) say(cards[i]?.summary.startsWith('Later session only') === true, `card of ${f.ruleId}: ${cards[i]?.summary}`);
  });
  const issues = toFhirDetectedIssues(r);
  say(issues[0]?.detail?.startsWith('No session today.') === true, 'the deciding DetectedIssue does not say no session today');
  r.flags.forEach((f, i) => {
    if (dispositionRank(f.disposition) < STOP) say(issues[i]?.detail?.startsWith('For a later session only') === true, `DetectedIssue of ${f.ruleId}`);
  });
  // The command line's text, full and compact (the demo's).
  for (const compact of [false, true]) {
    const text = formatResult(r, style(false), { compact });
    say(text.includes('NO SESSION TODAY'), 'CLI text does not say no session today');
    say(!/Frequency:|Aftercare:/.test(text), 'CLI text gives a frequency or aftercare');
    say(!/^\s+\+ /m.test(text), 'CLI text suggests a technique');
    say(!/^Modifications$/m.test(text), 'CLI text shows modifications as today\u2019s plan');
  }
  return p;
}
