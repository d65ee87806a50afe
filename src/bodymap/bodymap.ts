/**
 * A body map of a screening: a standalone SVG (a string, no DOM) with a front and a back view that shades the
 * regions to avoid, the regions with a lower pressure cap, and the client's pain regions.
 *
 * Left and right are the client's own. In the front view the client faces the viewer, so the client's left is on
 * the viewer's right; in the back view the viewer stands behind the client, so the client's left is on the viewer's
 * left. Both views are labelled, and so are the sides.
 *
 * Stable hooks for pages and tests: every region shape has `data-region` (a `BODY_REGIONS` id), `data-view`
 * (`front` or `back`) and `id` (`bodymap-front-left-knee`); a shaded shape has `data-state` with one or more
 * space-separated tokens from `avoid`, `cap`, `pain` (so `[data-state~="pain"]` selects it), and a capped one has
 * `data-cap` (1–5). Every shape has a `<title>`.
 *
 * A stop (`postpone`, `refer-urgent`) plans no session today, so its map shows no pressure level at all: only the
 * regions the stop names (avoided), the pain regions, and a "no session today" line (`data-label="no-session"`); the
 * root carries `data-plan="none-today"`.
 */
import {
  BODY_REGIONS,
  BODY_REGION_LABELS,
  MIDLINE_BODY_PARTS,
  PRESSURE_LEVELS,
  SIDED_BODY_PARTS,
  TECHNIQUES,
  type BodyRegion,
  type PressureLevel,
  type Technique,
} from '../intake/vocabulary.js';
import type { DraftResult } from '../screening/draft.js';
import { sessionPlan } from '../screening/plan.js';
import type { Flag, Modifications, ScreeningResult, SessionPlan } from '../screening/types.js';

/** The views of the body map. */
export type BodyMapView = 'front' | 'back';

/**
 * How a region is shaded. `technique-limit`: some techniques are ruled out on this region only (a local flag's); it
 * is named in the region's title and `data-avoid-techniques`, not shaded.
 */
export type BodyMapState = 'avoid' | 'cap' | 'technique-limit' | 'pain';

/** Options of {@link renderBodyMap}. */
export interface BodyMapOptions {
  /**
   * The client's pain regions, drawn with a blue outline and hatch. Pass the intake's `visit.painRegions`; the map
   * does not read the intake itself, so it never needs the client's other answers. Unknown ids are ignored.
   */
  readonly painRegions?: readonly string[];
  /** The map's title (shown and in `<title>`). Default: "Body map". */
  readonly title?: string;
  /** Width in pixels; the height follows. Default 560. */
  readonly width?: number;
  /** Words the map shows, to translate it. Region names come from `regionLabels`, default `BODY_REGION_LABELS`. */
  readonly labels?: Partial<BodyMapLabels>;
  /** Region names, to translate them. */
  readonly regionLabels?: Partial<Readonly<Record<BodyRegion, string>>>;
}

/** The words on the map. */
export interface BodyMapLabels {
  readonly front: string;
  readonly back: string;
  readonly clientLeft: string;
  readonly clientRight: string;
  readonly avoid: string;
  readonly cap: string;
  readonly pain: string;
  /** Followed by the techniques ruled out on a region. */
  readonly techniqueLimit: string;
  /** Followed by the cap number. */
  readonly wholeBodyCap: string;
  readonly noScreening: string;
  /** Shown for a stop (`postpone`, `refer-urgent`) in place of any pressure level. */
  readonly noSession: string;
}

const DEFAULT_LABELS: BodyMapLabels = {
  front: 'Front (facing you)',
  back: 'Back (from behind)',
  clientLeft: "Client's left",
  clientRight: "Client's right",
  avoid: 'Avoid',
  cap: 'Lighter pressure (cap 1–5)',
  pain: 'Pain reported',
  techniqueLimit: 'No',
  wholeBodyCap: 'Whole-body pressure cap:',
  noScreening: 'No screening result: nothing shaded.',
  noSession: 'No session today: no pressure levels; the shaded areas are where the stop applies.',
};

/** A shape in a view's own coordinates: x from the midline (positive = the viewer's right), y down. */
type Shape = { readonly kind: 'rect'; readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number } | { readonly kind: 'ellipse'; readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number };

const rect = (x0: number, x1: number, y0: number, y1: number): Shape => ({ kind: 'rect', x0, x1, y0, y1 });
const ellipse = (cx: number, cy: number, rx: number, ry: number): Shape => ({ kind: 'ellipse', cx, cy, rx, ry });

type Sided = (typeof SIDED_BODY_PARTS)[number];
type Midline = (typeof MIDLINE_BODY_PARTS)[number];

