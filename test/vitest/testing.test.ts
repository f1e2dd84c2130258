// A vitest test of code that uses madace-core, with real files from
// `madace-core/testing` instead of a mocked `fs/promises`.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { AgentLoadError, loadAgent, loadAllAgents, type FrozenAgent } from 'madace-core';
import { createFixture, withFixture, type Fixture } from 'madace-core/testing';

const agent = (name: string): string => `agent:
  metadata:
    name: ${name}
    title: ${name} agent
    icon: 🤖
  persona:
    role: Helper
    identity: Helps.
    communication_style: Brief
    principles: [Be brief]
  menu: []
`;

let fixture: Fixture;
beforeEach(() => {
  fixture = createFixture({
    'madace/mam/agents/pm.agent.yaml': agent('PM'),
    'madace/core/config.yaml': 'project_name: Demo\n',
  });
});
afterEach(() => fixture.remove());

test('loads every agent of a project the test wrote', async () => {
  const agents: FrozenAgent[] = await loadAllAgents({ root: fixture.root });
  expect(agents.map((a) => [a.metadata.id, a.metadata.module, a.metadata.name])).toStrictEqual([['pm', 'mam', 'PM']]);
});

test('sees an edit the test makes, and a file it breaks', async () => {
  const file = fixture.path('madace/mam/agents/pm.agent.yaml');
  fixture.write('madace/mam/agents/pm.agent.yaml', agent('Renamed'));
  expect((await loadAgent(file)).metadata.name).toBe('Renamed');
  fixture.write('madace/mam/agents/pm.agent.yaml', 'agent:\n  metadata: {}\n');
  await expect(loadAgent(file)).rejects.toBeInstanceOf(AgentLoadError);
});

test('withFixture cleans up after itself', async () => {
  const root = await withFixture({ 'x.agent.yaml': agent('X') }, (f) => f.root);
  expect(existsSync(root)).toBe(false);
});
