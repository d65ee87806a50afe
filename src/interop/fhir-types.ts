/**
 * The subset of HL7 FHIR R4 (4.0.1) this library writes and reads, typed by hand so that the published `.d.ts` does
 * not depend on a types package (the installed `@types/fhir` 3.x is STU3). Each interface is a structural subset of
 * the R4 definition of the same name: the tests check every generated resource against the official R4 JSON Schema.
 */

/** R4 `Coding`. */
export interface FhirCoding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

/** R4 `CodeableConcept`. */
export interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}

/** R4 `Reference`. */
export interface FhirReference {
  reference?: string;
  display?: string;
}

/** R4 `Extension`, with the value types this library uses. */
export interface FhirExtension {
  url: string;
  valueCoding?: FhirCoding;
  valueCodeableConcept?: FhirCodeableConcept;
  valueInteger?: number;
  valueDecimal?: number;
  valueString?: string;
}

/** R4 `Questionnaire.item.type` codes. */
export type FhirQuestionnaireItemType =
  | 'group'
  | 'display'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'string'
  | 'text'
  | 'url'
  | 'choice'
  | 'open-choice'
  | 'attachment'
  | 'reference'
  | 'quantity';

/** R4 `Questionnaire.item.enableWhen`. */
export interface FhirQuestionnaireEnableWhen {
  question: string;
  operator: 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerDate?: string;
  answerString?: string;
  answerCoding?: FhirCoding;
}

/** R4 `Questionnaire.item.answerOption`. */
export interface FhirQuestionnaireAnswerOption {
  extension?: FhirExtension[];
  valueCoding?: FhirCoding;
  valueString?: string;
  valueInteger?: number;
  valueDate?: string;
  initialSelected?: boolean;
}

/** R4 `Questionnaire.item`. */
export interface FhirQuestionnaireItem {
  extension?: FhirExtension[];
  linkId: string;
  code?: FhirCoding[];
  prefix?: string;
  text?: string;
  type: FhirQuestionnaireItemType;
  enableWhen?: FhirQuestionnaireEnableWhen[];
  enableBehavior?: 'all' | 'any';
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  answerOption?: FhirQuestionnaireAnswerOption[];
  item?: FhirQuestionnaireItem[];
}

/** R4 `Questionnaire` (the elements this library writes). */
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  url?: string;
  version?: string;
  name?: string;
  title?: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  /** The kinds of subject (R4 binds this to resource type names); this library writes `['Patient']`. */
  subjectType?: 'Patient'[];
  description?: string;
  item?: FhirQuestionnaireItem[];
}

/** R4 `QuestionnaireResponse.item.answer`. */
export interface FhirQuestionnaireResponseAnswer {
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueDate?: string;
  valueDateTime?: string;
  valueString?: string;
  valueCoding?: FhirCoding;
  item?: FhirQuestionnaireResponseItem[];
}

/** R4 `QuestionnaireResponse.item`. */
export interface FhirQuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: FhirQuestionnaireResponseAnswer[];
  item?: FhirQuestionnaireResponseItem[];
}

/** R4 `QuestionnaireResponse.status` codes. */
export type FhirQuestionnaireResponseStatus = 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';

/** R4 `QuestionnaireResponse` (the elements this library writes and reads). */
export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  questionnaire?: string;
  status: FhirQuestionnaireResponseStatus;
  subject?: FhirReference;
  authored?: string;
  author?: FhirReference;
  item?: FhirQuestionnaireResponseItem[];
}

/** R4 `DetectedIssue` (the elements this library writes). */
export interface FhirDetectedIssue {
  resourceType: 'DetectedIssue';
  id?: string;
  status: 'registered' | 'preliminary' | 'final' | 'amended' | 'cancelled' | 'entered-in-error' | 'unknown';
  code?: FhirCodeableConcept;
  severity?: 'high' | 'moderate' | 'low';
  patient?: FhirReference;
  identifiedDateTime?: string;
  author?: FhirReference;
  evidence?: { code?: FhirCodeableConcept[]; detail?: FhirReference[] }[];
  detail?: string;
  reference?: string;
  mitigation?: { action: FhirCodeableConcept; date?: string; author?: FhirReference }[];
}
