'use strict';
// Whole trees: directories, modules and aliases, workflows, config, the
// cache, loadProject's cross-reference warnings and id lookup safety.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const madace = require('../..');
const { root, examples, corpus, corpusMissing, scratch, write } = require('./helpers');

const exampleRoot = path.join(root, 'examples');
const madaceCorpus = path.join(corpus, 'madace-method');
const bmadCorpus = path.join(corpus, 'bmad-method');
const ids = (agents) => agents.map((a) => a.metadata.id);

test('loadAgents reads a folder recursively, in path order, sync and async', async () => {
  const dir = path.join(examples, 'mam');
  const agents = await madace.loadAgents(dir);
  assert.deepEqual(ids(agents), ['analyst', 'architect', 'dev', 'pm', 'sm']);
  assert.deepStrictEqual(madace.loadAgentsSync(dir), agents);
  assert.equal(madace.loadAgentsFromDirectory, madace.loadAgents);
  await assert.rejects(madace.loadAgents(path.join(examples, 'nope')), { name: 'AgentLoadError', code: 'E_NOT_FOUND' });
});

test('modules are found by MADACE or BMAD name', async () => {
  assert.deepEqual(ids(await madace.loadAgentsByModule('bmm', { root: exampleRoot })), ['analyst', 'architect', 'dev', 'pm', 'sm']);
  assert.deepEqual(ids(madace.loadAgentsByModuleSync('mam', { root: examples })), ['analyst', 'architect', 'dev', 'pm', 'sm']);
  assert.deepEqual(ids(await madace.loadAllAgents({ root: exampleRoot })), ['analyst', 'architect', 'dev', 'pm', 'sm']);
  await assert.rejects(madace.loadAgentsByModule('cis', { root: exampleRoot }), (err) => {
    assert.equal(err.code, 'E_NOT_FOUND');
    assert.equal(err.message, `${exampleRoot}: no module 'cis' in this project (its modules: core, mam)`);
    assert.equal(err.path, exampleRoot);
    return true;
  });
});

test('root defaults to the working directory, as in the MADACE loader', async (t) => {
  const cwd = process.cwd();
  process.chdir(exampleRoot);
  t.after(() => process.chdir(cwd));
  assert.deepEqual(ids(await madace.loadMAMAgents()), ['analyst', 'architect', 'dev', 'pm', 'sm']);
});

test('BMAD trees: aliases, nested agents and all modules', { skip: corpusMissing }, async () => {
  const bmm = await madace.loadMAMAgents({ root: bmadCorpus });
  assert.equal(bmm.length, 9);
  assert.equal(bmm[0].metadata.name, 'Mary');
  const cis = await madace.loadAgentsByModule('cis', { root: bmadCorpus });
  assert.equal(cis.length, 6);
  assert.ok(cis.some((a) => a.metadata.id.endsWith('storyteller.md')));
  // A module's agents are those in its agents/ folder: bmb's reference examples are not among them.
  const bmb = await madace.loadAgentsByModule('mab', { root: bmadCorpus });
  assert.deepEqual(
    bmb.map((a) => a.metadata.id),
    ['_bmad/bmb/agents/agent-building-expert.md', '_bmad/bmb/agents/module-creation-master.md', '_bmad/bmb/agents/workflow-building-master.md'],
  );
  assert.equal(madace.loadAllAgentsSync({ root: bmadCorpus }).length, 1 + 3 + 6 + 9 + 6);
  assert.equal((await madace.loadAllAgents({ root: madaceCorpus })).length, 5);
});

test('the cache returns the identical object until the file changes', async (t) => {
  const dir = scratch(t);
  const file = write(dir, 'mam/agents/cached.agent.yaml', fs.readFileSync(path.join(examples, 'mam/agents/dev.agent.yaml')));
  const first = madace.loadAgentSync(file);
  assert.equal(await madace.loadAgent(file), first);
  assert.equal(madace.loadAgentsSync(dir)[0], first);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: Dev', 'name: Deb'));
  const second = await madace.loadAgent(file);
  assert.notEqual(second, first);
  assert.equal(second.metadata.name, 'Deb');
  assert.equal(madace.loadAgentSync(file), second);
  madace.clearAgentCache();
  const third = madace.loadAgentSync(file);
  assert.notEqual(third, second);
  assert.deepStrictEqual(third, second);
  fs.writeFileSync(file, 'agent: [');
  assert.throws(() => madace.loadAgentSync(file), { code: 'E_YAML' });
});

test('MADACE workflows load as the mapping under workflow:', async () => {
  const wf = await madace.loadWorkflow(path.join(examples, 'mam/workflows/plan-project.workflow.yaml'));
  assert.equal(wf.name, 'plan-project');
  assert.equal(wf.steps.length, 8);
  assert.deepEqual(
    wf.steps.filter((s) => s.action === 'sub-workflow').map((s) => s.workflow_path),
    ['./create-story.workflow.yaml'],
  );
  assert.deepStrictEqual(madace.loadWorkflowSync(path.join(examples, 'mam/workflows/plan-project.workflow.yaml')), wf);
});