/** The arm and the leg below the thigh look the same from the front and the back. */
const ARM: Readonly<Partial<Record<Sided, Shape>>> = {
  shoulder: ellipse(44, 96, 14, 10),
  'upper-arm': rect(42, 56, 106, 150),
  elbow: rect(44, 58, 150, 164),
  forearm: rect(46, 60, 164, 200),
  wrist: rect(48, 62, 200, 210),
  hand: rect(48, 66, 210, 234),
};
const LOWER_LEG: Readonly<Partial<Record<Sided, Shape>>> = {
  knee: rect(8, 32, 262, 284),
  'lower-leg': rect(10, 30, 284, 340),
  ankle: rect(12, 28, 340, 352),
  foot: rect(10, 32, 352, 372),
};

/** Sided parts drawn on the positive side; mirrored for the other. Order is drawing order (later on top). */
const SIDED_FRONT: Readonly<Partial<Record<Sided, Shape>>> = {
  chest: rect(2, 30, 90, 122),
  axilla: rect(30, 40, 104, 120),
  ribs: rect(16, 36, 122, 146),
  hip: rect(24, 40, 160, 186),
  groin: rect(4, 22, 176, 194),
  ...ARM,
  thigh: rect(4, 34, 196, 262),
  ...LOWER_LEG,
  jaw: ellipse(13, 64, 6, 5),
};
const SIDED_BACK: Readonly<Partial<Record<Sided, Shape>>> = {
  buttock: rect(10, 38, 176, 206),
  ...ARM,
  thigh: rect(4, 34, 206, 262),
  ...LOWER_LEG,
};
const MIDLINE_FRONT: Readonly<Partial<Record<Midline, Shape>>> = {
  head: ellipse(0, 45, 22, 26),
  face: ellipse(0, 50, 14, 16),
  neck: rect(-9, 9, 70, 88),
  abdomen: rect(-16, 16, 122, 176),
};
const MIDLINE_BACK: Readonly<Partial<Record<Midline, Shape>>> = {
  head: ellipse(0, 45, 22, 26),
  neck: rect(-9, 9, 70, 88),
  'upper-back': rect(-32, 32, 88, 120),
  'mid-back': rect(-32, 32, 120, 148),
  'low-back': rect(-30, 30, 148, 172),
  sacrum: rect(-10, 10, 172, 194),
};

const VIEW_WIDTH = 280;
const TOP = 56;
const BASE_HEIGHT = 520;

/** Which way the client's left lies in a view: +1 = the viewer's right. */
export function clientLeftDirection(view: BodyMapView): 1 | -1 {
  return view === 'front' ? 1 : -1;
}

function mirror(s: Shape, sign: 1 | -1): Shape {
  if (sign === 1) return s;
  return s.kind === 'rect' ? rect(-s.x1, -s.x0, s.y0, s.y1) : ellipse(-s.cx, s.cy, s.rx, s.ry);
}

/** Every shape of a view, in drawing order: midline parts first, then the sided ones. */
function shapesOf(view: BodyMapView): readonly { region: BodyRegion; shape: Shape }[] {
  return view === 'front' ? FRONT_SHAPES : BACK_SHAPES;
}

function layout(view: BodyMapView): { region: BodyRegion; shape: Shape }[] {
  const midline = view === 'front' ? MIDLINE_FRONT : MIDLINE_BACK;
  const sided = view === 'front' ? SIDED_FRONT : SIDED_BACK;
  const left = clientLeftDirection(view);
  const out: { region: BodyRegion; shape: Shape }[] = [];
  for (const [part, shape] of Object.entries(midline)) out.push({ region: part as BodyRegion, shape: shape! });
  for (const [part, shape] of Object.entries(sided)) {
    // Jaw sits on the face, so it is drawn after the midline; limbs after the trunk: object order already does so.
    out.push({ region: `left-${part}` as BodyRegion, shape: mirror(shape!, left) });
    out.push({ region: `right-${part}` as BodyRegion, shape: mirror(shape!, (-left) as 1 | -1) });
  }
  return out;
}

// Laid out once: the shapes never change.
const FRONT_SHAPES = layout('front');
const BACK_SHAPES = layout('back');

/** Escape text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** Strip characters XML 1.0 forbids, so any title still makes a well-formed document. */
function xmlText(s: string): string {
  return escapeXml(
    s
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ''),
  );
}

const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

const COLORS = {
  base: '#f4efe8',
  stroke: '#8a7f74',
  avoid: '#d64545',
  cap: '#f0a830',
  pain: '#1f5fbf',
  text: '#222222',
};

