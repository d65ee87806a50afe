import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { DISPOSITIONS, TECHNIQUES, intakeJsonSchema, parseIntake, screen } from 'massage-triage';

const DIR = fileURLToPath(new URL('../../examples/intakes/', import.meta.url));
const INVALID = join(DIR, 'invalid');
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const validFiles = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'expected.json').sort();
const invalidFiles = readdirSync(INVALID).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort();

interface Expectation {
  file: string;
  at: string;
  disposition: string;
  categories: string[];
  suggests: string[];
  excludes: string[];
}
const expectations = read(join(DIR, 'expected.json')) as Expectation[];

/** Every string in a JSON value (keys excluded), for the privacy check. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('sample intakes (examples/intakes)', () => {
  it('has at least 12 valid and 3 invalid samples', () => {
    expect(validFiles.length).toBeGreaterThanOrEqual(12);
    expect(invalidFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(validFiles)('%s parses with parseIntake', (file) => {
    const r = parseIntake(read(join(DIR, file)));
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (r.ok) expect(r.data.completedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('validates against the intake JSON Schema wherever a sample names it', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(intakeJsonSchema() as object);
    const named = validFiles.filter((f) => typeof (read(join(DIR, f)) as { $schema?: unknown }).$schema === 'string');
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const f of named) expect(validate(read(join(DIR, f))) ? [] : validate.errors, f).toEqual([]);
  });

  it('normalises the form-style strings some samples use', () => {
    const warfarin = parseIntake(read(join(DIR, 'warfarin.json')));
    expect(warfarin.ok).toBe(true);
    if (!warfarin.ok) return;
    expect(warfarin.data.medications.anticoagulants).toBe('yes');
    expect(warfarin.data.visit.painLevel).toBe(6);
    expect(warfarin.data.consent.informedConsent).toBe(true);
    const office = parseIntake(read(join(DIR, 'office-stress-unsure.json')));
    expect(office.ok).toBe(true);
    if (office.ok) expect(office.data.allergies.any).toBe('unsure');
  });

  it('has exactly one well-formed expectation for each valid sample', () => {
    expect(expectations.map((e) => e.file).sort()).toEqual(validFiles);
    for (const e of expectations) {
      expect(DISPOSITIONS, e.file).toContain(e.disposition);
      for (const t of [...e.suggests, ...e.excludes]) expect(TECHNIQUES, `${e.file}: ${t}`).toContain(t);
      expect(e.suggests.filter((t) => e.excludes.includes(t)), e.file).toEqual([]);
    }
  });

  describe.each(invalidFiles)('invalid sample %s', (file) => {
    const input = read(join(INVALID, file));
    const expected = read(join(INVALID, file.replace(/\.json$/, '.expected.json'))) as { pathString: string; code: string }[];
    const r = parseIntake(input);

    it('fails with exactly the expected issues (path and code)', () => {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const got = r.issues.map((i) => ({ pathString: i.pathString, code: i.code }));
      const key = (x: { pathString: string; code: string }) => `${x.pathString} ${x.code}`;
      expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    });

    it('never repeats a value from the sample in an issue message', () => {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // Short tokens such as "no" occur in ordinary words ("not"); compare whole words of three characters or more.
      const values = [...new Set(strings(input))].filter((s) => s.trim().length >= 3 && !s.startsWith('../'));
      expect(values.length).toBeGreaterThan(0);
      for (const i of r.issues)
        for (const v of values) expect(new RegExp(`(^|\\W)${escape(v)}($|\\W)`).test(i.message), `${i.pathString}: "${v}"`).toBe(false);
    });
  });
});

describe('sample screenings with the default rules (examples/intakes/expected.json)', () => {
  it.each(expectations)('$file → $disposition', async (e) => {
    const r = await screen(read(join(DIR, e.file)), { at: e.at });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const fired = r.flags.map((f) => `${f.ruleId}(${f.category ?? '-'}:${f.disposition})`).join(', ');
    expect(r.disposition, `flags: ${fired}`).toBe(e.disposition);
    const categories = new Set(r.flags.map((f) => f.category));
    for (const c of e.categories) expect(categories.has(c), `category ${c}; flags: ${fired}`).toBe(true);
    const suggested = r.techniques.suggested.map((s) => s.technique);
    for (const t of e.suggests) expect(suggested, `suggests ${t}`).toContain(t);
    const excluded = r.techniques.excluded.map((x) => x.technique);
    for (const t of e.excludes) expect(excluded, `excludes ${t}`).toContain(t);
    for (const t of e.excludes) expect(suggested, `excluded ${t} is not suggested`).not.toContain(t);
    if (e.disposition !== 'proceed') expect(r.flags.length).toBeGreaterThan(0);
    if (e.disposition === 'refer-urgent') expect(suggested, 'nothing is suggested before an urgent referral').toEqual([]);
    if (e.disposition === 'proceed') expect(r.flags, 'proceed means nothing fired').toEqual([]);
  });
});
