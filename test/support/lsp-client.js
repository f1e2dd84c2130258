'use strict';
// A minimal LSP client over a child's stdio (Content-Length framed
// JSON-RPC), for driving `madace-core lsp --stdio` as an editor does.

const path = require('node:path');
const { spawn } = require('node:child_process');
const { root } = require('./run');

/**
 * Starts the server with `args` after `lsp --stdio`; `settings` is what the
 * client answers to workspace/configuration (never, with `answerSettings: false`). Returns the client and the
 * server's stderr so far (`stderr()`).
 */
function startServer(t, { args = [], settings = {}, env = process.env, answerSettings = true } = {}) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'madace-core.js'), 'lsp', '--stdio', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env,
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  let buffer = Buffer.alloc(0);
  const notifications = [];
  const waiting = [];
  const responses = new Map();
  let nextId = 1;
  function send(message) {
    const body = Buffer.from(JSON.stringify(message));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  }
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
      else if (message.method === 'workspace/configuration') {
        if (answerSettings) send({ jsonrpc: '2.0', id: message.id, result: [settings] });
      }
      else if (message.method === 'textDocument/publishDiagnostics') {
        const next = waiting.shift();
        if (next) next(message.params);
        else notifications.push(message.params);
      }
    }
  });
  const lsp = {
    child,
    stderr: () => stderr,
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
    /** The next publishDiagnostics, in the order the server sent them. */
    diagnostics() {
      return notifications.length ? Promise.resolve(notifications.shift()) : new Promise((resolve) => waiting.push(resolve));
    },
    /** Diagnostics published so far and not yet taken. */
    pending: () => notifications.splice(0),
  };
  return lsp;
}

module.exports = { startServer };
