// The rule playground: a clinic's rules file in CodeMirror 6 with the shipped rules.schema.json (checks and hover from
// codemirror-json-schema, completion from VS Code's JSON language service), the library's own check as diagnostics too, its fixtures, and the
// impact of the edit on sample intakes, all computed in the page with the library's browser build. Nothing leaves the
// page.
import { basicSetup, EditorView } from 'codemirror';
import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { hoverTooltip } from '@codemirror/view';
import { handleRefresh, jsonSchemaHover, jsonSchemaLinter, stateExtensions } from 'codemirror-json-schema';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import {
  checkFixtureFile,
  checkRuleSet,
  createScreener,
  defaultRuleSet,
  IMPACT_DISPOSITIONS,
  ruleImpact,
  runFixtures,
} from 'massage-triage';
import rulesSchema from 'massage-triage/schemas/rules.schema.json';
import clinicRulesText from '../../rule-authoring/clinic.rules.json?raw';
import clinicFixturesText from '../../rule-authoring/clinic.fixtures.json?raw';
import intakesText from '../../rule-authoring/intakes.ndjson?raw';

const AT = '2026-12-01';
const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
};

// The rules as they were when the page opened are the "before" of the impact.
const defaults = defaultRuleSet();
const before = createScreener({ rules: [defaults, JSON.parse(clinicRulesText)] });
const intakes = intakesText.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

/** The edited file as a screener, or the problems that keep it from loading. */
function screenerOf(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problems: [{ pathString: '', message: 'The file is not valid JSON yet.' }] };
  }
  const checked = checkRuleSet(parsed);
  if (!checked.ok) return { problems: checked.problems };
  try {
    return { screener: createScreener({ rules: [defaults, checked.ruleSet] }), problems: [] };
  } catch (e) {
    return { problems: e.problems ?? [{ pathString: '', message: 'The rule set could not be built.' }] };
  }
}

function showProblems(problems) {
  $('problems').replaceChildren(...problems.map((p) => el('li', {}, `${p.pathString ? `${p.pathString}: ` : ''}${p.message}`)));
}

function showImpact(impact) {
  const used = IMPACT_DISPOSITIONS.filter((d) => IMPACT_DISPOSITIONS.some((e) => impact.matrix[d][e] + impact.matrix[e][d] > 0));
  const head = el('tr', {}, el('th', {}, 'before \\ after'), ...used.map((d) => el('th', {}, d)));
  const rows = used.map((from) =>
    el(
      'tr',
      { 'data-from': from },
      el('th', {}, from),
      ...used.map((to) => el('td', { 'data-to': to, class: from !== to && impact.matrix[from][to] > 0 ? 'moved' : '' }, String(impact.matrix[from][to]))),
    ),
  );
  const changed = impact.changed.map((c) => {
    const why = [...c.nowFiring.map((id) => `+${id}`), ...c.noLongerFiring.map((id) => `−${id}`), ...c.outcomeChanged.map((id) => `~${id}`)];
    return el('li', {}, `intake ${c.line}: ${c.from === c.to ? c.from : `${c.from} → ${c.to}`} ${why.join(' ')}`);
  });
  const rules = impact.rules.map((r) => el('li', {}, `${r.ruleId}: fires ${r.from} → ${r.to}`));
  $('impact-summary').textContent = `(${impact.changedCount} of ${impact.intakes} changed)`;
  $('impact').replaceChildren(
    el('table', { id: 'impact-matrix' }, head, ...rows),
    el('p', {}, impact.changedCount === 0 ? 'No intake changes.' : 'Changed intakes:'),
    el('ul', { id: 'impact-changes' }, ...changed),
    el('ul', { id: 'impact-rules' }, ...rules),
  );
}

async function runFixtureFile(screener) {
  const out = $('fixture-results');
  let file;
  try {
    file = JSON.parse(fixturesView.state.doc.toString());
  } catch {
    out.replaceChildren(el('p', { class: 'fail' }, 'The fixtures are not valid JSON.'));
    return;
  }
  const ids = screener.ruleSets.flatMap((s) => s.rules.map((r) => r.id));
  const checked = checkFixtureFile(file, ids);
  const problems = checked.problems.map((p) => el('li', { class: 'fail' }, `${p.pathString}: ${p.message}`));
  const reports = checked.runnable ? await runFixtures(screener, checked.runnable) : [];
  const rows = reports.map((r) =>
    el('li', { class: r.passed ? 'pass' : 'fail' }, `${r.passed ? 'PASS' : 'FAIL'} ${r.name}${r.failures.length ? ` — ${r.failures.join('; ')}` : ''}`),
  );
  const passed = reports.filter((r) => r.passed).length;
  out.replaceChildren(el('p', { id: 'fixture-summary' }, `${passed} passed, ${reports.length - passed} failed${problems.length ? `, ${problems.length} problems` : ''}`), el('ul', {}, ...problems, ...rows));
}

