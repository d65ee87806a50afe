/**
 * The massage-triage command line. Built on the public API only: it imports the library by its package name, so it
 * can do nothing a user of the package cannot. It prints only its own messages: never a stack trace, never a client's
 * answers.
 */
import { VERSION } from 'massage-triage';
import { BATCH_HELP, batchCommand } from './commands/batch.js';
import { DEMO_HELP, demoCommand } from './commands/demo.js';
import { IMPACT_HELP } from './commands/impact.js';
import { LINT_HELP, RULES_HELP, rulesCommand, TEST_HELP } from './commands/rules.js';
import { SCHEMA_HELP, schemaCommand } from './commands/schema.js';
import { SCREEN_HELP, screenCommand } from './commands/screen.js';
import { CliError, EXIT, type ExitCode } from './io.js';

const HELP = `massage-triage ${VERSION}: screen medical-massage intakes for contraindications and triage them.

Usage: massage-triage <command> [options]

Commands:
  screen [FILE|-]          Screen one intake (JSON) and print the triage (text, json or cds-hooks)
  batch [FILE|-]           Screen NDJSON intakes, one record per line out, in input order
  rules lint FILE...       Check rules files; every problem at its FILE:LINE:COL
  rules test [FIXTURES...] Run rule fixtures (PASS/FAIL per case); --coverage per rule
  rules impact             What a rules change does to a corpus: --from OLD --to NEW --corpus FILE
  schema intake|rules      Print a JSON Schema
  demo                     Screen the sample intakes and show what the library does

Rules: the bundled default set runs unless --rules FILE replaces it; --extend FILE adds a set (repeatable);
--disable ID switches a rule off (repeatable).

Options:
  -h, --help      Show help (also after a command: massage-triage screen --help)
  -v, --version   Show the version

Exit codes:
  0  ok
  1  findings or invalid input (an invalid intake, a rules file with problems, a failing fixture)
  2  usage error (unknown command or option, unreadable file) or the command could not run

Environment: NO_COLOR turns colour off; colour is used only when stdout is a terminal (or FORCE_COLOR is set).
`;

const USAGE = 'Usage: massage-triage <command> [options]   (massage-triage --help for commands)';

/** The usage line of the command being run, for a usage error: short, with where to find more. */
function usageFor(argv: readonly string[]): string {
  const [command, sub] = argv;
  const help: Record<string, string> = { screen: SCREEN_HELP, batch: BATCH_HELP, schema: SCHEMA_HELP, demo: DEMO_HELP, rules: RULES_HELP };
  const rulesSub: Record<string, string> = { lint: LINT_HELP, test: TEST_HELP, impact: IMPACT_HELP };
  const text = command === 'rules' && sub !== undefined && Object.hasOwn(rulesSub, sub) ? rulesSub[sub] : command && Object.hasOwn(help, command) ? help[command] : undefined;
  const first = text?.split('\n')[0];
  if (!first || (command === 'rules' && (sub === undefined || !Object.hasOwn(rulesSub, sub)))) return USAGE;
  return `${first}   (${first.replace(/^Usage: /, '').split(' ').slice(0, command === 'rules' ? 3 : 2).join(' ')} --help for more)`;
}

const COMMANDS: Record<string, (args: readonly string[]) => Promise<ExitCode>> = {
  screen: screenCommand,
  batch: batchCommand,
  rules: rulesCommand,
  schema: schemaCommand,
  demo: demoCommand,
};

async function main(argv: readonly string[]): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(HELP);
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) throw new CliError(`Unknown command "${first.slice(0, 40)}".`, EXIT.usage, true);
  return command(rest);
}

/** Last resort: an unexpected error says so in one line; its message and stack may hold data and are not shown. */
function fail(e: unknown): never {
  if (e instanceof CliError) {
    process.stderr.write(`massage-triage: ${e.message}\n`);
    if (e.showUsage) process.stderr.write(`${usageFor(process.argv.slice(2))}\n`);
    process.exit(e.exitCode);
  }
  process.stderr.write('massage-triage: the command could not be completed (an unexpected error).\n');
  process.exit(EXIT.usage);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// A closed pipe (`| head`) is not an error worth a message.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  fail(e);
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, fail);
