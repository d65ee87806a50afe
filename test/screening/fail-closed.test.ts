import { describe, expect, it, vi } from 'vitest';

// Every screening in this file meets a fact that throws while it is derived.
vi.mock('../../src/screening/derive.js', () => ({
  deriveFacts: () => {
    throw new Error('injected fault in a fact');
  },
}));

const { BASELINE_INTAKE, screen, dispositionRank } = await import('massage-triage');

describe('fail closed', () => {
  it('an error in a fact gives an evaluation-error flag and at least clearance-required, never proceed', async () => {
    const r = await screen(BASELINE_INTAKE, { at: '2026-06-15' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.disposition).not.toBe('proceed');
    expect(dispositionRank(r.disposition)).toBeGreaterThanOrEqual(dispositionRank('clearance-required'));
    expect(r.flags.map((f) => f.ruleId)).toContain('evaluation-error');
    expect(JSON.stringify(r)).not.toContain('injected fault');
  });
});