test('workflow errors name every bad step', () => {
  const source = 'workflow:\n  name: w\n  description: d\n  steps:\n    - action: dance\n    - name: nested\n      action: sub-workflow\n';
  assert.throws(
    () => madace.parseWorkflow(source, { filename: 'w.workflow.yaml' }),
    (err) => {
      assert.ok(err instanceof madace.WorkflowLoadError && err instanceof madace.MadaceError);
      assert.equal(err.filePath, 'w.workflow.yaml');
      assert.deepEqual(
        err.issues.map((i) => [i.field, i.line, i.column]),
        [
          ['workflow.steps[0].action', 5, 15],
          ['workflow.steps[1].workflow_path', 6, 7],
        ],
      );
      assert.equal(err.issues[1].message, "a sub-workflow step needs 'workflow_path'");
      return true;
    },
  );
});

test('BMAD nested workflow.yaml files load as flat configs', { skip: corpusMissing }, () => {
  const file = path.join(bmadCorpus, 'src/modules/cis/workflows/storytelling/workflow.yaml');
  const wf = madace.loadWorkflowSync(file);
  assert.equal(wf.name, 'storytelling');
  assert.equal(wf.config_source, '{project-root}/_bmad/cis/config.yaml');
  assert.equal(wf.steps, undefined);
  assert.equal(wf.web_bundle.web_bundle_files.length, 3);
});

test('findWorkflow covers flat and nested layouts, and refuses paths', { skip: corpusMissing }, async () => {
  assert.equal(
    await madace.findWorkflow('create-story', { root: exampleRoot }),
    path.join(examples, 'mam/workflows/create-story.workflow.yaml'),
  );
  assert.equal(
    madace.findWorkflowSync('storytelling', { root: bmadCorpus }),
    path.join(bmadCorpus, 'src/modules/cis/workflows/storytelling/workflow.yaml'),
  );
  assert.equal(await madace.findWorkflow('no-such-workflow', { root: exampleRoot }), null);
  await assert.rejects(madace.findWorkflow('../../etc/passwd', { root: exampleRoot }), { code: 'E_PATH' });
  assert.equal((await madace.loadWorkflowById(exampleRoot, 'dev-story')).name, 'dev-story');
  await assert.rejects(madace.loadWorkflowById(exampleRoot, 'ghost'), { code: 'E_NOT_FOUND', name: 'WorkflowLoadError' });
});

test('config: loads, and names every bad field at once', () => {
  const config = madace.loadConfigSync(path.join(examples, 'core/config.yaml'));
  assert.equal(config.project_name, 'Lanternfish Tasks');
  assert.deepEqual(config.modules.mam, { enabled: true });
  const source = "project_name: ''\noutput_folder: docs\nuser_name: 3\nmodules:\n  mam: { enabled: 'yes' }\n";
  assert.throws(
    () => madace.parseConfig(source, { filename: 'core/config.yaml' }),
    (err) => {
      assert.ok(err instanceof madace.ConfigLoadError);
      assert.equal(err.code, 'E_SCHEMA');
      assert.deepEqual(
        err.issues.map((i) => [i.field, i.line, i.column, i.message]),
        [
          ['communication_language', 1, 1, "required field 'communication_language' is missing"],
          ['project_name', 1, 15, "'project_name' must not be empty"],
          ['user_name', 3, 12, 'expected a string, found a number (quote the value to keep it as text)'],
          ['modules.mam.enabled', 5, 19, 'expected true or false, found a string'],
        ],
      );
      return true;
    },
  );
});

test('loadProject on the example tree: everything, no issues', async () => {
  const project = await madace.loadProject(exampleRoot);
  assert.equal(project.framework, 'madace');
  assert.equal(project.config.user_name, 'Riley');
  assert.deepEqual(
    project.modules.map((m) => [m.name, m.agents.length, m.workflows.length]),
    [
      ['core', 0, 0],
      ['mam', 5, 4],
    ],
  );
  assert.deepEqual(project.issues, []);
  assert.equal(project.modules[1].agents[3].agent.metadata.id, 'pm');
  assert.equal(project.modules[1].workflows[0].format, 'madace');
  assert.deepStrictEqual(madace.loadProjectSync(exampleRoot), project);
});

