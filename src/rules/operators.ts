/**
 * The operators a rule may use: json-rules-engine's own, plus the few that rule authors need for intakes. Each is
 * declared with what it reads and what its value must be, so `loadRuleSet` can refuse a misuse before it runs, and
 * the catalog for rule authors is generated from these declarations.
 */
import type { FactKind } from './catalog.js';

/** What an operator's `value` must be. */
export type OperatorValue = 'true' | 'number' | 'option' | 'options' | 'scalar' | 'date';

/** One operator, as the catalog documents it. */
export interface OperatorSpec {
  readonly name: string;
  readonly description: string;
  /** The kinds of fact it reads. */
  readonly facts: readonly FactKind[];
  readonly value: OperatorValue;
  readonly example: string;
  /**
   * How the operator decides. json-rules-engine's built-ins carry a copy of its 7.3.1 operators, fact-value
   * validators included (`src/rules/compile.ts` evaluates rules without the engine, so they must agree exactly).
   */
  readonly evaluate?: (factValue: unknown, value: unknown) => boolean;
}

const SCALARS: readonly FactKind[] = ['answer', 'choice', 'number', 'date', 'text', 'boolean'];
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

// json-rules-engine 7.3.1's built-in operators, written as its engine-default-operators.js writes them: the same
// calls on the same values, so that every odd input (a string where a list belongs, null, an object) gives the same
// answer or the same TypeError. `Operator.evaluate` is `factValueValidator(a) && cb(a, b)`.
type Listish = { indexOf(x: unknown): number };
const indexOf = (list: unknown, x: unknown): number => (list as Listish).indexOf(x);
const numberValidator = (a: unknown): boolean => Number.parseFloat(a as string).toString() !== 'NaN';
const lt = (a: unknown, b: unknown): boolean => (a as number) < (b as number);
const lte = (a: unknown, b: unknown): boolean => (a as number) <= (b as number);
const gt = (a: unknown, b: unknown): boolean => (a as number) > (b as number);
const gte = (a: unknown, b: unknown): boolean => (a as number) >= (b as number);

export const OPERATORS: readonly OperatorSpec[] = [
  {
    name: 'equal',
    description: 'The answer equals the value.',
    facts: SCALARS,
    value: 'scalar',
    example: '{ "fact": "clots", "path": "legSigns", "operator": "equal", "value": "yes" }',
    evaluate: (a, b) => a === b,
  },
  {
    name: 'notEqual',
    description: 'The answer differs from the value (a missing answer differs too).',
    facts: SCALARS,
    value: 'scalar',
    example: '{ "fact": "bones", "path": "osteoporosis", "operator": "notEqual", "value": "none" }',
    evaluate: (a, b) => a !== b,
  },
  {
    name: 'in',
    description: 'The answer is one of the values listed.',
    facts: SCALARS,
    value: 'options',
    example: '{ "fact": "heart", "path": "bloodPressure", "operator": "in", "value": ["uncontrolled", "unsure"] }',
    evaluate: (a, b) => indexOf(b, a) > -1,
  },
  {
    name: 'notIn',
    description: 'The answer is none of the values listed.',
    facts: SCALARS,
    value: 'options',
    example: '{ "fact": "cancer", "path": "status", "operator": "notIn", "value": ["none"] }',
    evaluate: (a, b) => indexOf(b, a) === -1,
  },
  {
    name: 'contains',
    description: 'The list answer includes the value.',
    facts: ['list'],
    value: 'option',
    example: '{ "fact": "injections", "path": "types", "operator": "contains", "value": "steroid" }',
    evaluate: (a, b) => Array.isArray(a) && indexOf(a, b) > -1,
  },
  {
    name: 'doesNotContain',
    description: 'The list answer does not include the value.',
    facts: ['list'],
    value: 'option',
    example: '{ "fact": "allergies", "path": "allergens", "operator": "doesNotContain", "value": "latex" }',
    evaluate: (a, b) => Array.isArray(a) && indexOf(a, b) === -1,
  },
  {
    name: 'lessThan',
    description: 'The number is below the value.',
    facts: ['number'],
    value: 'number',
    example: '{ "fact": "derived", "path": "ageYears", "operator": "lessThan", "value": 18 }',
    evaluate: (a, b) => numberValidator(a) && lt(a, b),
  },
  {
    name: 'lessThanInclusive',
    description: 'The number is at most the value.',
    facts: ['number'],
    value: 'number',
    example: '{ "fact": "derived", "path": "daysSinceSurgery", "operator": "lessThanInclusive", "value": 42 }',
    evaluate: (a, b) => numberValidator(a) && lte(a, b),
  },
  {
    name: 'greaterThan',
    description: 'The number is above the value.',
    facts: ['number'],
    value: 'number',
    example: '{ "fact": "illness", "path": "temperatureC", "operator": "greaterThan", "value": 37.9 }',
    evaluate: (a, b) => numberValidator(a) && gt(a, b),
  },
  {
    name: 'greaterThanInclusive',
    description: 'The number is at least the value.',
    facts: ['number'],
    value: 'number',
    example: '{ "fact": "heart", "path": "systolic", "operator": "greaterThanInclusive", "value": 180 }',
    evaluate: (a, b) => numberValidator(a) && gte(a, b),
  },
  {
    name: 'yesOrUnsure',
    description: 'The safety answer is "yes" or "unsure" (unsure counts as a risk). The value must be true.',
    facts: ['answer'],
    value: 'true',
    example: '{ "fact": "clots", "path": "history", "operator": "yesOrUnsure", "value": true }',
    evaluate: (a, v) => v === true && (a === 'yes' || a === 'unsure'),
  },
  {
    name: 'withinDays',
    description:
      'A days-since fact is known and at most the value: the event happened within the last N days before the appointment.',
    facts: ['number'],
    value: 'number',
    example: '{ "fact": "derived", "path": "daysSinceFracture", "operator": "withinDays", "value": 84 }',
    evaluate: (a, v) => isNum(a) && isNum(v) && a <= v,
  },
  {
    name: 'includesAny',
    description: 'The list answer includes at least one of the values listed.',
    facts: ['list'],
    value: 'options',
    example: '{ "fact": "cancer", "path": "treatments", "operator": "includesAny", "value": ["chemotherapy", "radiation"] }',
    evaluate: (a, v) => Array.isArray(a) && Array.isArray(v) && a.some((x) => v.includes(x)),
  },
  {
    name: 'isNotEmpty',
    description: 'The list answer has at least one item. The value must be true.',
    facts: ['list'],
    value: 'true',
    example: '{ "fact": "derived", "path": "unsureAnswers", "operator": "isNotEmpty", "value": true }',
    evaluate: (a, v) => v === true && Array.isArray(a) && a.length > 0,
  },
];

/**
 * `evaluate` as the screener calls it: anything but a boolean (undefined from a faulty operator, or no `evaluate`
 * at all) throws, so the screener flags the rule as not evaluated. json-rules-engine itself would read undefined as
 * "did not fire". Every operator is wrapped so, the built-ins too.
 */
export function strictEvaluate(op: Pick<OperatorSpec, 'name' | 'evaluate'>): (factValue: unknown, value: unknown) => boolean {
  return (factValue, value) => {
    const r: unknown = op.evaluate?.(factValue, value);
    if (typeof r !== 'boolean') throw new TypeError(`The operator "${op.name}" did not give true or false.`);
    return r;
  };
}

const BY_NAME = new Map(OPERATORS.map((o) => [o.name, o]));

/** The operator named `name`, or undefined when there is none. */
export function findOperator(name: string): OperatorSpec | undefined {
  return BY_NAME.get(name);
}
