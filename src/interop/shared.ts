/**
 * Identifiers shared by the FHIR and CDS Hooks adapters: the canonical URLs of our code systems and a deterministic,
 * UUID-shaped id for a flag (so the same screening always yields the same card and DetectedIssue ids).
 */
import { sha256Hex } from '../rules/hash.js';

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
