'use strict';
// Writing definitions: edits keep every byte outside the edited values,
// are checked before anything is written, write atomically and never lose
// a concurrent edit; new files are canonical and never replace one.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const madace = require('../..');
const app = require('madace-core/madace');
const { examples, corpus, corpusMissing, scratch, write } = require('./helpers');

const AGENT = `# The helper agent
agent:
  metadata:
    id: helper
    name: Helper # shown in the menu
    title: 'Helps'
    icon: "🤝"
  persona:
    role: r
    identity: i
    communication_style: c
    principles:
      - p

  menu:
    - trigger: '*help'
      description: Show help
`;

/** An E_* error's code, and the file's bytes unchanged. */
function refuses(file, fn, code, detail) {
  const before = fs.readFileSync(file);
  assert.throws(fn, (err) => {
    assert.ok(err instanceof madace.EditError, err.stack);
    assert.equal(err.code, code, err.message);
    if (detail) assert.match(err.detail, detail);
    return true;
  });
  assert.deepEqual(fs.readFileSync(file), before, 'the file must stay byte for byte');
}

test("the real MADACE config: the app's rename is one line, every comment and section kept", { skip: corpusMissing }, (t) => {
  const dir = scratch(t);
  const source = path.join(corpus, 'madace-method', 'madace', 'core', 'config.yaml');
  const file = write(dir, 'madace/core/config.yaml', fs.readFileSync(source, 'utf8'));
  const before = fs.readFileSync(file, 'utf8');
  const { diff, written, text } = app.updateConfigSync(file, { project_name: 'Renamed' });
  assert.equal(written, true);
  assert.equal(fs.readFileSync(file, 'utf8'), text);
  const changed = (a, b) => a.split('\n').filter((line, i) => line !== b.split('\n')[i]);
  assert.deepEqual(changed(before, text), ["project_name: 'MADACE-Method v3.0'"]);
  assert.deepEqual(changed(text, before), ["project_name: 'Renamed'"]);
  assert.equal(text.split('\n').length, before.split('\n').length);
  assert.equal((text.match(/#/g) || []).length, 16);
  assert.match(text, /provider: 'gemini' # Options: gemini, claude, openai, local/);
  assert.match(diff, /^--- .*config\.yaml\n\+\+\+ .*config\.yaml\n@@ -\d+,7 \+\d+,7 @@\n/);
  assert.match(diff, /\n-project_name: 'MADACE-Method v3.0'\n\+project_name: 'Renamed'\n/);
  // What the app's settings page does next: the sections madace-core itself reads are still there.
  assert.equal(madace.loadConfigSync(file).state_machine.max_todo_items, 1);
});

test('a replaced scalar keeps its quotes where it can, and is quoted where YAML needs it', () => {
  const edit = (pointer, value) => madace.editText(AGENT, [{ op: 'replace', path: pointer, value }], { filename: 'helper.agent.yaml' });
  const line = (text, n) => text.split('\n')[n - 1];
  assert.equal(line(edit('/metadata/name', 'Aide'), 5), '    name: Aide # shown in the menu');
  assert.equal(line(edit('/metadata/name', '*show-status'), 5), "    name: '*show-status' # shown in the menu");
  assert.equal(line(edit('/metadata/name', 'a: b #c'), 5), "    name: 'a: b #c' # shown in the menu");
  assert.equal(line(edit('/metadata/name', 'yes'), 5), "    name: 'yes' # shown in the menu");
  assert.equal(line(edit('/metadata/name', ''), 5), "    name: '' # shown in the menu");
  assert.equal(line(edit('/metadata/title', "Riley's"), 6), "    title: 'Riley''s'");
  assert.equal(line(edit('/metadata/icon', '🏥'), 7), '    icon: "🏥"');
  assert.equal(line(edit('/metadata/icon', 'tab\there'), 7), '    icon: "tab\\there"');
  const block = edit('/menu/0/description', 'Two\nlines\n');
  assert.equal(block.split('\n').slice(15, 19).join('\n'), "    - trigger: '*help'\n      description: |\n        Two\n        lines");
  assert.equal(madace.parseAgent(block, { filename: 'helper.agent.yaml' }).menu[0].description, 'Two\nlines\n');
});

test('keys and items are added in the block, removed with their lines, comments stay', () => {
  const ops = [
    { op: 'add', path: '/menu/-', value: { trigger: '*plan', description: 'Plan', 'ide-only': true } },
    { op: 'add', path: '/metadata/module', value: 'mam' },
    { op: 'remove', path: '/menu/0' },
    { op: 'add', path: '/persona/principles/0', value: 'first' },
  ];
  const text = madace.editText(AGENT, ops, { filename: 'helper.agent.yaml' });
  assert.equal(
    text,
    `# The helper agent
agent:
  metadata:
    id: helper
    name: Helper # shown in the menu
    title: 'Helps'
    icon: "🤝"
    module: mam
  persona:
    role: r
    identity: i
    communication_style: c
    principles:
      - first
      - p

  menu:
    - trigger: '*plan'
      description: Plan
      ide-only: true
`,
  );
});

test('CRLF line ends and a BOM are kept', (t) => {
  const dir = scratch(t);
  const file = write(dir, 'helper.agent.yaml', `\ufeff${AGENT.replace(/\n/g, '\r\n')}`);
  madace.applyEditsSync(file, [{ op: 'add', path: '/metadata/version', value: '1.0.0' }]);
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  assert.equal(text.replace(/\r\n/g, '').includes('\n'), false);
  assert.match(text, /\r\n {4}icon: "🤝"\r\n {4}version: 1\.0\.0\r\n {2}persona:\r\n/);
});

test('an edit that breaks the file, a bad operation or pointer: located errors, the file unchanged', (t) => {
  const dir = scratch(t);
  const file = write(dir, 'helper.agent.yaml', AGENT);
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'replace', path: '/metadata/name', value: 5 }]), 'E_SCHEMA');
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'remove', path: '/persona' }]), 'E_SCHEMA', /persona/);
  refuses(
    file,
    () => madace.applyEditsSync(file, [{ op: 'add', path: '/a', value: 1 }, { op: 'replace', path: '/menu/3', value: 1 }]),
    'E_PATCH',
    /^operation 1 \(replace \/menu\/3\): \/menu\/3 does not exist \(use add\)$/,
  );
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'test', path: '/metadata/id', value: 'other' }]), 'E_PATCH', /test failed/);
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'replce', path: '/a' }]), 'E_PATCH', /did you mean 'replace'/);
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'add', path: 'metadata', value: 1 }]), 'E_PATCH', /must be empty or start with '\/'/);
  // A default the loader fills in cannot be removed: the file would load the same.
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'remove', path: '/metadata/version' }]), 'E_PATCH', /cannot be written as asked/);
  assert.throws(() => madace.applyEditsSync(file, { op: 'add' }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  refuses(file, () => madace.applyEditsSync(path.join(dir, 'README.md'), []), 'E_PATCH', /cannot tell what kind/);
});

