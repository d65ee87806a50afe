/**
 * An assertion for the inside of a property that runs thousands of times: a plain throw, which fast-check reports
 * with the counterexample. Vitest's `expect` costs about 0.1 ms a call, more than most of the calls fuzzed, so 10,000
 * runs would mostly measure it. Outside such loops, tests use `expect`.
 */
export function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`expected ${what}`);
}