const REGIONS: ReadonlySet<unknown> = new Set(BODY_REGIONS);
const isRegion = (v: unknown): v is BodyRegion => REGIONS.has(v);
const KNOWN_TECHNIQUES: ReadonlySet<unknown> = new Set(TECHNIQUES);
const isTechnique = (v: unknown): v is Technique => KNOWN_TECHNIQUES.has(v);
const isLevel = (v: unknown): v is PressureLevel => (PRESSURE_LEVELS as readonly unknown[]).includes(v);
const listOf = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const stringOr = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

/**
 * The modifications to draw, read defensively: a result may come back from storage or from JavaScript, so each value
 * is checked against its type, and one that does not match (a cap that is not 1–5, a region that is not a body
 * region, a list that is not a list) is left out. Only values that pass are ever written into the SVG.
 */
function modificationsOf(result: ScreeningResult | DraftResult | { readonly modifications: Modifications }, fn: string): Modifications | undefined {
  const r: unknown = result;
  if (r === null || typeof r !== 'object') throw new TypeError(`${fn} takes a screening result, a draft result or an object with modifications.`);
  const o = r as Record<string, unknown>;
  if ('ok' in o && o.ok !== true) return undefined;
  const m = o.modifications;
  if (m === null || typeof m !== 'object') return undefined;
  const raw = m as Record<string, unknown>;
  const regionalPressureCaps: { region: BodyRegion; pressureCap: PressureLevel }[] = [];
  for (const c of listOf(raw.regionalPressureCaps)) {
    if (c === null || typeof c !== 'object') continue;
    const { region, pressureCap } = c as Record<string, unknown>;
    if (isRegion(region) && isLevel(pressureCap)) regionalPressureCaps.push({ region, pressureCap });
  }
  const regionalAvoidTechniques: { region: BodyRegion; techniques: Technique[] }[] = [];
  for (const c of listOf(raw.regionalAvoidTechniques)) {
    if (c === null || typeof c !== 'object') continue;
    const { region, techniques } = c as Record<string, unknown>;
    const known = listOf(techniques).filter(isTechnique);
    if (isRegion(region) && known.length > 0) regionalAvoidTechniques.push({ region, techniques: known });
  }
  return {
    pressureCap: isLevel(raw.pressureCap) ? raw.pressureCap : null,
    regionalPressureCaps,
    avoidRegions: listOf(raw.avoidRegions).filter(isRegion),
    avoidTechniques: [],
    regionalAvoidTechniques,
    positioning: [],
  };
}

/**
 * The regions a stop names, when `result` is a stop (a screening or a draft at `postpone` or `refer-urgent`): the map
 * then shows them avoided and no pressure level. Undefined when the result plans a session (or cannot say).
 */
function stopRegionsOf(result: ScreeningResult | DraftResult | { readonly modifications: Modifications }): Set<BodyRegion> | undefined {
  const r = result as { readonly ok?: unknown; readonly disposition?: unknown; readonly flags?: unknown };
  if (r.ok !== true || typeof r.disposition !== 'string' || r.disposition === 'incomplete' || !Array.isArray(r.flags)) return undefined;
  const plan: SessionPlan = sessionPlan(r.disposition as Flag['disposition']);
  if (plan !== 'none-today') return undefined;
  const regions = new Set<BodyRegion>();
  for (const f of r.flags as readonly Flag[])
    if (f !== null && typeof f === 'object' && (f.disposition === 'postpone' || f.disposition === 'refer-urgent'))
      for (const x of listOf(f.regions)) if (isRegion(x)) regions.add(x);
  return regions;
}

/**
 * The states of each region for a screening: what {@link renderBodyMap} shades. `avoid` wins over `cap` (an avoided
 * region gets no pressure at all); `technique-limit` (with the region's `avoidTechniques`) marks a region where a local
 * flag rules some techniques out; `pain` is added to any of them. For a stop (`postpone`, `refer-urgent`: no session
 * today) only the regions the stop names are `avoid`, and no region has a `cap` or a technique limit.
 */