test('loadProject reports broken files and references as located issues', async (t) => {
  const dir = scratch(t);
  fs.cpSync(examples, path.join(dir, 'madace'), { recursive: true });
  const wfDir = path.join(dir, 'madace/mam/workflows');
  write(wfDir, 'loop-a.workflow.yaml', 'workflow:\n  name: loop-a\n  description: a\n  steps:\n    - action: sub-workflow\n      workflow_path: ./loop-b.workflow.yaml\n');
  write(wfDir, 'loop-b.workflow.yaml', 'workflow:\n  name: loop-b\n  description: b\n  steps:\n    - action: sub-workflow\n      workflow_path: madace/mam/workflows/loop-a.workflow.yaml\n    - action: sub-workflow\n      workflow_path: ./gone.workflow.yaml\n');
  const pm = path.join(dir, 'madace/mam/agents/pm.agent.yaml');
  fs.writeFileSync(pm, fs.readFileSync(pm, 'utf8').replace('workflow:plan-project', 'workflow:plan-everything'));
  write(dir, 'madace/mam/agents/broken.agent.yaml', 'agent:\n  metadata: {}\n  metadata: {}\n');
  const project = await madace.loadProject(dir);
  const issues = project.issues.map((i) => [path.relative(dir, i.path), i.severity, i.code, i.field, i.line, i.column]);
  assert.deepEqual(issues, [
    ['madace/mam/agents/broken.agent.yaml', 'error', 'E_DUPLICATE_KEY', null, 3, 3],
    ['madace/mam/agents/pm.agent.yaml', 'warning', 'W_WORKFLOW_NOT_FOUND', 'agent.menu[0].action', 33, 15],
    ['madace/mam/workflows/loop-b.workflow.yaml', 'warning', 'W_SUBWORKFLOW_NOT_FOUND', 'workflow.steps[1].workflow_path', 8, 22],
    ['madace/mam/workflows/loop-b.workflow.yaml', 'warning', 'W_SUBWORKFLOW_CYCLE', 'workflow.steps[0].workflow_path', 6, 22],
  ]);
  assert.equal(project.issues[1].message, "no workflow named 'plan-everything' in the project");
  assert.equal(project.issues[3].message, 'sub-workflow cycle: loop-a → loop-b → loop-a');
  assert.equal(project.modules[1].agents.length, 5);
});

test('loadProject loads both corpus trees with every issue accounted for', { skip: corpusMissing }, async () => {
  const count = (issues) => issues.reduce((acc, i) => ({ ...acc, [i.code]: (acc[i.code] || 0) + 1 }), {});
  const m = await madace.loadProject(madaceCorpus);
  assert.equal(m.config.project_name, 'MADACE-Method v3.0');
  assert.deepEqual(
    m.modules.map((x) => [x.name, x.agents.length, x.workflows.length]),
    [
      ['core', 0, 0],
      ['mam', 5, 6],
    ],
  );
  assert.deepEqual(count(m.issues), { E_SCHEMA: 6, W_WORKFLOW_NOT_FOUND: 22 });
  const router = m.issues.filter((i) => i.code === 'E_SCHEMA');
  assert.ok(router.every((i) => i.path.endsWith('core/workflows/scale-adaptive-route.workflow.yaml')));
  assert.deepEqual(router[2], {
    path: path.join(madaceCorpus, 'madace/core/workflows/scale-adaptive-route.workflow.yaml'),
    severity: 'error',
    code: 'E_SCHEMA',
    message:
      "unknown step action 'action' (expected one of: elicit, reflect, guide, template, render_template, validate, display, load_state_machine, sub-workflow, api_call, route)",
    field: 'workflow.steps[1].action',
    line: 87,
    column: 15,
  });

  const b = await madace.loadProject(bmadCorpus);
  assert.equal(b.framework, 'bmad');
  assert.equal(b.config, null);
  assert.deepEqual(
    b.modules.map((x) => [x.name, x.agents.length, x.workflows.length]),
    [
      ['core', 1, 0],
      ['bmb', 11, 2],
      ['bmgd', 6, 23],
      ['bmm', 9, 23],
      ['cis', 6, 4],
    ],
  );
  // Keys BMAD's own schema does not list (webskip, metadata.type) are kept and warned of.
  assert.deepEqual(count(b.issues), { W_CONFIG_NOT_FOUND: 1, W_UNKNOWN_KEY: 10, W_WORKFLOW_NOT_FOUND: 16 });
  assert.deepEqual(
    b.issues.find((i) => i.code === 'W_UNKNOWN_KEY' && i.path.endsWith('dev.agent.yaml')),
    {
      path: path.join(bmadCorpus, 'src/modules/bmm/agents/dev.agent.yaml'),
      severity: 'warning',
      code: 'W_UNKNOWN_KEY',
      message:
        "unknown key 'webskip' in agent (allowed: metadata, persona, critical_actions, menu, prompts, discussion, conversational_knowledge, load_always)",
      field: 'agent.webskip',
      line: 4,
      column: 3,
    },
  );
  assert.ok(b.modules.flatMap((x) => x.workflows).every((w) => w.format === 'bmad'));
});

