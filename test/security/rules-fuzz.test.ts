/**
 * Rule-set fuzzing: checkRuleSet never throws, and never loads a set that then fails while screening. Every set that
 * loads screens the baseline and a few risky intakes with no `evaluation-error` flag.
 * Run counts: 300 runs over arbitrary JSON; 100 runs over mutated copies of the default rule set (1–4 random
 * deletions / replacements at random paths each).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, OPERATORS, checkRuleSet, createScreener, defaultRuleSet, factCatalog, withAnswers } from 'massage-triage';
import { AT, intakeArb } from '../properties/arbitraries.js';

const RISKY = [
  BASELINE_INTAKE,
  withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left' }),
  withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'bones.fractureDate': '2026-05-01', 'bones.fractureRegions': ['left-wrist'], 'bones.osteoporosis': 'severe' }),
  withAnswers(BASELINE_INTAKE, {
    'client.pregnant': 'unsure',
    'clots.history': 'unsure',
    'cancer.status': 'active-treatment',
    'cancer.treatments': ['chemotherapy'],
    'cancer.lymphNodesRemoved': 'yes',
    'cancer.lymphNodeRegions': ['left-axilla'],
    'heart.bloodPressure': 'uncontrolled',
    'heart.systolic': 190,
    'metabolic.kidneyDisease': 'yes',
    'metabolic.fistulaArm': 'right',
    'client.dateOfBirth': '2012-01-01',
    completedAt: '2025-01-01',
  }),
  ...fc.sample(intakeArb, { numRuns: 3, seed: 7 }),
];

/** Load, then screen every risky intake: a set that loads must run cleanly. */
async function loadsOnlyWhatRuns(json: unknown): Promise<boolean> {
  const r = checkRuleSet(json);
  if (!r.ok) {
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) expect(typeof p.message).toBe('string');
    return false;
  }
  const screener = createScreener({ rules: r.ruleSet });
  for (const intake of RISKY) {
    const res = await screener.screen(intake, { at: AT });
    expect(res.ok).toBe(true);
    if (!res.ok) continue;
    const errors = res.flags.filter((f) => f.kind === 'evaluation-error');
    if (errors.length > 0) throw new Error(`a loaded rule set failed while screening: ${errors.map((f) => f.message).join(' | ')}`);
  }
  return true;
}

const catalog = factCatalog();
/** Values a mutation puts somewhere: plausible ones (so that many mutants still load) and hostile ones. */
const replacementArb = fc.oneof(
  fc.constantFrom(...OPERATORS.map((o) => o.name), 'not:equal', 'someFact:equal', 'matches'),
  fc.constantFrom(...new Set(catalog.map((e) => e.fact)), 'process'),
  fc.constantFrom(...catalog.map((e) => e.path), '$..[?(@.a)]', '$.x', '__proto__', 'constructor.name', 'a..b'),
  fc.constantFrom(...new Set(catalog.flatMap((e) => e.options ?? []))),
  fc.constantFrom(-1, 0, 1, 3, 14, 18, 42, 84, 365, 1e9, 0.5, true, false, null, 'yes', 'no', 'unsure', [], {}, ['yes'], ['left-wrist'], 'derived.clotSignRegions', 'bones.fractureRegions', 'local', 'systemic', 'proceed', 'refer-urgent'),
  fc.constantFrom(
    { all: [{ fact: 'clots', path: 'legSigns', operator: 'equal', value: 'yes' }] },
    { not: { fact: 'derived', path: 'isMinor', operator: 'equal', value: true } },
    { any: [] },
    { condition: 'nope' },
    { fact: 'derived', path: 'daysSinceFracture', operator: 'withinDays', value: 84 },
    { fact: 'cancer', path: 'treatments', operator: 'includesAny', value: ['chemotherapy'] },
    { fact: 'derived', path: 'unsureAnswers', operator: 'isNotEmpty', value: true },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

type Path = (string | number)[];
function allPaths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (v === null || typeof v !== 'object') return out;
  for (const [k, c] of Object.entries(v)) {
    const p = [...at, Array.isArray(v) ? Number(k) : k];
    out.push(p);
    allPaths(c, p, out);
  }
  return out;
}
function mutate(doc: unknown, path: Path, op: 'delete' | 'replace' | 'duplicate', value: unknown): void {
  let parent = doc as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    if (op === 'delete') parent.splice(Number(last), 1);
    else if (op === 'duplicate') parent.splice(Number(last), 0, structuredClone(parent[Number(last)]));
    else parent[Number(last)] = value;
  } else if (op === 'delete') delete parent[last];
  else parent[last] = op === 'duplicate' ? structuredClone(parent[last]) : value;
}

const declared = defaultRuleSet().languages.filter((l) => l !== 'en');
const DEFAULT_FILE = JSON.parse(
  JSON.stringify({ ...defaultRuleSet(), kind: undefined, hash: undefined, languages: declared.length > 0 ? declared : undefined }),
) as unknown;
const PATHS = allPaths(DEFAULT_FILE).filter((p) => p[0] === 'rules');

const mutantArb = fc
  .array(fc.tuple(fc.nat(), fc.constantFrom('delete' as const, 'replace' as const, 'replace' as const, 'duplicate' as const), replacementArb), { minLength: 1, maxLength: 4 })
  .map((muts) => {
    const doc = structuredClone(DEFAULT_FILE);
    const applied: string[] = [];
    for (const [n, op, value] of muts) {
      const paths = allPaths(doc).filter((p) => p[0] === 'rules');
      const path = paths[n % paths.length]!;
      try {
        mutate(doc, path, op, value);
        applied.push(`${op} ${path.join('.')}${op === 'replace' ? ` = ${JSON.stringify(value)}` : ''}`);
      } catch {
        // a path removed by an earlier mutation
      }
    }
    return { doc, applied };
  });

describe('rule-set fuzzing', () => {
  it('the unmutated default file loads and runs cleanly', async () => {
    expect(PATHS.length).toBeGreaterThan(100);
    expect(await loadsOnlyWhatRuns(DEFAULT_FILE)).toBe(true);
  });

  it('arbitrary JSON never loads into something that fails (300 runs)', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (v) => void (await loadsOnlyWhatRuns(v))), { numRuns: 300 });
  });

  it('mutated default rule sets: refused with problems, or loaded and run cleanly (100 runs)', async () => {
    let loaded = 0;
    await fc.assert(
      fc.asyncProperty(mutantArb, async ({ doc, applied }) => {
        try {
          if (await loadsOnlyWhatRuns(doc)) loaded++;
        } catch (e) {
          throw new Error(`${(e as Error).message}\n  mutations: ${applied.join('; ')}`);
        }
      }),
      { numRuns: 100 },
    );
    // Some mutants must load, or this test would only be testing refusals.
    expect(loaded).toBeGreaterThan(5);
  });
});
