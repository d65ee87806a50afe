/**
 * The intake as HL7 FHIR R4: a `Questionnaire` generated from the intake's JSON Schema (so it cannot drift from the
 * zod schema), `QuestionnaireResponse` in both directions, and flags as `DetectedIssue`s.
 *
 * Representation choices (documented in docs and checked by the tests against the R4 JSON Schema):
 * - One `group` item per intake group, one item per question; `linkId` is the intake's dot path (`clots.legSigns`).
 *   Clearances are a repeating group `clearances` whose items are `clearances.ruleId`, `clearances.date`, ….
 * - Yes/no/unsure and every vocabulary are `choice` items with `answerOption.valueCoding` in a code system of ours
 *   (`…/CodeSystem/tri-state`, `…/body-region`, `…/condition`, `…/side`, or `…/CodeSystem/<linkId>` for a question's
 *   own options); lists are the same with `repeats: true`.
 * - A reason for the visit carries its ICD-10-CM codes as extensions on its `answerOption`
 *   (`…/StructureDefinition/icd-10-cm`, one `valueCoding` with system `http://hl7.org/fhir/sid/icd-10-cm` per code).
 * - A field's description is a child `display` item (`<linkId>.help`) with the R4 `questionnaire-itemControl`
 *   extension `help`; ranges are the R4 `minValue`/`maxValue` extensions.
 * - Follow-ups carry `enableWhen` from {@link FOLLOW_UPS}, `=` on each triggering answer, `enableBehavior: any`;
 *   except {@link ALWAYS_ASKED_FOLLOW_UPS}, which the rules read whatever their trigger says: a renderer drops the
 *   answer to a hidden item when the form is saved, so these are always shown.
 * - `completedAt` is the response's `authored`. `$schema` and `schemaVersion` are not questions: the version is the
 *   Questionnaire's `version`.
 */
import { conditionCatalogSchema, type ConditionCatalog } from '../techniques/catalog.js';
import { DEFAULT_CONDITIONS } from '../techniques/defaults.js';
import { ALWAYS_ASKED_FOLLOW_UPS, FOLLOW_UPS } from '../intake/follow-ups.js';
import { isFieldName, issue, type Issue, type IssueCode } from '../intake/issues.js';
import { toLabelledJsonSchema } from '../intake/json-schema.js';
import { checkLimits, type InputLimits } from '../intake/limits.js';
import { parseIntake, type ParseIntakeResult } from '../intake/parse.js';
import { INTAKE_SCHEMA_VERSION, intakeSchema, SUPPORTED_INTAKE_SCHEMA_VERSIONS, type Intake } from '../intake/schema.js';
import { BODY_REGIONS, CONDITIONS, SIDES, TRI_STATE, type Disposition } from '../intake/vocabulary.js';
import { isRecord } from '../rules/path.js';
import { flagTiming, sessionPlan } from '../screening/plan.js';
import type { ScreeningSuccess } from '../screening/types.js';
import type {
  FhirDetectedIssue,
  FhirExtension,
  FhirQuestionnaire,
  FhirQuestionnaireAnswerOption,
  FhirQuestionnaireItem,
  FhirQuestionnaireItemType,
  FhirQuestionnaireResponse,
  FhirQuestionnaireResponseAnswer,
  FhirQuestionnaireResponseItem,
  FhirQuestionnaireResponseStatus,
  FhirReference,
} from './fhir-types.js';
import { deterministicUuid, FHIR_BASE, notADisposition, requireSuccess, RULE_CODE_SYSTEM, screeningKey } from './shared.js';
import { match } from 'ts-pattern';

/** Canonical URL of the intake Questionnaire. */
export const INTAKE_QUESTIONNAIRE_URL = `${FHIR_BASE}/Questionnaire/massage-intake`;
/** The ICD-10-CM code system URI (HL7 terminology). */
export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** The extension on a condition's `answerOption` that carries one of its ICD-10-CM codes as `valueCoding`. */
export const ICD10CM_EXTENSION_URL = `${FHIR_BASE}/StructureDefinition/icd-10-cm`;

const CODE_SYSTEM = `${FHIR_BASE}/CodeSystem`;
const ITEM_CONTROL_URL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl';
const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';
const MIN_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/maxValue';

