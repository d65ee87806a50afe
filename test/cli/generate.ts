/**
 * Generates NDJSON intakes for the batch tests and the throughput measurements: the baseline intake with a few
 * answers varied by line number, so every disposition and some invalid lines appear, deterministically.
 */
import { createWriteStream } from 'node:fs';
import { BASELINE_INTAKE, withAnswers } from 'massage-triage';

const VARIATIONS: readonly Readonly<Record<string, unknown>>[] = [
  {},
  { 'clots.legSigns': 'yes' },
  { 'illness.feverOrAcuteIllness': 'yes' },
  { 'medications.anticoagulants': 'yes' },
  { 'clots.legSigns': 'unsure' },
  { 'visit.painLevel': 7 },
  { 'skin.contagious': 'yes' },
  { 'heart.heartCondition': 'unsure' },
  { 'visit.conditions': ['stress'], 'visit.painRegions': null },
];

/** The intake of line `i` (0-based). */
export function generatedIntake(i: number): Record<string, unknown> {
  return withAnswers(BASELINE_INTAKE, VARIATIONS[i % VARIATIONS.length] ?? {});
}

/**
 * Write `count` lines of NDJSON to `file`. With `invalidEvery`, every n-th line (1-based numbers divisible by it)
 * is broken JSON instead, to test error records in the middle of a run.
 */
export async function writeNdjson(file: string, count: number, invalidEvery?: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    const line = invalidEvery !== undefined && (i + 1) % invalidEvery === 0 ? '{"client": {"dateOfBirth": SECRET-ANSWER' : JSON.stringify(generatedIntake(i));
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(resolve);
  });
}
