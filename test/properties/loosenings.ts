/** What "less restrictive" means when two screenings of related intakes are compared (monotonicity, "unsure"). */
import { dispositionRank, type ScreeningResult } from 'massage-triage';

type Ok = Extract<ScreeningResult, { ok: true }>;

/** The cap each region gets: the lower of the whole-body cap and its own (6 = no cap). */
function effectiveCaps(r: Ok): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of r.modifications.regionalPressureCaps) m.set(c.region, c.pressureCap);
  return m;
}

/** Every way `after` is less restrictive than `before`, as readable lines (empty when none). */
export function loosenings(before: Ok, after: Ok): string[] {
  const out: string[] = [];
  if (dispositionRank(after.disposition) < dispositionRank(before.disposition)) out.push(`disposition ${before.disposition} → ${after.disposition}`);
  const capB = before.modifications.pressureCap ?? 6;
  const capA = after.modifications.pressureCap ?? 6;
  if (capA > capB) out.push(`whole-body pressure cap ${capB} → ${capA}`);
  const regB = effectiveCaps(before);
  const regA = effectiveCaps(after);
  for (const [region, c] of regB) {
    const a = Math.min(regA.get(region) ?? 6, capA);
    if (a > Math.min(c, capB)) out.push(`pressure cap on ${region} ${c} → ${a}`);
  }
  for (const r of before.modifications.avoidRegions) if (!after.modifications.avoidRegions.includes(r)) out.push(`region ${r} no longer avoided`);
  for (const t of before.modifications.avoidTechniques) if (!after.modifications.avoidTechniques.includes(t)) out.push(`technique ${t} allowed again`);
  const idsA = new Set(after.flags.map((f) => f.ruleId));
  for (const f of before.flags) if (!idsA.has(f.ruleId)) out.push(`flag ${f.ruleId} disappeared`);
  return out;
}
