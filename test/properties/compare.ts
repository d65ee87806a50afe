/**
 * How two screenings compare in restrictiveness: every way the second is looser than the first. Shared by the
 * monotonicity, "unsure" and corpus properties so that they all mean the same by "as restrictive".
 */
import { dispositionRank, type ScreeningResult } from 'massage-triage';

export type Ok = Extract<ScreeningResult, { ok: true }>;

/** The cap each region gets: the lower of the whole-body cap and its own (6 = no cap). */
function effectiveCaps(r: Ok): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of r.modifications.regionalPressureCaps) m.set(c.region, c.pressureCap);
  return m;
}

/** Is technique `t` ruled out on `region` in `r` (everywhere, on that region, or the region avoided altogether)? */
function rulesOut(r: Ok, region: string, t: string): boolean {
  const m = r.modifications;
  return (
    (m.avoidTechniques as readonly string[]).includes(t) ||
    (m.avoidRegions as readonly string[]).includes(region) ||
    m.regionalAvoidTechniques.some((x) => x.region === region && (x.techniques as readonly string[]).includes(t))
  );
}

/**
 * Every way `after` is less restrictive than `before`, as readable lines (empty when none). With `flags: false` the
 * flags' identities are not compared (a "not sure" answer may fire another rule than "yes" with the same effect).
 */
export function loosenings(before: Ok, after: Ok, { flags = true }: { flags?: boolean } = {}): string[] {
  const out: string[] = [];
  if (dispositionRank(after.disposition) < dispositionRank(before.disposition)) out.push(`disposition ${before.disposition} → ${after.disposition}`);
  const capB = before.modifications.pressureCap ?? 6;
  const capA = after.modifications.pressureCap ?? 6;
  if (capA > capB) out.push(`whole-body pressure cap ${capB} → ${capA}`);
  const regB = effectiveCaps(before);
  const regA = effectiveCaps(after);
  for (const [region, c] of regB) {
    const a = Math.min(regA.get(region) ?? 6, capA);
    if (a > Math.min(c, capB) && !(after.modifications.avoidRegions as readonly string[]).includes(region)) out.push(`pressure cap on ${region} ${c} → ${a}`);
  }
  for (const r of before.modifications.avoidRegions) if (!after.modifications.avoidRegions.includes(r)) out.push(`region ${r} no longer avoided`);
  for (const t of before.modifications.avoidTechniques) if (!after.modifications.avoidTechniques.includes(t)) out.push(`technique ${t} allowed again`);
  for (const { region, techniques } of before.modifications.regionalAvoidTechniques)
    for (const t of techniques) if (!rulesOut(after, region, t)) out.push(`technique ${t} allowed again on ${region}`);
  if (flags) {
    const idsA = new Set(after.flags.map((f) => f.ruleId));
    for (const f of before.flags) if (!idsA.has(f.ruleId)) out.push(`flag ${f.ruleId} disappeared`);
  }
  return out;
}
