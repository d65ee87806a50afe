/**
 * Issue 21, finding 4: every renderer escapes every value it writes and checks what it is given. A result that went
 * through storage (or JavaScript) with values that are not what the types say never injects markup: such a value is
 * left out, and text is escaped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, bodyMapStates, renderBodyMap, screen, toCdsHooksCards, withAnswers, type ScreeningSuccess } from 'massage-triage';

const INJECT = '"><script>alert(1)</script><x-injected a="';
const stored = (modifications: unknown) => ({ ok: true, modifications }) as unknown as ScreeningSuccess;

describe('renderBodyMap and bodyMapStates check what they are given', () => {
  it('a regional cap that is not 1–5 is left out, never written into data-cap or the map', () => {
    const r = stored({ pressureCap: null, regionalPressureCaps: [{ region: 'neck', pressureCap: INJECT }, { region: 'left-knee', pressureCap: 2 }], avoidRegions: [], avoidTechniques: [], positioning: [] });
    const svg = renderBodyMap(r);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('x-injected');
    expect(svg).toMatch(/data-region="left-knee"[^>]*data-cap="2"/);
    expect(svg).not.toMatch(/data-region="neck"[^>]*data-cap/);
    expect(bodyMapStates(r).get('neck')).toBeUndefined();
    expect(bodyMapStates(r).get('left-knee')).toEqual({ states: ['cap'], cap: 2 });
  });
  it('regions that are not body regions, a whole-body cap that is not a level, and labels that are not text are left out', () => {
    const r = stored({ pressureCap: INJECT, regionalPressureCaps: 'x', avoidRegions: ['neck', INJECT, 7], avoidTechniques: [], positioning: [] });
    const svg = renderBodyMap(r, { title: { toString: () => INJECT } as unknown as string, labels: { avoid: 42 as unknown as string }, painRegions: INJECT as unknown as string[], width: INJECT as unknown as number });
    expect(svg).not.toContain('x-injected');
    expect(svg).toContain('data-region="neck" data-view="front" data-state="avoid"');
    expect(svg).toContain('<title id="bodymap-title">Body map</title>');
    expect(svg).not.toContain('data-label="whole-body-cap"');
    expect(svg).toContain('>Avoid<');
  });
  it('refuses what is not a result with a TypeError', () => {
    for (const v of [null, 1, 'x']) {
      expect(() => renderBodyMap(v as never)).toThrow(TypeError);
      expect(() => bodyMapStates(v as never)).toThrow(TypeError);
    }
  });
  it('property: any stored modifications and options (2,000 runs; the fuzz file runs 10,000) render a map with no injected markup', () => {
    const hostile = fc.oneof(fc.constant(INJECT), fc.string(), fc.anything({ maxDepth: 2 }));
    const modsArb = fc.record({
      pressureCap: fc.oneof(fc.constantFrom(1, 2, 3, 4, 5, null), hostile),
      regionalPressureCaps: fc.oneof(fc.array(fc.record({ region: fc.oneof(fc.constantFrom('neck', 'left-knee'), hostile), pressureCap: fc.oneof(fc.integer({ min: 0, max: 6 }), hostile) }), { maxLength: 3 }), hostile),
      avoidRegions: fc.oneof(fc.array(fc.oneof(fc.constantFrom('neck', 'right-hand'), hostile), { maxLength: 3 }), hostile),
    });
    const optsArb = fc.record({ title: hostile, labels: fc.oneof(fc.dictionary(fc.constantFrom('avoid', 'cap', 'pain', 'front'), hostile), hostile), painRegions: fc.oneof(fc.array(hostile, { maxLength: 2 }), hostile), width: fc.oneof(fc.double(), hostile) }, { requiredKeys: [] });
    fc.assert(
      fc.property(modsArb, optsArb, (mods, opts) => {
        const svg = renderBodyMap(stored(mods), opts as never);
        expect(svg.startsWith('<svg ')).toBe(true);
        expect(svg).not.toContain('<script');
        expect(svg).not.toContain('<x-injected');
        // No attribute value holds an angle bracket (a quote inside one would have ended it early and left one).
        expect(/="[^"]*[<>]/.test(svg)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('toCdsHooksCards escapes what it writes', () => {
  it('a stored result with markup in a clearance, a cap and the date writes none of it', async () => {
    const r = await screen(withAnswers(BASELINE_INTAKE, { 'bones.fracture': 'yes' }), { at: '2026-06-15' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const flag = { ...r.flags[0]!, modifications: { ...r.flags[0]!.modifications, pressureCap: '<img src=x onerror=alert(1)>' }, clearance: { ruleId: 'x', date: '<img src=x>', validUntil: '<b>', matched: 'x', clearedBy: '<i>' } };
    const cards = toCdsHooksCards({ ...r, flags: [flag], audit: { ...r.audit, at: '<svg onload=1>' } } as never);
    // Markdown shows an escaped bracket (\<) as text; an unescaped one would start HTML.
    for (const c of cards.cards) expect(`${c.summary}\n${c.detail}`).not.toMatch(/(^|[^\\])<[a-z]/i);
    expect(cards.cards[0]!.detail).toContain('\\<img');
  });
});
