'use strict';
// madace-core/madace: the MADACE dialect accepts exactly the MADACE app's
// shapes and returns what its zod schemas return (madace-zod.test.js runs
// them side by side), keeps its own cache, and follows MADACE-METHOD's
// folder rules and helpers.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const main = require('../..');
const madace = require('madace-core/madace');
const { examples, corpus, corpusMissing, scratch, write, findFiles } = require('./helpers');

const AGENT = `agent:
  metadata:
    id: helper
    name: Helper
    title: Helps
    icon: 🤝
  persona:
    role: r
    identity: i
    communication_style: c
    principles: [p]
  menu:
    - trigger: '*help'
      description: Show help
      action: help
`;

/** The problems of an E_SCHEMA error as `[field, line, column, message]`. */
function problems(fn) {
  try {
    fn();
  } catch (err) {
    assert.equal(err.code, 'E_SCHEMA', err.message);
    return err.issues.map((i) => [i.field, i.line, i.column, i.message]);
  }
  assert.fail('expected an E_SCHEMA error');
}

test('the bundled MADACE tree: the same files, without the keys the app never declared', async () => {
  const agents = await madace.loadMAMAgents({ root: path.dirname(examples) });
  const full = await main.loadMAMAgents({ root: path.dirname(examples) });
  assert.deepEqual(
    agents.map((a) => a.metadata.id),
    ['analyst', 'architect', 'dev', 'pm', 'sm'],
  );
  assert.deepEqual(agents.map((a) => a.metadata.id), full.map((a) => a.metadata.id));
  for (const file of findFiles(path.join(examples, 'mam', 'workflows'), '.workflow.yaml')) {
    const wf = madace.loadWorkflowSync(file);
    assert.deepEqual(Object.keys(wf), ['name', 'description', 'steps']);
    assert.equal(wf.steps.length, main.loadWorkflowSync(file).steps.length);
  }
});

test('config modules mam, mab and cis are required, enabled defaults to false', () => {
  const base = 'project_name: p\noutput_folder: docs\nuser_name: Ann\ncommunication_language: en\n';
  assert.equal(main.parseConfig(base).modules, undefined);
  assert.deepEqual(problems(() => madace.parseConfig(base)), [
    ['modules', 1, 1, "required field 'modules' is missing"],
  ]);
  assert.deepEqual(problems(() => madace.parseConfig(`${base}modules:\n  mam: {}\n  cis: { enabled: 1 }\n`)), [
    ['modules.mab', 6, 3, "required field 'mab' is missing"],
    ['modules.cis.enabled', 7, 19, 'expected true or false, found a number'],
  ]);
  const config = madace.parseConfig(`${base}modules:\n  mam: { enabled: true }\n  mab: {}\n  cis: {}\n  extra: {}\n`);
  assert.deepEqual(config.modules, { mam: { enabled: true }, mab: { enabled: false }, cis: { enabled: false } });
  assert.equal(config.project_root_path, process.cwd());
  assert.deepEqual(madace.loadConfigSync(path.join(examples, 'core', 'config.yaml')).modules, {
    mam: { enabled: true },
    mab: { enabled: false },
    cis: { enabled: false },
  });
});

test('menu items need a trigger and a description; BMAD multi items are refused', () => {
  const multi = AGENT.replace(
    "  menu:\n    - trigger: '*help'\n",
    "  menu:\n    - multi: '[CH] Chat'\n      triggers:\n        - chat: { input: CH, action: chat }\n    - trigger: '*help'\n",
  );
  assert.equal(main.parseAgent(multi, { filename: 'h.agent.yaml' }).menu.length, 2);
  assert.deepEqual(
    problems(() => madace.parseAgent(multi, { filename: 'h.agent.yaml' })),
    [
      ['agent.menu[0].description', 13, 7, "required field 'description' is missing"],
      ['agent.menu[0].trigger', 14, 7, "unknown key 'triggers' — did you mean 'trigger'? (required field 'trigger' is missing)"],
    ],
  );
  const undescribed = AGENT.replace('      description: Show help\n', '');
  assert.deepEqual(problems(() => madace.parseAgent(undescribed)), [
    ['agent.menu[0].description', 13, 7, "required field 'description' is missing"],
  ]);
});

test('prompts need a name, a trigger and content', () => {
  const text = `${AGENT}  prompts:\n    - id: bmad-style\n      content: c\n    - name: p2\n      trigger: '*p2'\n      content: c\n`;
  assert.equal(main.parseAgent(text).prompts.length, 2);
  assert.deepEqual(
    problems(() => madace.parseAgent(text)),
    [
      ['agent.prompts[0].name', 17, 7, "required field 'name' is missing"],
      ['agent.prompts[0].trigger', 17, 7, "required field 'trigger' is missing"],
    ],
  );
});

