/** `massage-triage schema intake|rules`: the JSON Schemas, for form builders and editors. */
import { intakeJsonSchema, rulesJsonSchema } from 'massage-triage';
import { EXIT, parseCommandArgs, usageError, writeOut, type ExitCode } from '../io.js';
import { importOperators } from '../rules-source.js';

export const SCHEMA_HELP = `Usage: massage-triage schema <intake|rules> [--operators MODULE]

Print a JSON Schema (draft-07): "intake" for forms (react-jsonschema-form renders it as it is), "rules" for editors
of rules files.

Options:
  --operators MODULE   With "rules": offer the app's custom operators too, imported from this JavaScript module
                       (see "rules lint --help"); runs the module's code
  -h, --help           Show this help

Exit codes: 0 printed, 2 usage error.
`;

export async function schemaCommand(args: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, { operators: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    await writeOut(process.stdout, SCHEMA_HELP);
    return EXIT.ok;
  }
  const [which, ...extra] = positionals;
  if (extra.length > 0 || (which !== 'intake' && which !== 'rules')) throw usageError('schema takes "intake" or "rules".');
  if (which === 'intake' && values.operators !== undefined) throw usageError('--operators goes with "schema rules".');
  const operators = values.operators === undefined ? undefined : await importOperators(values.operators);
  const schema = which === 'intake' ? intakeJsonSchema() : rulesJsonSchema(operators ? { operators } : undefined);
  await writeOut(process.stdout, `${JSON.stringify(schema, null, 2)}\n`);
  return EXIT.ok;
}
