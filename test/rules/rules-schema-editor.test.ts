/**
 * The shipped rules.schema.json as an editor uses it: VS Code's own JSON language service completes facts, paths,
 * operators and answers, and puts a typo's diagnostic on the typo. ajv checks that every real rules file is valid
 * against it, so the help while typing never flags a correct file.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { getLanguageService, TextDocument, type JSONSchema } from 'vscode-json-languageservice';
import { factCatalog, OPERATORS, rulesJsonSchema } from 'massage-triage';

const root = new URL('../../', import.meta.url);
const shipped = JSON.parse(readFileSync(new URL('schemas/rules.schema.json', root), 'utf8')) as JSONSchema;
const SCHEMA_URI = 'https://massage-triage.dev/schemas/rules.schema.json';

const service = getLanguageService({
  schemaRequestService: (uri) => (uri === SCHEMA_URI ? Promise.resolve(JSON.stringify(shipped)) : Promise.reject(new Error(`no ${uri}`))),
});
service.configure({ validate: true, allowComments: false, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.rules.json'] }] });

/** A rules file with one comparison in it; `leaf` is the comparison's text, with `|` where the cursor is. */
function ruleFile(leaf: string): { text: string; cursor: number } {
  const text = `{
  "id": "my-clinic",
  "version": "1.0.0",
  "description": "Test.",
  "rules": [
    {
      "id": "clinic-test",
      "title": "Test",
      "conditions": { "all": [ ${leaf} ] },
      "outcome": { "disposition": "modify", "scope": "systemic" },
      "message": "For the therapist.",
      "clientMessage": "For the client.",
      "rationale": "Why.",
      "references": [{ "title": "A source" }]
    }
  ]
}`;
  const cursor = text.indexOf('|');
  return { text: cursor < 0 ? text : text.slice(0, cursor) + text.slice(cursor + 1), cursor };
}

const docOf = (text: string) => TextDocument.create('file:///work/clinic.rules.json', 'json', 1, text);

async function complete(leaf: string): Promise<{ labels: string[]; docs: Map<string, string> }> {
  const { text, cursor } = ruleFile(leaf);
  const doc = docOf(text);
  const list = await service.doComplete(doc, doc.positionAt(cursor), service.parseJSONDocument(doc));
  const items = list?.items ?? [];
  const unquote = (s: string) => s.replace(/^"|"$/g, '');
  return {
    labels: items.map((i) => unquote(i.label)),
    docs: new Map(items.map((i) => [unquote(i.label), typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? '')])),
  };
}

async function diagnose(leaf: string) {
  const { text } = ruleFile(leaf);
  const doc = docOf(text);
  const diagnostics = await service.doValidation(doc, service.parseJSONDocument(doc));
  return { diagnostics, text, doc };
}

