/**
 * Issue 21, finding 8: CDS Hooks card uuids and DetectedIssue ids are unique per screening (they derive from the
 * rules hash, the intake hash and the appointment date) and deterministic for the same input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, screen, toCdsHooksCards, toFhirDetectedIssues, withAnswers, type ScreeningSuccess } from 'massage-triage';

const AT = '2026-06-15';
async function ok(input: unknown, at = AT): Promise<ScreeningSuccess> {
  const r = await screen(input, { at });
  expect(r.ok).toBe(true);
  if (!r.ok) throw new Error('not screened');
  return r;
}
const ids = (r: ScreeningSuccess) => [...toCdsHooksCards(r, { proceedCard: true }).cards.map((c) => c.uuid!), ...toFhirDetectedIssues(r).map((d) => d.id!)];

describe('ids of a screening', () => {
  it('two clients with the same flags get different card uuids and DetectedIssue ids', async () => {
    const a = await ok(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'client.dateOfBirth': '1980-01-01' }));
    const b = await ok(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'client.dateOfBirth': '1990-01-01' }));
    expect(a.flags.map((f) => f.ruleId)).toEqual(b.flags.map((f) => f.ruleId));
    const [ia, ib] = [ids(a), ids(b)];
    expect(ia.length).toBeGreaterThan(1);
    for (const id of ia) expect(ib).not.toContain(id);
  });

  it('one client on two appointment dates gets different ids; a proceed card too', async () => {
    const a = await ok(BASELINE_INTAKE, '2026-06-15');
    const b = await ok(BASELINE_INTAKE, '2026-06-16');
    expect(ids(a)).toHaveLength(1);
    expect(ids(a)[0]).not.toBe(ids(b)[0]);
  });

  it('the same input gives the same ids, whatever order its keys came in', async () => {
    const input = withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes', 'clots.history': 'unsure' });
    const reversed = Object.fromEntries(Object.entries(input).reverse().map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v]));
    expect(ids(await ok(input))).toEqual(ids(await ok(reversed)));
    expect((await ok(input)).audit.intakeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('property: distinct intakes never share an id (60 runs of pairs)', async () => {
    const birth = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2000-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(birth, { minLength: 2, maxLength: 2 }), async ([x, y]) => {
        const set = { 'clots.legSigns': 'yes', 'bones.fracture': 'yes' };
        const a = ids(await ok(withAnswers(BASELINE_INTAKE, { ...set, 'client.dateOfBirth': x! })));
        const b = ids(await ok(withAnswers(BASELINE_INTAKE, { ...set, 'client.dateOfBirth': y! })));
        expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
      }),
      { numRuns: 60 },
    );
  });
});
