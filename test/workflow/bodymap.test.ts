import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_INTAKE,
  BODY_REGIONS,
  bodyMapStates,
  createScreener,
  renderBodyMap,
  screenDraft,
  withAnswers,
  type BodyRegion,
  type Modifications,
  type ScreeningSuccess,
} from 'massage-triage';
import { allElements, parseXml, rule, ruleSet, when, type XmlElement } from './helpers';

const AT = '2026-12-01';

const screener = createScreener({
  rules: ruleSet([
    rule('avoid-injury', when('injury', 'recent', 'equal', 'yes'), { scope: 'local', regionsFrom: ['injury.regions'], avoidRegions: true }),
    rule('varicose-cap', when('veins', 'varicose', 'equal', 'yes'), { scope: 'local', regionsFrom: ['veins.varicoseRegions'], pressureCap: 1 }),
    rule('cap-3', when('heart', 'heartCondition', 'equal', 'yes'), { pressureCap: 3 }),
  ]),
});

async function screened(set: Record<string, unknown>): Promise<ScreeningSuccess> {
  const r = await screener.screen(withAnswers(BASELINE_INTAKE, set), { at: AT });
  if (!r.ok) throw new Error(r.issues.map((i) => i.pathString).join(', '));
  return r;
}

const shapes = (root: XmlElement) => allElements(root).filter((e) => e.attrs['data-region'] !== undefined);
const withState = (root: XmlElement, token: string) =>
  new Set(shapes(root).filter((e) => (e.attrs['data-state'] ?? '').split(' ').includes(token)).map((e) => e.attrs['data-region']));

/** The horizontal centre of a shape. */
function centreX(e: XmlElement): number {
  if (e.name === 'rect') return Number(e.attrs.x) + Number(e.attrs.width) / 2;
  return Number(e.attrs.cx);
}
function shapeOf(root: XmlElement, view: 'front' | 'back', region: BodyRegion): XmlElement {
  const e = shapes(root).find((s) => s.attrs['data-view'] === view && s.attrs['data-region'] === region);
  if (!e) throw new Error(`no ${view} ${region}`);
  return e;
}

const RICH = {
  'injury.recent': 'yes',
  'injury.regions': ['left-knee', 'neck'],
  'veins.varicose': 'yes',
  'veins.varicoseRegions': ['right-lower-leg', 'left-knee'],
  'heart.heartCondition': 'yes',
};
const PAIN: BodyRegion[] = ['low-back', 'left-knee', 'right-shoulder'];

describe('renderBodyMap: a well-formed, accessible SVG', () => {
  it('parses as XML with one <svg> root and a title', async () => {
    const svg = renderBodyMap(await screened(RICH), { painRegions: PAIN });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.children.find((c) => c.name === 'title')?.text).toBe('Body map');
  });

  it('the XML checker itself rejects broken markup', () => {
    for (const bad of ['<svg>', '<svg>\u0001</svg>', '<svg>\uD800</svg>', '<svg><g></svg>', '<svg a=1/>', '<svg>a < b</svg>', '<svg>&nope;</svg>', '<svg/><svg/>', '<svg a="1" a="2"/>'])
      expect(() => parseXml(bad), bad).toThrow();
    expect(parseXml('<svg a="&amp;">x &lt; y</svg>').text).toBe('x < y');
  });

  it('every body region has a shape with id, data-region and a <title>; ids are unique', async () => {
    const root = parseXml(renderBodyMap(await screened({})));
    const all = shapes(root);
    expect(new Set(all.map((e) => e.attrs['data-region']))).toEqual(new Set(BODY_REGIONS));
    const ids = all.map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of all) {
      expect(e.attrs.id).toBe(`bodymap-${e.attrs['data-view']}-${e.attrs['data-region']}`);
      expect(e.children.find((c) => c.name === 'title')?.text.length).toBeGreaterThan(0);
    }
    const ids2 = allElements(root).map((e) => e.attrs.id).filter(Boolean);
    expect(new Set(ids2).size).toBe(ids2.length);
  });

  it('both views are labelled, and both sides in each', async () => {
    const root = parseXml(renderBodyMap(await screened({})));
    for (const view of ['front', 'back']) {
      const g = allElements(root).find((e) => e.name === 'g' && e.attrs['data-view'] === view)!;
      const labels = Object.fromEntries(g.children.filter((c) => c.attrs['data-label']).map((c) => [c.attrs['data-label'], c]));
      expect(labels.view?.text.length).toBeGreaterThan(0);
      expect(labels['client-left']?.text).toBe("Client's left");
      expect(labels['client-right']?.text).toBe("Client's right");
    }
  });
});