describe('rules.schema.json in VS Code’s JSON language service', () => {
  it('is the schema rulesJsonSchema() gives, with named definitions only', () => {
    expect(shipped).toEqual(rulesJsonSchema());
    const names = Object.keys((shipped as { definitions: object }).definitions);
    expect(names).toEqual(expect.arrayContaining(['Condition', 'Comparison', 'Rule', 'Outcome', 'Reference', 'fact-clots', 'paths-answer']));
    expect(names.filter((n) => n.startsWith('__'))).toEqual([]);
  });

  it('completes every fact at "fact", with its description', async () => {
    const { labels, docs } = await complete('{ "fact": |, "path": "legSigns", "operator": "yesOrUnsure", "value": true }');
    const facts = [...new Set(factCatalog().map((e) => e.fact))];
    expect(labels).toEqual(expect.arrayContaining(facts));
    expect(labels).toContain('derived');
    expect(docs.get('derived')).toMatch(/appointment date/);
  });

  it('completes the paths of that fact at "path", and only those', async () => {
    const clots = await complete('{ "fact": "clots", "path": | }');
    const clotPaths = factCatalog().filter((e) => e.fact === 'clots').map((e) => e.path);
    expect(clots.labels).toEqual(expect.arrayContaining(clotPaths));
    expect(clots.labels).not.toContain('fracture');
    expect(clots.docs.get('legSigns')).toMatch(/answer/);
    const derived = await complete('{ "fact": "derived", "path": | }');
    expect(derived.labels).toContain('daysSinceFracture');
    expect(derived.labels).not.toContain('legSigns');
  });

  it('completes the operators that fit the path at "operator"', async () => {
    const answer = await complete('{ "fact": "clots", "path": "legSigns", "operator": | }');
    expect(answer.labels).toEqual(expect.arrayContaining(['yesOrUnsure', 'equal', 'in']));
    expect(answer.labels).not.toContain('withinDays');
    expect(answer.docs.get('yesOrUnsure')).toBe(OPERATORS.find((o) => o.name === 'yesOrUnsure')!.description);
    const days = await complete('{ "fact": "derived", "path": "daysSinceFracture", "operator": | }');
    expect(days.labels).toEqual(expect.arrayContaining(['withinDays', 'lessThan']));
    expect(days.labels).not.toContain('yesOrUnsure');
  });

  it('completes the answers the path takes at "value"', async () => {
    const answer = await complete('{ "fact": "clots", "path": "legSigns", "operator": "equal", "value": | }');
    expect(answer.labels).toEqual(expect.arrayContaining(['yes', 'no', 'unsure']));
    const choice = await complete('{ "fact": "bones", "path": "osteoporosis", "operator": "equal", "value": | }');
    const options = factCatalog().find((e) => e.fact === 'bones' && e.path === 'osteoporosis')!.options!;
    expect(choice.labels).toEqual(expect.arrayContaining([...options]));
    expect(choice.labels).not.toContain('unsure-not-an-option');
  });

  it('completes techniques, positioning ids and regionsFrom paths in the outcome, with their descriptions', async () => {
    const outcome = async (field: string) => {
      const { text } = ruleFile('{ "fact": "clots", "path": "legSigns", "operator": "yesOrUnsure", "value": true }');
      const at = text.indexOf('"scope": "systemic"') + '"scope": "systemic"'.length;
      const edited = `${text.slice(0, at)}, "${field}": [""]${text.slice(at)}`;
      const doc = docOf(edited);
      const pos = at + `, "${field}": ["`.length;
      const list = await service.doComplete(doc, doc.positionAt(pos), service.parseJSONDocument(doc));
      return new Map((list?.items ?? []).map((i) => [i.label.replace(/^"|"$/g, ''), typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? '')]));
    };
    const techniques = await outcome('avoidTechniques');
    expect(techniques.get('cupping')).toMatch(/cup/i);
    expect((await outcome('positioning')).get('no-prone')).toMatch(/face down/);
    const from = await outcome('regionsFrom');
    expect([...from.keys()]).toEqual(expect.arrayContaining(['bones.fractureRegions', 'visit.painRegions']));
  });

  it.each([
    ['fact', '{ "fact": "clot", "path": "legSigns", "operator": "yesOrUnsure", "value": true }', '"clot"'],
    ['path', '{ "fact": "clots", "path": "legSign", "operator": "yesOrUnsure", "value": true }', '"legSign"'],
    ['operator', '{ "fact": "clots", "path": "legSigns", "operator": "yesOrUnsur", "value": true }', '"yesOrUnsur"'],
    ['operator for the path', '{ "fact": "clots", "path": "legSigns", "operator": "withinDays", "value": 3 }', '"withinDays"'],
    ['value', '{ "fact": "clots", "path": "legSigns", "operator": "equal", "value": "yess" }', '"yess"'],
  ])('a typo in the %s gives a diagnostic on the typo', async (_what, leaf, typo) => {
    const { diagnostics, text, doc } = await diagnose(leaf);
    const start = text.indexOf(typo);
    expect(diagnostics.length).toBeGreaterThan(0);
    const onTypo = diagnostics.filter((d) => doc.offsetAt(d.range.start) === start && doc.offsetAt(d.range.end) === start + typo.length);
    expect(onTypo.length, JSON.stringify(diagnostics)).toBeGreaterThan(0);
  });

  it('a correct comparison gives no diagnostic', async () => {
    const { diagnostics } = await diagnose('{ "fact": "derived", "path": "daysSinceFracture", "operator": "withinDays", "value": 84 }');
    expect(diagnostics).toEqual([]);
  });

  it('accepts every shipped rules file (ajv, draft-07)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(shipped as object);
    for (const file of ['rules/default.rules.json', 'examples/rule-authoring/clinic.rules.json']) {
      const ok = validate(JSON.parse(readFileSync(new URL(file, root), 'utf8')));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});
