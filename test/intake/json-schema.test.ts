import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, intakeJsonSchema, parseIntake } from 'massage-triage';

type Js = Record<string, unknown>;

function walkFields(schema: Js, visit: (path: string, field: Js) => void, prefix = ''): void {
  for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, Js>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    visit(path, v);
    if (v.type === 'object') walkFields(v, visit, path);
  }
}

describe('the intake JSON Schema', () => {
  const schema = intakeJsonSchema();

  it('is draft-07 and generated from zod (strict objects)', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
  });

  it('gives every field a title, and every group a description', () => {
    walkFields(schema, (path, field) => {
      expect(typeof field.title, path).toBe('string');
      if (field.type === 'object') expect(typeof field.description, path).toBe('string');
    });
  });

  it('labels enum options (oneOf const/title), so a form shows "Not sure" for unsure', () => {
    const props = schema.properties as Record<string, Js>;
    const legSigns = ((props.clots as Js).properties as Record<string, Js>).legSigns as Js;
    expect(legSigns.oneOf).toEqual([
      { const: 'yes', title: 'Yes' },
      { const: 'no', title: 'No' },
      { const: 'unsure', title: 'Not sure' },
    ]);
    const regions = ((props.bones as Js).properties as Record<string, Js>).fractureRegions as Js;
    expect((regions.items as Js).oneOf).toContainEqual({ const: 'left-wrist', title: 'Left wrist' });
  });

  it('accepts the normalised baseline and refuses a misspelt field, as zod does (ajv, draft-07)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const parsed = parseIntake(BASELINE_INTAKE);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(validate(JSON.parse(JSON.stringify(parsed.data)))).toBe(true);
    expect(validate({ ...BASELINE_INTAKE, clots: { ...BASELINE_INTAKE.clots, legSign: 'yes' } })).toBe(false);
  });

  it('is the file shipped as massage-triage/schemas/intake.schema.json', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../schemas/intake.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(schema);
  });
});
