/**
 * The uiSchema: presentation only. It never changes the shape of the data; the JSON Schema from the library decides
 * every field, type, option and requirement. Here we only say how to show them: radio buttons for one-of answers,
 * checkboxes for lists, text areas for long answers, and which follow-up questions to show (the library's own
 * follow-up table decides).
 */

/** Fields the client does not fill in: the clinic records them, or the page sets them on submit. */
const NOT_ASKED = ['$schema', 'schemaVersion', 'completedAt', 'clearances'];

/** Free-text answers that can run to a few sentences. */
const LONG_TEXT = new Set(['visit.otherConcerns', 'visit.goals', 'medications.other', 'surgery.restrictions', 'nerves.triggers', 'allergies.details']);

const GUARDIAN = ['consent.guardianName', 'consent.guardianConsent'];

/**
 * Questions of an older intake model that this form no longer asks: intake model 2 splits the pregnancy question into
 * the high-risk history and today's warning signs. The field stays in the schema so that older intakes still parse.
 */
const OLDER_FORM_ONLY = ['client.pregnancyComplications'];

/** Whole years between two YYYY-MM-DD dates, or undefined when either is not a date. */
function ageOn(dateOfBirth, on) {
  const re = /^(\d{4})-(\d{2})-(\d{2})$/;
  const b = re.exec(typeof dateOfBirth === 'string' ? dateOfBirth : '');
  const d = re.exec(typeof on === 'string' ? on : '');
  if (!b || !d) return undefined;
  let years = Number(d[1]) - Number(b[1]);
  if (d[2] + d[3] < b[2] + b[3]) years -= 1;
  return years;
}

/**
 * Which questions to hide for the answers so far. Follow-ups come from the library's table (`FOLLOW_UPS`,
 * `isFollowUpRelevant`: the same table its FHIR Questionnaire turns into `enableWhen`): a follow-up shows once the
 * question it follows is answered "yes" or "not sure" (for a few, a particular option). The guardian's questions show
 * for a client under 18 on the appointment day.
 *
 * @returns a short key (the layout changes only when it does) and a test for a field path
 */
export function visibility(triage, formData, at) {
  const hidden = new Set(OLDER_FORM_ONLY);
  for (const path of Object.keys(triage.FOLLOW_UPS)) if (!triage.isFollowUpRelevant(path, formData)) hidden.add(path);
  const age = ageOn(formData?.client?.dateOfBirth, at);
  if (!(age !== undefined && age < 18)) for (const g of GUARDIAN) hidden.add(g);
  return { key: [...hidden].join(','), isHidden: (path) => hidden.has(path) };
}

/** The options of a one-of schema (`oneOf: [{ const, title }]`), or undefined. */
function optionsOf(schema) {
  if (!schema || !Array.isArray(schema.oneOf) || !schema.oneOf.every((o) => o && 'const' in o)) return undefined;
  return schema.oneOf.map((o) => ({ value: o.const, label: o.title ?? String(o.const) }));
}

function fieldUi(path, schema) {
  if (optionsOf(schema)) return { 'ui:widget': 'radio', 'ui:options': { inline: true } };
  if (schema.type === 'array') {
    const itemOptions = optionsOf(schema.items);
    if (itemOptions) {
      // Region lists are long: lay them out in columns. `enumOptions` is passed so that the checkboxes render
      // whether or not the schema marks the list `uniqueItems` (RJSF only builds them itself when it does).
      return {
        'ui:widget': 'checkboxes',
        'ui:options': { enumOptions: itemOptions, inline: true },
        'ui:classNames': itemOptions.length > 20 ? 'choices regions' : 'choices',
      };
    }
    // Free lists (ICD-10 codes): one text box each, as RJSF does by default.
    return { 'ui:options': { orderable: false } };
  }
  if (schema.type === 'string' && !schema.format && LONG_TEXT.has(path)) return { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } };
  if (schema.type === 'boolean') return { 'ui:widget': 'checkbox' };
  return {};
}

/**
 * Build the uiSchema for the answers so far.
 *
 * @param {Record<string, any>} schema the intake JSON Schema
 * @param {{ isHidden: (path: string) => boolean }} shown from `visibility()`
 */
export function buildUiSchema(schema, shown) {
  const ui = { 'ui:submitButtonOptions': { submitText: 'Check my answers' } };
  for (const key of NOT_ASKED) ui[key] = { 'ui:options': { notShown: true } };
  for (const [group, groupSchema] of Object.entries(schema.properties ?? {})) {
    if (NOT_ASKED.includes(group) || groupSchema.type !== 'object') continue;
    const groupUi = {};
    for (const [field, fieldSchema] of Object.entries(groupSchema.properties ?? {})) {
      const path = `${group}.${field}`;
      const fui = fieldUi(path, fieldSchema);
      // A follow-up not (yet) relevant is not shown; an answer it already has stays in the form's data (RJSF keeps
      // the data of a field it does not render), so the follow-ups the rules read whatever their trigger says
      // (ALWAYS_ASKED_FOLLOW_UPS) are screened as answered, as the FHIR Questionnaire, which always shows them, is.
      groupUi[field] = shown.isHidden(path) ? { ...fui, 'ui:options': { ...(fui['ui:options'] ?? {}), notShown: true } } : fui;
    }
    ui[group] = groupUi;
  }
  return ui;
}
