/** How many threads a batch run uses, and the workers the command line's entry starts before the command loads. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { screeningThreads, startEarlyWorkers, takeEarlyWorkers, parseWorkers } from '../../src/cli/batch-threads.js';
import { stopWorkers } from '../../src/cli/pool.js';
import { CliError } from '../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'mt-threads-'));
const small = join(dir, 'small.ndjson');
writeFileSync(small, '{}\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('screening threads', () => {
  it('--workers when given, else one per CPU for an input over 32 MB, else one', () => {
    expect(screeningThreads(3, 10)).toBe(3);
    expect(screeningThreads(1, 100_000_000)).toBe(1);
    expect(screeningThreads(undefined, 100_000_000)).toBe(availableParallelism());
    expect(screeningThreads(undefined, 32_000_000)).toBe(1);
    expect(screeningThreads(undefined, undefined)).toBe(1);
  });

  it('--workers takes a whole number from 1 to 256', () => {
    expect(parseWorkers('4')).toBe(4);
    expect(parseWorkers(undefined)).toBeUndefined();
    for (const bad of ['0', '257', '1.5', 'many', '']) expect(() => parseWorkers(bad)).toThrow(CliError);
  });
});

describe('workers started early', () => {
  it('are handed to the command once, when it wants as many as were started', async () => {
    startEarlyWorkers([small, '--at', '2026-06-01', '--workers', '3']);
    const slots = takeEarlyWorkers(2);
    expect(slots).toHaveLength(2);
    expect(takeEarlyWorkers(2)).toBeUndefined();
    await stopWorkers(slots!);
  });

  it('are stopped, not handed over, when the command wants another number', () => {
    startEarlyWorkers(['-', '--workers', '2']);
    expect(takeEarlyWorkers(3)).toBeUndefined();
    expect(takeEarlyWorkers(1)).toBeUndefined();
  });

  it('are not started for one thread, for help, or for arguments the command will reject', () => {
    for (const args of [[small], [small, '--workers', '1'], [small, '--workers', '2', '--help'], [small, '--workers', 'many'], [small, '--bogus', '--workers', '2'], [small, small, '--workers', '2'], [join(dir, 'missing.ndjson'), '--workers', '2']]) {
      startEarlyWorkers(args);
      expect(takeEarlyWorkers(1), args.join(' ')).toBeUndefined();
    }
  });
});
