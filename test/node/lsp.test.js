'use strict';
// `madace-core lsp --stdio` driven as an editor drives it: initialize,
// didOpen of a broken agent, publishDiagnostics with exact ranges, codes and
// messages, didChange fixing it, diagnostics cleared, shutdown and exit.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { root, examples, scratch } = require('./helpers');

/** A minimal LSP client over a child's stdio: Content-Length framed JSON-RPC. */
function client(child) {
  let buffer = Buffer.alloc(0);
  const notifications = [];
  const waiting = [];
  const responses = new Map();
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())[1]);
      if (buffer.length < header + 4 + length) return;
      const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
      buffer = buffer.subarray(header + 4 + length);
      if (message.id !== undefined && message.method === undefined) responses.get(message.id)?.(message);
      else if (message.method === 'workspace/configuration') send({ jsonrpc: '2.0', id: message.id, result: [{ strict: false }] });
      else if (message.method === 'textDocument/publishDiagnostics') {
        const next = waiting.shift();
        if (next) next(message.params);
        else notifications.push(message.params);
      }
    }
  });
  let nextId = 1;
  function send(message) {
    const body = Buffer.from(JSON.stringify(message));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  }
  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        responses.set(id, resolve);
        send({ jsonrpc: '2.0', id, method, params });
      });
    },
    notify(method, params) {
      send({ jsonrpc: '2.0', method, params });
    },
    diagnostics() {
      return notifications.length ? Promise.resolve(notifications.shift()) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

test('the language server publishes located diagnostics as the document changes', async (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'pm.agent.yaml');
  const good = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');
  const bad = good.replace('    title: Product Manager\n', '    title: 42\n').replace('    icon: "📋"\n', '');
  fs.writeFileSync(file, bad);
  const uri = pathToFileURL(file).href;
  const server = spawn(process.execPath, [path.join(root, 'bin', 'madace-core.js'), 'lsp', '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  t.after(() => server.kill('SIGKILL'));
  let stderr = '';
  server.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const lsp = client(server);

  const init = await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
  assert.equal(init.result.capabilities.textDocumentSync, 1);
  lsp.notify('initialized', {});

  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: bad } });
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

  lsp.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: good }] });
  assert.deepEqual(await lsp.diagnostics(), { uri, diagnostics: [] });

  const shutdown = await lsp.request('shutdown', null);
  assert.equal(shutdown.result, null);
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  lsp.notify('exit', null);
  assert.equal(await exited, 0);
  assert.equal(stderr, '');
});

test('lsp without --stdio is a usage error', () => {
  const { spawnSync } = require('node:child_process');
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'madace-core.js'), 'lsp'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^lsp speaks over standard input and output: run `madace-core lsp --stdio`\n/);
});
