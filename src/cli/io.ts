/**
 * What every command shares: errors with their exit codes, reading files and stdin, colour, the package root.
 * Node-only; the library itself never touches the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { firstSyntaxError, LineIndex } from './json-locate.js';

/** The parseArgs options every screening command shares. */
export const RULE_ARG_OPTIONS = {
  rules: { type: 'string' },
  extend: { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
} as const;

/** Exit codes, as the help pages document them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An error the user can act on. Its message is ours, written for the terminal, and never carries a client's answers,
 * so it is the only kind of error whose text the CLI prints.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Print the command's usage line after the message. */
    readonly showUsage = false,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.usage, true);

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs`, strict, with its errors turned into usage errors. Node's messages name the option, never input data;
 * only their first sentence is kept, because the rest is advice about `--` that confuses more than it helps.
 */
export function parseCommandArgs<O extends Options>(
  args: readonly string[],
  options: O,
  allowPositionals = true,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (e) {
    const raw = e instanceof Error ? e.message : 'Invalid arguments.';
    const first = raw.split(/(?<=\.)\s/)[0] ?? raw;
    throw usageError(first);
  }
}

/** The package's root directory (where its package.json is), found from this file whether built or run from source. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const name = (JSON.parse(readFileSync(pj, 'utf8')) as { name?: unknown }).name;
        if (name === 'massage-triage') return dir;
      } catch {
        // Not ours or unreadable: keep looking upwards.
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}

/** The reason a file could not be read, by its error code only (the OS message can be long and localised). */
function ioReason(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ? `cannot be read (${code})` : 'cannot be read';
}

/** Read a whole text file (or stdin for `-`); a file that cannot be read is a usage error (exit 2). */
export async function readText(file: string): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return stripBom(await readFile(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file}: ${ioReason(e)}.`, EXIT.usage);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return stripBom(Buffer.concat(chunks).toString('utf8'));
}

export const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/**
 * Parse JSON read from `source`. The error says where the text is broken (line:column) but never quotes it: the
 * text may be a client's health answers.
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const err = firstSyntaxError(text);
    const at = err ? new LineIndex(text).position(err.offset) : undefined;
    throw new CliError(`${source}${at ? `:${at.line}:${at.column}` : ''}: not valid JSON${err ? `: ${err.message}` : '.'}`, EXIT.findings);
  }
}

/** Colour for stdout: only on a terminal, never when NO_COLOR is set; FORCE_COLOR turns it on (NO_COLOR still wins). */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** The ANSI styles the text output uses; all identity functions when colour is off. */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly magenta: (s: string) => string;
  readonly cyan: (s: string) => string;
}

export function style(color: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    magenta: wrap(35, 39),
    cyan: wrap(36, 39),
  };
}

/**
 * Write to stdout and wait until it is flushed enough to take more (backpressure). `written` runs once the stream is
 * done with `text` (a buffer can then be reused), which may be after the promise resolves.
 */
export function writeOut(stream: NodeJS.WritableStream, text: string | Uint8Array, written?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(text, (err) => {
      if (err) reject(err);
      else written?.();
    });
    if (ok) resolve();
    else stream.once('drain', () => resolve());
  });
}

/**
 * Is `at` an appointment date as `--at` takes it: YYYY-MM-DD, or an ISO date-time, on a day the calendar has?
 * (`Date.parse` alone rolls 2026-02-30 over to March 2, which the screener then refuses for every intake.)
 */
export function isAppointmentDate(at: string): boolean {
  const day = at.slice(0, 10);
  const realDay = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  return realDay && (at.length === 10 || (at[10] === 'T' && !Number.isNaN(Date.parse(at))));
}

/** Check `--at` and `--time-zone` before anything runs, so a typo is a usage error and not an invalid intake. */
export function checkDateOptions(at: string | undefined, timeZone: string | undefined): void {
  if (at !== undefined && !isAppointmentDate(at)) throw usageError('--at takes a date as YYYY-MM-DD (or an ISO date-time).');
  if (timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      throw usageError('--time-zone takes an IANA time zone name, such as Europe/Berlin.');
    }
  }
}
