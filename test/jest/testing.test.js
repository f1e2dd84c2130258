'use strict';
// Tests of code that uses madace-core, written as a MADACE app's loader
// tests become once they stop mocking `fs/promises`: real files in a temp
// folder from `madace-core/testing`, removed after each test.

const fs = require('node:fs');
const { createFixture, withFixture } = require('madace-core/testing');
const { loadAgents, loadAgentSync, AgentLoadError } = require('madace-core');

const agent = (name) => `agent:
  metadata:
    name: ${name}
    title: ${name} agent
    icon: 🤖
  persona:
    role: Helper
    identity: Helps.
    communication_style: Brief
    principles: [Be brief]
  menu:
    - trigger: "*help"
      description: Show help
      action: help
`;

let fixture;
beforeEach(() => {
  fixture = createFixture({
    'madace/mam/agents/pm.agent.yaml': agent('PM'),
    'madace/mam/agents/sm.agent.yaml': agent('SM'),
  });
});
afterEach(() => fixture.remove());

test('loads the agents of a folder the test wrote', async () => {
  const agents = await loadAgents(fixture.path('madace/mam/agents'));
  expect(agents.map((a) => [a.metadata.id, a.metadata.name, a.menu[0].trigger])).toStrictEqual([
    ['pm', 'PM', '*help'],
    ['sm', 'SM', '*help'],
  ]);
});

test('a broken file the test wrote is a located AgentLoadError', () => {
  const file = fixture.write('madace/mam/agents/pm.agent.yaml', 'agent:\n  metadata: [\n');
  expect(() => loadAgentSync(file)).toThrow(AgentLoadError);
  expect(() => loadAgentSync(file)).toThrow(expect.objectContaining({ code: 'E_YAML', path: file, line: 2, column: 13 }));
});

test('withFixture removes its folder also when the test body fails', async () => {
  let root;
  await expect(
    withFixture({ 'a.agent.yaml': agent('A') }, (f) => {
      root = f.root;
      throw new Error('the test failed');
    }),
  ).rejects.toThrow('the test failed');
  expect(fs.existsSync(root)).toBe(false);
  expect(() => createFixture({ '../escape.yaml': 'x' })).toThrow(TypeError);
});