/** Free-text questions that expect more than a line, rendered as R4 `text` rather than `string`. */
const MULTI_LINE = new Set(['visit.otherConcerns', 'visit.goals', 'medications.other', 'surgery.restrictions', 'allergies.details', 'nerves.triggers']);
/** Intake keys that are not questions (see the module comment). */
const NOT_QUESTIONS = new Set(['$schema', 'schemaVersion', 'completedAt']);

// ---------------------------------------------------------------------------------------------------------------
// The field table, derived once from the intake's JSON Schema. Everything below reads it, nothing else.

type FieldKind = 'choice' | 'date' | 'integer' | 'decimal' | 'boolean' | 'string' | 'text';

interface FieldSpec {
  readonly node: 'field';
  readonly path: string;
  readonly key: string;
  readonly kind: FieldKind;
  readonly repeats: boolean;
  readonly required: boolean;
  readonly title: string;
  readonly description?: string;
  readonly system?: string;
  readonly options?: readonly { readonly code: string; readonly display: string }[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** For a list of codes typed by hand (ICD-10-CM): a Coding of this system is read as its code. */
  readonly codingSystem?: string;
}

interface GroupSpec {
  readonly node: 'group';
  readonly path: string;
  readonly title: string;
  readonly description?: string;
  readonly required: boolean;
  readonly repeats: boolean;
  readonly fields: readonly FieldSpec[];
}

type JsonNode = Record<string, unknown>;
const asNode = (v: unknown): JsonNode => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonNode) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && b.every((x) => a.includes(x));

function systemFor(path: string, codes: readonly string[]): string {
  if (sameSet(codes, TRI_STATE)) return `${CODE_SYSTEM}/tri-state`;
  if (sameSet(codes, BODY_REGIONS)) return `${CODE_SYSTEM}/body-region`;
  if (sameSet(codes, CONDITIONS)) return `${CODE_SYSTEM}/condition`;
  if (sameSet(codes, SIDES)) return `${CODE_SYSTEM}/side`;
  return `${CODE_SYSTEM}/${path}`;
}

function optionsOf(node: JsonNode): { code: string; display: string }[] | undefined {
  if (!Array.isArray(node.oneOf)) return undefined;
  return node.oneOf.map((o) => {
    const n = asNode(o);
    const code = str(n.const);
    if (code === undefined) throw new Error('The intake JSON Schema has an option without a const.');
    return { code, display: str(n.title) ?? code };
  });
}

function fieldSpec(path: string, key: string, node: JsonNode, required: boolean): FieldSpec {
  const title = str(node.title) ?? key;
  const description = str(node.description);
  const base = { node: 'field' as const, path, key, required, title, ...(description ? { description } : {}) };
  const isArray = node.type === 'array';
  const scalar = isArray ? asNode(node.items) : node;
  const options = optionsOf(scalar);
  if (options) {
    const codes = options.map((o) => o.code);
    return { ...base, kind: 'choice', repeats: isArray, options, system: systemFor(path, codes) };
  }
  const maxLength = num(scalar.maxLength);
  const range = { ...(num(scalar.minimum) !== undefined ? { min: num(scalar.minimum) } : {}), ...(num(scalar.maximum) !== undefined ? { max: num(scalar.maximum) } : {}) };
  if (scalar.type === 'string' && scalar.format === 'date') return { ...base, kind: 'date', repeats: isArray };
  if (scalar.type === 'integer') return { ...base, kind: 'integer', repeats: isArray, ...range };
  if (scalar.type === 'number') return { ...base, kind: 'decimal', repeats: isArray, ...range };
  if (scalar.type === 'boolean') return { ...base, kind: 'boolean', repeats: isArray };
  if (scalar.type === 'string') {
    const codingSystem = path === 'visit.icd10Codes' ? ICD10CM_SYSTEM : undefined;
    return {
      ...base,
      kind: MULTI_LINE.has(path) ? 'text' : 'string',
      repeats: isArray,
      ...(maxLength !== undefined ? { maxLength } : {}),
      ...(codingSystem ? { codingSystem } : {}),
    };
  }
  // A new kind of field in the intake must get a FHIR mapping here before it ships.
  throw new Error(`The intake field ${path} has no FHIR mapping.`);
}

