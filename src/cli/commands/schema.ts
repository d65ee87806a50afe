/** `massage-triage schema intake|rules`: the JSON Schemas, for form builders and editors. */
import { intakeJsonSchema, rulesJsonSchema } from 'massage-triage';
import { EXIT, parseCommandArgs, usageError, writeOut, type ExitCode } from '../io.js';

export const SCHEMA_HELP = `Usage: massage-triage schema <intake|rules>

Print a JSON Schema (draft-07): "intake" for forms (react-jsonschema-form renders it as it is), "rules" for editors
of rules files.

Exit codes: 0 printed, 2 usage error.
`;

export async function schemaCommand(args: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    await writeOut(process.stdout, SCHEMA_HELP);
    return EXIT.ok;
  }
  const [which, ...extra] = positionals;
  if (extra.length > 0 || (which !== 'intake' && which !== 'rules')) throw usageError('schema takes "intake" or "rules".');
  const schema = which === 'intake' ? intakeJsonSchema() : rulesJsonSchema();
  await writeOut(process.stdout, `${JSON.stringify(schema, null, 2)}\n`);
  return EXIT.ok;
}
