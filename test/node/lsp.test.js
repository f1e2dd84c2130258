'use strict';
// `madace-core lsp --stdio` driven as an editor drives it: initialize,
// didOpen, publishDiagnostics with exact ranges (UTF-16, as LSP counts),
// codes and messages, didChange, shutdown and exit; only the files the core
// recognises get diagnostics, TOML layers included, all checked in memory.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { root, examples, scratch, write } = require('./helpers');
const { startServer } = require('../support/lsp-client');

const pm = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');

async function initialized(lsp, dir, initializationOptions) {
  const init = await lsp.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: {},
    initializationOptions,
  });
  assert.equal(init.result.capabilities.textDocumentSync, 1);
  lsp.notify('initialized', {});
}

const open = (lsp, file, text) =>
  lsp.notify('textDocument/didOpen', { textDocument: { uri: pathToFileURL(file).href, languageId: 'yaml', version: 1, text } });

test('the language server publishes located diagnostics as the document changes', async (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'pm.agent.yaml');
  const bad = pm.replace('    title: Product Manager\n', '    title: 42\n').replace('    icon: "📋"\n', '');
  fs.writeFileSync(file, bad);
  const uri = pathToFileURL(file).href;
  const lsp = startServer(t);
  await initialized(lsp, dir);

  open(lsp, file, bad);
  const opened = await lsp.diagnostics();
  const titleLine = bad.split('\n').findIndex((l) => l === '    title: 42');
  const metadataLine = bad.split('\n').findIndex((l) => l === '  metadata:');
  assert.equal(opened.uri, uri);
  assert.deepEqual(opened.diagnostics, [
    {
      range: { start: { line: metadataLine + 1, character: 4 }, end: { line: metadataLine + 1, character: 6 } },
      severity: 1,
      code: 'E_SCHEMA',
      source: 'madace-core',
      message: "agent.metadata.icon: required field 'icon' is missing",
    },
    {
      range: { start: { line: titleLine, character: 11 }, end: { line: titleLine, character: 13 } },
      severity: 1,
      code: 'E_SCHEMA',
      source: 'madace-core',
      message: 'agent.metadata.title: expected a string, found a number (quote the value to keep it as text)',
    },
  ]);

  lsp.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: pm }] });
  assert.deepEqual(await lsp.diagnostics(), { uri, diagnostics: [] });

  const shutdown = await lsp.request('shutdown', null);
  assert.equal(shutdown.result, null);
  const exited = new Promise((resolve) => lsp.child.on('exit', (code) => resolve(code)));
  lsp.notify('exit', null);
  assert.equal(await exited, 0);
  assert.equal(lsp.stderr(), '');
});

test('YAML files that are no definition files get no diagnostics', async (t) => {
  const dir = scratch(t);
  const lsp = startServer(t);
  await initialized(lsp, dir);
  const others = {
    'site/config.yaml': 'baseURL: https://example.org/\ntitle: My Hugo site\n',
    '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
    'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
  };
  for (const [rel, text] of Object.entries(others)) open(lsp, write(dir, rel, text), text);
  // The server handles messages in order: the agent's diagnostics come first
  // only if none were published for the files before it.
  const agent = write(dir, 'pm.agent.yaml', 'agent:\n  metadata: {}\n');
  open(lsp, agent, 'agent:\n  metadata: {}\n');
  const first = await lsp.diagnostics();
  assert.equal(first.uri, pathToFileURL(agent).href);
  assert.equal(first.diagnostics[0].code, 'E_SCHEMA');
  assert.deepEqual(lsp.pending(), []);
});

test('positions count UTF-16 code units, as LSP does: an emoji before the problem', async (t) => {
  const dir = scratch(t);
  const line = '  metadata: { id: pm, name: "PM 📋🚀", icon: "📋", title: 42 }';
  const text = `agent:\n${line}\n  persona: { role: r, identity: i, communication_style: c, principles: [p] }\n  menu: []\n`;
  const file = write(dir, 'pm.agent.yaml', text);
  const lsp = startServer(t);
  await initialized(lsp, dir);
  open(lsp, file, text);
  const { diagnostics } = await lsp.diagnostics();
  const title = diagnostics.find((d) => d.message.startsWith('agent.metadata.title'));
  const at = line.indexOf('42');
  assert.deepEqual(title.range, { start: { line: 1, character: at }, end: { line: 1, character: at + 2 } });
});

test('TOML layers get diagnostics, located in the layer being edited', async (t) => {
  const dir = scratch(t);
  const skill = path.join(dir, '.claude', 'skills', 'bmad-agent-pm');
  write(skill, 'SKILL.md', '---\nname: bmad-agent-pm\ndescription: Product manager\n---\n');
  const defaults = '[agent]\nname = "John"\ntitle = "PM"\nicon = "📋"\n';
  write(skill, 'customize.toml', defaults);
  fs.mkdirSync(path.join(dir, '_bmad', 'custom'), { recursive: true });
  const lsp = startServer(t);
  await initialized(lsp, dir);

  const customize = path.join(skill, 'customize.toml');
  open(lsp, customize, '[agent]\nname = "John"\ntitle = \n');
  const broken = await lsp.diagnostics();
  assert.equal(broken.uri, pathToFileURL(customize).href);
  assert.deepEqual(
    broken.diagnostics.map((d) => [d.code, d.range.start.line]),
    [['E_TOML', 2]],
  );

  const team = write(dir, '_bmad/custom/bmad-agent-pm.toml', '');
  const teamText = '[agent]\nicon = 5\n';
  open(lsp, team, teamText);
  const located = await lsp.diagnostics();
  assert.equal(located.uri, pathToFileURL(team).href);
  assert.deepEqual(
    located.diagnostics.map((d) => [d.code, d.range.start, d.message]),
    [['E_SCHEMA', { line: 1, character: 7 }, 'agent.icon: expected a string, found an integer (quote it to make it text)']],
  );
});

