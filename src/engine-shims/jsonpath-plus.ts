/**
 * Stands in for the `jsonpath-plus` package in the browser build (dist/index.browser.js), which bundles
 * json-rules-engine. The engine's almanac imports jsonpath-plus only for its default path resolver; every engine
 * this library builds gets our plain dot-path `pathResolver` instead (src/screening/engine.ts), and the rules loader
 * refuses JSONPath. So the real package is dead weight (about 25 KB minified) and the one with known code-execution
 * CVEs. If the default resolver were ever reached, a silent `undefined` could make a condition quietly false; this
 * throws instead, so the engine run fails and the screener flags the rule as an evaluation error (fail closed).
 * Not part of the public API, and not used by the Node builds.
 */

/** The message of the error thrown; exported so tests can recognise it. Names no path and no value. */
export const JSONPATH_REMOVED_MESSAGE =
  "massage-triage's browser build leaves out jsonpath-plus: json-rules-engine's default JSONPath resolver was called, but every engine must use massage-triage's own dot-path resolver";

/** json-rules-engine calls `JSONPath({ path, json, wrap })`; this build never resolves JSONPath, it throws. */
export function JSONPath(_options?: unknown): never {
  throw new Error(JSONPATH_REMOVED_MESSAGE);
}
