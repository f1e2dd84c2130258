'use strict';
// Results under jest: sync and async loads, validation reports, realm checks.

const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  loadAgent,
  loadAgentSync,
  parseAgent,
  validate,
  validateSync,
  ERROR_CODES,
} = require('madace-core');
const { examples, agentFile, PM_METADATA, MENU_SIZES, runMode } = require('./helpers');

test('runs in the jest mode this run asked for', () => {
  // MADACE_JEST_MODE is set by the npm scripts that pass --maxWorkers=2 or
  // --workerThreads, so a silent fallback to running in band fails here.
  const expected = process.env.MADACE_JEST_MODE;
  if (expected) expect(runMode()).toBe(expected);
  else expect(['in-band', 'processes', 'threads']).toContain(runMode());
});

describe('loadAgentSync', () => {
  test('pm metadata, exactly', () => {
    expect(loadAgentSync(agentFile('pm')).metadata).toStrictEqual(PM_METADATA);
  });

  test('menu sizes of every example agent', () => {
    const sizes = Object.fromEntries(Object.keys(MENU_SIZES).map((id) => [id, loadAgentSync(agentFile(id)).menu.length]));
    expect(sizes).toStrictEqual(MENU_SIZES);
  });

  test('keys in file order, menu items and prompts as written', () => {
    const pm = loadAgentSync(agentFile('pm'));
    expect(Object.keys(pm)).toStrictEqual(['metadata', 'persona', 'critical_actions', 'menu', 'load_always', 'prompts']);
    expect(pm.menu[0]).toStrictEqual({
      trigger: '*plan-project',
      action: 'workflow:plan-project',
      description: 'Size the project and produce a PRD with epics',
    });
    expect(pm.critical_actions).toStrictEqual(['check-config', 'load-status-file']);
    expect(pm.load_always).toStrictEqual(['madace/core/config.yaml']);
    expect(pm.prompts.map((p) => p.name)).toStrictEqual(['scope-check', 'release-summary']);
  });

  test('a principles string becomes a list of lines', () => {
    expect(loadAgentSync(agentFile('sm')).persona.principles).toStrictEqual([
      'Read the status file instead of searching for stories',
      'Only one story in TODO and one in IN PROGRESS at any time',
      'Never skip a state when moving a story',
      'A story is ready only when its acceptance criteria are clear',
      'Short retrospectives after every epic',
    ]);
  });

  test('results are plain objects and arrays of the test realm', () => {
    const pm = loadAgentSync(agentFile('pm'));
    expect(Object.getPrototypeOf(pm)).toBe(Object.prototype);
    expect(pm.menu).toBeInstanceOf(Array);
    expect(pm.persona.principles).toBeInstanceOf(Array);
    expect(pm).toStrictEqual(JSON.parse(JSON.stringify(pm)));
  });
});

describe('loadAgent', () => {
  test('resolves to what loadAgentSync returns', async () => {
    const pending = loadAgent(agentFile('architect'));
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toStrictEqual(loadAgentSync(agentFile('architect')));
  });

  test('loads every example agent concurrently', async () => {
    const ids = Object.keys(MENU_SIZES);
    const agents = await Promise.all(ids.map((id) => loadAgent(agentFile(id))));
    expect(agents.map((a) => a.metadata.id)).toStrictEqual(ids);
    expect(agents.map((a) => a.menu.length)).toStrictEqual(Object.values(MENU_SIZES));
  });

  test('accepts file: URLs', async () => {
    const url = pathToFileURL(agentFile('dev'));
    expect((await loadAgent(url)).metadata.id).toBe('dev');
  });
});

describe('parseAgent', () => {
  test('takes the file name for defaults', () => {
    const source = fs.readFileSync(agentFile('pm'), 'utf8').replace('    id: pm\n', '');
    const agent = parseAgent(source, { filename: 'madace/mam/agents/pm.agent.yaml' });
    expect(agent.metadata).toStrictEqual(PM_METADATA);
    expect(agent).toStrictEqual(loadAgentSync(agentFile('pm')));
  });
});

describe('validate', () => {
  // Reports may grow fields: match the ones that matter, exactly.
  const agents = path.join(examples, 'mam', 'agents');
  const expected = {
    files: [
      ['analyst', 'Analyst', 'Business Analyst', '🔍', 3],
      ['architect', 'Architect', 'Solution Architect', '📐', 4],
      ['dev', 'Dev', 'Developer', '💻', 3],
      ['pm', 'PM', 'Product Manager', '📋', 4],
      ['sm', 'SM', 'Scrum Master', '🔄', 5],
    ].map(([id, name, title, icon, menuItems]) => ({
      path: agentFile(id),
      kind: 'agent',
      agent: { id, name, title, icon, module: 'mam', menuItems },
      problems: [],
    })),
    passed: 5,
    failed: 0,
  };

  test('validateSync reports every example agent', () => {
    const report = validateSync(agents);
    expect(report).toMatchObject(expected);
    expect(report.files).toHaveLength(5);
  });

  test('validate resolves to the same report', async () => {
    await expect(validate([agents])).resolves.toStrictEqual(validateSync(agents));
  });
});

test('ERROR_CODES lists the stable codes', () => {
  expect(Object.isFrozen(ERROR_CODES)).toBe(true);
  expect(ERROR_CODES).toEqual(
    expect.arrayContaining(['E_NOT_FOUND', 'E_YAML', 'E_DUPLICATE_KEY', 'E_SCHEMA', 'E_INTERNAL']),
  );
});
