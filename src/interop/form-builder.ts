/**
 * What a form builder needs beside the intake's JSON Schema, shipped as data so that nobody copies it by hand: the
 * react-jsonschema-form (RJSF) uiSchema (widgets, the fields a client does not fill in), the RJSF defaults that must
 * stay off (they would answer safety questions for the client), and when each follow-up question is asked, as plain
 * conditions and as JSON Schema. The JSON Schema itself stays the only description of the data; none of this changes
 * its shape.
 */
import { ALWAYS_ASKED_FOLLOW_UPS, FOLLOW_UPS, isFollowUpRelevant, type FollowUpRule } from '../intake/follow-ups.js';
import { NOT_ANSWER_GROUPS } from '../intake/schema.js';
import { yearsBetween } from '../screening/dates.js';
import { intakeJsonSchema } from './json-schemas.js';

/** A react-jsonschema-form uiSchema: `ui:` keys for a field, or the uiSchemas of an object's fields by name. */
export interface UiSchema {
  readonly [key: string]: unknown;
}

/** What `intakeUiSchema` hides: the follow-ups these answers do not ask, and the guardian's questions for an adult. */
export interface IntakeUiSchemaOptions {
  /**
   * The answers so far (the form's data, possibly partial). A follow-up they do not make relevant (see
   * `intakeFollowUpConditions`) is hidden. Default: no answers, so every follow-up starts hidden.
   */
  readonly answers?: unknown;
  /**
   * The appointment date, YYYY-MM-DD: the guardian's questions show once the date of birth makes the client under 18
   * on that day. Without a valid `at`, or with a date of birth that cannot be read, they are shown: asking too much is
   * safer than hiding a minor's consent.
   */
  readonly at?: string;
}

/**
 * react-jsonschema-form's `experimental_defaultFormStateBehavior` for the intake form: RJSF's own defaults would answer
 * for the client. With `constAsDefaults: 'always'` (RJSF's default) every one-of question starts as its first option,
 * "Yes"; with `requiredBooleanDefault: 'populateFalse'` informed consent starts as "not given". Pass this object as the
 * `Form`'s `experimental_defaultFormStateBehavior` prop.
 */
export const INTAKE_FORM_DEFAULTS: Readonly<{
  constAsDefaults: 'never';
  requiredBooleanDefault: 'skip';
  emptyObjectFields: 'populateRequiredDefaults';
}> = Object.freeze({ constAsDefaults: 'never', requiredBooleanDefault: 'skip', emptyObjectFields: 'populateRequiredDefaults' });

/** Free-text answers that can run to a few sentences: a text area rather than one line. */
const LONG_TEXT: ReadonlySet<string> = new Set(['visit.otherConcerns', 'visit.goals', 'medications.other', 'surgery.restrictions', 'nerves.triggers', 'allergies.details']);

/**
 * Questions of an older intake model that a form no longer asks: model 2 splits the pregnancy question into the
 * high-risk history and today's warning signs. The field stays in the schema so that older intakes still parse.
 */
const OLDER_MODEL_ONLY: ReadonlySet<string> = new Set(['client.pregnancyComplications']);

/** Asked of a client under 18 on the appointment day only. */
const GUARDIAN_QUESTIONS: readonly string[] = ['consent.guardianName', 'consent.guardianConsent'];

const HIDDEN: UiSchema = Object.freeze({ 'ui:widget': 'hidden' });

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The labelled options of a one-of schema (`oneOf: [{ const, title }]`), or undefined. */
function optionsOf(schema: unknown): { value: unknown; label: string }[] | undefined {
  if (!isObject(schema) || !Array.isArray(schema.oneOf) || !schema.oneOf.every((o) => isObject(o) && 'const' in o)) return undefined;
  return (schema.oneOf as JsonObject[]).map((o) => ({ value: o.const, label: typeof o.title === 'string' ? o.title : String(o.const) }));
}

/** How one question is shown: radio buttons for one answer, checkboxes for a list of options, a text area for long text. */
function fieldUi(path: string, schema: JsonObject): UiSchema {
  if (optionsOf(schema)) return { 'ui:widget': 'radio', 'ui:options': { inline: true } };
  if (schema.type === 'array') {
    const itemOptions = optionsOf(schema.items);
    // `enumOptions` is passed so that the checkboxes render whatever RJSF makes of the list's schema; long lists (the
    // body regions) get a class to lay them out in columns.
    if (itemOptions)
      return { 'ui:widget': 'checkboxes', 'ui:options': { enumOptions: itemOptions, inline: true }, 'ui:classNames': itemOptions.length > 20 ? 'choices regions' : 'choices' };
    // Free lists (ICD-10 codes): one text box each, in the order given.
    return { 'ui:options': { orderable: false } };
  }
  if (schema.type === 'string' && schema.format === undefined && LONG_TEXT.has(path)) return { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } };
  if (schema.type === 'boolean') return { 'ui:widget': 'checkbox' };
  return {};
}