function groupSpec(path: string, node: JsonNode, required: boolean, repeats: boolean): GroupSpec {
  const req = Array.isArray(node.required) ? (node.required as string[]) : [];
  const props = asNode(node.properties);
  const fields = Object.keys(props).map((k) => fieldSpec(`${path}.${k}`, k, asNode(props[k]), req.includes(k)));
  const description = str(node.description);
  return { node: 'group', path, title: str(node.title) ?? path, required, repeats, fields, ...(description ? { description } : {}) };
}

interface FieldTable {
  readonly groups: readonly GroupSpec[];
  readonly byLinkId: ReadonlyMap<string, FieldSpec | GroupSpec>;
  readonly groupOf: ReadonlyMap<string, GroupSpec>;
}

let tableCache: FieldTable | undefined;

function fieldTable(): FieldTable {
  if (tableCache) return tableCache;
  const root = toLabelledJsonSchema(intakeSchema);
  const req = Array.isArray(root.required) ? (root.required as string[]) : [];
  const props = asNode(root.properties);
  const groups: GroupSpec[] = [];
  for (const key of Object.keys(props)) {
    if (NOT_QUESTIONS.has(key)) continue;
    const node = asNode(props[key]);
    if (node.type === 'object') groups.push(groupSpec(key, node, req.includes(key), false));
    else if (node.type === 'array' && asNode(node.items).type === 'object') {
      const g = groupSpec(key, asNode(node.items), false, true);
      groups.push({ ...g, title: str(node.title) ?? g.title, ...(str(node.description) ? { description: str(node.description) } : {}) });
    } else throw new Error(`The intake field ${key} is outside any group and has no FHIR mapping.`);
  }
  const byLinkId = new Map<string, FieldSpec | GroupSpec>();
  const groupOf = new Map<string, GroupSpec>();
  for (const g of groups) {
    byLinkId.set(g.path, g);
    for (const f of g.fields) {
      byLinkId.set(f.path, f);
      groupOf.set(f.path, g);
    }
  }
  tableCache = { groups, byLinkId, groupOf };
  return tableCache;
}

// ---------------------------------------------------------------------------------------------------------------
// Questionnaire

/** Options for {@link toFhirQuestionnaire}. */
export interface FhirQuestionnaireOptions {
  /** Canonical URL of the Questionnaire. Default {@link INTAKE_QUESTIONNAIRE_URL}. */
  readonly url?: string;
  /** Questionnaire status. Default `active`. */
  readonly status?: FhirQuestionnaire['status'];
  /**
   * The condition catalog whose ICD-10-CM codes annotate the reasons for a visit (the shape of
   * `rules/conditions.json`). Default: the bundled catalog.
   */
  readonly conditions?: ConditionCatalog;
}

let defaultConditions: ConditionCatalog | undefined;

function icd10ByCondition(catalog: ConditionCatalog | undefined): Map<string, readonly string[]> {
  defaultConditions ??= conditionCatalogSchema.parse(DEFAULT_CONDITIONS);
  const c = catalog ?? defaultConditions;
  // A trailing "-" in the catalog marks a category whose subcodes all apply; the category code itself is the Coding.
  return new Map(c.conditions.map((e) => [e.id, [...new Set(e.icd10.map((code) => code.replace(/-$/, '')))]]));
}

function helpItem(linkId: string, text: string): FhirQuestionnaireItem {
  return {
    linkId: `${linkId}.help`,
    text,
    type: 'display',
    extension: [
      {
        url: ITEM_CONTROL_URL,
        valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: 'help', display: 'Help-Button' }], text: 'Help' },
      },
    ],
  };
}

const ALWAYS_ASKED: ReadonlySet<string> = new Set(ALWAYS_ASKED_FOLLOW_UPS);

function enableWhenOf(path: string, table: FieldTable): Pick<FhirQuestionnaireItem, 'enableWhen' | 'enableBehavior'> {
  const rule = Object.prototype.hasOwnProperty.call(FOLLOW_UPS, path) ? FOLLOW_UPS[path] : undefined;
  // The rules read these whatever their trigger says; hidden, a renderer would drop their answers on save.
  if (!rule || ALWAYS_ASKED.has(path)) return {};
  const controller = table.byLinkId.get(rule.question);
  if (!controller || controller.node !== 'field' || controller.kind !== 'choice' || !controller.system)
    throw new Error(`The follow-up ${path} follows ${rule.question}, which is not a choice question.`);
  const system = controller.system;
  const enableWhen = rule.answers.map((code) => {
    const display = controller.options?.find((o) => o.code === code)?.display;
    return { question: rule.question, operator: '=' as const, answerCoding: { system, code, ...(display ? { display } : {}) } };
  });
  return enableWhen.length > 1 ? { enableWhen, enableBehavior: 'any' } : { enableWhen };
}

