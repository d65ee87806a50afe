/**
 * One voice: what a result plans for the appointment, the summary each audience reads first, and the messages of the
 * client's view. Every surface (the result, the body map, services, CDS Hooks, FHIR, the command line, the examples)
 * reads these, so that none shows a session the disposition rules out.
 */
import { match } from 'ts-pattern';
import { DISPOSITION_LABELS, type Disposition } from '../intake/vocabulary.js';
import { dispositionRank } from './merge.js';
import type { AudienceSummary, ClientMessage, Flag, FlagTiming, SessionPlan } from './types.js';

/** The plans a result can give, from a session today to none. */
export const SESSION_PLANS: readonly SessionPlan[] = ['today', 'after-clearance', 'none-today'];

/**
 * The plan a disposition gives: `proceed`, `modify` → `today`; `clearance-required` → `after-clearance`; `postpone`,
 * `refer-urgent` → `none-today`. Anything else (only possible from JavaScript) plans no session: fail closed.
 */
export function sessionPlan(disposition: Disposition): SessionPlan {
  return match(disposition)
    .with('proceed', 'modify', () => 'today' as const)
    .with('clearance-required', () => 'after-clearance' as const)
    .with('postpone', 'refer-urgent', () => 'none-today' as const)
    .exhaustive(() => 'none-today' as const);
}

const POSTPONE = dispositionRank('postpone');
const CLEARANCE = dispositionRank('clearance-required');

/**
 * When a flag's advice applies under a plan (see {@link FlagTiming}): under a stop (`none-today`) a flag at `postpone`
 * or above is a step to take now, and a precaution below it is kept for a session that may follow; while a clearance
 * is awaited (`after-clearance`) a flag at `clearance-required` or above is a step to take now, and a precaution adapts
 * the cleared session; with a session today every flag adapts it.
 */
export function flagTiming(plan: SessionPlan, flag: Pick<Flag, 'disposition'>): FlagTiming {
  if (plan === 'today') return 'session';
  const rank = dispositionRank(flag.disposition);
  if (plan === 'none-today') return rank >= POSTPONE ? 'now' : 'later-session';
  return rank >= CLEARANCE ? 'now' : 'session';
}

/**
 * The client's view: the flags' client messages whose advice applies now or to the planned session, each distinct
 * text once (with every rule that says it), in the flags' order. Messages of a session that is not happening are
 * left out.
 */
export function clientMessagesOf(plan: SessionPlan, flags: readonly Flag[]): ClientMessage[] {
  const byText = new Map<string, { text: string; timing: ClientMessage['timing']; ruleIds: string[] }>();
  for (const f of flags) {
    const timing = flagTiming(plan, f);
    if (timing === 'later-session') continue;
    const seen = byText.get(f.clientMessage);
    if (seen) {
      if (!seen.ruleIds.includes(f.ruleId)) seen.ruleIds.push(f.ruleId);
    } else byText.set(f.clientMessage, { text: f.clientMessage, timing, ruleIds: [f.ruleId] });
  }
  return [...byText.values()];
}

const CLIENT_LEAD: Readonly<Record<Disposition, string>> = {
  proceed: 'Your massage can go ahead as booked.',
  modify: 'Your massage can go ahead, adapted to you.',
  'clearance-required': 'Your massage has to wait until this is cleared.',
  postpone: 'No massage today.',
  'refer-urgent': 'No massage today.',
};

const THERAPIST_LEAD: Readonly<Record<Disposition, string>> = {
  proceed: 'no rule fired; assess the client in person as usual.',
  modify: 'adapt the session as the modifications say.',
  'clearance-required': 'no session until the clearance is on file.',
  postpone: 'no session today.',
  'refer-urgent': 'no session today.',
};

/**
 * The summary of a result for each audience: the disposition first, then what to do now in the deciding flag's own
 * words (the first flag at the result's disposition). The leads are the library's own words, in English.
 */
export function summaryOf(disposition: Disposition, flags: readonly Flag[]): AudienceSummary {
  const deciding = disposition === 'proceed' ? [] : flags.filter((f) => f.disposition === disposition);
  const first = deciding[0];
  const therapistLead = `${DISPOSITION_LABELS[disposition] ?? disposition}: ${THERAPIST_LEAD[disposition] ?? THERAPIST_LEAD['refer-urgent']}`;
  // A modify result has no single deciding step: each flag adapts the session, so the leads stand alone.
  if (!first || disposition === 'modify') {
    const n = flags.length;
    return {
      client: CLIENT_LEAD[disposition] ?? CLIENT_LEAD['refer-urgent'],
      therapist: n === 0 ? therapistLead : `${therapistLead} ${n} flag${n === 1 ? '' : 's'}: ${flags.map((f) => f.title).join('; ')}.`,
    };
  }
  const more = deciding.length - 1;
  return {
    client: `${CLIENT_LEAD[disposition] ?? CLIENT_LEAD['refer-urgent']} ${first.clientMessage}`,
    therapist: `${therapistLead} ${first.title}. ${first.message}${more > 0 ? ` Also: ${deciding.slice(1).map((f) => f.title).join('; ')}.` : ''}`,
  };
}