test('workflows must be MADACE workflows with named steps', () => {
  const bmad = 'name: story\ninstructions: instructions.md\n';
  assert.equal(main.parseWorkflow(bmad).name, 'story');
  assert.deepEqual(problems(() => madace.parseWorkflow(bmad, { filename: 'story/workflow.yaml' })), [
    ['workflow', 1, 1, "required field 'workflow' is missing"],
  ]);
  const unnamed = 'workflow:\n  name: w\n  description: d\n  steps:\n    - action: elicit\n    - name: ""\n      action: guide\n';
  assert.equal(main.parseWorkflow(unnamed).steps.length, 2);
  assert.deepEqual(problems(() => madace.parseWorkflow(unnamed)), [
    ['workflow.steps[0].name', 5, 7, "required field 'name' is missing"],
    ['workflow.steps[1].name', 6, 13, "'name' must not be empty"],
  ]);
  // What the app's schema does not declare is left out, at every level.
  const extra = 'workflow:\n  name: w\n  description: d\n  agent: pm\n  steps:\n    - name: s\n      action: reflect\n      model: gpt-4\n      store_as: r\n';
  assert.deepEqual(madace.parseWorkflow(extra), { name: 'w', description: 'd', steps: [{ name: 's', action: 'reflect' }] });
  assert.equal(main.parseWorkflow(extra).steps[0].model, 'gpt-4');
});

test('each dialect caches its own result for a file', (t) => {
  const dir = scratch(t);
  const file = write(dir, 'mam/agents/h.agent.yaml', AGENT.replace('      description: Show help\n', ''));
  main.clearAgentCache();
  assert.throws(() => main.loadAgentSync(file), { code: 'E_SCHEMA' });
  const both = AGENT.replace("    - trigger: '*help'\n", "    - trigger: '*help'\n      ide-only: true\n");
  write(dir, 'mam/agents/h.agent.yaml', both);
  const fromMain = main.loadAgentSync(file);
  const fromMadace = madace.loadAgentSync(file);
  assert.equal(fromMain.menu[0]['ide-only'], true);
  assert.equal('ide-only' in fromMadace.menu[0], false);
  assert.equal(madace.loadAgentSync(file), fromMadace);
  assert.equal(main.loadAgentSync(file), fromMain);
  // One clearAgentCache forgets both.
  main.clearAgentCache();
  assert.notEqual(madace.loadAgentSync(file), fromMadace);
});

test('the folder loaders check every file in the dialect', async (t) => {
  const dir = scratch(t);
  write(dir, 'madace/mam/agents/good.agent.yaml', AGENT);
  write(dir, 'madace/mam/agents/multi.agent.yaml', AGENT.replace("    - trigger: '*help'\n      description: Show help\n", "    - multi: x\n      triggers: [{ go: { input: g, route: r } }]\n"));
  assert.equal((await main.loadMAMAgents({ root: dir })).length, 2);
  const { agents, errors } = await madace.loadMAMAgents({ root: dir, collectErrors: true });
  assert.deepEqual(agents.map((a) => a.metadata.id), ['helper']);
  assert.deepEqual(errors.map((e) => [path.basename(e.path), e.code, e.line, e.column]), [['multi.agent.yaml', 'E_SCHEMA', 13, 7]]);
  await assert.rejects(madace.loadAllAgents({ root: dir }), { name: 'AgentLoadError', code: 'E_SCHEMA' });
  await assert.rejects(madace.loadMAMAgents({ root: path.join(dir, 'nowhere') }), { code: 'E_NOT_FOUND' });
});

test('the MADACE corpus loads in the dialect', { skip: corpusMissing }, () => {
  const tree = path.join(corpus, 'madace-method', 'madace');
  const agents = findFiles(tree, '.agent.yaml').map((f) => madace.loadAgentSync(f));
  assert.equal(agents.length, 5);
  const config = madace.loadConfigSync(path.join(tree, 'core', 'config.yaml'));
  assert.deepEqual(Object.keys(config.modules), ['mam', 'mab', 'cis']);
  const workflows = findFiles(tree, '.workflow.yaml');
  const loaded = workflows.filter((f) => {
    try {
      madace.loadWorkflowSync(f);
      return true;
    } catch (err) {
      assert.equal(path.basename(f), 'scale-adaptive-route.workflow.yaml', err.message);
      return false;
    }
  });
  console.log(`madace dialect on the corpus: ${agents.length} agents, ${loaded.length}/${workflows.length} workflows, the config`);
  assert.equal(loaded.length, workflows.length - 1);
});

const WORKFLOW = 'workflow:\n  name: plan\n  description: d\n  steps:\n    - name: ask\n      action: elicit\n';

