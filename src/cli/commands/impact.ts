/**
 * `massage-triage rules impact`: what a change to the rules does to a clinic's clients. The corpus is read as the
 * batch reads it (blocks of whole NDJSON lines, so memory stays flat whatever its size), each intake is screened with
 * the rules before and after, and only counts, line numbers and rule ids are kept: never an answer.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createImpactCollector, defaultRuleSet, IMPACT_DISPOSITIONS, type RuleImpact } from 'massage-triage';
import { MAX_LINE_LENGTH, readBatchLine } from '../batch-core.js';
import { checkDateOptions, CliError, EXIT, parseCommandArgs, RULE_ARG_OPTIONS, style, useColor, usageError, writeOut, type ExitCode } from '../io.js';
import { readBlocks, splitLines } from '../ndjson-blocks.js';
import { readRuleSources, screenerFrom, type RuleSources } from '../rules-source.js';

export const IMPACT_HELP = `Usage: massage-triage rules impact --from OLD --to NEW --corpus FILE [options]

Screen a corpus of intakes (NDJSON, one intake per line, such as past intakes exported from a booking system; a line
may be a booking, {"intake": {...}, "at": "YYYY-MM-DD", "id": ...}, as batch reads it) with the rules before and after
a change, and report what the change does:
  - a from → to matrix of dispositions (how many intakes move from proceed to modify, and so on);
  - each intake that changed, by line, with the rules that explain it (+ now fires, − no longer fires, ~ fires with
    another disposition);
  - each rule whose firing count changed.
The corpus is streamed: memory stays flat whatever its size. Only line numbers and rule ids are printed, never an
answer.

OLD and NEW are rules files. Each extends the bundled default set, as --extend does; a file whose id is the default
set's (an edited copy of rules/default.rules.json) replaces the bundled set instead.

Options:
  --from FILE       The rules as they are (repeatable)
  --to FILE         The rules as changed (repeatable)
  --corpus FILE     The intakes, NDJSON ("-" for stdin)
  --extend FILE     Add a rules file to both sides (repeatable)
  --disable ID      Do not run the rule with this id on either side (repeatable)
  --at DATE         Appointment date, YYYY-MM-DD (default: today; give one for a repeatable report); a booking's own
                    "at" replaces it
  --time-zone TZ    IANA time zone to read the date in (default: UTC)
  --format FORMAT   text (default) or json (one JSON document, for pipelines)
  --max-changes N   Most changed intakes listed (default 10000; the counts always cover all)
  -h, --help        Show this help

Example:
  massage-triage rules impact --from clinic.rules.json --to clinic.new.rules.json --corpus intakes.ndjson --at 2026-12-01

Exit codes: 0 the report was made (whatever it shows), 1 a rules file has problems, 2 usage error.
`;

const IMPACT_OPTIONS = {
  from: { type: 'string', multiple: true },
  to: { type: 'string', multiple: true },
  corpus: { type: 'string' },
  extend: RULE_ARG_OPTIONS.extend,
  disable: RULE_ARG_OPTIONS.disable,
  at: { type: 'string' },
  'time-zone': { type: 'string' },
  format: { type: 'string' },
  'max-changes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Bytes per block read from the corpus, as `batch` reads its input. */
const BLOCK_BYTES = 64 * 1024;

/** One side's rule sets: the default set (unless a file replaces it), the shared --extend files, then its own files. */
async function side(files: readonly string[], extend: readonly string[], disable: readonly string[]): Promise<RuleSources> {
  const read = await readRuleSources({ extend: [...extend, ...files], disable });
  const defaultId = defaultRuleSet().id;
  const replacesDefault = read.sets.some((s) => s !== null && typeof s === 'object' && (s as { id?: unknown }).id === defaultId);
  return replacesDefault ? { sets: read.sets.filter((s) => s !== null), disable: read.disable } : read;
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - s.length)) + s;

