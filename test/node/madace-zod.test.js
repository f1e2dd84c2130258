'use strict';
// madace-core/madace against the MADACE app's own zod schemas
// (../shared/madace-app-types, run as the app runs them: js-yaml, then
// `safeParse`): on every MADACE file of the corpus and the bundled tree, and
// on variants of each (an extra key in every mapping, every field removed,
// nulled or given another type, the cases of issue 23), both must accept
// or refuse alike, and accepted files must load as exactly zod's output.
// The config is checked against MADACE-METHOD's schema: the app's, plus
// `project_root_path` defaulting to the working directory.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const yaml = require('js-yaml');
const madace = require('madace-core/madace');
const { root, examples, corpus, findFiles } = require('./helpers');

const appTypes = path.resolve(root, '..', 'shared', 'madace-app-types');
const missing = fs.existsSync(appTypes) ? false : `${appTypes} is absent: the app's zod schemas are needed`;

/** Runs one of the app's TypeScript schema files, transpiled, with zod resolved from here. */
function loadSchemas(name) {
  const ts = require('typescript');
  const file = path.join(appTypes, name);
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options }).outputText;
  const mod = new Module(file);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(root);
  mod._compile(js, file);
  return mod.exports;
}

function kinds() {
  const { z } = require('zod');
  const { ConfigSchema } = loadSchemas('config-schema.ts');
  // MADACE-METHOD's ConfigSchema: the app's, with project_root_path after the four required fields.
  const { madace_version, installed_at, modules, ...required } = ConfigSchema.shape;
  const methodConfig = z.object({
    ...required,
    project_root_path: z.string().min(1).default(process.cwd()),
    madace_version,
    installed_at,
    modules,
  });
  return {
    agent: { schema: loadSchemas('agent-schema.ts').AgentFileSchema, wrapper: 'agent', parse: madace.parseAgent },
    workflow: { schema: loadSchemas('workflow-schema.ts').WorkflowFileSchema, wrapper: 'workflow', parse: madace.parseWorkflow },
    config: {
      schema: methodConfig,
      parse: madace.parseConfig,
    },
  };
}

const kindOfFile = (file) => (file.endsWith('.agent.yaml') ? 'agent' : file.endsWith('.workflow.yaml') ? 'workflow' : 'config');

/** `[accepted, value]` by the app's way and by madace-core/madace. */
function both(kind, text, filename) {
  const zod = kind.schema.safeParse(yaml.load(text));
  const app = zod.success ? [true, kind.wrapper ? zod.data[kind.wrapper] : zod.data] : [false, zod.error.issues];
  try {
    return { app, ours: [true, kind.parse(text, { filename })] };
  } catch (err) {
    assert.equal(err.code, 'E_SCHEMA', `${filename}: ${err.message}`);
    return { app, ours: [false, err.issues] };
  }
}

function assertSame(kind, text, filename, what) {
  const { app, ours } = both(kind, text, filename);
  const verdict = (ok) => (ok ? 'accepts' : 'refuses');
  assert.equal(ours[0], app[0], `${what}: zod ${verdict(app[0])}, madace-core ${verdict(ours[0])}\n${JSON.stringify(app[0] ? ours[1] : app[1]).slice(0, 400)}\n--- the YAML:\n${text}`);
  if (app[0]) {
    assert.deepEqual(ours[1], app[1], what);
    // Key order too: the app's routes send the object as JSON.
    assert.equal(JSON.stringify(ours[1]), JSON.stringify(app[1]), what);
  }
  return app[0];
}

/** Every mapping and every field of a loaded YAML value, as paths. */
function paths(value, at = []) {
  if (Array.isArray(value)) return value.flatMap((v, i) => paths(v, [...at, i]));
  if (value === null || typeof value !== 'object') return [];
  return [{ at, map: true }, ...Object.entries(value).flatMap(([k, v]) => [{ at: [...at, k] }, ...paths(v, [...at, k])])];
}

function edit(doc, at, change) {
  const copy = structuredClone(doc);
  const parent = at.slice(0, -1).reduce((v, k) => v[k], copy);
  change(parent, at[at.length - 1]);
  return copy;
}

/** Variants of one file: an extra key in every mapping, every field removed, nulled, a number, a list, a mapping, empty text. */
function* variants(doc) {
  for (const { at, map } of paths(doc)) {
    const where = at.join('.') || '(root)';
    if (map) {
      const withExtra = structuredClone(doc);
      const target = at.reduce((v, k) => v[k], withExtra);
      target.apiKey = 'sk-secret';
      target.nested_extra = { token: 'x' };
      yield [`an extra key in ${where}`, withExtra];
      continue;
    }
    const replacements = [
      ['removed', (p, k) => (Array.isArray(p) ? p.splice(k, 1) : delete p[k])],
      ['null', (p, k) => (p[k] = null)],
      ['a number', (p, k) => (p[k] = 7)],
      ['a list', (p, k) => (p[k] = ['x'])],
      ['a mapping', (p, k) => (p[k] = { x: 'y' })],
      ['empty text', (p, k) => (p[k] = '')],
    ];
    for (const [how, change] of replacements) yield [`${where} ${how}`, edit(doc, at, change)];
  }
}