function questionItem(f: FieldSpec, table: FieldTable, icd10: Map<string, readonly string[]>): FhirQuestionnaireItem {
  const type: FhirQuestionnaireItemType = f.kind;
  const extension: FhirExtension[] = [];
  const bound = (url: string, value: number): FhirExtension =>
    f.kind === 'decimal' ? { url, valueDecimal: value } : { url, valueInteger: value };
  if (f.min !== undefined) extension.push(bound(MIN_VALUE_URL, f.min));
  if (f.max !== undefined) extension.push(bound(MAX_VALUE_URL, f.max));
  const answerOption: FhirQuestionnaireAnswerOption[] | undefined = f.options?.map((o) => {
    const codes = f.path === 'visit.conditions' ? (icd10.get(o.code) ?? []) : [];
    return {
      ...(codes.length > 0 ? { extension: codes.map((code) => ({ url: ICD10CM_EXTENSION_URL, valueCoding: { system: ICD10CM_SYSTEM, code } })) } : {}),
      valueCoding: { system: f.system, code: o.code, display: o.display },
    };
  });
  return {
    linkId: f.path,
    text: f.title,
    type,
    ...(extension.length > 0 ? { extension } : {}),
    ...enableWhenOf(f.path, table),
    ...(f.required ? { required: true } : {}),
    ...(f.repeats ? { repeats: true } : {}),
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(answerOption ? { answerOption } : {}),
    ...(f.description ? { item: [helpItem(f.path, f.description)] } : {}),
  };
}

/**
 * The intake as an HL7 FHIR R4 `Questionnaire`, generated from the intake's zod schema (through its JSON Schema), so
 * it always asks exactly what {@link parseIntake} accepts. `linkId`s are the intake's dot paths, follow-ups carry
 * `enableWhen` (except {@link ALWAYS_ASKED_FOLLOW_UPS}, always shown so that no renderer drops their answers), reasons for a visit carry their ICD-10-CM codes. Feed the answers back with
 * {@link fromFhirQuestionnaireResponse}.
 *
 * @example
 * ```ts
 * const q = toFhirQuestionnaire();
 * renderer.load(q); // LHC-Forms, Smart Forms, Aidbox Forms, …
 * ```
 */
