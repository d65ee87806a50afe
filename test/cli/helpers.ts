/**
 * Helpers for the CLI tests: they run the BUILT command line (dist/cli.js) as a child process, as users run it.
 * dist is rebuilt first when it is missing or was not built from the current sources (a content fingerprint kept in
 * .tmp/, or a dist newer than every input, such as the one `npm test` builds before the suite); a lock directory of this
 * checkout keeps test files (and parallel vitest workers) from running tsup at the same time, since tsup empties dist
 * while it builds. Every test file that needs dist calls `ensureBuilt`, so a suite builds it at most once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'cli', 'fixtures');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const BUILT = ['cli.js', 'batch-worker.js', 'index.js', 'index.cjs', 'index.browser.js', 'index.d.ts'].map((f) => join(ROOT, 'dist', f));
/** What the build is made from: the sources and the bundled rules, catalogs and build settings. */
const INPUTS = [join(ROOT, 'src'), join(ROOT, 'rules'), join(ROOT, 'tsup.config.ts'), join(ROOT, 'package.json')];

/** Is any built file missing, or older than any input? */
function isStale(): boolean {
  if (!BUILT.every((f) => existsSync(f))) return true;
  const oldest = Math.min(...BUILT.map((f) => statSync(f).mtimeMs));
  const newest = Math.max(...INPUTS.filter((p) => existsSync(p)).map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)));
  return oldest < newest;
}

/** SHA-256 of every input file's path and content, in a fixed order: the same sources give the same fingerprint. */
function fingerprint(): string {
  const hash = createHash('sha256');
  const walk = (p: string): void => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else hash.update(`${relative(ROOT, p)}\0`).update(readFileSync(p)).update('\0');
  };
  for (const p of INPUTS) walk(p);
  return hash.digest('hex');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The stamp names the fingerprint of the sources a build was made from and the build's own files (their times), so it
 * belongs to this checkout's dist/ and no other: a build of another checkout, of older sources, or a later rebuild
 * never counts as this one. (A shared stamp in the temp directory with a five-minute grace let a CLI test run a stale
 * dist/.) It is kept out of dist/ so that it is never packed.
 */
const STAMP = join(ROOT, '.tmp', 'cli-test-build.json');
const builtFiles = () => BUILT.map((f) => `${relative(ROOT, f)}@${statSync(f).mtimeMs}`);

function builtFrom(sources: string): boolean {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as { sources?: unknown; built?: unknown };
    return stamp.sources === sources && JSON.stringify(stamp.built) === JSON.stringify(builtFiles());
  } catch {
    return false;
  }
}

/** Build dist when it is missing or was not built from the current sources. */
export async function ensureBuilt(): Promise<void> {
  const sources = fingerprint();
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const lock = join(ROOT, '.tmp', 'cli-test-build.lock');
  for (let i = 0; i < 600; i++) {
    // This build of these sources; or a dist newer than every input (`npm test` builds it before the suite, and the
    // suite's global setup, test/global-setup.ts, before any test file), which is then stamped as built from them.
    if (builtFrom(sources)) return;
    if (!isStale()) return writeFileSync(STAMP, JSON.stringify({ sources, built: builtFiles() }));
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building; if their lock is very old it was left behind by a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone already
      }
      await sleep(500);
      continue;
    }
    try {
      if (builtFrom(sources)) return;
      const r = spawnSync('npx', ['tsup'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
      if (r.status !== 0) throw new Error(`tsup failed:\n${r.stdout}\n${r.stderr}`);
      writeFileSync(STAMP, JSON.stringify({ sources, built: builtFiles() }));
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
  throw new Error('Timed out waiting for another build of dist/.');
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A child environment without colour switches, so each test sets exactly the ones it means. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

/** Run the CLI to completion. */
export function run(args: readonly string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: cleanEnv(options.env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;

/** One record of `batch` output, with the fields the tests read. */
export interface OutRecord {
  line: number;
  ok: boolean;
  disposition?: string;
  issues?: { code: string; message: string; pathString: string }[];
  flags?: { ruleId: string }[];
}

/** The records of `batch` output, one per non-empty line. */
export const records = (stdout: string): OutRecord[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as OutRecord);