/** One question's uiSchema, built once and copied for each call. */
type FieldEntry = readonly [field: string, path: string, ui: UiSchema];
let baseCached: readonly (readonly [key: string, fields: readonly FieldEntry[] | undefined])[] | undefined;

/** Every top-level key of the intake with its questions' uiSchemas (undefined: a field the client never fills in). */
function baseUiSchema(): NonNullable<typeof baseCached> {
  if (baseCached) return baseCached;
  const schema = intakeJsonSchema();
  baseCached = Object.entries((schema.properties ?? {}) as Record<string, JsonObject>).map(([key, groupSchema]) => {
    if (NOT_ANSWER_GROUPS.has(key) || groupSchema.type !== 'object') return [key, undefined] as const;
    const fields = Object.entries((groupSchema.properties ?? {}) as Record<string, JsonObject>).map(([field, fieldSchema]): FieldEntry => {
      const path = `${key}.${field}`;
      const ui = OLDER_MODEL_ONLY.has(path) ? HIDDEN : fieldUi(path, fieldSchema);
      return [field, path, ui];
    });
    return [key, fields] as const;
  });
  return baseCached;
}

/** A fresh copy of a question's uiSchema, so a caller may change it freely (a structured clone costs several times more). */
function copyUi(ui: UiSchema): JsonObject {
  const out: JsonObject = { ...ui };
  const options = ui['ui:options'];
  if (isObject(options)) {
    const enumOptions = options.enumOptions;
    out['ui:options'] = Array.isArray(enumOptions) ? { ...options, enumOptions: enumOptions.map((o: JsonObject) => ({ ...o })) } : { ...options };
  }
  return out;
}

/** Is the client a minor on `at`, as far as the answers tell? `undefined` when that cannot be told. */
function isMinorOn(answers: unknown, at: string | undefined): boolean | undefined {
  if (at === undefined) return undefined;
  const client = isObject(answers) ? answers.client : undefined;
  const dob = isObject(client) ? client.dateOfBirth : undefined;
  if (typeof dob !== 'string') return false;
  const age = yearsBetween(dob, at);
  return age === undefined ? undefined : age < 18;
}

/**
 * The react-jsonschema-form uiSchema of the intake form for the answers so far. Presentation only: radio buttons for
 * one-of questions (yes / no / not sure), checkboxes for lists of options (with their labels), text areas for long
 * answers; hidden (`'ui:widget': 'hidden'`): the fields a client does not fill in (`$schema`, `schemaVersion`,
 * `completedAt`, `clearances`), the older model's pregnancy question, the follow-ups the answers do not ask yet, and
 * the guardian's questions for an adult. Rebuild it when the answers change which questions show (its JSON text
 * changes only then).
 *
 * RJSF keeps the data of a hidden field, so a follow-up hidden after its answer was given keeps it: the follow-ups the
 * rules read whatever their trigger says (`ALWAYS_ASKED_FOLLOW_UPS`) screen as answered. A theme must hide the
 * `hidden` class (RJSF wraps a hidden field in `<div class="hidden">`), or the form's field template may render
 * nothing for it. Pass `INTAKE_FORM_DEFAULTS` as the form's `experimental_defaultFormStateBehavior` too.
 *
 * @example
 * ```ts
 * <Form schema={intakeJsonSchema()} uiSchema={intakeUiSchema({ answers: formData, at: '2026-12-01' })}
 *   experimental_defaultFormStateBehavior={INTAKE_FORM_DEFAULTS} validator={validator} />
 * ```
 */