test("MADACE-METHOD's folder helpers: twins, madace/ then bmad/, the project root", async (t) => {
  const dir = scratch(t);
  write(dir, 'bmad/bmm/agents/helper.agent.yaml', AGENT);
  write(dir, 'madace/mab/agents/maker.agent.yaml', AGENT.replace('id: helper', 'id: maker'));
  write(dir, 'madace/mam/workflows/plan.workflow.yaml', WORKFLOW);
  write(dir, 'bmad/bmm/workflows/story.yaml', WORKFLOW.replace('name: plan', 'name: story'));
  write(dir, 'bmad/bmm/workflows/nested/prd/workflow.yaml', WORKFLOW.replace('name: plan', 'name: prd'));
  write(dir, 'madace/core/workflows/notes.md', '# not a workflow');
  assert.deepEqual(madace.getModuleVariants('BMM'), ['bmm', 'mam']);
  assert.deepEqual(madace.getModuleVariants('cis'), ['cis']);
  assert.deepEqual(madace.getFrameworkVariants('madace'), ['madace', 'bmad']);
  assert.equal(madace.resolveModuleAlias('mab'), 'bmb');
  assert.equal(madace.resolveModuleAlias('CIS'), 'cis');
  assert.equal(await madace.resolveAgentDirectory('mam', { root: dir }), path.join(dir, 'bmad', 'bmm', 'agents'));
  assert.equal(madace.resolveAgentDirectorySync('cis', { root: dir }), null);
  assert.equal(await madace.resolveWorkflowDirectory('bmm', { root: dir }), path.join(dir, 'madace', 'mam', 'workflows'));
  const dirs = madace.getWorkflowDirectories({ root: dir });
  assert.equal(dirs.length, 12);
  assert.deepEqual(dirs.slice(0, 2), [path.join(dir, 'madace/mam/workflows'), path.join(dir, 'madace/bmm/workflows')]);

  const ids = (agents) => agents.map((a) => a.metadata.id);
  assert.deepEqual(ids(await madace.loadMAMAgents({ root: dir })), ['helper']);
  assert.deepEqual(ids(await madace.loadMABAgents({ root: dir })), ['maker']);
  // Modules without an agent folder (cis) are skipped; a module asked for by name is not.
  assert.deepEqual(ids(await madace.loadAllAgents({ root: dir })), ['helper', 'maker']);
  await assert.rejects(madace.loadAgentsByModule('cis', { root: dir }), {
    name: 'AgentLoadError',
    code: 'E_NOT_FOUND',
    message: /no agent folder for module 'cis' \(looked for madace\/cis\/agents, bmad\/cis\/agents\)/,
  });

  const names = (workflows) => workflows.map((w) => w.name);
  assert.deepEqual(names(await madace.loadWorkflowsByModule('mam', { root: dir })), ['plan', 'story']);
  assert.deepEqual(names(madace.loadAllWorkflowsSync({ root: dir })), ['plan', 'story']);
  assert.equal(await madace.findWorkflow('story', { root: dir }), path.join(dir, 'bmad/bmm/workflows/story.yaml'));
  assert.equal(madace.findWorkflowSync('prd', { root: dir }), path.join(dir, 'bmad/bmm/workflows/nested/prd/workflow.yaml'));
  assert.equal(await madace.findWorkflow('none', { root: dir }), null);
  await assert.rejects(madace.findWorkflow('../../etc/passwd', { root: dir }), { code: 'E_PATH' });

  // A workflow that fails is not dropped in silence (MADACE-METHOD skips it): it throws, or is collected.
  write(dir, 'madace/mam/workflows/broken.workflow.yaml', WORKFLOW.replace('action: elicit', 'action: route'));
  await assert.rejects(madace.loadWorkflowsByModule('bmm', { root: dir }), {
    name: 'WorkflowLoadError',
    code: 'E_SCHEMA',
    path: path.join(dir, 'madace/mam/workflows/broken.workflow.yaml'),
    line: 6,
  });
  const { workflows, errors } = await madace.loadAllWorkflows({ root: dir, collectErrors: true });
  assert.deepEqual(names(workflows), ['plan', 'story']);
  assert.deepEqual(errors.map((e) => [path.basename(e.path), e.code]), [['broken.workflow.yaml', 'E_SCHEMA']]);

  // The root defaults to MADACE_PROJECT_ROOT, else the working directory.
  const before = process.env.MADACE_PROJECT_ROOT;
  process.env.MADACE_PROJECT_ROOT = dir;
  try {
    assert.deepEqual(ids(madace.loadAllAgentsSync()), ['helper', 'maker']);
    assert.equal(madace.getWorkflowDirectories()[0], path.join(dir, 'madace/mam/workflows'));
  } finally {
    if (before === undefined) delete process.env.MADACE_PROJECT_ROOT;
    else process.env.MADACE_PROJECT_ROOT = before;
  }
  assert.equal(madace.getWorkflowDirectories()[0], path.join(process.cwd(), 'madace/mam/workflows'));
});
