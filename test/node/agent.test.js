'use strict';
// Agent loading through the JS API: results, defaults, corpus, arguments.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const madace = require('../..');
const fs = require('node:fs');
const { root, examples, fixtures, corpus, corpusMissing, findFiles, scratch, write } = require('./helpers');
const { PM_METADATA, MENU_SIZES } = require('../fixtures/runners/expected.json');

const { loadAgent, loadAgentSync, parseAgent, AgentLoadError, MadaceError } = madace;
const agentFile = (id) => path.join(examples, 'mam', 'agents', `${id}.agent.yaml`);

test('example agents load with their metadata and menus', () => {
  const pm = loadAgentSync(agentFile('pm'));
  assert.deepEqual(pm.metadata, PM_METADATA);
  assert.deepEqual(Object.keys(pm), ['metadata', 'persona', 'critical_actions', 'menu', 'load_always', 'prompts']);
  assert.equal(typeof pm.persona.communication_style, 'string');
  assert.deepEqual(pm.load_always, ['madace/core/config.yaml']);
  const sizes = Object.fromEntries(Object.keys(MENU_SIZES).map((id) => [id, loadAgentSync(agentFile(id)).menu.length]));
  assert.deepEqual(sizes, MENU_SIZES);
});

test('a principles string becomes its non-empty lines without list markers', () => {
  // BMAD agents write principles as one block of text.
  const list = /principles:\n((?: {6}- .*\n)+)/;
  const text = fs.readFileSync(agentFile('sm'), 'utf8').replace(list, (_, items) => `principles: |\n${items}\n`);
  assert.notEqual(text, fs.readFileSync(agentFile('sm'), 'utf8'));
  const sm = parseAgent(text, { filename: agentFile('sm') });
  assert.deepEqual(sm.persona.principles, [
    'Read the status file instead of searching for stories',
    'Only one story in TODO and one in IN PROGRESS at any time',
    'Never skip a state when moving a story',
    'A story is ready only when its acceptance criteria are clear',
    'Short retrospectives after every epic',
  ]);
});

test('loadAgent resolves to the same object loadAgentSync returns', async () => {
  const fromPromise = loadAgent(agentFile('architect'));
  assert.ok(fromPromise instanceof Promise);
  assert.deepStrictEqual(await fromPromise, loadAgentSync(agentFile('architect')));
});

test('paths may be file: URLs', () => {
  assert.equal(loadAgentSync(pathToFileURL(agentFile('dev'))).metadata.id, 'dev');
});

test('BMAD-style files get documented defaults and keep every unknown key', () => {
  const agent = loadAgentSync(path.join(fixtures, 'agents', 'valid-bmad-style.agent.yaml'));
  assert.deepEqual(agent.metadata, {
    name: 'Quinn',
    title: 'Quality Lead',
    icon: '🧪',
    hasSidecar: false,
    id: 'valid-bmad-style',
    module: 'fixtures',
    version: '0.0.0',
  });
  assert.deepEqual(agent.persona.principles, [
    'Test the behaviour, not the implementation.',
    'Every bug gets a regression test first.',
    'Flaky tests are bugs.',
  ]);
  assert.deepEqual(agent.menu[1], {
    trigger: 'CH or fuzzy match on chat',
    action: 'agent responds as expert',
    description: '[CH] Chat with Quinn',
    'ide-only': true,
  });
  assert.equal(agent.menu[2]['validate-workflow'], '{project-root}/_bmad/bmm/workflows/testarch/test-review/workflow.yaml');
  assert.deepEqual(agent.prompts, [{ id: 'triage', content: 'Sort the failures by blast radius.' }]);
  assert.equal(agent.webskip, true);
  assert.deepEqual(agent.saved_answers, {});
});

test('parseAgent takes a string and an optional filename', () => {
  const source = [
    'agent:',
    '  metadata: { name: N, title: T, icon: I, extra: [1, 2] }',
    '  persona: { role: r, identity: i, communication_style: c, principles: [p] }',
    '  menu: [{ trigger: t, action: a, description: d }]',
  ].join('\n');
  const agent = parseAgent(source, { filename: 'madace/mab/agents/builder.agent.yaml' });
  assert.deepEqual(agent.metadata, {
    name: 'N',
    title: 'T',
    icon: 'I',
    extra: [1, 2],
    id: 'builder',
    module: 'mab',
    version: '0.0.0',
  });
  assert.throws(
    () => parseAgent(source),
    (err) => {
      assert.ok(err instanceof AgentLoadError);
      assert.equal(err.code, 'E_SCHEMA');
      assert.equal(err.path, '<input>');
      assert.deepEqual(err.issues, [
        {
          field: 'agent.metadata.id',
          message: "required field 'id' is missing (it defaults to the file name, but no filename was given)",
          line: 2,
          column: 13,
        },
      ]);
      return true;
    },
  );
});

test('wrong argument types throw TypeError synchronously', () => {
  for (const call of [
    () => loadAgentSync(5),
    () => loadAgentSync(''),
    () => loadAgent(null),
    () => loadAgent({}),
    () => parseAgent(Buffer.from('agent: {}')),
    () => parseAgent('agent: {}', 'name.yaml'),
    () => parseAgent('agent: {}', { filename: 7 }),
    () => madace.validateSync([]),
    () => madace.validateSync([1]),
  ]) {
    assert.throws(call, (err) => err instanceof TypeError && err.code === 'ERR_INVALID_ARG_TYPE');
  }
});