describe('renderBodyMap: left is the client’s left', () => {
  it('front view: the client’s left on the viewer’s right; back view: on the viewer’s left', async () => {
    const root = parseXml(renderBodyMap(await screened({})));
    const views = allElements(root).filter((e) => e.name === 'g' && e.attrs['data-view']);
    const mid = (view: string) => {
      const heads = shapes(root).filter((e) => e.attrs['data-view'] === view && e.attrs['data-region'] === 'head');
      return centreX(heads[0]!);
    };
    expect(views.map((v) => v.attrs['data-view'])).toEqual(['front', 'back']);
    const front = mid('front');
    const back = mid('back');
    // The front view's midline is in the left half of the canvas, the back view's in the right half.
    expect(front).toBeLessThan(280);
    expect(back).toBeGreaterThan(280);
    for (const part of ['knee', 'shoulder', 'hand', 'foot', 'thigh', 'upper-arm', 'ankle']) {
      expect(centreX(shapeOf(root, 'front', `left-${part}` as BodyRegion)), part).toBeGreaterThan(front);
      expect(centreX(shapeOf(root, 'front', `right-${part}` as BodyRegion)), part).toBeLessThan(front);
      expect(centreX(shapeOf(root, 'back', `left-${part}` as BodyRegion)), part).toBeLessThan(back);
      expect(centreX(shapeOf(root, 'back', `right-${part}` as BodyRegion)), part).toBeGreaterThan(back);
    }
    for (const part of ['chest', 'jaw', 'groin', 'hip', 'ribs', 'axilla'])
      expect(centreX(shapeOf(root, 'front', `left-${part}` as BodyRegion)), part).toBeGreaterThan(front);
    expect(centreX(shapeOf(root, 'back', 'left-buttock'))).toBeLessThan(back);
    // The side labels say the same.
    const label = (view: string, which: string) =>
      Number(allElements(root).find((e) => e.attrs['data-label'] === which && allElements(views.find((v) => v.attrs['data-view'] === view)!).includes(e))!.attrs.x);
    expect(label('front', 'client-left')).toBeGreaterThan(front);
    expect(label('back', 'client-left')).toBeLessThan(back);
  });
});