let generation = 0;
let current;
async function update(text) {
  const mine = ++generation;
  const { screener, problems } = screenerOf(text);
  showProblems(problems);
  if (!screener) {
    $('status').textContent = 'Fix the problems to see the impact and run the fixtures.';
    return;
  }
  current = screener;
  const impact = await ruleImpact(before, screener, intakes, { at: AT });
  if (mine !== generation) return; // a newer edit is being computed
  $('status').textContent = `The rules load: ${screener.rules.length} rules run (the default set and the clinic's).`;
  showImpact(impact);
  await runFixtureFile(screener);
}

/**
 * The library's own check of the file as editor diagnostics, each on the value it is about: what the schema cannot
 * say (a path the fact does not have, an operator that does not fit it, an answer the question does not take).
 */
const libraryLinter = linter((v) => {
  const text = v.state.doc.toString();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return []; // the JSON linter reports syntax errors
  }
  const checked = checkRuleSet(parsed);
  if (checked.ok) return [];
  const tree = parseTree(text);
  return checked.problems.map((p) => {
    let node = tree && findNodeAtLocation(tree, [...p.path]);
    for (let path = [...p.path]; !node && path.length > 0; path = path.slice(0, -1)) node = tree && findNodeAtLocation(tree, path);
    const from = node ? node.offset : 0;
    return { from, to: node ? from + node.length : 0, severity: 'error', source: 'massage-triage', message: p.message };
  });
});

/**
 * Completion from VS Code's own JSON language service with the shipped schema: it follows the schema's if / then from
 * the fact to its paths, operators and answers, as VS Code does for a rules file on disk.
 */
const SCHEMA_URI = 'https://massage-triage.dev/schemas/rules.schema.json';
const service = getLanguageService({
  // The file's own "$schema" (a relative path to rules.schema.json) wins over the association below: serve it the same.
  schemaRequestService: (uri) => (uri.endsWith('rules.schema.json') ? Promise.resolve(JSON.stringify(rulesSchema)) : Promise.reject(new Error('not available offline'))),
});
service.configure({ validate: false, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.rules.json'] }] });
/** A snippet's text without its placeholders: `"fact": "$1"` → `"fact": ""`. */
const plain = (text) => text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{?\d+\}?/g, '');

async function schemaCompletions(ctx) {
  const text = ctx.state.doc.toString();
  const doc = TextDocument.create('inmemory://playground/clinic.rules.json', 'json', 1, text);
  const list = await service.doComplete(doc, doc.positionAt(ctx.pos), service.parseJSONDocument(doc));
  if (!list || list.items.length === 0) return null;
  const edit = list.items.find((i) => i.textEdit)?.textEdit;
  const range = edit && ('range' in edit ? edit.range : edit.replace);
  return {
    from: range ? doc.offsetAt(range.start) : ctx.pos,
    to: range ? doc.offsetAt(range.end) : ctx.pos,
    options: list.items.map((i) => ({
      label: i.label,
      detail: i.detail,
      info: typeof i.documentation === 'string' ? i.documentation : i.documentation?.value,
      apply: plain(i.textEdit?.newText ?? i.insertText ?? i.label),
    })),
    filter: false,
  };
}

let timer;
const view = new EditorView({
  doc: clinicRulesText,
  parent: $('editor'),
  extensions: [
    basicSetup,
    EditorView.lineWrapping,
    // codemirror-json-schema: the schema's checks and hover; completion comes from the language service above.
    json(),
    linter(jsonParseLinter()),
    linter(jsonSchemaLinter(), { needsRefresh: handleRefresh }),
    hoverTooltip(jsonSchemaHover()),
    stateExtensions(rulesSchema),
    jsonLanguage.data.of({ autocomplete: schemaCompletions }),
    libraryLinter,
    lintGutter(),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged) return;
      clearTimeout(timer);
      timer = setTimeout(() => update(u.state.doc.toString()), 250);
    }),
  ],
});

const fixturesView = new EditorView({ doc: clinicFixturesText, parent: $('fixtures-editor'), extensions: [basicSetup, json()] });
$('run-fixtures').addEventListener('click', () => current && runFixtureFile(current));

// For the browser test and for curious developers: the two editors.
window.playground = { view, fixturesView, schemaCompletions };
update(view.state.doc.toString());
