/** `massage-triage screen`: one intake, screened and explained. */
import { toCdsHooksCards } from 'massage-triage';
import { formatResult } from '../format-text.js';
import { checkDateOptions, CliError, EXIT, parseCommandArgs, parseJsonText, readText, style, useColor, usageError, writeOut, RULE_ARG_OPTIONS, type ExitCode } from '../io.js';
import { readRuleSources, screenerFrom } from '../rules-source.js';

export const SCREEN_HELP = `Usage: massage-triage screen [FILE|-] [options]

Screen one intake (a JSON file, or stdin with "-" or no FILE) for contraindications and print the triage.

Options:
  --rules FILE        Use this rules file instead of the bundled default set
  --extend FILE       Add a rules file to the set (repeatable)
  --disable ID        Do not run the rule with this id (repeatable)
  --at DATE           Appointment date, YYYY-MM-DD (default: today); every time window counts to it
  --time-zone TZ      IANA time zone to read the date in (default: UTC)
  --format FORMAT     text (default), json, or cds-hooks (a CDS Hooks response: one card per flag)
  --locale LANG       Language of the messages, when the rules have it (default: en)
  -h, --help          Show this help

Exit codes: 0 screened (whatever the disposition), 1 the intake or a rules file is invalid,
            2 usage error (unknown option, unreadable file).
`;

const OPTIONS = {
  ...RULE_ARG_OPTIONS,
  at: { type: 'string' },
  'time-zone': { type: 'string' },
  format: { type: 'string' },
  locale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FORMATS = ['text', 'json', 'cds-hooks'] as const;
type Format = (typeof FORMATS)[number];

export async function screenCommand(args: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    await writeOut(process.stdout, SCREEN_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw usageError('screen takes one intake file.');
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw usageError(`--format takes one of: ${FORMATS.join(', ')}.`);
  checkDateOptions(values.at, values['time-zone']);
  const file = positionals[0] ?? '-';
  if (file === '-' && process.stdin.isTTY) throw usageError('Give an intake file, or pipe one to stdin.');

  const screener = screenerFrom(await readRuleSources(values));
  const source = file === '-' ? '(stdin)' : file;
  const input = parseJsonText(await readText(file), source);
  const result = await screener.screen(input, {
    at: values.at ?? new Date(),
    ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
    ...(values.locale ? { locale: values.locale } : {}),
  });
  if (!result.ok && result.issues.some((i) => i.path[0] === 'options')) throw new CliError('The options could not be read.', EXIT.usage);

  // An intake that does not validate has no cards: cds-hooks prints the issues as json does.
  if (format === 'json' || (format === 'cds-hooks' && !result.ok)) await writeOut(process.stdout, `${JSON.stringify(result, null, 2)}\n`);
  else if (format === 'cds-hooks' && result.ok) await writeOut(process.stdout, `${JSON.stringify(toCdsHooksCards(result), null, 2)}\n`);
  else await writeOut(process.stdout, formatResult(result, style(useColor())));
  return result.ok ? EXIT.ok : EXIT.findings;
}
