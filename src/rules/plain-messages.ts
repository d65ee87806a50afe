/**
 * Shape problems in the words of the person editing the file: "`title` is missing", not "Invalid input: expected
 * string, received undefined". Rule authors are clinicians editing JSON; they need the field and what it should be.
 */

/** A zod issue as far as these messages read it. */
export interface IssueLike {
  readonly code: string;
  readonly message: string;
  readonly path: readonly PropertyKey[];
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly format?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  nonoptional: 'given',
};

/** The field an issue is about, as the author sees it: `title`, or `item 2 of fires`. */
export function fieldName(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'number') {
    const owner = path[path.length - 2];
    return `item ${last + 1} of \`${typeof owner === 'string' ? owner : 'the list'}\``;
  }
  return `\`${String(last)}\``;
}

/**
 * A plain message for the common shape problems (missing, wrong type, not one of the choices, an empty list), or
 * undefined to keep the schema's own message (a custom message, such as the id pattern's, is already plain).
 */
export function plainIssueMessage(issue: IssueLike): string | undefined {
  const field = fieldName(issue.path);
  const Field = field.charAt(0).toUpperCase() + field.slice(1);
  if (issue.code === 'invalid_type') {
    if (/received undefined$/.test(issue.message)) return `${Field} is missing.`;
    const want = issue.expected ? EXPECTED[issue.expected] : undefined;
    return want ? `${Field} should be ${want}.` : undefined;
  }
  if (issue.code === 'invalid_value' && issue.values && issue.values.length > 0)
    return `${Field} should be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}.`;
  if (issue.code === 'invalid_format' && issue.format === 'date') return `${Field} should be a date written YYYY-MM-DD, such as "2026-12-01".`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `${Field} needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}.`;
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return `${Field} is empty.`;
  return undefined;
}