test('dryRun writes nothing; expected text guards against an edit computed from an older file', async (t) => {
  const dir = scratch(t);
  const file = write(dir, 'helper.agent.yaml', AGENT);
  const ops = [{ op: 'replace', path: '/metadata/title', value: 'Aide' }];
  const dry = await madace.applyEdits(file, ops, { dryRun: true });
  assert.equal(dry.written, false);
  assert.equal(fs.readFileSync(file, 'utf8'), AGENT);
  assert.match(dry.diff, /-    title: 'Helps'\n\+    title: 'Aide'\n/);
  refuses(file, () => madace.applyEditsSync(file, ops, { expected: AGENT.replace('Helper', 'Other') }), 'E_EDIT_CONFLICT');
  const done = madace.applyEditsSync(file, ops, { expected: AGENT });
  assert.equal(done.text, dry.text);
  assert.deepEqual(madace.applyEditsSync(file, ops), { text: dry.text, diff: '', written: false });
});

test('concurrent edits are never lost, and the cache sees each new file at once', async (t) => {
  const dir = scratch(t);
  const file = write(dir, 'helper.agent.yaml', AGENT);
  assert.equal(madace.loadAgentSync(file).metadata.title, 'Helps');
  const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
  await Promise.all(keys.map((k) => madace.applyEdits(file, [{ op: 'add', path: `/metadata/${k}`, value: k }])));
  const loaded = madace.loadAgentSync(file);
  for (const k of keys) assert.equal(loaded.metadata[k], k);
  madace.applyEditsSync(file, [{ op: 'replace', path: '/metadata/title', value: 'Aide' }]);
  assert.equal(madace.loadAgentSync(file).metadata.title, 'Aide');
  assert.equal(fs.readdirSync(dir).filter((f) => f !== 'helper.agent.yaml').length, 0, 'no lock or temp file left behind');
});

