/** The built command line: help, version, exit codes, screen, schema, demo, colour. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASELINE_INTAKE, withAnswers } from 'massage-triage';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSI, ensureBuilt, FIXTURES, ROOT, run } from './helpers.js';

const AT = '2026-06-01';
let dir: string;
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'mt-cli-'));
});

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('help, version and usage errors', () => {
  it('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help lists the commands and documents the exit codes', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['screen', 'batch', 'rules lint', 'rules test', 'schema', 'demo']) expect(r.stdout).toContain(c);
    expect(r.stdout).toMatch(/0\s+ok/);
    expect(r.stdout).toMatch(/1\s+findings or invalid input/);
    expect(r.stdout).toMatch(/2\s+usage error/);
  });

  it.each([['screen'], ['batch'], ['rules'], ['rules', 'lint'], ['rules', 'test'], ['schema'], ['demo']])('%s --help', async (...cmd) => {
    const r = await run([...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: massage-triage ${cmd[0]}`);
    if (cmd.length > 1 || cmd[0] !== 'rules') expect(r.stdout).toContain('Exit codes');
  });

  it('no command is a usage error (exit 2) that shows the help on stderr', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Commands:');
  });

  it('an unknown command exits 2 with a short usage message and no stack trace', async () => {
    const r = await run(['triage-everything']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command');
    expect(r.stderr).toContain('Usage: massage-triage');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.split('\n').length).toBeLessThan(5);
  });

  it.each([['screen'], ['batch'], ['rules', 'lint'], ['rules', 'test'], ['schema'], ['demo']])('%s with an unknown option exits 2', async (...cmd) => {
    const r = await run([...cmd, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--frobnicate'");
    expect(r.stderr).toContain(`Usage: massage-triage ${cmd.join(' ')}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad --at, --format or --time-zone is a usage error', async () => {
    const intake = file('ok.json', BASELINE_INTAKE);
    for (const args of [['--at', '2026-13-45'], ['--format', 'xml'], ['--time-zone', 'Mars/Olympus']]) {
      const r = await run(['screen', intake, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});

describe('screen', () => {
  it('a healthy intake: proceed, exit 0, every section in the text', async () => {
    const r = await run(['screen', file('healthy.json', BASELINE_INTAKE), '--at', AT]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^PROCEED\s+\(proceed\)$/);
    for (const s of ['Flags', 'Modifications', 'Suggested techniques', 'Session notes']) expect(lines).toContain(s);
    expect(r.stdout).toContain(`Appointment ${AT}`);
  });

  it('leg signs: the disposition first, then the flag with its message, regions and rule id', async () => {
    const intake = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left' });
    const r = await run(['screen', file('clot.json', intake), '--at', AT]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain('REFER URGENTLY');
    expect(r.stdout).toContain('(clot-current-signs)');
    expect(r.stdout).toMatch(/deep vein thrombosis/i);
  });

  it('reads stdin with "-" and prints json with --format json', async () => {
    const intake = withAnswers(BASELINE_INTAKE, { 'illness.feverOrAcuteIllness': 'yes' });
    const r = await run(['screen', '-', '--at', AT, '--format', 'json'], { input: JSON.stringify(intake) });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { ok: boolean; disposition: string; audit: { at: string }; flags: { ruleId: string }[] };
    expect(result.ok).toBe(true);
    expect(result.disposition).toBe('postpone');
    expect(result.audit.at).toBe(AT);
    expect(result.flags.map((f) => f.ruleId)).toContain('fever-acute-illness');
  });

  it('--format cds-hooks prints a CDS Hooks response with a card per flag', async () => {
    const intake = withAnswers(BASELINE_INTAKE, { 'illness.feverOrAcuteIllness': 'yes' });
    const r = await run(['screen', file('fever.json', intake), '--at', AT, '--format', 'cds-hooks']);
    expect(r.code).toBe(0);
    const response = JSON.parse(r.stdout) as { cards: { summary: string; indicator: string }[] };
    expect(response.cards.length).toBeGreaterThanOrEqual(1);
    expect(response.cards[0]?.summary).toMatch(/fever/i);
  });

  it('an invalid intake exits 1, lists where and what, and never repeats the answers', async () => {
    const intake = withAnswers(BASELINE_INTAKE, { 'client.dateOfBirth': 'SECRET-DOB-4711', 'clots.legSigns': 'SECRET-ANSWER-0815' });
    for (const format of ['text', 'json']) {
      const r = await run(['screen', file('bad.json', intake), '--at', AT, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('client.dateOfBirth');
      expect(r.stdout).toContain('clots.legSigns');
      expect(r.stdout + r.stderr).not.toContain('SECRET');
    }
  });

  it('broken JSON exits 1 with its line:column and without the text', async () => {
    const r = await run(['screen', file('broken.json', '{\n  "client": {\n    "dateOfBirth": SECRET-1985\n  }\n}')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.json:3:20: not valid JSON/);
    expect(r.stderr).not.toContain('SECRET');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a file that does not exist is a usage error', async () => {
    const r = await run(['screen', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file');
  });

  it('--rules replaces the default set; --extend adds to it; --disable switches a rule off', async () => {
    const intake = file('meds.json', withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'medications.painMedicationToday': 'yes' }));
    const mini = join(FIXTURES, 'mini.rules.json');
    const ids = async (args: string[]) => {
      const r = await run(['screen', intake, '--at', AT, '--format', 'json', ...args]);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { flags: { ruleId: string }[] }).flags.map((f) => f.ruleId);
    };
    const replaced = await ids(['--rules', mini]);
    // The clinic's one rule does not read leg clot signs: that answer is flagged as not screened, not passed as fine.
    expect(replaced).toEqual(['unscreened-answer', 'clinic-no-pain-medication-today']);
    const extended = await ids(['--extend', mini]);
    expect(extended).toContain('clinic-no-pain-medication-today');
    expect(extended).toContain('clot-current-signs');
    const disabled = await ids(['--disable', 'clot-current-signs']);
    expect(disabled).not.toContain('clot-current-signs');
    expect(disabled.length).toBeGreaterThan(0);
  });

  it('--disable of a rule that does not exist exits 1', async () => {
    const r = await run(['screen', file('h2.json', BASELINE_INTAKE), '--at', AT, '--disable', 'no-such-rule']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-such-rule');
  });

  it('a broken --rules file exits 1 and shows its problems at FILE:LINE:COL', async () => {
    const r = await run(['screen', file('h3.json', BASELINE_INTAKE), '--rules', join(FIXTURES, 'broken.rules.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.rules\.json:9:\d+: error: Unknown fact "clot"/);
  });
});

describe('colour', () => {
  const clot = () => file('colour.json', withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }));

  it('no ANSI codes when stdout is not a terminal', async () => {
    const r = await run(['screen', clot(), '--at', AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('FORCE_COLOR turns colour on, and NO_COLOR wins over it', async () => {
    const forced = await run(['screen', clot(), '--at', AT], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(ANSI);
    const off = await run(['screen', clot(), '--at', AT], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(off.stdout).not.toMatch(ANSI);
    expect(off.stdout).toContain('REFER URGENTLY');
  });
});

describe('schema', () => {
  it('schema intake prints a JSON Schema with a title', async () => {
    const r = await run(['schema', 'intake']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { title?: unknown; properties?: Record<string, unknown> };
    expect(typeof schema.title).toBe('string');
    expect(Object.keys(schema.properties ?? {})).toContain('clots');
  });

  it('schema rules prints the rules schema; anything else exits 2', async () => {
    const r = await run(['schema', 'rules']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { properties?: Record<string, unknown> }).properties).toHaveProperty('rules');
    expect((await run(['schema', 'intakes'])).code).toBe(2);
    expect((await run(['schema'])).code).toBe(2);
  });
});

describe('demo', () => {
  it('screens every sample intake with a header per file, without colour off a terminal', async () => {
    const r = await run(['demo']);
    expect(r.code).toBe(0);
    const samples = readdirSync(join(ROOT, 'examples', 'intakes')).filter((n) => n.endsWith('.json') && n !== 'expected.json');
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('=== '));
    expect(headers.length).toBe(samples.length > 0 ? samples.length : 4);
    for (const s of samples) expect(r.stdout).toContain(`examples/intakes/${s}`);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stdout).not.toContain('does not validate');
  });
});