test('the server writes no scratch files: it works without a temp folder', async (t) => {
  const dir = scratch(t);
  const lsp = startServer(t, { env: { ...process.env, TMPDIR: path.join(dir, 'no-such-tmp'), TMP: path.join(dir, 'no-such-tmp') } });
  await initialized(lsp, dir);
  const file = write(dir, 'pm.agent.yaml', pm);
  open(lsp, file, 'agent:\n  metadata: {}\n  metadata: {}\n');
  const { diagnostics } = await lsp.diagnostics();
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start]), [['E_DUPLICATE_KEY', { line: 2, character: 2 }]]);
  assert.equal(lsp.stderr(), '');
  assert.deepEqual(fs.readdirSync(dir), ['pm.agent.yaml']);
});

/** The server's peak resident memory, from /proc (Linux). */
const peakRss = (pid) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;

test('hostile clients: a 50 MB document, 10,000 rapid changes, a client that never answers settings', { skip: process.platform !== 'linux' && 'peak RSS from /proc' }, async (t) => {
  const dir = scratch(t);
  const lsp = startServer(t, { answerSettings: false });
  await lsp.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: { workspace: { configuration: true } },
  });
  lsp.notify('initialized', {});
  const huge = write(dir, 'huge.agent.yaml', '');
  const started = Date.now();
  open(lsp, huge, '\n'.repeat(50 * 1024 * 1024));
  const limited = await lsp.diagnostics();
  assert.deepEqual(limited.diagnostics.map((d) => [d.code, d.range.start.line]), [['E_LIMIT', 0]]);
  assert.ok(peakRss(lsp.child.pid) < 700 * 1024 * 1024, `peak RSS ${peakRss(lsp.child.pid)}`);

  const file = write(dir, 'pm.agent.yaml', pm);
  const uri = pathToFileURL(file).href;
  open(lsp, file, pm);
  assert.deepEqual((await lsp.diagnostics()).diagnostics, []);
  for (let version = 2; version <= 10_001; version++) {
    const text = version === 10_001 ? 'agent:\n  metadata: {}\n  metadata: {}\n' : `${pm}# ${version}\n`;
    lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
  const last = await lsp.diagnostics();
  assert.deepEqual(last.diagnostics.map((d) => d.code), ['E_DUPLICATE_KEY']);
  // Debounced: the burst is checked once or twice (a pause while it arrives), not 10,000 times.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const more = lsp.pending();
  assert.ok(more.length <= 1, `${more.length + 1} publications`);
  assert.deepEqual(more.flatMap((p) => p.diagnostics.map((d) => d.code)), more.length ? ['E_DUPLICATE_KEY'] : []);
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  assert.equal(lsp.stderr(), '');
});

test('documents outside the workspace get no diagnostics and make the server read nothing', async (t) => {
  const dir = scratch(t);
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(workspace);
  const outside = write(dir, 'elsewhere/pm.agent.yaml', 'agent: {}\n');
  const lsp = startServer(t);
  await initialized(lsp, workspace);
  open(lsp, outside, 'agent: {}\n');
  lsp.notify('textDocument/didOpen', {
    textDocument: { uri: `${pathToFileURL(workspace).href}/%2e%2e/elsewhere/pm.agent.yaml`, languageId: 'yaml', version: 1, text: 'agent: {}\n' },
  });
  const inside = write(workspace, 'pm.agent.yaml', 'agent: {}\n');
  open(lsp, inside, 'agent: {}\n');
  const first = await lsp.diagnostics();
  assert.equal(first.uri, pathToFileURL(inside).href);
  assert.deepEqual(lsp.pending(), []);
});

test('lsp without --stdio is a usage error', () => {
  const { spawnSync } = require('node:child_process');
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'madace-core.js'), 'lsp'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^lsp speaks over standard input and output: run `madace-core lsp --stdio`\n/);
});

test("a skill's SKILL.md in strict mode: each finding's code is its rule, at its key", async (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'bmad-notes', 'SKILL.md');
  const text = '---\nname: bmad-notes\ndescription: Writes notes.\nversion: 2\n---\n\n# Notes\n';
  write(path.dirname(file), 'SKILL.md', text);
  const lsp = startServer(t);
  await initialized(lsp, dir, { strict: true });
  open(lsp, file, text);
  const { diagnostics } = await lsp.diagnostics();
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
    [
      ['SKILL-06', 2, 2, 13],
      ['skill-frontmatter-key', 2, 3, 0],
    ],
  );
});