export function toFhirQuestionnaire(options: FhirQuestionnaireOptions = {}): FhirQuestionnaire {
  options ??= {}; // JavaScript callers' null means no options, as undefined does
  const table = fieldTable();
  const icd10 = icd10ByCondition(options.conditions);
  const item: FhirQuestionnaireItem[] = table.groups.map((g) => ({
    linkId: g.path,
    text: g.title,
    type: 'group',
    ...(g.required ? { required: true } : {}),
    ...(g.repeats ? { repeats: true } : {}),
    item: [...(g.description ? [helpItem(g.path, g.description)] : []), ...g.fields.map((f) => questionItem(f, table, icd10))],
  }));
  return {
    resourceType: 'Questionnaire',
    id: 'massage-intake',
    url: options.url ?? INTAKE_QUESTIONNAIRE_URL,
    version: INTAKE_SCHEMA_VERSION,
    name: 'MassageIntake',
    title: 'Medical massage intake',
    status: options.status ?? 'active',
    subjectType: ['Patient'],
    description: 'A client’s health history for a medical-massage appointment, screened for contraindications by massage-triage.',
    item,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// QuestionnaireResponse from an intake

/** Options for {@link toFhirQuestionnaireResponse}. */
export interface FhirQuestionnaireResponseOptions {
  /** Canonical URL of the Questionnaire answered. Default {@link INTAKE_QUESTIONNAIRE_URL} (with `|version`). */
  readonly questionnaireUrl?: string;
  /** Default `completed`. */
  readonly status?: FhirQuestionnaireResponseStatus;
  /** The client, e.g. `{ reference: 'Patient/123' }`. */
  readonly subject?: FhirReference;
  /** Include each question's text in the response items (default true). */
  readonly includeText?: boolean;
}

function answerOf(f: FieldSpec, v: unknown): FhirQuestionnaireResponseAnswer {
  return match(f.kind)
    .with('choice', () => {
      const code = String(v);
      const display = f.options?.find((o) => o.code === code)?.display;
      return { valueCoding: { system: f.system, code, ...(display ? { display } : {}) } };
    })
    .with('date', () => ({ valueDate: String(v) }))
    .with('integer', () => ({ valueInteger: Number(v) }))
    .with('decimal', () => ({ valueDecimal: Number(v) }))
    .with('boolean', () => ({ valueBoolean: v === true }))
    .with('string', 'text', () => ({ valueString: String(v) }))
    .exhaustive();
}

function responseItems(g: GroupSpec, values: Record<string, unknown>, includeText: boolean): FhirQuestionnaireResponseItem[] {
  const items: FhirQuestionnaireResponseItem[] = [];
  for (const f of g.fields) {
    const v = values[f.key];
    if (v === undefined) continue;
    const answer = (f.repeats && Array.isArray(v) ? v : [v]).map((x) => answerOf(f, x));
    // FHIR has no empty answer list: an empty multi-select is the same as no answer.
    if (answer.length === 0) continue;
    items.push({ linkId: f.path, ...(includeText ? { text: f.title } : {}), answer });
  }
  return items;
}

/**
 * A validated intake as an R4 `QuestionnaireResponse` to {@link toFhirQuestionnaire}'s Questionnaire: one group item
 * per answered group, answers typed as the Questionnaire says, `completedAt` as `authored`. An empty list answer is
 * left out (FHIR cannot say "answered, nothing chosen").
 *
 * @throws TypeError when `intake` is not an object (only possible from JavaScript).
 */
export function toFhirQuestionnaireResponse(intake: Intake, options: FhirQuestionnaireResponseOptions = {}): FhirQuestionnaireResponse {
  if (!isRecord(intake))
    throw new TypeError('toFhirQuestionnaireResponse takes a validated intake: the data of a successful parseIntake().');
  options ??= {}; // JavaScript callers' null means no options, as undefined does
  const table = fieldTable();
  const includeText = options.includeText ?? true;
  const source = intake as unknown as Record<string, unknown>;
  const item: FhirQuestionnaireResponseItem[] = [];
  for (const g of table.groups) {
    const v = source[g.path];
    if (v === undefined || v === null) continue;
    const instances = g.repeats ? (Array.isArray(v) ? v : []) : [v];
    for (const inst of instances) {
      const children = responseItems(g, asNode(inst), includeText);
      if (children.length > 0) item.push({ linkId: g.path, ...(includeText ? { text: g.title } : {}), item: children });
    }
  }
  return {
    resourceType: 'QuestionnaireResponse',
    // The version the intake was written for: an older intake's answers are not read as answers to newer questions.
    questionnaire: options.questionnaireUrl ?? `${INTAKE_QUESTIONNAIRE_URL}|${intake.schemaVersion ?? INTAKE_SCHEMA_VERSION}`,
    status: options.status ?? 'completed',
    ...(options.subject ? { subject: options.subject } : {}),
    ...(intake.completedAt ? { authored: intake.completedAt } : {}),
    item,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Intake from a QuestionnaireResponse

/** Options for {@link fromFhirQuestionnaireResponse}. */
export interface FromFhirQuestionnaireResponseOptions {
  /** The Questionnaire URL the response must answer (when it names one). Default {@link INTAKE_QUESTIONNAIRE_URL}. */
  readonly questionnaireUrl?: string;
}

/**
 * Limits on a QuestionnaireResponse, checked before reading it. Deeper and larger than an intake's: FHIR wraps every
 * answer in an item and an answer object, and follow-ups may nest under answers.
 */
export const QUESTIONNAIRE_RESPONSE_LIMITS: InputLimits = { maxDepth: 24, maxNodes: 20_000, maxStringLength: 10_000 };

const VALUE_KEY: Record<FieldKind, string> = {
  choice: 'valueCoding',
  date: 'valueDate',
  integer: 'valueInteger',
  decimal: 'valueDecimal',
  boolean: 'valueBoolean',
  string: 'valueString',
  text: 'valueString',
};

const isObj = (v: unknown): v is JsonNode => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const linkPath = (linkId: string) => linkId.split('.');

interface ReadState {
  readonly table: FieldTable;
  readonly intake: Record<string, unknown>;
  readonly issues: Issue[];
}

type Fail = { readonly code: IssueCode; readonly message: string };

/** One answer's value, or why it cannot be read. Messages name the expected type, never the value. */
function readAnswer(f: FieldSpec, answer: JsonNode): { value: unknown } | Fail {
  const valueKeys = Object.keys(answer).filter((k) => k.startsWith('value'));
  if (valueKeys.length !== 1) return { code: 'invalid_type', message: `Expected each answer to have one value (${VALUE_KEY[f.kind]}).` };
  const key = valueKeys[0]!;
  const v = answer[key];
  if (f.codingSystem && key === 'valueCoding') {
    if (!isObj(v) || typeof v.code !== 'string' || (v.system !== undefined && v.system !== f.codingSystem))
      return { code: 'invalid_type', message: `Expected a Coding with system ${f.codingSystem}, or valueString.` };
    return { value: v.code };
  }
  const expected = VALUE_KEY[f.kind];
  if (key !== expected) return { code: 'invalid_type', message: `Expected an answer of type ${expected}.` };
  return match(f.kind)
    .with('choice', (): { value: unknown } | Fail => {
      if (!isObj(v) || typeof v.code !== 'string') return { code: 'invalid_type', message: 'Expected a Coding with a code.' };
      if (v.system !== undefined && v.system !== f.system)
        return { code: 'invalid_value', message: `Expected a code from ${f.system ?? 'the options offered'}.` };
      return { value: v.code };
    })
    .with('date', (): { value: unknown } | Fail => (typeof v === 'string' ? { value: v } : { code: 'invalid_type', message: 'Expected valueDate as YYYY-MM-DD.' }))
    .with('integer', 'decimal', (): { value: unknown } | Fail =>
      typeof v === 'number' ? { value: v } : { code: 'invalid_type', message: `Expected ${expected} as a number.` },
    )
    .with('boolean', (): { value: unknown } | Fail => (typeof v === 'boolean' ? { value: v } : { code: 'invalid_type', message: 'Expected valueBoolean as true or false.' }))
    .with('string', 'text', (): { value: unknown } | Fail => (typeof v === 'string' ? { value: v } : { code: 'invalid_type', message: 'Expected valueString as text.' }))
    .exhaustive();
}

function readItems(items: unknown, at: readonly (string | number)[], st: ReadState, clearance: Record<string, unknown> | undefined): void {
  if (items === undefined) return;
  if (!Array.isArray(items)) {
    st.issues.push(issue([...at], 'invalid_type', 'Expected a list of items.'));
    return;
  }
  items.forEach((raw, i) => {
    const where = [...at, i];
    if (!isObj(raw) || typeof raw.linkId !== 'string' || raw.linkId.length === 0 || raw.linkId.length > 200) {
      st.issues.push(issue([...where, 'linkId'], 'invalid_type', 'Expected an item with a linkId.'));
      return;
    }
    const linkId = raw.linkId;
    const spec = st.table.byLinkId.get(linkId);
    if (!spec) {
      // A linkId shaped like an intake path (a misspelling) is named as sent; any other is the sender's text, and the
      // item is named by its position instead.
      const segments = linkPath(linkId);
      const path = segments.length <= 4 && segments.every(isFieldName) ? segments : [...where, 'linkId'];
      st.issues.push(issue(path, 'unrecognized_key', 'This question is not part of the intake questionnaire.'));
      return;
    }
    if (spec.node === 'group') {
      if (raw.answer !== undefined) st.issues.push(issue(linkPath(linkId), 'invalid', 'A group of questions takes no answer of its own.'));
      if (spec.repeats) {
        const instance: Record<string, unknown> = {};
        const list = Array.isArray(st.intake[spec.path]) ? (st.intake[spec.path] as unknown[]) : [];
        list.push(instance);
        st.intake[spec.path] = list;
        readItems(raw.item, [...where, 'item'], st, instance);
      } else {
        if (!isObj(st.intake[spec.path])) st.intake[spec.path] = {};
        readItems(raw.item, [...where, 'item'], st, clearance);
      }
      return;
    }
    readQuestion(spec, raw, where, st, clearance);
  });
}

function readQuestion(
  f: FieldSpec,
  raw: JsonNode,
  where: readonly (string | number)[],
  st: ReadState,
  clearance: Record<string, unknown> | undefined,
): void {
  const path = linkPath(f.path);
  const group = st.table.groupOf.get(f.path)!;
  let target: Record<string, unknown>;
  if (group.repeats) {
    if (!clearance) {
      st.issues.push(issue(path, 'invalid', `This answer belongs inside a ${group.path} group.`));
      return;
    }
    target = clearance;
  } else {
    if (!isObj(st.intake[group.path])) st.intake[group.path] = {};
    target = st.intake[group.path] as Record<string, unknown>;
  }
  // Follow-ups may come nested under the item (R4 allows both places); read them whatever happens to this answer.
  readItems(raw.item, [...where, 'item'], st, clearance);
  const answers = raw.answer;
  if (answers === undefined) return;
  if (!Array.isArray(answers)) {
    st.issues.push(issue(path, 'invalid_type', 'Expected a list of answers.'));
    return;
  }
  answers.forEach((a, j) => {
    if (isObj(a)) readItems(a.item, [...where, 'answer', j, 'item'], st, clearance);
  });
  if (answers.length === 0) return;
  if (own(target, f.key)) {
    st.issues.push(issue(path, 'invalid', 'This question is answered more than once.'));
    return;
  }
  if (!f.repeats && answers.length > 1) {
    st.issues.push(issue(path, 'invalid', 'This question takes one answer.'));
    return;
  }
  const values: unknown[] = [];
  for (const a of answers) {
    if (!isObj(a)) {
      st.issues.push(issue(path, 'invalid_type', 'Expected an answer object.'));
      return;
    }
    const r = readAnswer(f, a);
    if ('code' in r) {
      st.issues.push(issue(path, r.code, r.message));
      return;
    }
    values.push(r.value);
  }
  target[f.key] = f.repeats ? values : values[0];
}

/**
 * Read an R4 `QuestionnaireResponse` answered against {@link toFhirQuestionnaire}'s Questionnaire and validate it as an
 * intake. Items may be nested in their groups or not, and follow-ups may sit under `answer[].item`; the `linkId` says
 * where each answer goes. An unknown `linkId`, a wrongly typed answer, or an answer the intake refuses is an issue
 * whose path is the `linkId`'s dot path; messages never repeat the answer. Never throws.
 *
 * @returns the same shape as {@link parseIntake}.
 */
export function fromFhirQuestionnaireResponse(response: unknown, options: FromFhirQuestionnaireResponseOptions = {}): ParseIntakeResult {
  try {
    const tooLarge = checkLimits(response, QUESTIONNAIRE_RESPONSE_LIMITS, 'QuestionnaireResponse');
    if (tooLarge) return { ok: false, issues: [tooLarge] };
    if (!isObj(response) || response.resourceType !== 'QuestionnaireResponse')
      return { ok: false, issues: [issue(['resourceType'], 'invalid', 'Expected a FHIR QuestionnaireResponse.')] };
    const st: ReadState = { table: fieldTable(), intake: {}, issues: [] };
    const q = response.questionnaire;
    if (q !== undefined) {
      const [url, version] = typeof q === 'string' ? q.split('|') : [];
      if (url !== (options.questionnaireUrl ?? INTAKE_QUESTIONNAIRE_URL))
        st.issues.push(issue(['questionnaire'], 'invalid', 'The response answers a different questionnaire.'));
      else if (version !== undefined && !(SUPPORTED_INTAKE_SCHEMA_VERSIONS as readonly string[]).includes(version))
        st.issues.push(
          issue(['questionnaire'], 'invalid', `The response answers another version of the intake questionnaire (expected one of ${SUPPORTED_INTAKE_SCHEMA_VERSIONS.join(', ')}).`),
        );
      // An answer to an older version keeps its version: the questions that version did not ask are then listed by
      // the screening, never read as "no".
      else if (version !== undefined) st.intake.schemaVersion = version;
    }
    if (response.status === 'entered-in-error')
      st.issues.push(issue(['status'], 'invalid', 'The response was entered in error.'));
    if (response.authored !== undefined) {
      const m = typeof response.authored === 'string' ? /^(\d{4}-\d{2}-\d{2})(T|$)/.exec(response.authored) : null;
      // The calendar date as written, in the author's own offset: the day the client completed the intake.
      if (m) st.intake.completedAt = m[1];
      else st.issues.push(issue(['authored'], 'invalid_format', 'Expected authored as a date or date-time with a full date.'));
    }
    readItems(response.item, ['item'], st, undefined);
    const parsed = parseIntake(st.intake);
    if (st.issues.length === 0) return parsed;
    const seen = new Set(st.issues.map((i) => i.pathString));
    const more = parsed.ok ? [] : parsed.issues.filter((i) => !seen.has(i.pathString));
    return { ok: false, issues: [...st.issues, ...more] };
  } catch {
    return { ok: false, issues: [issue([], 'invalid', 'The QuestionnaireResponse could not be read.')] };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// DetectedIssue

/** Options for {@link toFhirDetectedIssues}. */
export interface FhirDetectedIssueOptions {
  /** The client, e.g. `{ reference: 'Patient/123' }`. */
  readonly patient?: FhirReference;
  /** The QuestionnaireResponse the screening read, cited as evidence. */
  readonly questionnaireResponse?: FhirReference;
  /** Who or what raised the issue (a Device for this library, or the practitioner). */
  readonly author?: FhirReference;
}

/**
 * The severity of a disposition as R4 `DetectedIssue.severity`: `refer-urgent` and `clearance-required` are `high`
 * (may be life-threatening or cause lasting harm), `postpone` is `moderate`, `modify` and `proceed` are `low`.
 *
 * @throws TypeError when `disposition` is not one (only possible from JavaScript).
 */
export function detectedIssueSeverity(disposition: Disposition): 'high' | 'moderate' | 'low' {
  return match(disposition)
    .with('refer-urgent', 'clearance-required', () => 'high' as const)
    .with('postpone', () => 'moderate' as const)
    .with('modify', 'proceed', () => 'low' as const)
    .exhaustive(notADisposition('detectedIssueSeverity'));
}

/**
 * A screening's flags as R4 `DetectedIssue`s (the resource FHIR also calls "Contraindication"), one per flag, most
 * restrictive first (the deciding flag first): the rule as `code`, the therapist message as `detail` (led by what the
 * result means for the appointment: "No session today." for a stop, "No session until cleared." for a clearance, and
 * "For a later session only" for a precaution below a stop), the first reference URL as `reference`, a clearance on
 * file as `mitigation`. Ids are deterministic and unique per
 * screening (rule id, rules hash, intake hash and appointment date).
 * @throws TypeError when `result` is not a successful screening (`ok: true`).
 */
export function toFhirDetectedIssues(result: ScreeningSuccess, options: FhirDetectedIssueOptions = {}): FhirDetectedIssue[] {
  requireSuccess(result, 'toFhirDetectedIssues');
  options ??= {}; // JavaScript callers' null means no options, as undefined does
  const plan = sessionPlan(result.disposition);
  const key = screeningKey(result);
  const seen = new Map<string, number>();
  return result.flags.map((flag) => {
    const timing = flagTiming(plan, flag);
    const lead =
      timing === 'later-session'
        ? 'For a later session only: no session today. '
        : timing === 'now'
          ? plan === 'none-today'
            ? 'No session today. '
            : 'No session until cleared. '
          : '';
    const n = seen.get(flag.ruleId) ?? 0;
    seen.set(flag.ruleId, n + 1);
    const url = flag.references.find((r) => r.url)?.url;
    return {
      resourceType: 'DetectedIssue',
      id: deterministicUuid('DetectedIssue', flag.ruleId, ...key, String(n)),
      status: 'preliminary',
      code: { coding: [{ system: RULE_CODE_SYSTEM, code: flag.ruleId, display: flag.title }], text: flag.title },
      severity: detectedIssueSeverity(flag.disposition),
      ...(options.patient ? { patient: options.patient } : {}),
      identifiedDateTime: result.audit.at,
      ...(options.author ? { author: options.author } : {}),
      ...(options.questionnaireResponse ? { evidence: [{ detail: [options.questionnaireResponse] }] } : {}),
      detail: `${lead}${flag.message}`,
      ...(url ? { reference: url } : {}),
      ...(flag.clearance
        ? {
            mitigation: [
              {
                action: { text: 'Physician clearance on file' },
                date: flag.clearance.date,
                ...(flag.clearance.clearedBy ? { author: { display: flag.clearance.clearedBy } } : {}),
              },
            ],
          }
        : {}),
    };
  });
}

/** Every question's linkId (dot path) in the Questionnaire, groups excluded: for form builders and tests. */
export function fhirQuestionLinkIds(): string[] {
  return fieldTable().groups.flatMap((g) => g.fields.map((f) => f.path));
}