/** The report for people. */
function formatImpact(r: RuleImpact, title: string, color: boolean): string {
  const s = style(color);
  const rows = IMPACT_DISPOSITIONS.filter((d) => IMPACT_DISPOSITIONS.some((e) => r.matrix[d][e] + r.matrix[e][d] > 0));
  const width = Math.max(12, ...rows.map((d) => d.length)) + 2;
  const lines = [s.bold(title), ''];
  if (rows.length === 0) lines.push('The corpus has no intakes.');
  else {
    lines.push(`${pad('from \\ to', width)}${rows.map((d) => padStart(d, Math.max(d.length, 6) + 2)).join('')}`);
    for (const from of rows)
      lines.push(
        `${pad(from, width)}${rows
          .map((to) => {
            const n = String(r.matrix[from][to]);
            const cell = padStart(n, Math.max(to.length, 6) + 2);
            return from !== to && r.matrix[from][to] > 0 ? s.bold(cell) : cell;
          })
          .join('')}`,
      );
  }
  lines.push('', `${r.changedCount} of ${r.intakes} intake${r.intakes === 1 ? '' : 's'} changed.`);
  for (const c of r.changed) {
    const why = [...c.nowFiring.map((id) => `+${id}`), ...c.noLongerFiring.map((id) => `−${id}`), ...c.outcomeChanged.map((id) => `~${id}`)];
    lines.push(`  line ${c.line}: ${c.from === c.to ? c.from : `${c.from} → ${c.to}`}  ${why.join(' ')}`);
  }
  if (r.changed.length < r.changedCount) lines.push(`  … and ${r.changedCount - r.changed.length} more (raise --max-changes to list them)`);
  lines.push('', r.rules.length === 0 ? 'No rule fires more or less often.' : 'Rules whose firing count changed:');
  const idWidth = Math.max(0, ...r.rules.map((x) => x.ruleId.length)) + 2;
  for (const x of r.rules) {
    const delta = x.to - x.from;
    lines.push(`  ${pad(x.ruleId, idWidth)}${x.from} → ${x.to} (${delta > 0 ? '+' : ''}${delta})`);
  }
  return lines.join('\n');
}

export async function impactCommand(args: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, IMPACT_OPTIONS, false);
  if (values.help) {
    await writeOut(process.stdout, IMPACT_HELP);
    return EXIT.ok;
  }
  void positionals;
  if (!values.from?.length || !values.to?.length) throw usageError('rules impact needs --from OLD and --to NEW (rules files).');
  if (!values.corpus) throw usageError('rules impact needs --corpus FILE (NDJSON intakes, or - for stdin).');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw usageError('--format takes text or json.');
  const maxChanges = values['max-changes'] === undefined ? 10_000 : Number(values['max-changes']);
  if (!Number.isInteger(maxChanges) || maxChanges < 0) throw usageError('--max-changes takes a whole number.');
  checkDateOptions(values.at, values['time-zone']);
  const corpus = values.corpus;
  if (corpus === '-' && process.stdin.isTTY) throw usageError('Give the corpus as a file, or pipe it to stdin.');
  if (corpus !== '-') {
    const st = await stat(corpus).catch(() => undefined);
    if (!st?.isFile()) throw new CliError(`${corpus}: no such file.`, EXIT.usage);
  }
  const extend = values.extend ?? [];
  const disable = values.disable ?? [];
  const from = screenerFrom(await side(values.from, extend, disable));
  const to = screenerFrom(await side(values.to, extend, disable));
  const at = values.at ?? new Date().toISOString();
  const collector = createImpactCollector(from, to, { at, ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}), maxChanges });

  const input = corpus === '-' ? process.stdin : createReadStream(corpus, { highWaterMark: 4 * BLOCK_BYTES });
  try {
    for await (const block of readBlocks(input, BLOCK_BYTES)) {
      const lines = splitLines(Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength).toString('utf8'));
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line.trim() === '') continue;
        let parsed: unknown;
        if (line.length <= MAX_LINE_LENGTH)
          try {
            parsed = JSON.parse(line) as unknown;
          } catch {
            parsed = undefined; // not JSON: counted as invalid on both sides
          }
        // A line is read as `batch` reads it: a bare intake, or a booking with its own `at` (a bad booking is invalid).
        const read = parsed === undefined ? undefined : readBatchLine(parsed);
        await collector.add(block.firstLine + i, read?.ok ? read.line.intake : undefined, read?.ok ? read.line.at : undefined);
      }
    }
  } finally {
    if (input !== process.stdin) input.destroy();
  }
  const result = collector.result();
  const fromFiles = values.from.join(', ');
  const toFiles = values.to.join(', ');
  if (format === 'json') await writeOut(process.stdout, `${JSON.stringify({ from: values.from, to: values.to, corpus, at, ...result })}\n`);
  else await writeOut(process.stdout, `${formatImpact(result, `Impact of ${fromFiles} → ${toFiles} on ${corpus} (at ${at.slice(0, 10)})`, useColor())}\n`);
  return EXIT.ok;
}
