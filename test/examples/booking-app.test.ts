/**
 * The booking-app example, started in-process on an ephemeral 127.0.0.1 port. (Under vitest the example's
 * `import 'massage-triage'` resolves to the source; run by hand it resolves to the built dist.)
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_INTAKE, screen, withAnswers } from 'massage-triage';
import { MAX_BODY_BYTES, renderBookingsPage, sampleBookings, startServer } from '../../examples/booking-app/server.mjs';
import { ensureBuilt } from '../cli/helpers.js';

const AT = '2026-12-01';
const INJECTED = '<script>alert("owned")</script>';

let url = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const started = await startServer(0, {
    at: AT,
    bookings: [
      { name: 'Alex Healthy', time: '09:00', intake: BASELINE_INTAKE },
      { name: 'Dana <img src=x onerror=alert(1)>', time: '10:00', intake: withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' }) },
      { name: 'Casey Notes', time: '11:00', intake: withAnswers(BASELINE_INTAKE, { 'visit.otherConcerns': INJECTED }) },
      { name: 'Robin Incomplete', time: '12:00', intake: { client: { pregnant: 'no' } } },
    ],
  });
  url = started.url;
  close = started.close;
});

afterAll(async () => {
  await close();
});

const postScreen = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${url}/screen`, { method: 'POST', headers, body });

describe('booking-app: POST /screen', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('screens a valid intake: 200 with the disposition, flags and audit', async () => {
    const res = await postScreen(JSON.stringify({ intake: BASELINE_INTAKE, at: AT }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.disposition).toBe('proceed');
    expect(body.flags).toEqual([]);
    expect(body.audit.at).toBe(AT);
  });

  it('refers a client with one-sided leg signs (possible DVT) urgently', async () => {
    const intake = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left' });
    const res = await postScreen(JSON.stringify({ intake, at: AT }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.disposition).toBe('refer-urgent');
    expect(body.flags.map((f: { ruleId: string }) => f.ruleId)).toContain('clot-current-signs');
  });

  it('answers bad JSON with 400 and an issue that does not repeat the body', async () => {
    const res = await postScreen('{"intake": {"client": secret-value');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('secret-value');
    const body = JSON.parse(text);
    expect(body.error).toBe('bad-json');
    expect(body.issues[0].code).toBe('invalid');
  });

  it('answers an invalid intake with 400 and every issue with its path, without the values', async () => {
    const intake = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'perhaps-secret', 'client.pregnant': null });
    const res = await postScreen(JSON.stringify({ intake, at: AT }));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('perhaps-secret');
    const body = JSON.parse(text);
    expect(body.error).toBe('invalid-intake');
    const paths = body.issues.map((i: { pathString: string }) => i.pathString);
    expect(paths).toContain('clots.legSigns');
    expect(paths).toContain('client.pregnant');
    expect(body.issues.find((i: { pathString: string }) => i.pathString === 'client.pregnant').code).toBe('required');
  });

  it('requires the envelope: a bare intake is a 400 naming "intake"', async () => {
    const res = await postScreen(JSON.stringify(BASELINE_INTAKE));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.issues[0].message).toMatch(/intake/);
  });

  it('refuses a body over the limit with 413', async () => {
    const big = JSON.stringify({ intake: BASELINE_INTAKE, at: AT, pad: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await postScreen(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('body-too-large');
  });

  it('refuses an oversized chunked body (no Content-Length) with 413 as it streams', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/screen`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 6; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it('refuses other media types, methods and paths', async () => {
    expect((await postScreen('{}', { 'content-type': 'text/plain' })).status).toBe(415);
    const get = await fetch(`${url}/screen`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${url}/`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });
});

describe('booking-app: GET / (front desk page)', () => {
  it('lists the bookings with their colour-coded dispositions, flags and client messages', async () => {
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('Alex Healthy');
    expect(html).toContain('Casey Notes');
    expect(html).toContain(`Screening for ${AT}`);
    // Rows carry their disposition; the DVT booking is refer-urgent, the healthy one proceeds.
    expect(html).toMatch(/data-disposition="proceed"><td><strong>09:00/);
    expect(html).toMatch(/data-disposition="refer-urgent"><td><strong>10:00/);
    expect(html).toMatch(/data-disposition="not-screened"><td><strong>12:00/);
    expect(html).toContain('Possible blood clot');
    expect(html).toContain('Please contact your doctor today');
  });

  it('a stop speaks with one voice: what to do now, and no precaution that describes a session', async () => {
    // One-sided calf signs, with a painkiller taken today ("we will use moderate pressure today" below the stop).
    const intake = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left', 'medications.painMedicationToday': 'yes' });
    const result = await screen(intake, { at: AT });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const html = renderBookingsPage([{ name: 'Jo', time: '10:00', intake, result }], AT);
    const row = /<tr data-disposition="refer-urgent">.*?<\/tr>/s.exec(html)?.[0] ?? '';
    expect(row).toContain('No massage today.');
    expect(row).toContain('call emergency services');
    expect(row).not.toMatch(/moderate pressure|gentle/);
    // The desk still sees the precaution, marked for a later session.
    expect(row).toMatch(/Pain medication[^<]*<span class="later">\(later session only\)<\/span>/);
  });

  it('escapes the client\'s own text: no injected markup survives', async () => {
    const html = await (await fetch(`${url}/`)).text();
    expect(html).not.toContain(INJECTED);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
    expect(html).toContain('Dana &lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<script/gi)).toBeNull();
  });
});

describe('booking-app: run as a user runs it', () => {
  it('node examples/booking-app/server.mjs serves the built package (dist) through its own name', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    // The example imports 'massage-triage', which node resolves to dist/ by package self-reference.
    await ensureBuilt();
    const child = spawn(process.execPath, ['examples/booking-app/server.mjs'], { cwd: root, env: { ...process.env, PORT: '0' } });
    try {
      const childUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`the server exited early with code ${code}`)));
      });
      const intake = withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes' });
      const res = await fetch(`${childUrl}/screen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ intake, at: AT }) });
      expect(res.status).toBe(200);
      expect((await res.json()).disposition).toBe('refer-urgent');
      expect((await fetch(`${childUrl}/`)).status).toBe(200);
    } finally {
      child.kill();
    }
  });
});

describe('booking-app: sample bookings', () => {
  it('takes today\'s bookings from examples/intakes (each with the samples\' appointment date), and all of them screen', async () => {
    const bookings = sampleBookings();
    expect(bookings.length).toBeGreaterThanOrEqual(3);
    expect(new Set(bookings.map((b) => b.time)).size).toBe(bookings.length);
    const started = await startServer(0, { bookings });
    try {
      const html = await (await fetch(`${started.url}/`)).text();
      const rows = html.match(/<tr data-disposition="([a-z-]+)"/g) ?? [];
      expect(rows.length).toBe(bookings.length);
      expect(html).not.toContain('data-disposition="not-screened"');
    } finally {
      await started.close();
    }
  });
});