test('TOML layers keep their comments; values TOML cannot hold are refused', (t) => {
  const dir = scratch(t);
  const layer = '# team layer\n[agent]\nname = "Pat"\ntitle = "PM"\nicon = "🏥"  # the ward\nprinciples = [\n  "one",\n]\n';
  write(dir, 'skills/bmad-agent-pm/SKILL.md', '---\nname: bmad-agent-pm\ndescription: The PM. Use when planning.\n---\n\nPlan.\n');
  const file = write(dir, 'skills/bmad-agent-pm/customize.toml', layer);
  madace.applyEditsSync(file, [
    { op: 'replace', path: '/agent/icon', value: '🩺' },
    { op: 'add', path: '/agent/principles/-', value: 'two' },
  ]);
  assert.equal(
    fs.readFileSync(file, 'utf8'),
    '# team layer\n[agent]\nname = "Pat"\ntitle = "PM"\nicon = "🩺"  # the ward\nprinciples = [\n  "one",\n  "two",\n]\n',
  );
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'add', path: '/agent/x', value: null }]), 'E_PATCH', /TOML has no null/);
});

test('createDefinition writes canonical, checked files and never replaces one; stringify loads back', async (t) => {
  const dir = scratch(t);
  const agent = madace.loadAgentSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'));
  const text = madace.stringify('agent', agent);
  assert.deepEqual(madace.parseAgent(text, { filename: 'pm.agent.yaml' }), JSON.parse(JSON.stringify(agent)));
  const file = path.join(dir, 'madace', 'mam', 'agents', 'pm.agent.yaml');
  assert.equal(await madace.createDefinition(file, 'agent', agent), text);
  assert.equal(fs.readFileSync(file, 'utf8'), text);
  refuses(file, () => madace.createDefinitionSync(file, 'agent', agent), 'E_EXISTS');
  const wf = path.join(dir, 'madace', 'mam', 'workflows', 'new.workflow.yaml');
  assert.throws(() => app.createDefinitionSync(wf, 'workflow', { name: 'new', description: 'd', steps: [{ action: 'elicit' }] }), {
    code: 'E_SCHEMA',
  });
  assert.equal(fs.existsSync(wf), false);
  assert.throws(() => madace.createDefinitionSync(path.join(dir, 'x.yaml'), 'agent', agent), { code: 'E_PATCH' });
  assert.throws(() => madace.createDefinitionSync(path.join(dir, 'w.workflow.yaml'), 'agent', agent), {
    code: 'E_PATCH',
    message: /this name is a workflow file's, not a agent's/,
  });
  app.createDefinitionSync(wf, 'workflow', { name: 'new', description: 'd', steps: [{ name: 's', action: 'elicit', prompt: 'Goal: which?' }] });
  assert.equal(fs.readFileSync(wf, 'utf8'), "workflow:\n  name: new\n  description: d\n  steps:\n    - name: s\n      action: elicit\n      prompt: 'Goal: which?'\n");
});

test('hostile edits: a million operations, an 8 MiB value, deep pointers, __proto__ keys', (t) => {
  const dir = scratch(t);
  const file = write(dir, 'helper.agent.yaml', AGENT);
  const many = Array.from({ length: 1_000_000 }, () => ({ op: 'test', path: '/metadata/id', value: 'helper' }));
  refuses(file, () => madace.applyEditsSync(file, many), 'E_PATCH', /1000000 operations in one edit; at most 10000/);
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'add', path: '/metadata/big', value: 'x'.repeat(8 << 20) }]), 'E_LIMIT');
  refuses(file, () => madace.applyEditsSync(file, [{ op: 'add', path: '/a'.repeat(5000), value: 1 }]), 'E_PATCH', /at most 128/);
  const proto = JSON.parse('[{"op":"add","path":"/metadata/__proto__","value":{"polluted":true}}]');
  madace.applyEditsSync(file, proto);
  assert.equal({}.polluted, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(madace.loadAgentSync(file).metadata, '__proto__').value, { polluted: true });
});