export function bodyMapStates(
  result: ScreeningResult | DraftResult | { readonly modifications: Modifications },
  painRegions: readonly string[] = [],
): ReadonlyMap<BodyRegion, { readonly states: readonly BodyMapState[]; readonly cap?: PressureLevel; readonly avoidTechniques?: readonly Technique[] }> {
  const m = modificationsOf(result, 'bodyMapStates');
  const stop = stopRegionsOf(result);
  const out = new Map<BodyRegion, { states: BodyMapState[]; cap?: PressureLevel; avoidTechniques?: readonly Technique[] }>();
  const pain = new Set(listOf(painRegions));
  for (const r of BODY_REGIONS) {
    const states: BodyMapState[] = [];
    let cap: PressureLevel | undefined;
    if (stop ? stop.has(r) : m?.avoidRegions.includes(r)) states.push('avoid');
    else if (!stop) {
      const c = m?.regionalPressureCaps.find((x) => x.region === r);
      if (c) {
        states.push('cap');
        cap = c.pressureCap;
      }
    }
    const limited = stop || states.includes('avoid') ? undefined : (m?.regionalAvoidTechniques ?? []).find((x) => x.region === r)?.techniques;
    if (limited) states.push('technique-limit');
    if (pain.has(r)) states.push('pain');
    if (states.length > 0) out.set(r, { states, ...(cap === undefined ? {} : { cap }), ...(limited ? { avoidTechniques: limited } : {}) });
  }
  return out;
}

function shapeSvg(s: Shape, cx: number, attrs: string, body: string): string {
  if (s.kind === 'rect')
    return `<rect x="${n(cx + s.x0)}" y="${n(TOP + s.y0)}" width="${n(s.x1 - s.x0)}" height="${n(s.y1 - s.y0)}" rx="3" ${attrs}>${body}</rect>`;
  return `<ellipse cx="${n(cx + s.cx)}" cy="${n(TOP + s.cy)}" rx="${n(s.rx)}" ry="${n(s.ry)}" ${attrs}>${body}</ellipse>`;
}

function centre(s: Shape, cx: number): [number, number] {
  return s.kind === 'rect' ? [cx + (s.x0 + s.x1) / 2, TOP + (s.y0 + s.y1) / 2] : [cx + s.cx, TOP + s.cy];
}

/**
 * Render a screening as a standalone SVG body map: front and back views, the client's left and right labelled
 * from the client's own point of view, avoided regions red, regions with a lower pressure cap amber with the cap,
 * pain regions outlined and hatched blue, and a legend (with the whole-body cap when there is one). A stop
 * (`postpone`, `refer-urgent`) shows no pressure level: the regions it names in red and "no session today". Accepts a
 * screening result, a draft screening (the flags so far) or anything with `modifications`. Pure and deterministic;
 * all text is XML-escaped; no scripts, no external references.
 *
 * @example
 * ```ts
 * const svg = renderBodyMap(result, { painRegions: intake.visit.painRegions });
 * element.innerHTML = svg; // or write it to a .svg file
 * ```
 */
