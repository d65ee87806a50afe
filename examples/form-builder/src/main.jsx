/**
 * An intake form rendered straight from massage-triage's JSON Schema with react-jsonschema-form, screened in the
 * browser with the library's own ESM build. Nothing leaves the page: there is no server and no network call.
 */
import Form, { getDefaultRegistry } from '@rjsf/core';
import { getUiOptions } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import * as triage from 'massage-triage';
import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Result } from './result.jsx';
import './styles.css';

// The schema as the library ships it (identical to schemas/intake.schema.json): draft-07, labelled options.
const schema = triage.intakeJsonSchema();
// ajv-formats is added by default, so `format: "date"` is checked too.
const validator = customizeValidator();

// Live screening of a half-filled form, when this build of the library has it.
const screenDraft = typeof triage.screenDraft === 'function' ? triage.screenDraft : undefined;

/** Today in the browser's time zone, YYYY-MM-DD. */
function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const DefaultFieldTemplate = getDefaultRegistry().templates.FieldTemplate;

/**
 * Radio and checkbox groups get a fieldset and legend (a screen reader announces the question with each option);
 * what the library's uiSchema hides (follow-ups not yet relevant, fields the clinic fills in) is not rendered at all.
 * RJSF keeps the data of a field it does not render.
 */
function FieldTemplate(props) {
  const { id, label, children, errors, help, description, hidden, required, uiSchema, classNames, style } = props;
  const options = getUiOptions(uiSchema);
  if (hidden) return null;
  if (options.widget === 'radio' || options.widget === 'checkboxes') {
    return (
      <fieldset className={`${classNames ?? ''} question`} style={style} data-field={id}>
        <legend>
          {label}
          {required ? (
            <span className="required" title="required">
              *
            </span>
          ) : null}
        </legend>
        {description}
        {children}
        {errors}
        {help}
      </fieldset>
    );
  }
  return <DefaultFieldTemplate {...props} />;
}

const templates = { FieldTemplate };

/**
 * The library's uiSchema for the answers so far (which follow-ups and guardian questions show), with this page's
 * submit button. Its JSON text is the layout's key: the form is rebuilt only when a question appears or disappears.
 */
function layout(answers, at) {
  const uiSchema = { ...triage.intakeUiSchema({ answers, at }), 'ui:submitButtonOptions': { submitText: 'Check my answers' } };
  return { uiSchema, key: JSON.stringify(uiSchema) };
}

/** Error messages that name the question, in the form's own words. */
function transformErrors(errors) {
  return errors.map((e) => {
    // AJV names the question by its title in quotes; the list at the top shows "Question: what to do".
    const question = /'([^']+)'$/.exec(e.message ?? '')?.[1] ?? e.property ?? '';
    const say = (message) => ({ ...e, message, stack: question ? `${question}: ${message}` : message });
    if (e.name === 'required') return say('Please answer this question.');
    if (e.name === 'format' && e.params?.format === 'date') return say('Please give a date.');
    if (e.name === 'pattern' && String(e.property ?? '').match(/date/i)) return say('Please give a date.');
    return e;
  });
}

/** The previous layout when nothing shown changed, so the form is not rebuilt. */
const keepIfSame = (prev, next) => (prev.key === next.key ? prev : next);

function App() {
  // The form keeps its own answers (uncontrolled): re-rendering a 150-question form from the outside on every click
  // is what makes big RJSF forms slow. The page only tracks what changes the layout (which follow-ups show).
  const answers = useRef({});
  const [at, setAt] = useState(localToday);
  const [shown, setShown] = useState(() => layout({}, localToday()));
  const [draftInput, setDraftInput] = useState(undefined);
  const [submitted, setSubmitted] = useState(undefined);
  const [draft, setDraft] = useState(undefined);
  const resultRef = useRef(null);
  const atRef = useRef(at);
  atRef.current = at;
  const uiSchema = shown.uiSchema;
  useEffect(() => setShown((prev) => keepIfSame(prev, layout(answers.current, at))), [at]);

  // Live draft screening as the client answers, when the library offers it.
  useEffect(() => {
    if (!screenDraft || draftInput === undefined) return undefined;
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const d = await screenDraft(draftInput, { at });
        if (!cancelled) setDraft(d);
      } catch {
        if (!cancelled) setDraft(undefined);
      }
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [draftInput, at]);

  const form = useMemo(() => {
    function onChange(e) {
      answers.current = e.formData;
      setShown((prev) => keepIfSame(prev, layout(e.formData, atRef.current)));
      if (screenDraft) setDraftInput(e.formData);
      // A changed answer makes a shown result stale: take it away until the form is checked again.
      setSubmitted(undefined);
    }
    async function onSubmit({ formData }) {
      // The form is completed today; the appointment date decides every time window.
      const intake = { ...formData, completedAt: localToday() };
      const r = await triage.screen(intake, { at: atRef.current });
      setSubmitted({ result: r, painRegions: intake.visit?.painRegions ?? [] });
      requestAnimationFrame(() => resultRef.current?.focus());
    }
    return (
      <Form
        schema={schema}
        uiSchema={uiSchema}
        validator={validator}
        templates={templates}
        transformErrors={transformErrors}
        onChange={onChange}
        onSubmit={onSubmit}
        showErrorList="top"
        focusOnFirstError
        noHtml5Validate
        // RJSF's defaults would otherwise answer every one-of question with its first option ("Yes") and start
        // informed consent as "not given": the library says which to switch off.
        experimental_defaultFormStateBehavior={triage.INTAKE_FORM_DEFAULTS}
      />
    );
  }, [uiSchema]);

  return (
    <>
      <header>
        <h1>Your health history</h1>
        <p>
          Before your massage we ask about your health, so that your therapist can keep the session safe. Your answers
          are checked here, in your browser; this page sends them nowhere.
        </p>
      </header>
      <main>
        <div className="appointment">
          <label htmlFor="appointment-date">Appointment date</label>
          <input id="appointment-date" type="date" value={at} onChange={(e) => setAt(e.target.value || localToday())} />
        </div>
        {draft && !submitted ? <DraftBanner draft={draft} /> : null}
        {form}
        <div ref={resultRef} tabIndex={-1} className="result-anchor">
          {submitted ? <Result result={submitted.result} painRegions={submitted.painRegions} triage={triage} /> : null}
        </div>
      </main>
      <footer>
        massage-triage form-builder example. A screening aid for your therapist, not a diagnosis. In an emergency call
        your local emergency number.
      </footer>
    </>
  );
}

/**
 * What the answers so far already tell, from `screenDraft`: a stop (postpone, clearance, urgent referral) shows as
 * soon as the answers trigger it, with what to do now (the draft's summary for the client); anything milder waits for
 * the whole form, so nothing is booked from a draft.
 */
function DraftBanner({ draft }) {
  if (!draft?.ok) return null;
  const labels = triage.DISPOSITION_LABELS;
  const stop = draft.disposition !== 'incomplete' && !draft.complete;
  return (
    <p className={`draft ${stop ? `disp-${draft.disposition}` : 'draft-pending'}`} role="status" aria-live="polite" data-testid="draft">
      {draft.complete ? (
        <>
          All questions answered. Press <strong>Check my answers</strong> to see your result.
        </>
      ) : stop ? (
        <>
          <strong>{labels[draft.disposition] ?? draft.disposition}.</strong>{' '}
          {draft.summary?.client ?? 'Please contact your therapist before your appointment.'}
        </>
      ) : (
        <>
          {draft.unanswered.length} required {draft.unanswered.length === 1 ? 'question' : 'questions'} still to answer.
        </>
      )}
    </p>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
