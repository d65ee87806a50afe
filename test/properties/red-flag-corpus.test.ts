/**
 * The red-flag corpus (issue 19): every urgent and clearance case of the default fixtures, alone and combined with
 * the history of ordinary clients from the benign corpus. Making the rules precise must not lose a red flag: 100 %
 * keep their disposition or a stricter one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, createScreener, defaultRuleSet, dispositionRank, fixtureFileSchema, withAnswers, type Disposition } from 'massage-triage';
import { benignCorpus } from './corpora.js';

const FIXTURE_DIR = path.resolve(__dirname, '../../rules/fixtures/default');
const PER_CASE = 12;
const screener = createScreener({ rules: defaultRuleSet() });

const RED: Disposition[] = ['clearance-required', 'refer-urgent'];
const cases = fs
  .readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => {
    const file = fixtureFileSchema.parse(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, f), 'utf8')));
    return file.cases
      .filter((c) => c.disposition !== undefined && RED.includes(c.disposition))
      .map((c) => ({ label: `${f}: ${c.name}`, base: file.base ?? BASELINE_INTAKE, set: c.set ?? {}, at: c.at ?? file.at, disposition: c.disposition! }));
  });

const groupOf = (p: string) => p.split('.')[0]!;
const union = (a: unknown, b: unknown) => [...new Set([...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])])];

/**
 * Benign history added to a red-flag case: answers of question groups the case sets are left to the case (they would
 * replace its answers, not add to them), and the reasons for the visit are added to the baseline's, not swapped.
 */
function combine(base: Record<string, unknown>, benign: Record<string, unknown>, set: Record<string, unknown>): Record<string, unknown> {
  const touched = new Set(Object.keys(set).map(groupOf));
  const visit = (base as { visit?: Record<string, unknown> }).visit ?? {};
  const history: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(benign)) {
    if (touched.has(groupOf(k))) continue;
    if (k === 'visit.conditions' || k === 'visit.painRegions') history[k] = union(visit[k.split('.')[1]!], v);
    else if (!k.startsWith('visit.')) history[k] = v;
  }
  return withAnswers(withAnswers(base, history), set);
}

describe('red-flag corpus', () => {
  it('has the urgent and clearance cases of every default fixture file that has them', () => {
    expect(cases.length).toBeGreaterThan(60);
    expect(cases.filter((c) => c.disposition === 'refer-urgent').length).toBeGreaterThan(15);
  });

  it(`every red-flag case keeps its disposition or a stricter one, alone and with ${PER_CASE} ordinary histories each (prints the count)`, async () => {
    const histories = benignCorpus(cases.length * PER_CASE, 1919);
    const lost: string[] = [];
    let screened = 0;
    for (const [i, c] of cases.entries()) {
      const variants = [withAnswers(c.base, c.set), ...histories.slice(i * PER_CASE, (i + 1) * PER_CASE).map((h) => combine(c.base as Record<string, unknown>, h, c.set))];
      for (const [j, intake] of variants.entries()) {
        const r = await screener.screen(intake, { at: c.at });
        expect(r.ok, c.label).toBe(true);
        if (!r.ok) continue;
        screened++;
        if (dispositionRank(r.disposition) < dispositionRank(c.disposition))
          lost.push(`${c.label} (${j === 0 ? 'alone' : `with ${JSON.stringify(histories[i * PER_CASE + j - 1])}`}): ${c.disposition} → ${r.disposition}`);
      }
    }
    console.log(`red-flag corpus: ${cases.length} fixture cases, ${screened} screenings, ${(((screened - lost.length) / screened) * 100).toFixed(1)} % kept their disposition or stricter`);
    expect(lost).toEqual([]);
  });
});
