/**
 * A screening result for people at a terminal: the disposition first with the summary (what to do now), then why
 * (each flag), then how (modifications, techniques, session notes) for the session the result plans: a stop plans
 * none today, so its modifications are marked as kept for a later session and no frequency or aftercare is shown.
 * Plain text; colour only when the caller says so.
 */
import {
  BODY_REGION_LABELS,
  DISPOSITION_LABELS,
  flagTiming,
  type BodyRegion,
  type Disposition,
  type Issue,
  type ScreeningResult,
  type ScreeningSuccess,
  type SessionPlan,
} from 'massage-triage';
import type { Style } from './io.js';

const regionList = (regions: readonly BodyRegion[]): string => regions.map((r) => BODY_REGION_LABELS[r] ?? r).join(', ');

function dispositionStyle(s: Style, d: Disposition): (t: string) => string {
  switch (d) {
    case 'proceed':
      return s.green;
    case 'modify':
      return s.yellow;
    case 'postpone':
      return s.magenta;
    case 'clearance-required':
      return s.red;
    case 'refer-urgent':
      return (t) => s.bold(s.red(t));
  }
}

/** Wrap a paragraph to `width`, indenting every line. */
function wrap(text: string, indent: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}

/** The issues of an intake that does not validate: where and what, never the value. */
export function formatIssues(issues: readonly Issue[], s: Style): string {
  const lines = [s.bold(s.red('The intake does not validate:'))];
  for (const i of issues) lines.push(`  ${i.pathString || '(intake)'}: ${i.message} ${s.dim(`[${i.code}]`)}`);
  return `${lines.join('\n')}\n`;
}

/** What the session sections describe under each plan: said in their headings. */
const PLAN_HEADING: Readonly<Record<SessionPlan, string>> = {
  today: '',
  'after-clearance': ' (for the cleared session)',
  'none-today': " (kept for a later session; not today's plan)",
};

function formatSuccess(r: ScreeningSuccess, s: Style, compact: boolean): string {
  const lines: string[] = [];
  const paint = dispositionStyle(s, r.disposition);
  const noneToday = r.plan === 'none-today';
  lines.push(`${paint(s.bold(DISPOSITION_LABELS[r.disposition].toUpperCase()))}  ${s.dim(`(${r.disposition})`)}${noneToday ? `  ${paint(s.bold('NO SESSION TODAY'))}` : ''}`);
  const sets = r.audit.ruleSets.map((x) => `${x.id} ${x.version}`).join(', ');
  lines.push(s.dim(`Appointment ${r.audit.at} · ${r.flags.length} flag${r.flags.length === 1 ? '' : 's'} · rules: ${sets}`));
  lines.push('', ...wrap(r.summary.therapist, '  '));
  if (!compact) lines.push(...wrap(`For the client: ${r.summary.client}`, '  '));

  lines.push('', s.bold('Flags'));
  if (r.flags.length === 0) lines.push('  None: no rule fired.');
  for (const f of r.flags) {
    const fp = dispositionStyle(s, f.disposition);
    const later = flagTiming(r.plan, f) === 'later-session' ? ` ${s.dim('· later session only')}` : '';
    lines.push(`  ${fp(`[${f.disposition}]`)} ${s.bold(f.title)} ${s.dim(`(${f.ruleId})`)}${later}`);
    if (!compact) lines.push(...wrap(f.message, '      '));
    if (f.regions.length > 0) lines.push(`      Regions: ${regionList(f.regions)}`);
    if (f.originalDisposition) lines.push(`      Lowered from ${f.originalDisposition} by a clearance.`);
  }

  const m = r.modifications;
  const mods: string[] = [];
  if (m.pressureCap !== null) mods.push(`  Pressure cap: ${m.pressureCap} of 5 (whole body)`);
  if (m.regionalPressureCaps.length > 0)
    mods.push(`  Regional caps: ${m.regionalPressureCaps.map((c) => `${BODY_REGION_LABELS[c.region] ?? c.region} ≤ ${c.pressureCap}`).join(', ')}`);
  if (m.avoidRegions.length > 0) mods.push(`  Avoid regions: ${regionList(m.avoidRegions)}`);
  if (m.avoidTechniques.length > 0) mods.push(`  Techniques to avoid: ${m.avoidTechniques.join(', ')}`);
  for (const x of m.regionalAvoidTechniques) mods.push(`  Techniques to avoid on ${BODY_REGION_LABELS[x.region] ?? x.region}: ${x.techniques.join(', ')}`);
  if (m.positioning.length > 0) mods.push(`  Positioning: ${m.positioning.join(', ')}`);
  lines.push('', s.bold(`Modifications${PLAN_HEADING[r.plan]}`), ...(mods.length > 0 ? mods : ['  None.']));

  const t = r.techniques;
  if (compact) {
    const names = t.suggested.map((x) => x.name).join(', ');
    lines.push('', `${s.bold('Suggested techniques:')} ${names || (noneToday ? 'none (no session today)' : 'none')}`);
    if (t.excluded.length > 0) lines.push(`${s.bold('Excluded:')} ${t.excluded.map((x) => x.name).join(', ')}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push('', s.bold('Suggested techniques'));
  if (t.suggested.length === 0) lines.push('  None.');
  for (const x of t.suggested) {
    lines.push(`  ${s.green('+')} ${x.name} ${s.dim(`(${x.technique}, pressure ${x.pressure.min}–${x.pressure.max})`)}`);
    lines.push(...wrap(x.reason, '      '));
  }
  if (t.note) lines.push(...wrap(t.note, '  '));
  if (t.excluded.length > 0) {
    lines.push('', s.bold(`Excluded techniques${PLAN_HEADING[r.plan]}`));
    for (const x of t.excluded) {
      lines.push(`  ${s.red('-')} ${x.name} ${s.dim(`(${x.technique}; by ${x.excludedBy.join(', ')})`)}`);
      if (!/^excluded by /i.test(x.reason)) lines.push(...wrap(x.reason, '      '));
    }
  }

  const n = t.sessionNotes;
  lines.push('', s.bold('Session notes'));
  if (n.frequency === undefined) lines.push('  No session today: no frequency or aftercare.');
  else lines.push(...wrap(`Frequency: ${n.frequency}`, '  '));
  for (const a of n.aftercare) lines.push(...wrap(`Aftercare: ${a}`, '  '));
  for (const i of n.insurance) lines.push(...wrap(`Insurance: ${i}`, '  '));
  return `${lines.join('\n')}\n`;
}

/**
 * The result as text. `compact` (the demo) keeps the disposition, flag titles, modifications and technique names,
 * and leaves out the messages, reasons and session notes.
 */
export function formatResult(r: ScreeningResult, s: Style, options: { readonly compact?: boolean } = {}): string {
  return r.ok ? formatSuccess(r, s, options.compact === true) : formatIssues(r.issues, s);
}
