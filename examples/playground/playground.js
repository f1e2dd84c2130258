// The playground: the text is checked as the file chosen would be
// (validateText, as `madace-core validate --stdin` checks it), each
// problem shown with its code frame, and a YAML definition's parsed value
// beside it. Everything runs in the browser, in madace-core's WebAssembly build.
import { init, validateTextSync, parseAgent, parseWorkflow, parseConfig, codeFrame } from 'madace-core/wasm';

/** The files one can check: a name (which tells the kind), a sample from the examples, and its parser. */
const FILES = [
  { name: 'mam/agents/pm.agent.yaml', sample: '../madace/mam/agents/pm.agent.yaml', parse: parseAgent },
  { name: 'mam/workflows/plan-project.workflow.yaml', sample: '../madace/mam/workflows/plan-project.workflow.yaml', parse: parseWorkflow },
  { name: 'core/config.yaml', sample: '../madace/core/config.yaml', parse: parseConfig },
  { name: 'bmad-agent-pm/customize.toml', sample: '../bmad/.claude/skills/bmad-agent-pm/customize.toml', parse: null },
];

const $ = (id) => document.getElementById(id);
const file = $('file');
const source = $('source');
const strict = $('strict');

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One problem: `line:column  severity  message  CODE`, then its code frame. */
function problemItem(problem, text, checked) {
  const item = element('li', problem.severity);
  item.dataset.line = problem.line ?? '';
  item.dataset.column = problem.column ?? '';
  item.dataset.code = problem.code;
  const where = problem.line === null ? problem.path ?? checked : `${problem.line}:${problem.column}`;
  item.append(
    element('span', 'where', where),
    '  ',
    element('span', 'severity', problem.severity),
    '  ',
    element('span', 'message', problem.field ? `${problem.field}: ${problem.message}` : problem.message),
    '  ',
    element('span', 'code', problem.rule ? `${problem.code} ${problem.rule}` : problem.code),
  );
  // Frames for the text in the editor; a problem of another file (a skill's SKILL.md) has none.
  const inText = problem.path === undefined || problem.path === checked;
  const frame = inText && problem.line !== null ? codeFrame(text, problem.line, problem.column) : null;
  if (frame) item.append(element('pre', 'frame', frame));
  return item;
}

function check() {
  const chosen = FILES[file.selectedIndex];
  const text = source.value;
  const report = validateTextSync(text, { filename: chosen.name, strict: strict.checked });
  const problems = report.files.flatMap((f) => f.problems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const status = $('status');
  status.className = errors ? 'failed' : 'ok';
  status.textContent = errors
    ? `${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}`
    : `valid${problems.length ? `, ${problems.length} warning${problems.length === 1 ? '' : 's'}` : ''}`;
  $('problems').replaceChildren(...problems.map((p) => problemItem(p, text, chosen.name)));
  let result = '(not parsed while the text has errors)';
  if (!chosen.parse) result = '(a customization layer: checked as its skill loads it, not parsed on its own)';
  else if (errors === 0) result = JSON.stringify(chosen.parse(text, { filename: chosen.name }), null, 2);
  $('result').textContent = result;
}

async function load(index) {
  const response = await fetch(FILES[index].sample);
  source.value = response.ok ? await response.text() : '';
  check();
}

await init();
file.append(...FILES.map((f) => element('option', null, f.name)));
file.addEventListener('change', () => load(file.selectedIndex));
strict.addEventListener('change', check);
// Every keystroke: a check takes well under a millisecond for a definition file.
source.addEventListener('input', check);
await load(0);
document.body.dataset.ready = 'true';