function corpusFiles() {
  const trees = [examples, path.join(corpus, 'madace-method', 'madace')].filter((d) => fs.existsSync(d));
  return trees.flatMap((tree) => findFiles(tree, '.yaml')).filter((f) => /\.(agent|workflow)\.yaml$|config\.yaml$/.test(f));
}

test('every corpus MADACE file and its variants: the verdict and the value of the app\'s zod', { skip: missing }, () => {
  const all = kinds();
  const files = corpusFiles();
  let count = 0;
  let accepted = 0;
  for (const file of files) {
    const kind = all[kindOfFile(file)];
    const text = fs.readFileSync(file, 'utf8');
    accepted += assertSame(kind, text, file, path.relative(root, file));
    count++;
    for (const [what, doc] of variants(yaml.load(text))) {
      accepted += assertSame(kind, yaml.dump(doc), file, `${path.basename(file)}: ${what}`);
      count++;
    }
  }
  console.log(`madace-core/madace vs the app's zod: ${files.length} files, ${count} inputs, ${accepted} accepted by both, ${count - accepted} refused by both`);
  assert.ok(files.length >= 10, `only ${files.length} MADACE files found`);
});

const AGENT = `agent:
  metadata: { id: pm, name: PM, title: Product Manager, icon: "📋" }
  persona:
    role: r
    identity: i
    communication_style: c
    principles: [one]
  menu:
    - trigger: '*plan'
      description: Plan
`;
const WORKFLOW = `workflow:
  name: plan
  description: d
  steps:
    - name: ask
      action: elicit
`;
const CONFIG = `project_name: p
output_folder: docs
user_name: Ann
communication_language: en
modules:
  mam: { enabled: true }
  mab: {}
  cis: {}
`;

test('the cases of the issue, and odd but valid YAML, decide and load as zod does', { skip: missing }, () => {
  const all = kinds();
  const cases = [
    ['config', CONFIG.replace('modules:', 'llm:\n  provider: gemini\n  apiKey: sk-live-123\nmodules:'), true],
    ['config', `${CONFIG}state_machine:\n  max_todo_items: 0\n`, true],
    ['config', CONFIG.replace('user_name: Ann', "user_name: ''"), false],
    ['config', CONFIG.replace('user_name: Ann', "user_name: ' '"), true],
    ['config', CONFIG.replace('  cis: {}\n', '  cis: {}\n  bmm: { enabled: 1 }\n'), true],
    ['config', CONFIG.replace('  mab: {}\n', ''), false],
    ['config', CONFIG.replace('  mab: {}', '  mab: { enabled: null }'), false],
    ['config', `project_root_path: /srv/app\n${CONFIG}`, true],
    ['agent', AGENT.replace('principles: [one]', 'principles: |\n      - one\n      - two'), false],
    ['agent', AGENT.replace("    - trigger: '*plan'\n      description: Plan\n", "    - multi: '[CH] Chat'\n      triggers: []\n"), false],
    ['agent', AGENT.replace('id: pm, ', ''), false],
    ['agent', AGENT.replace('  menu:\n', '  discussion: true\n  menu:\n'), true],
    ['agent', `${AGENT}saved_answers: { a: 1 }\n`, true],
    ['agent', `${AGENT}  prompts:\n    - { name: n, trigger: t, content: c, id: extra }\n`, true],
    ['agent', AGENT.replace("description: Plan", "description: Plan\n      ide-only: true\n      model: gpt-4"), true],
    ['agent', AGENT.replace("    - trigger: '*plan'\n      description: Plan\n", "    - description: Plan\n      trigger: '*plan'\n"), true],
    ['agent', AGENT.replace(/ {2}menu:[\s\S]*/, '  menu:\n'), false],
    ['workflow', `${WORKFLOW}    - name: child\n      action: sub-workflow\n      variables: { workflow_name: x }\n`, true],
    ['workflow', `${WORKFLOW}    - name: think\n      action: reflect\n      model: gpt-4\n      store_as: r\n      max_tokens: 10\n`, true],
    ['workflow', WORKFLOW.replace('  steps:', '  agent: pm\n  phase: 1\n  variables: { a: 1 }\n  steps:'), true],
    ['workflow', `${WORKFLOW}    - name: go\n      action: route\n`, false],
    ['workflow', `${WORKFLOW}    - name: ' '\n      action: guide\n`, true],
    ['workflow', `${WORKFLOW}    - name: vars\n      action: guide\n      variables: [a]\n`, false],
    ['workflow', `${WORKFLOW}    - name: vars\n      action: guide\n      context_vars: { level: 2 }\n`, false],
    ['workflow', `name: outside\n${WORKFLOW}`, true],
    ['workflow', 'workflow: &w\n  name: a\n  description: "d"\n  steps: []\ncopy: *w\n', true],
    ['workflow', '# comment\nworkflow:\n  name: n # trailing\n  description: >-\n    folded\n    text\n  steps: [{name: s, action: display, message: "m # not a comment"}]\n', true],
  ];
  for (const [kind, text, accepted] of cases) {
    assert.equal(assertSame(all[kind], text, `case.${kind}.yaml`, `${kind} case:\n${text}`), accepted, text);
  }
  const config = madace.parseConfig(cases[0][1]);
  assert.equal('llm' in config, false);
  assert.equal(JSON.stringify(config).includes('sk-live'), false);
});