test('errors are MadaceError subclasses with the MADACE loader name', () => {
  const missing = path.join(examples, 'mam', 'agents', 'ghost.agent.yaml');
  assert.throws(
    () => loadAgentSync(missing),
    (err) => {
      assert.ok(err instanceof AgentLoadError);
      assert.ok(err instanceof MadaceError);
      assert.ok(err instanceof Error);
      assert.equal(err.name, 'AgentLoadError');
      assert.equal(err.filePath, missing);
      assert.equal(err.message, `${missing}: no such file (its folder ${path.dirname(missing)} exists)`);
      return true;
    },
  );
});

test('every corpus agent loads', { skip: corpusMissing }, async () => {
  const files = findFiles(corpus, '.agent.yaml');
  assert.equal(files.length, 42);
  const agents = await Promise.all(files.map((f) => loadAgent(f)));
  for (const [i, agent] of agents.entries()) {
    assert.deepStrictEqual(agent, loadAgentSync(files[i]), files[i]);
    for (const key of ['id', 'name', 'title', 'icon', 'module', 'version']) {
      assert.equal(typeof agent.metadata[key], 'string', `${files[i]} metadata.${key}`);
    }
    assert.ok(Array.isArray(agent.persona.principles) && agent.persona.principles.length > 0, files[i]);
    assert.ok(agent.persona.principles.every((p) => typeof p === 'string' && p.length > 0 && !p.startsWith('- ')));
  }
  const byPath = (suffix) => agents[files.findIndex((f) => f.endsWith(suffix))];
  const keeper = byPath('bmb/reference/agents/expert-examples/journal-keeper/journal-keeper.agent.yaml');
  assert.equal(keeper.metadata.id, 'journal-keeper');
  const pm = byPath('bmm/agents/pm.agent.yaml');
  assert.equal(pm.metadata.id, '_bmad/bmm/agents/pm.md');
  assert.equal(pm.metadata.version, '0.0.0');
  assert.equal(pm.menu[0].trigger, 'WS or workflow-status or fuzzy match on workflow status');
  assert.equal(pm.menu[5]['ide-only'], true);
  assert.equal(pm.persona.principles.length, 3);
  const toolsmith = byPath('toolsmith/toolsmith.agent.yaml');
  assert.deepEqual(toolsmith.saved_answers, {});
  const wellness = byPath('wellness-companion/wellness-companion.agent.yaml');
  assert.equal(wellness.menu[0].multi, '[CH] Chat with Riley or [SPM] Start Party Mode');
  const madacePm = byPath('madace-method/madace/mam/agents/pm.agent.yaml');
  assert.deepEqual(madacePm.critical_actions, ['check-config', 'validate-installation']);
});

test('collectErrors: the folder loaders return what loads and every failure, located', async (t) => {
  const dir = scratch(t);
  const pm = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'));
  write(dir, 'madace/mam/agents/pm.agent.yaml', pm);
  write(dir, 'madace/mam/agents/broken.agent.yaml', 'agent:\n  metadata: {}\n  metadata: {}\n');
  write(dir, 'madace/mam/agents/tabs.agent.yaml', 'agent:\n\tmetadata: {}\n');
  const agents = path.join(dir, 'madace', 'mam', 'agents');
  const check = ({ agents: loaded, errors }) => {
    assert.deepEqual(loaded.map((a) => a.metadata.id), ['pm']);
    assert.deepEqual(
      errors.map((e) => [e.constructor.name, e.code, path.basename(e.path), e.line, e.column]),
      [
        ['AgentLoadError', 'E_DUPLICATE_KEY', 'broken.agent.yaml', 3, 3],
        ['AgentLoadError', 'E_YAML', 'tabs.agent.yaml', 2, 1],
      ],
    );
  };
  check(madace.loadAgentsSync(agents, { collectErrors: true }));
  check(await madace.loadAgents(agents, { collectErrors: true }));
  check(await madace.loadAllAgents({ root: dir, collectErrors: true }));
  check(madace.loadAgentsByModuleSync('mam', { root: dir, collectErrors: true }));
  check(await madace.loadMAMAgents({ root: dir, collectErrors: true }));
  // Without it, the first bad file (in path order) still fails the call.
  assert.throws(() => madace.loadAgentsSync(agents), { code: 'E_DUPLICATE_KEY' });
  assert.throws(() => madace.loadAgentsSync(agents, { collectErrors: 'yes' }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.collectErrors" argument must be a boolean. Received type string',
  });
});

test('bundled into a chunk without its platform package, the loader says so and names serverExternalPackages', (t) => {
  const chunk = path.join(scratch(t), '.next', 'server', 'chunks');
  fs.mkdirSync(chunk, { recursive: true });
  fs.copyFileSync(path.join(root, 'lib', 'addon.js'), path.join(chunk, 'addon.js'));
  const run = require('node:child_process').spawnSync(
    process.execPath,
    ['-e', `try { require(${JSON.stringify(path.join(chunk, 'addon.js'))}).loadAddon(); } catch (e) { console.log(e.code); console.log(e.message); }`],
    { encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } },
  );
  const [code, message] = run.stdout.split('\n');
  assert.equal(code, 'MADACE_ADDON_NOT_FOUND');
  assert.match(message, /could not be loaded from this bundle .*add 'madace-core' to `serverExternalPackages` in next\.config/);
});

test("the loader names every platform package literally, as bundlers' file tracers need", () => {
  const source = fs.readFileSync(path.join(root, 'lib', 'addon.js'), 'utf8');
  const named = [...source.matchAll(/require\('(@madace-core\/[a-z0-9-]+)'\)/g)].map((m) => m[1]).sort();
  const platforms = Object.keys(require(path.join(root, 'package.json')).neon.platforms).map((p) => `@madace-core/${p}`).sort();
  assert.deepEqual(named, platforms);
});