export function renderBodyMap(
  result: ScreeningResult | DraftResult | { readonly modifications: Modifications },
  options: BodyMapOptions = {},
): string {
  options ??= {}; // JavaScript callers' null means no options, as undefined does
  // Every text option is checked: one that is not a string (possible from JavaScript) gives the default.
  const given: Partial<Record<keyof BodyMapLabels, unknown>> = options.labels !== null && typeof options.labels === 'object' ? options.labels : {};
  const L = Object.fromEntries(
    (Object.keys(DEFAULT_LABELS) as (keyof BodyMapLabels)[]).map((k) => [k, stringOr(given[k], DEFAULT_LABELS[k])]),
  ) as unknown as BodyMapLabels;
  const regionLabels: Partial<Record<BodyRegion, unknown>> = options.regionLabels !== null && typeof options.regionLabels === 'object' ? options.regionLabels : {};
  const names = (r: BodyRegion) => stringOr(regionLabels[r], BODY_REGION_LABELS[r]);
  const m = modificationsOf(result, 'renderBodyMap');
  const stop = stopRegionsOf(result) !== undefined;
  const states = bodyMapStates(result, listOf(options.painRegions) as string[]);
  const title = stringOr(options.title, 'Body map');
  const w: unknown = options.width;
  const width = typeof w === 'number' && Number.isFinite(w) && w > 0 && w < 1e6 ? w : 2 * VIEW_WIDTH;
  const height = (width * BASE_HEIGHT) / (2 * VIEW_WIDTH);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${2 * VIEW_WIDTH} ${BASE_HEIGHT}" width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="bodymap-title" font-family="sans-serif" font-size="12"${stop ? ' data-plan="none-today"' : ''}>`,
    `<title id="bodymap-title">${xmlText(title)}</title>`,
    `<defs><pattern id="bodymap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${COLORS.base}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLORS.pain}" stroke-width="2"/></pattern></defs>`,
    `<rect width="${2 * VIEW_WIDTH}" height="${BASE_HEIGHT}" fill="#ffffff"/>`,
    `<text x="${VIEW_WIDTH}" y="18" text-anchor="middle" font-size="15" font-weight="bold" fill="${COLORS.text}">${xmlText(title)}</text>`,
  );
  for (const view of ['front', 'back'] as const) {
    const cx = view === 'front' ? VIEW_WIDTH / 2 : VIEW_WIDTH + VIEW_WIDTH / 2;
    const leftX = cx + clientLeftDirection(view) * 92;
    const rightX = cx - clientLeftDirection(view) * 92;
    parts.push(
      `<g data-view="${view}" id="bodymap-${view}">`,
      `<text x="${cx}" y="40" text-anchor="middle" font-size="13" font-weight="bold" fill="${COLORS.text}" data-label="view">${xmlText(view === 'front' ? L.front : L.back)}</text>`,
      `<text x="${leftX}" y="${TOP + 12}" text-anchor="middle" fill="${COLORS.text}" data-label="client-left">${xmlText(L.clientLeft)}</text>`,
      `<text x="${rightX}" y="${TOP + 12}" text-anchor="middle" fill="${COLORS.text}" data-label="client-right">${xmlText(L.clientRight)}</text>`,
    );
    const caps: string[] = [];
    for (const { region, shape } of shapesOf(view)) {
      const st = states.get(region);
      const tokens = st?.states ?? [];
      const avoid = tokens.includes('avoid');
      const cap = tokens.includes('cap');
      const pain = tokens.includes('pain');
      const fill = avoid ? COLORS.avoid : cap ? COLORS.cap : pain ? 'url(#bodymap-hatch)' : COLORS.base;
      const stroke = pain ? COLORS.pain : COLORS.stroke;
      const describe = [
        ...(avoid ? [L.avoid] : []),
        ...(cap && st?.cap !== undefined ? [`${L.cap}: ${st.cap}`] : []),
        ...(st?.avoidTechniques ? [`${L.techniqueLimit} ${st.avoidTechniques.join(', ')}`] : []),
        ...(pain ? [L.pain] : []),
      ];
      const attrs = [
        `id="bodymap-${view}-${region}"`,
        `data-region="${region}"`,
        `data-view="${view}"`,
        ...(tokens.length > 0 ? [`data-state="${tokens.join(' ')}"`] : []),
        ...(cap && st?.cap !== undefined ? [`data-cap="${st.cap}"`] : []),
        ...(st?.avoidTechniques ? [`data-avoid-techniques="${st.avoidTechniques.join(' ')}"`] : []),
        `fill="${fill}"`,
        `stroke="${stroke}"`,
        `stroke-width="${pain ? 2.5 : 1}"`,
      ].join(' ');
      parts.push(shapeSvg(shape, cx, attrs, `<title>${xmlText(names(region))}${describe.length > 0 ? `: ${xmlText(describe.join(', '))}` : ''}</title>`));
      if (cap && st?.cap !== undefined) {
        const [x, y] = centre(shape, cx);
        caps.push(`<text x="${n(x)}" y="${n(y + 4)}" text-anchor="middle" font-size="10" font-weight="bold" fill="${COLORS.text}" pointer-events="none" aria-hidden="true">${st.cap}</text>`);
      }
    }
    parts.push(...caps, '</g>');
  }
  // Legend.
  const ly = TOP + 390;
  const item = (i: number, swatch: string, text: string, state: string) => {
    const x = 20 + i * 180;
    return `<g data-legend="${state}"><rect x="${x}" y="${ly}" width="16" height="16" ${swatch}/><text x="${x + 22}" y="${ly + 12}" fill="${COLORS.text}">${xmlText(text)}</text></g>`;
  };
  parts.push(
    '<g id="bodymap-legend">',
    item(0, `fill="${COLORS.avoid}" stroke="${COLORS.stroke}"`, L.avoid, 'avoid'),
    // A stop has no pressure levels, so its legend has no entry for them.
    ...(stop ? [] : [item(1, `fill="${COLORS.cap}" stroke="${COLORS.stroke}"`, L.cap, 'cap')]),
    item(stop ? 1 : 2, `fill="url(#bodymap-hatch)" stroke="${COLORS.pain}" stroke-width="2.5"`, L.pain, 'pain'),
  );
  const note = m === undefined ? L.noScreening : stop ? L.noSession : m.pressureCap !== null ? `${L.wholeBodyCap} ${m.pressureCap}` : undefined;
  const noteLabel = m === undefined ? 'no-screening' : stop ? 'no-session' : 'whole-body-cap';
  if (note !== undefined)
    parts.push(`<text x="20" y="${ly + 40}" fill="${COLORS.text}" ${stop ? 'font-weight="bold" ' : ''}data-label="${noteLabel}">${xmlText(note)}</text>`);
  parts.push('</g>', '</svg>');
  return parts.join('\n');
}
