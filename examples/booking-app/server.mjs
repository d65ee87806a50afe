/**
 * A booking app's screening service, with nothing but Node's `http`: the way a clinic's backend would embed
 * massage-triage. It imports the library by its package name, exactly as an app that installed it would.
 *
 *   POST /screen   { "intake": {...}, "at": "2026-12-01", "timeZone": "Europe/Berlin" }  →  the screening result
 *   GET  /         today's bookings, each with its triage, for the front desk
 *
 * Health data rules this file follows: it logs nothing about a request (no bodies, no answers, no client names),
 * never repeats what a client sent in an error, sends `Cache-Control: no-store`, and listens on 127.0.0.1 only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { BASELINE_INTAKE, DISPOSITION_LABELS, flagTiming, screen, withAnswers } from 'massage-triage';

/** Largest request body accepted, in bytes. An intake is a few KB; 64 KB leaves room and refuses abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

const ENVELOPE_KEYS = new Set(['intake', 'at', 'timeZone', 'locale']);

/** A validation issue in the library's own shape, so a client reads server and library issues the same way. */
const issue = (path, code, message) => ({ path, pathString: path.join('.'), code, message });

class HttpError extends Error {
  constructor(status, error, issues) {
    super(error);
    this.status = status;
    this.error = error;
    this.issues = issues;
  }
}

function send(res, status, contentType, body, extraHeaders = {}) {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    // Screening results are health data: no cache may keep them.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(body);
}

const sendJson = (res, status, value, extraHeaders) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extraHeaders);

/** Read the whole body, refusing it as soon as it passes the limit (by its Content-Length or as it streams). */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpError(413, 'body-too-large', [issue([], 'too_large', `The request body is larger than ${limit} bytes.`)]));
      return;
    }
    const chunks = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(new HttpError(413, 'body-too-large', [issue([], 'too_large', `The request body is larger than ${limit} bytes.`)]));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Parse and check the request envelope. Messages name what was expected, never what was sent. */