describe('renderBodyMap: shading matches the result exactly', () => {
  it('avoid, cap and pain regions', async () => {
    const r = await screened(RICH);
    expect(r.modifications.avoidRegions).toEqual(['neck', 'left-knee']);
    const root = parseXml(renderBodyMap(r, { painRegions: PAIN }));
    expect(withState(root, 'avoid')).toEqual(new Set(r.modifications.avoidRegions));
    const capped = r.modifications.regionalPressureCaps.filter((c) => !r.modifications.avoidRegions.includes(c.region));
    expect(capped.map((c) => c.region)).toEqual(['right-lower-leg']);
    expect(withState(root, 'cap')).toEqual(new Set(capped.map((c) => c.region)));
    for (const e of shapes(root).filter((s) => (s.attrs['data-state'] ?? '').includes('cap')))
      expect(Number(e.attrs['data-cap'])).toBe(capped.find((c) => c.region === e.attrs['data-region'])!.pressureCap);
    expect(withState(root, 'pain')).toEqual(new Set(PAIN));
    // left-knee is both avoided and painful.
    expect(shapeOf(root, 'front', 'left-knee').attrs['data-state']).toBe('avoid pain');
    // Every unshaded shape has no state.
    const shaded = new Set([...r.modifications.avoidRegions, ...capped.map((c) => c.region), ...PAIN]);
    for (const e of shapes(root)) expect(e.attrs['data-state'] !== undefined, e.attrs.id).toBe(shaded.has(e.attrs['data-region'] as BodyRegion));
    // The whole-body cap is in the legend, and the cap number is drawn.
    expect(allElements(root).find((e) => e.attrs['data-label'] === 'whole-body-cap')?.text).toMatch(/3$/);
    expect(shapeOf(root, 'back', 'right-lower-leg').children[0]?.text).toMatch(/1/);
  });

  it('matches bodyMapStates for random modifications (property)', () => {
    const region = fc.constantFrom(...BODY_REGIONS);
    const mods = fc.record({
      avoid: fc.uniqueArray(region, { maxLength: 8 }),
      caps: fc.uniqueArray(fc.record({ region, pressureCap: fc.constantFrom(1, 2, 3, 4) }), { selector: (c) => c.region, maxLength: 8 }),
      pain: fc.uniqueArray(region, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(mods, ({ avoid, caps, pain }) => {
        const m: Modifications = { pressureCap: null, regionalPressureCaps: caps as Modifications['regionalPressureCaps'], avoidRegions: avoid, avoidTechniques: [], regionalAvoidTechniques: [], positioning: [] };
        const root = parseXml(renderBodyMap({ modifications: m }, { painRegions: pain }));
        expect(withState(root, 'avoid')).toEqual(new Set(avoid));
        expect(withState(root, 'cap')).toEqual(new Set(caps.map((c) => c.region).filter((x) => !avoid.includes(x))));
        expect(withState(root, 'pain')).toEqual(new Set(pain));
        const states = bodyMapStates({ modifications: m }, pain);
        for (const e of shapes(root)) expect(e.attrs['data-state'] ?? '').toBe((states.get(e.attrs['data-region'] as BodyRegion)?.states ?? []).join(' '));
      }),
      { numRuns: 50 },
    );
  });

  it('a draft screening shades its flags so far; a failed screening shades nothing but pain', async () => {
    const d = await screenDraft({ bones: { fracture: 'yes', fractureRegions: ['right-wrist'], fractureDate: '2026-11-20' } }, { at: AT });
    expect(d.ok).toBe(true);
    const root = parseXml(renderBodyMap(d));
    if (d.ok) expect(withState(root, 'avoid')).toEqual(new Set(d.modifications.avoidRegions));
    const failed = await screener.screen({ nonsense: true }, { at: AT });
    const f = parseXml(renderBodyMap(failed, { painRegions: ['neck'] }));
    expect(withState(f, 'avoid').size + withState(f, 'cap').size).toBe(0);
    expect(withState(f, 'pain')).toEqual(new Set(['neck']));
    expect(allElements(f).some((e) => e.attrs['data-label'] === 'no-screening')).toBe(true);
  });

  it('unknown pain region ids are ignored', async () => {
    const root = parseXml(renderBodyMap(await screened({}), { painRegions: ['left-wing', 'neck'] }));
    expect(withState(root, 'pain')).toEqual(new Set(['neck']));
  });
});

describe('renderBodyMap: safe and deterministic text', () => {
  it('escapes every piece of text it is given and has no script or event handler', async () => {
    const evil = '<script>alert("x")</script> & \'co\' \u0001';
    const svg = renderBodyMap(await screened(RICH), {
      title: evil,
      labels: { avoid: evil, front: evil },
      regionLabels: { neck: evil },
      painRegions: PAIN,
    });
    const root = parseXml(svg);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/\son[a-z]+=/i);
    expect(svg).not.toMatch(/href=/i);
    expect(svg).toContain('&lt;script&gt;');
    expect(root.children.find((c) => c.name === 'title')?.text).toBe('<script>alert("x")</script> & \'co\' ');
    expect(shapeOf(root, 'front', 'neck').children[0]?.text.startsWith('<script>')).toBe(true);
  });

  it('same input, same string', async () => {
    const r = await screened(RICH);
    expect(renderBodyMap(r, { painRegions: PAIN })).toBe(renderBodyMap(structuredClone(r), { painRegions: [...PAIN] }));
  });

  it('fuzzed titles always give well-formed XML', () => {
    const m: Modifications = { pressureCap: 2, regionalPressureCaps: [], avoidRegions: ['neck'], avoidTechniques: [], regionalAvoidTechniques: [], positioning: [] };
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (title) => {
        const root = parseXml(renderBodyMap({ modifications: m }, { title }));
        expect(root.name).toBe('svg');
      }),
      { numRuns: 200 },
    );
  });

  it('width scales the drawing, and a bad width falls back', async () => {
    const root = parseXml(renderBodyMap(await screened({}), { width: 280 }));
    expect(root.attrs.width).toBe('280');
    expect(root.attrs.height).toBe('260');
    expect(parseXml(renderBodyMap(await screened({}), { width: Number.NaN })).attrs.width).toBe('560');
  });
});

describe('given something other than a result (JavaScript callers)', () => {
  it('renderBodyMap and bodyMapStates throw a TypeError that names the function and what it takes', () => {
    for (const bad of [null, undefined, 'result', 42]) {
      expect(() => renderBodyMap(bad as never)).toThrow(new TypeError('renderBodyMap takes a screening result, a draft result or an object with modifications.'));
      expect(() => bodyMapStates(bad as never)).toThrow(new TypeError('bodyMapStates takes a screening result, a draft result or an object with modifications.'));
    }
  });
});