export function intakeUiSchema(options: IntakeUiSchemaOptions = {}): UiSchema {
  const answers = isObject(options) ? options.answers : undefined;
  const at = isObject(options) && typeof options.at === 'string' ? options.at : undefined;
  const hidden = new Set(Object.keys(FOLLOW_UPS).filter((path) => !isFollowUpRelevant(path, answers ?? {})));
  if (isMinorOn(answers, at) === false) for (const path of GUARDIAN_QUESTIONS) hidden.add(path);
  const ui: JsonObject = {};
  for (const [key, fields] of baseUiSchema()) {
    if (!fields) {
      ui[key] = { ...HIDDEN };
      continue;
    }
    const groupUi: JsonObject = {};
    for (const [field, path, fieldUi] of fields) groupUi[field] = hidden.has(path) ? { ...HIDDEN } : copyUi(fieldUi);
    ui[key] = groupUi;
  }
  return ui;
}

/** When a follow-up question is asked, as data a form builder can evaluate or hand to its own rule engine. */
export interface FollowUpCondition {
  /** The follow-up (dot path), e.g. `bones.fractureDate`. */
  readonly field: string;
  /**
   * Ask it when every one of these holds: the answer at `question` is one of `answers` (for a list question, the list
   * holds one of them). The first is the question it follows; the rest are that question's own conditions, up the
   * chain (`cancer.radiationRegions` follows `cancer.treatments`, which follows `cancer.status`).
   */
  readonly when: readonly FollowUpRule[];
  /**
   * The rules read its answer whatever its trigger says (`ALWAYS_ASKED_FOLLOW_UPS`): a form that hides it must keep
   * an answer it already has, and a FHIR Questionnaire asks it always.
   */
  readonly keepHiddenAnswer: boolean;
  /**
   * The same condition as a JSON Schema (draft-07) of the whole intake: the answers so far are valid against it
   * exactly when the follow-up is asked. For JSON Forms' `rule.condition` (`scope: '#'`) or any JSON Schema validator.
   */
  readonly jsonSchema: Readonly<Record<string, unknown>>;
}

let listsCached: ReadonlySet<string> | undefined;

/** The questions (dot paths) whose answer is a list, read once from the JSON Schema (a copy of which is costly). */
function listQuestions(): ReadonlySet<string> {
  if (listsCached) return listsCached;
  const lists = new Set<string>();
  for (const [group, groupSchema] of Object.entries((intakeJsonSchema().properties ?? {}) as Record<string, JsonObject>))
    for (const [field, fieldSchema] of Object.entries((groupSchema.properties ?? {}) as Record<string, JsonObject>)) if (fieldSchema.type === 'array') lists.add(`${group}.${field}`);
  listsCached = lists;
  return lists;
}

/** A JSON Schema requiring the answer at a dot path (inside objects) to satisfy `leaf`. */
function atPath(path: string, leaf: JsonObject): JsonObject {
  return path
    .split('.')
    .reduceRight<JsonObject>((inner, key) => ({ type: 'object', required: [key], properties: { [key]: inner } }), leaf);
}

/**
 * When each follow-up question of the intake is asked (the table `FOLLOW_UPS`, with each chain spelt out and a JSON
 * Schema for each), in the table's order. The conditions read answers as the intake's JSON Schema gives them (option
 * values such as `"yes"` and `"unsure"`); `isFollowUpRelevant` reads the same table and also accepts what HTML forms
 * send (`"Not sure"`, `true`). Questions not listed are always asked, but for the guardian's questions, asked of a
 * client under 18 on the appointment day (see `intakeUiSchema`).
 *
 * @example
 * ```ts
 * const c = intakeFollowUpConditions().find((x) => x.field === 'bones.fractureDate');
 * // c.when: [{ question: 'bones.fracture', answers: ['yes', 'unsure'] }]
 * ```
 */
export function intakeFollowUpConditions(): FollowUpCondition[] {
  const lists = listQuestions();
  const isList = (question: string) => lists.has(question);
  const always = new Set(ALWAYS_ASKED_FOLLOW_UPS);
  return Object.keys(FOLLOW_UPS).map((field) => {
    const when: FollowUpRule[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = field; at !== undefined && Object.prototype.hasOwnProperty.call(FOLLOW_UPS, at) && !seen.has(at); ) {
      seen.add(at);
      const rule: FollowUpRule = FOLLOW_UPS[at]!;
      when.push({ question: rule.question, answers: [...rule.answers] });
      at = rule.question;
    }
    const leaves = when.map((w) => atPath(w.question, isList(w.question) ? { type: 'array', contains: { enum: [...w.answers] } } : { enum: [...w.answers] }));
    return { field, when, keepHiddenAnswer: always.has(field), jsonSchema: leaves.length === 1 ? leaves[0]! : { allOf: leaves } };
  });
}
