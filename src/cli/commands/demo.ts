/**
 * `massage-triage demo`: screen the sample intakes in examples/intakes/ and print each triage, so a newcomer sees in
 * seconds what the library does. Without the examples (an installed package does not ship them), a few built-in
 * variations of the baseline intake stand in.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BASELINE_INTAKE, screen, withAnswers } from 'massage-triage';
import { formatResult } from '../format-text.js';
import { EXIT, packageRoot, parseCommandArgs, parseJsonText, readText, style, useColor, writeOut, type ExitCode } from '../io.js';

export const DEMO_HELP = `Usage: massage-triage demo

Screen the sample intakes (examples/intakes/*.json) with the default rules and print each triage.

Exit codes: 0 shown, 2 usage error.
`;

/** The appointment date of the demo when expected.json gives none: fixed, so the demo reads the same every day. */
const DEMO_AT = '2026-12-01';

interface Sample {
  readonly name: string;
  readonly intake: unknown;
  readonly at: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);

/** The `at` that expected.json gives a file, read from the shapes it might take: keyed by file, a list, or one for all. */
function atFor(expected: unknown, file: string): string | undefined {
  const stem = file.replace(/\.json$/, '');
  const fromEntry = (e: unknown) => (isRecord(e) && isDate(e.at) ? e.at : undefined);
  if (Array.isArray(expected)) {
    const entry = expected.find((e) => isRecord(e) && (e.file === file || e.file === stem || e.name === file || e.name === stem));
    return fromEntry(entry);
  }
  if (!isRecord(expected)) return undefined;
  for (const container of [expected, expected.files, expected.intakes, expected.cases]) {
    if (Array.isArray(container)) {
      const a = atFor(container, file);
      if (a) return a;
    } else if (isRecord(container)) {
      const a = fromEntry(container[file]) ?? fromEntry(container[stem]);
      if (a) return a;
    }
  }
  return isDate(expected.at) ? expected.at : undefined;
}

async function samplesFromExamples(): Promise<Sample[]> {
  const dir = join(packageRoot(), 'examples', 'intakes');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') && n !== 'expected.json').sort();
  } catch {
    return [];
  }
  let expected: unknown;
  if ((await readdir(dir)).includes('expected.json')) {
    try {
      expected = JSON.parse(await readText(join(dir, 'expected.json'))) as unknown;
    } catch {
      expected = undefined;
    }
  }
  const samples: Sample[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const intake = parseJsonText(await readText(path), name);
    // Without a date in expected.json, the day the client filled in the form stands in for the appointment.
    const completed = isRecord(intake) && isDate(intake.completedAt) ? intake.completedAt.slice(0, 10) : undefined;
    samples.push({ name: `examples/intakes/${name}`, intake, at: atFor(expected, name) ?? completed ?? DEMO_AT });
  }
  return samples;
}

function builtInSamples(): Sample[] {
  const at = DEMO_AT;
  return [
    { name: 'healthy adult with low back pain', intake: BASELINE_INTAKE, at },
    { name: 'one calf swollen and warm', intake: withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }), at },
    { name: 'fever today', intake: withAnswers(BASELINE_INTAKE, { 'illness.feverOrAcuteIllness': 'yes' }), at },
    { name: 'takes blood thinners', intake: withAnswers(BASELINE_INTAKE, { 'medications.anticoagulants': 'yes' }), at },
  ];
}

export async function demoCommand(args: readonly string[]): Promise<ExitCode> {
  const { values } = parseCommandArgs(args, { help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    await writeOut(process.stdout, DEMO_HELP);
    return EXIT.ok;
  }
  const fromFiles = await samplesFromExamples();
  const samples = fromFiles.length > 0 ? fromFiles : builtInSamples();
  const s = style(useColor());
  for (const sample of samples) {
    const header = `=== ${sample.name} (appointment ${sample.at}) ===`;
    const result = await screen(sample.intake, { at: sample.at });
    await writeOut(process.stdout, `\n${s.cyan(s.bold(header))}\n${formatResult(result, s, { compact: true })}`);
  }
  await writeOut(
    process.stdout,
    `\n${samples.length} intake${samples.length === 1 ? '' : 's'} screened with the default rules. For the full explanation of one (messages,\n` +
      `reasons, session notes): massage-triage screen ${fromFiles.length > 0 ? `${samples[0]?.name ?? 'FILE'} --at ${samples[0]?.at ?? DEMO_AT}` : 'FILE'}\n`,
  );
  return EXIT.ok;
}
