/**
 * massage-triage: validate a medical-massage intake, screen it for contraindications against declarative JSON
 * rules, triage the client and suggest safe technique categories.
 *
 * @packageDocumentation
 */

// Intake: the model, validation and vocabularies.
export { intakeSchema, clearanceSchema, INTAKE_SCHEMA_VERSION, SUPPORTED_INTAKE_SCHEMA_VERSIONS, ADDED_SAFETY_QUESTIONS } from './intake/schema.js';
export type { Intake, IntakeInput, Clearance, IntakeGroup } from './intake/schema.js';
export { parseIntake } from './intake/parse.js';
export type { ParseIntakeResult } from './intake/parse.js';
export type { Issue, IssueCode } from './intake/issues.js';
export { INTAKE_LIMITS } from './intake/limits.js';
export type { InputLimits } from './intake/limits.js';
export {
  BODY_REGIONS,
  BODY_REGION_LABELS,
  CONDITIONS,
  CONDITION_LABELS,
  DISPOSITIONS,
  DISPOSITION_LABELS,
  POSITIONING,
  PRESSURE_LEVELS,
  TECHNIQUES,
  TRI_STATE,
  regionSide,
} from './intake/vocabulary.js';
export type { BodyRegion, Condition, Disposition, Positioning, PressureLevel, Technique, TriState } from './intake/vocabulary.js';

// Rules: the format, loading and the catalog for rule authors.
export { ruleSetSchema } from './rules/format.js';
export type { RuleSetFile, Rule, RuleCondition, RuleOutcome, Reference } from './rules/format.js';
export { checkRuleSet, loadRuleSet, isRuleSetError, RuleSetError, RULE_SET_LIMITS } from './rules/load.js';
export type { CheckRuleSetResult, LoadedRuleSet, RuleSetOptions, RuleSetProblem, RuleSetProblemCode } from './rules/load.js';
export { factCatalog } from './rules/catalog.js';
export type { FactEntry, FactKind } from './rules/catalog.js';
export { OPERATORS } from './rules/operators.js';
export type { OperatorSpec, OperatorValue } from './rules/operators.js';
export { MAX_CUSTOM_OPERATORS } from './rules/custom-operators.js';
export type { CustomOperator } from './rules/custom-operators.js';
export type { DerivedFacts } from './rules/derived-schema.js';
export { BASELINE_INTAKE, fixtureFileSchema, withAnswers } from './rules/fixtures.js';
export { runFixtures } from './screening/fixtures.js';
export type { FixtureFile, FixtureCase } from './rules/fixtures.js';
export type { FixtureCaseReport } from './screening/fixtures.js';
export { checkFixtureFile } from './rules/fixture-checks.js';
export type { CheckedFixtureFile, FixtureProblem, FixtureProblemCode } from './rules/fixture-checks.js';
export { modificationsExpectationSchema, ruleOutcomeExpectationSchema } from './rules/fixture-expectations.js';
export type { ModificationsExpectation, RuleOutcomeExpectation } from './rules/fixture-expectations.js';

// Screening.
export { createScreener, SyncUnsupportedError } from './screening/screener.js';
export type { Screener, ScreenerConfig } from './screening/screener.js';
export { screen, screenSync, defaultRuleSet } from './screening/default-screener.js';
export { dispositionRank, moreRestrictive } from './screening/merge.js';
export { SESSION_PLANS, flagTiming, sessionPlan } from './screening/plan.js';
export { fixtureCoverage } from './screening/fixture-coverage.js';
export type { FixtureCoverage, RuleCoverage, UncoveredLeaf } from './screening/fixture-coverage.js';
export { createImpactCollector, ruleImpact, IMPACT_DISPOSITIONS } from './screening/impact.js';
export type { ImpactChange, ImpactCollector, ImpactDisposition, RuleFiringChange, RuleImpact, RuleImpactOptions } from './screening/impact.js';
export type {
  AudienceSummary,
  Audit,
  Because,
  ClearanceUse,
  ClientMessage,
  Flag,
  FlagKind,
  FlagModifications,
  FlagTiming,
  Modifications,
  ScreenOptions,
  ScreeningFailure,
  ScreeningResult,
  ScreeningSuccess,
  SessionPlan,
} from './screening/types.js';

// Techniques.
export { techniqueCatalogSchema, conditionCatalogSchema } from './techniques/catalog.js';
export type { TechniqueCatalog, TechniqueEntry, ConditionCatalog } from './techniques/catalog.js';
export type { ExcludedTechnique, SuggestedTechnique, TechniqueAdvice } from './techniques/types.js';

// JSON Schemas for form builders and editors.
export { intakeJsonSchema, rulesJsonSchema } from './interop/json-schemas.js';
export { INTAKE_FORM_DEFAULTS, intakeFollowUpConditions, intakeUiSchema } from './interop/form-builder.js';
export type { FollowUpCondition, IntakeUiSchemaOptions, UiSchema } from './interop/form-builder.js';
export type { RulesJsonSchemaOptions } from './interop/json-schemas.js';

export { VERSION } from './version.js';

// Workflow: drafts, services, body map
export { createDraftScreener, screenDraft, screenDraftSync } from './screening/draft.js';
export type { DraftResult, DraftScreener, DraftScreening, FollowUpQuestion } from './screening/draft.js';
export { checkServices, serviceSchema, servicesSchema } from './services/services.js';
export type {
  BookingVerdict,
  CheckServicesOptions,
  CheckServicesResult,
  Service,
  ServiceCheck,
  ServiceInput,
  ServicePosition,
  ServiceReason,
  ServiceReasonCode,
} from './services/services.js';
export { renderBodyMap, bodyMapStates } from './bodymap/bodymap.js';
export type { BodyMapLabels, BodyMapOptions, BodyMapState, BodyMapView } from './bodymap/bodymap.js';

// Interop: FHIR and CDS Hooks
export { ALWAYS_ASKED_FOLLOW_UPS, FOLLOW_UPS, isFollowUpRelevant, relevantFollowUps } from './intake/follow-ups.js';
export type { FollowUpRule } from './intake/follow-ups.js';
export {
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  fromFhirQuestionnaireResponse,
  toFhirDetectedIssues,
  detectedIssueSeverity,
  INTAKE_QUESTIONNAIRE_URL,
  ICD10CM_SYSTEM,
} from './interop/fhir.js';
export type {
  FhirQuestionnaireOptions,
  FhirQuestionnaireResponseOptions,
  FromFhirQuestionnaireResponseOptions,
  FhirDetectedIssueOptions,
} from './interop/fhir.js';
export type {
  FhirCoding,
  FhirCodeableConcept,
  FhirReference,
  FhirExtension,
  FhirQuestionnaire,
  FhirQuestionnaireItem,
  FhirQuestionnaireItemType,
  FhirQuestionnaireEnableWhen,
  FhirQuestionnaireAnswerOption,
  FhirQuestionnaireResponse,
  FhirQuestionnaireResponseItem,
  FhirQuestionnaireResponseAnswer,
  FhirQuestionnaireResponseStatus,
  FhirDetectedIssue,
} from './interop/fhir-types.js';
export { toCdsHooksCards, cdsIndicator } from './interop/cds-hooks.js';
export type { CdsHooksResponse, CdsCard, CdsSource, CdsLink, CdsIndicator, CdsHooksOptions } from './interop/cds-hooks.js';