test('validate checks every definition file in the corpus', { skip: corpusMissing }, async () => {
  const report = await madace.validate(corpus);
  const kinds = report.files.reduce((acc, f) => ({ ...acc, [f.kind]: (acc[f.kind] || 0) + 1 }), {});
  // The 49 skills of BMAD 6.11 (35 with a customize.toml) all pass.
  assert.deepEqual(kinds, { agent: 42, workflow: 59, config: 1, skill: 49 });
  assert.equal(report.passed, 150);
  assert.equal(report.failed, 1);
  // Warnings never fail a file: 17 unknown keys (5 in menu items) in files that pass.
  const warned = report.files.flatMap((f) =>
    f.problems.filter((p) => p.severity === 'warning').map((p) => [p.code, p.field, p.line, p.column]),
  );
  assert.equal(warned.length, 17);
  assert.deepEqual(warned.filter(([, field]) => field === 'saved_answers'), [['W_UNKNOWN_KEY', 'saved_answers', 109, 1]]);
  assert.deepEqual(
    [...new Set(warned.map(([, field]) => field.replace(/\[\d+\]/, '[]')))].sort(),
    ['agent.menu[].TODO', 'agent.menu[].type', 'agent.metadata.type', 'agent.webskip', 'saved_answers'],
  );
  const failed = report.files.find((f) => f.problems.some((p) => p.severity === 'error'));
  assert.equal(failed.path, path.join(madaceCorpus, 'madace/core/workflows/scale-adaptive-route.workflow.yaml'));
  assert.deepEqual(
    failed.problems.map((p) => [p.field, p.line, p.column]),
    [
      // Both written one level too deep, inside 'metadata': found there.
      ['workflow.name', 3, 5],
      ['workflow.description', 5, 5],
      ['workflow.steps[1].action', 87, 15],
      ['workflow.steps[3].action', 219, 15],
      ['workflow.steps[4].action', 245, 15],
      ['workflow.steps[5].workflow_path', 322, 7],
    ],
  );
});

test('loadAgentById refuses ids that escape the root', async (t) => {
  assert.equal((await madace.loadAgentById(exampleRoot, 'sm')).metadata.name, 'SM');
  for (const id of ['../pm', '..', '/etc/passwd', 'mam/agents/pm', 'pm\\..\\x', '', '.env']) {
    await assert.rejects(madace.loadAgentById(exampleRoot, id), { code: 'E_PATH', name: 'AgentLoadError' }, id);
  }
  await assert.rejects(madace.loadAgentById(exampleRoot, 'ghost'), { code: 'E_NOT_FOUND' });
  assert.throws(() => madace.loadAgentByIdSync(exampleRoot, 42), TypeError);

  const dir = scratch(t);
  const outside = write(dir, 'outside/secret.agent.yaml', fs.readFileSync(path.join(examples, 'mam/agents/pm.agent.yaml')));
  fs.mkdirSync(path.join(dir, 'project/madace/mam/agents'), { recursive: true });
  fs.symlinkSync(outside, path.join(dir, 'project/madace/mam/agents/secret.agent.yaml'));
  // Directory walks never find a link that leads outside the folder searched.
  assert.throws(() => madace.loadAgentByIdSync(path.join(dir, 'project'), 'secret'), {
    code: 'E_NOT_FOUND',
    message: `${path.join(dir, 'project')}: no agent 'secret' in this project (no secret.agent.yaml or secret.agent.yml in any module)`,
  });
});

test('folder loaders reject a missing or wrong agents folder instead of resolving to []', async (t) => {
  const dir = scratch(t);
  write(dir, 'madace/core/config.yaml', 'project_name: x\n');
  fs.mkdirSync(path.join(dir, 'madace/mam'), { recursive: true });
  const agents = path.join(dir, 'madace', 'mam', 'agents');
  await assert.rejects(madace.loadMAMAgents({ root: dir }), {
    name: 'AgentLoadError',
    code: 'E_NOT_FOUND',
    path: agents,
    message: `${agents}: module 'mam' has no agents/ folder`,
  });
  fs.writeFileSync(agents, 'not a folder');
  await assert.rejects(madace.loadMAMAgents({ root: dir }), {
    code: 'E_NOT_A_DIRECTORY',
    path: agents,
    message: `${agents}: a file, expected a folder`,
  });
  assert.throws(() => madace.loadAgentsSync(agents), { code: 'E_NOT_A_DIRECTORY', path: agents });
  await assert.rejects(madace.loadAgents(path.join(dir, 'nowhere')), {
    code: 'E_NOT_FOUND',
    message: `${path.join(dir, 'nowhere')}: no such folder`,
  });
  // An empty agents folder is a module without agents: [].
  fs.rmSync(agents);
  fs.mkdirSync(agents);
  assert.deepEqual(await madace.loadMAMAgents({ root: dir }), []);
});
