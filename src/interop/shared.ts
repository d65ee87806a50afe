/**
 * What the FHIR and CDS Hooks adapters share: the canonical URLs of our code systems, a deterministic, UUID-shaped id
 * for a flag (so the same screening always yields the same card and DetectedIssue ids), and the checks that they were
 * given a successful screening or a disposition.
 */
import { DISPOSITIONS } from '../intake/vocabulary.js';
import { sha256Hex } from '../rules/hash.js';
import type { ScreeningSuccess } from '../screening/types.js';

/** Base of every canonical URL this library mints (Questionnaire, code systems, extensions). */
export const FHIR_BASE = 'https://massage-triage.dev/fhir';

/** The code system of rule ids: a flag's rule, as a FHIR Coding or a CDS Hooks card topic. */
export const RULE_CODE_SYSTEM = `${FHIR_BASE}/CodeSystem/rule`;

/**
 * A UUID-shaped string (version nibble 4, RFC 4122 variant) derived from `parts` by SHA-256. Deterministic by design:
 * it names the same flag of the same rules the same way on every run, which a random v4 UUID would not.
 */
export function deterministicUuid(...parts: readonly string[]): string {
  const h = sha256Hex(parts.map((p) => `${p.length}:${p}`).join('|'));
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * What names one screening in the ids minted for its flags: the rules (`rulesHash`), the client's answers
 * (`intakeHash`) and the appointment date (`at`). Two clients, or one client on two dates, never share a card uuid or
 * a DetectedIssue id (a PUT of one would overwrite the other); the same screening always gets the same ids. Only
 * strings are read, so a result that went through storage cannot put anything else into the hash.
 */
export function screeningKey(result: ScreeningSuccess): string[] {
  const a: unknown = result.audit;
  const text = (k: string) => {
    const v = a !== null && typeof a === 'object' ? (a as Record<string, unknown>)[k] : undefined;
    return typeof v === 'string' ? v : '';
  };
  return [text('rulesHash'), text('intakeHash'), text('at')];
}

/**
 * Stop with a clear message when JavaScript code passes something other than a successful screening (most often a
 * result whose `ok` is false, not checked): the adapters read its flags and audit, which a failure does not have.
 */
export function requireSuccess(result: ScreeningSuccess, fn: string): void {
  const r: unknown = result;
  if (r === null || typeof r !== 'object' || (r as { ok?: unknown }).ok !== true)
    throw new TypeError(`${fn} takes a successful screening result (ok: true). Check result.ok first: an intake that failed validation has issues, not flags.`);
  // A result that went through storage (or JavaScript) may not be what the type says: refuse one whose flags or audit
  // are not there, rather than write a broken card or resource from it.
  const { flags, audit } = r as { flags?: unknown; audit?: unknown };
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  let flagsOk = Array.isArray(flags);
  if (flagsOk) for (let i = 0; i < (flags as unknown[]).length; i++) if (!isObject((flags as unknown[])[i])) flagsOk = false;
  if (!flagsOk || !isObject(audit)) throw new TypeError(`${fn} takes a screening result with its flags (a list) and its audit.`);
}

/**
 * The fallback of an exhaustive match on a disposition, for a value only JavaScript code can pass: a TypeError that
 * lists the dispositions, where ts-pattern's own error would quote the value.
 */
export function notADisposition(fn: string): () => never {
  return () => {
    throw new TypeError(`${fn} takes a disposition: ${DISPOSITIONS.join(', ')}.`);
  };
}