function parseEnvelope(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad-json', [issue([], 'invalid', 'The request body is not valid JSON.')]);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'bad-request', [issue([], 'invalid_type', 'Expected a JSON object: { "intake": {...}, "at": "YYYY-MM-DD" }.')]);
  const unknown = Object.keys(body).filter((k) => !ENVELOPE_KEYS.has(k));
  if (unknown.length > 0)
    throw new HttpError(
      400,
      'bad-request',
      // Name the allowed fields, not the unknown ones: whatever the client sent is not repeated.
      [issue([], 'unrecognized_key', 'Unknown field in the request. Allowed: intake, at, timeZone, locale.')],
    );
  if (!Object.hasOwn(body, 'intake'))
    throw new HttpError(400, 'bad-request', [issue(['intake'], 'required', 'The request needs the client\'s answers in "intake".')]);
  for (const k of ['at', 'timeZone', 'locale'])
    if (body[k] !== undefined && typeof body[k] !== 'string')
      throw new HttpError(400, 'bad-request', [issue([k], 'invalid_type', 'Expected a string.')]);
  return body;
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Today in the clinic's time zone, as YYYY-MM-DD. */
function todayIn(timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const SAMPLE_NAMES = [
  'Alex Moreau',
  'Priya Natarajan',
  'Sam Okafor',
  'Jordan Lee',
  'Maria Rossi',
  'Tomás Silva',
  'Hana Sato',
  'Ben Adler',
  'Chloé Martin',
  'Kwame Mensah',
  'Ingrid Larsen',
  'Diego Herrera',
  'Aisha Rahman',
  'Lukas Weber',
  'Mei Chen',
  'Noah Fischer',
];

/** A date `days` before today, YYYY-MM-DD, so that the built-in samples stay "recent" whatever day they run. */
const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Built-in bookings, used when examples/intakes/ holds no sample intakes. */
function builtInBookings() {
  return [
    { name: 'Alex Moreau', time: '09:00', intake: withAnswers(BASELINE_INTAKE, { 'visit.otherConcerns': 'Stiff after long drives' }) },
    { name: 'Priya Natarajan', time: '10:30', intake: withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left' }) },
    {
      name: 'Sam Okafor',
      time: '13:00',
      intake: withAnswers(BASELINE_INTAKE, {
        'bones.fracture': 'yes',
        'bones.fractureRegions': ['left-wrist'],
        'bones.fractureDate': daysAgo(20),
      }),
    },
  ];
}

/**
 * Today's bookings: the sample intakes in examples/intakes/*.json (one booking each, with a made-up name and time
 * slot), or three built-in ones when there are none. The samples were written for one appointment date (given in
 * examples/intakes/expected.json); each booking keeps it as its `at`, so their time windows read as intended.
 */
export function sampleBookings() {
  const dir = new URL('../intakes/', import.meta.url);
  let files = [];
  const appointmentDates = new Map();
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'expected.json')
      .sort();
    for (const e of JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')))
      if (typeof e?.file === 'string' && typeof e?.at === 'string') appointmentDates.set(e.file, e.at);
  } catch {
    // No samples folder, or no expected.json: the bookings below use the page's date.
  }
  const bookings = [];
  for (const file of files) {
    try {
      const intake = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      if (intake === null || typeof intake !== 'object' || Array.isArray(intake)) continue;
      const i = bookings.length;
      const time = `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`;
      const at = appointmentDates.get(file);
      bookings.push({ name: SAMPLE_NAMES[i % SAMPLE_NAMES.length], time, intake, source: file, ...(at ? { at } : {}) });
    } catch {
      // A sample that is not JSON is skipped; the page is a demo, not the place to report it.
    }
  }
  return bookings.length > 0 ? bookings : builtInBookings();
}

const DISPOSITION_COLOURS = {
  proceed: '#1b7f3b',
  modify: '#8a6d00',
  postpone: '#b35c00',
  'clearance-required': '#b3261e',
  'refer-urgent': '#7a0019',
};

const PAGE_CSS = `
  body { font: 16px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1f; }
  h1 { font-size: 1.6rem; margin-bottom: .25rem; }
  .sub { color: #555; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .6rem .5rem; border-bottom: 1px solid #ddd; }
  th { background: #f4f4f6; }
  .disp { display: inline-block; color: #fff; border-radius: .3rem; padding: .1rem .5rem; font-weight: 600; white-space: nowrap; }
  ul { margin: 0; padding-left: 1.1rem; }
  .note { color: #444; font-style: italic; }
  .msg { margin: .3rem 0 0; }
  .later { color: #666; font-size: .85rem; }
  footer { margin-top: 2rem; color: #666; font-size: .85rem; }
`;

function renderRow(b) {
  const r = b.result;
  const name = `<td><strong>${escapeHtml(b.time)}</strong><br>${escapeHtml(b.name)}${
    b.note ? `<div class="note">“${escapeHtml(b.note)}”</div>` : ''
  }</td>`;
  if (!r.ok) {
    return `<tr data-disposition="not-screened">${name}<td><span class="disp" style="background:#555">Intake incomplete</span></td><td><ul>${r.issues
      .slice(0, 5)
      .map((i) => `<li>${escapeHtml(i.pathString || 'intake')}: ${escapeHtml(i.message)}</li>`)
      .join('')}</ul></td><td>Ask the client to complete the form.</td></tr>`;
  }
  const colour = DISPOSITION_COLOURS[r.disposition] ?? '#555';
  const label = DISPOSITION_LABELS[r.disposition] ?? r.disposition;
  // A precaution below a stop is kept for a later session: the desk sees it marked, never as today's plan.
  const flags =
    r.flags.length === 0
      ? '<span>None</span>'
      : `<ul>${r.flags
          .map((f) => `<li>${escapeHtml(f.title)}${flagTiming(r.plan, f) === 'later-session' ? ' <span class="later">(later session only)</span>' : ''}</li>`)
          .join('')}</ul>`;
  // The result's own summary first (the disposition and what to do now), then its messages for the client: each
  // distinct text once, and under a stop only the steps to take now, so the desk never reads out two contradicting
  // sentences.
  const summary = r.disposition === 'proceed' ? '' : `<p class="msg summary"><strong>${escapeHtml(r.summary.client)}</strong></p>`;
  const messages = r.clientMessages.map((m) => m.text).filter((t) => !r.summary.client.endsWith(t));
  const client =
    r.disposition === 'proceed' && messages.length === 0
      ? 'Nothing to tell the client before the session.'
      : summary + messages.map((m) => `<p class="msg">${escapeHtml(m)}</p>`).join('');
  return `<tr data-disposition="${escapeHtml(r.disposition)}">${name}<td><span class="disp" style="background:${colour}">${escapeHtml(
    label,
  )}</span></td><td>${flags}</td><td>${client}</td></tr>`;
}

/** The front-desk page: one row per booking, escaped throughout (names and notes are the client's own text). */
export function renderBookingsPage(bookings, at) {
  const rows = bookings.map(renderRow).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Today's bookings: triage</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
<h1>Today's bookings</h1>
<p class="sub">Screening for ${escapeHtml(at)}. A triage result is a screening aid for the therapist, not a diagnosis.</p>
<table>
<caption class="sub" style="text-align:left">Each booking's intake, screened with massage-triage's default rules.</caption>
<thead><tr><th scope="col">Time and client</th><th scope="col">Triage</th><th scope="col">Flags</th><th scope="col">What to tell the client</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
<footer>massage-triage booking-app example. Nothing on this page is stored or logged.</footer>
</body>
</html>`;
}

/**
 * Build the HTTP server (not yet listening).
 *
 * @param {object} [options]
 * @param {Array<{name: string, time: string, intake: unknown}>} [options.bookings] today's bookings (default: samples)
 * @param {string} [options.at] the appointment date for the page (default: today in `timeZone`)
 * @param {string} [options.timeZone] the clinic's IANA time zone (default UTC)
 * @param {number} [options.maxBodyBytes] body size limit (default 64 KB)
 */
export function createServer(options = {}) {
  const timeZone = options.timeZone ?? 'UTC';
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const bookings = options.bookings ?? sampleBookings();

  async function handle(req, res) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/screen') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'method-not-allowed' }, { Allow: 'POST' });
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json') {
        req.resume();
        return sendJson(res, 415, { error: 'unsupported-media-type', issues: [issue([], 'invalid', 'Send the request as application/json.')] });
      }
      const body = parseEnvelope(await readBody(req, limit));
      const result = await screen(body.intake, { at: body.at, timeZone: body.timeZone ?? timeZone, locale: body.locale });
      if (!result.ok) return sendJson(res, 400, { error: 'invalid-intake', issues: result.issues });
      return sendJson(res, 200, result);
    }
    if (path === '/') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method-not-allowed' }, { Allow: 'GET, HEAD' });
      const today = options.at ?? todayIn(timeZone);
      const screened = await Promise.all(
        bookings.map(async (b) => ({
          ...b,
          note: typeof b.intake?.visit?.otherConcerns === 'string' ? b.intake.visit.otherConcerns : undefined,
          result: await screen(b.intake, { at: b.at ?? today, timeZone }),
        })),
      );
      screened.sort((a, b) => String(a.time).localeCompare(String(b.time)));
      // The samples carry their own appointment date; say which date the page shows.
      const dates = [...new Set(bookings.map((b) => b.at ?? today))];
      return send(res, 200, 'text/html; charset=utf-8', renderBookingsPage(screened, dates.join(', ')), {
        // No script on this page at all; inline styles only.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        'Referrer-Policy': 'no-referrer',
      });
    }
    return sendJson(res, 404, { error: 'not-found' });
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError) {
        const close = e.status === 413 ? { Connection: 'close' } : {};
        sendJson(res, e.status, { error: e.error, issues: e.issues }, close);
        // Do not read the rest of an oversized body; let the client finish sending, then close.
        if (e.status === 413) req.resume();
        return;
      }
      // An unexpected fault: say nothing about the request; the library itself never throws from screen().
      sendJson(res, 500, { error: 'internal-error' });
    });
  });
}

/**
 * Start the server on 127.0.0.1. Port 0 picks a free port; the returned `url` says which.
 *
 * @param {number} [port]
 * @param {Parameters<typeof createServer>[0]} [options]
 * @returns {Promise<{ server: import('node:http').Server, url: string, close: () => Promise<void> }>}
 */
export function startServer(port = 0, options = {}) {
  const server = createServer(options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
      resolve({
        server,
        url,
        close: () =>
          new Promise((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

// Run directly: `node examples/booking-app/server.mjs` (PORT=8080 to choose the port).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  const { url } = await startServer(port);
  // The only line this service ever logs: where it listens.
  process.stdout.write(`booking-app listening on ${url}  (GET / for today's bookings, POST /screen to screen an intake)\n`);
}
