/**
 * Flags: what a fired rule, a fault, or stale answers become in a result. Every flag carries its rule id, the
 * answers behind it (`because`, as json-rules-engine evaluated them) and its references.
 */
import { BODY_REGIONS, type BodyRegion, type PressureLevel } from '../intake/vocabulary.js';
import type { Rule } from '../rules/format.js';
import { resolvePath } from '../rules/path.js';
import { inVocabularyOrder, kindOf } from './merge.js';
import type { Because, Flag } from './types.js';

const EVALUATION_ERROR_REF = [
  { title: 'massage-triage safety promise: fail closed (SECURITY.md)' },
  { key: 'B1', title: 'Batavia 2004: contraindication lists disagree; prefer physician clearance when in doubt', url: 'https://nyuscholars.nyu.edu/en/publications/contraindications-for-therapeutic-massage-do-sources-agree' },
];

export function evaluationErrorFlag(ruleId: string | undefined): Flag {
  return {
    ruleId: 'evaluation-error',
    title: 'A safety rule could not be evaluated',
    kind: 'evaluation-error',
    disposition: 'clearance-required',
    scope: 'systemic',
    regions: [],
    message: ruleId
      ? `The rule "${ruleId}" could not be evaluated for this intake. Treat the client as not screened for it: review the intake by hand before any session.`
      : 'The screening could not be completed. Treat the client as not screened: review the intake by hand before any session.',
    clientMessage: 'We could not finish checking your answers. A therapist will review them with you before booking.',
    rationale: 'A screening that did not run cannot say the session is safe, so the result fails closed.',
    references: EVALUATION_ERROR_REF,
    modifications: { avoidRegions: [], avoidTechniques: [], positioning: [] },
    because: ruleId ? [{ fact: 'rule', path: undefined, operator: 'evaluated', expected: true, actual: ruleId }] : [],
  };
}

const UNSCREENED_REF = [{ title: 'massage-triage safety promise: a risky answer that no enabled rule reads never yields proceed (SECURITY.md)' }, EVALUATION_ERROR_REF[1]!];

/**
 * A risky answer that no enabled rule reads (`screening/coverage.ts`): the client is not screened for it, so the
 * result fails closed. `question` is the intake path (`clots.legSigns`), `title` the question as the form asks it.
 */
export function unscreenedAnswerFlag(group: string, field: string, title: string, answer: string): Flag {
  return {
    ruleId: 'unscreened-answer',
    title: 'An answer was not screened',
    kind: 'evaluation-error',
    disposition: 'clearance-required',
    scope: 'systemic',
    regions: [],
    message: `No enabled rule reads the answer "${answer}" to ${group}.${field} ("${title}"). Treat the client as not screened for it: review this answer by hand before any session, or enable a rule that reads it.`,
    clientMessage: 'We could not finish checking your answers. A therapist will review them with you before booking.',
    rationale: 'A rule set that does not read a risk cannot say the session is safe, so the result fails closed.',
    references: UNSCREENED_REF,
    modifications: { avoidRegions: [], avoidTechniques: [], positioning: [] },
    because: [{ fact: group, path: field, operator: 'readByAnEnabledRule', expected: true, actual: answer }],
  };
}

/** The body regions a rule's outcome names for these facts: its fixed `regions` and those read from `regionsFrom`. */
export function regionsOf(rule: Rule, facts: Record<string, unknown>): BodyRegion[] {
  const found = new Set<BodyRegion>(rule.outcome.regions);
  for (const p of rule.outcome.regionsFrom ?? []) {
    const [fact, ...rest] = p.split('.');
    const v = resolvePath(facts[fact ?? ''], rest.join('.'));
    if (Array.isArray(v)) for (const r of v as BodyRegion[]) found.add(r);
  }
  // No region named: the whole side or body part the rule can name, never nothing.
  if (found.size === 0) for (const r of rule.outcome.regionsIfNone ?? []) found.add(r);
  return inVocabularyOrder(BODY_REGIONS, found);
}

export function flagOf(rule: Rule, because: Because[], facts: Record<string, unknown>, locale: string): Flag {
  const o = rule.outcome;
  const regions = regionsOf(rule, facts);
  const lang = rule.translations?.[locale] ?? rule.translations?.[locale.split('-')[0] ?? ''];
  // A local rule whose regions the client did not name (and that names no whole body part instead) applies to the
  // whole body: its cap is a whole-body cap, and an area to avoid is every area until the client says where it is.
  // An empty `regionsIfNone` says the regions are optional extras (insulin sites: none named means none used).
  const unnamed = o.scope === 'local' && regions.length === 0 && o.regionsIfNone?.length !== 0;
  const scope = o.scope === 'local' && regions.length === 0 ? 'systemic' : o.scope;
  return {
    ruleId: rule.id,
    title: lang?.title ?? rule.title,
    ...(rule.category ? { category: rule.category } : {}),
    kind: kindOf(o.disposition),
    disposition: o.disposition,
    scope,
    regions,
    message: lang?.message ?? rule.message,
    clientMessage: lang?.clientMessage ?? rule.clientMessage,
    rationale: rule.rationale,
    references: rule.references,
    modifications: {
      ...(o.pressureCap !== undefined ? { pressureCap: o.pressureCap as PressureLevel } : {}),
      avoidRegions: o.avoidRegions ? (unnamed ? [...BODY_REGIONS] : scope === 'local' ? regions : []) : [],
      avoidTechniques: o.avoidTechniques ?? [],
      positioning: o.positioning ?? [],
    },
    because,
  };
}

export function reconfirmFlag(days: number, limit: number): Flag {
  return {
    ruleId: 'reconfirm-health-history',
    title: 'Health history needs reconfirming',
    kind: 'reconfirm',
    disposition: 'modify',
    scope: 'systemic',
    regions: [],
    message: `The intake was completed ${days} days before the appointment (more than ${limit}). Reconfirm every answer with the client before the session.`,
    clientMessage: 'Your health form is a few months old. Please review and update your answers before your appointment.',
    rationale: 'Health changes over months; screening old answers as if they were current could miss a new risk. PAR-Q+ clearance lasts at most 12 months.',
    references: [{ key: 'P1', title: 'PAR-Q+ (outcome that expires)', url: 'https://scribd.com/document/427627961/PARQ' }],
    modifications: { avoidRegions: [], avoidTechniques: [], positioning: [] },
    because: [{ fact: 'derived', path: 'daysSinceCompleted', operator: 'greaterThan', expected: limit, actual: days }],
  };
}
