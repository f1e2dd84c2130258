'use strict';
// End to end: a copy of the Next.js example app (examples/nextjs, beside a
// copy of examples/madace) installs madace-core from the packed main and
// platform packages on a PATH without cargo or rustc; `next build` compiles
// it with Turbopack and with webpack (`output: 'standalone'`); each output is
// copied elsewhere with its symlinks resolved, as deploys copy it, and its
// server.js serves agents and errors through the App Router routes there.

const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { root, run, killGroup, tail, tempDir } = require('../support/run');
const { PLATFORM_PACKAGE, packPackages, installPackages, rustlessEnv } = require('../support/packages');
const { PM_METADATA } = require('../fixtures/runners/expected.json');

const env = rustlessEnv();

/** examples/nextjs and examples/madace, side by side in a temp folder, without build output. */
function copyExample() {
  const work = tempDir('nextjs');
  const app = path.join(work, 'nextjs');
  const skip = new Set(['node_modules', '.next', 'next-env.d.ts']);
  fs.cpSync(path.join(root, 'examples', 'nextjs'), app, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
  fs.cpSync(path.join(root, 'examples', 'madace'), path.join(work, 'madace'), { recursive: true });
  return app;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A posted agent with an unclosed string, and the error both routes answer it with. */
const UNCLOSED = {
  yaml: 'agent:\n  metadata:\n    name: "Unclosed\n',
  error: {
    code: 'E_YAML',
    message: 'posted.agent.yaml:3:11: the string opened at 3:11 is never closed: add the closing "',
    path: 'posted.agent.yaml',
    line: 3,
    column: 11,
    issues: [],
  },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A deploy of one build: `.next/standalone` copied to a fresh folder with
 * every symlink resolved (as zip and Docker COPY deploys do), `.next/static`
 * beside it, and the MADACE trees the routes read; nothing else of the app
 * or its node_modules is reachable from there.
 */
function deploy(app, name) {
  const site = tempDir(`deploy-${name}`);
  const server = path.join(site, 'nextjs');
  fs.cpSync(path.join(app, '.next', 'standalone'), server, { recursive: true, dereference: true, verbatimSymlinks: false });
  fs.cpSync(path.join(app, '.next', 'static'), path.join(server, '.next', 'static'), { recursive: true });
  fs.cpSync(path.join(app, 'madace'), path.join(server, 'madace'), { recursive: true });
  fs.cpSync(path.join(app, '..', 'madace'), path.join(site, 'madace'), { recursive: true });
  return server;
}

/** Every symlink under `dir`. */
function symlinks(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isSymbolicLink())
    .map((e) => path.join(e.parentPath, e.name));
}

let app; // the copy of the example app, installed once, built by each bundler in turn
const builds = {}; // bundler → its deployed standalone folder

before(async () => {
  app = copyExample();
  const install = await installPackages(app, await packPackages());
  const installed = path.join(app, 'node_modules', 'madace-core');
  assert.ok(!fs.existsSync(path.join(installed, 'index.node')), 'the main package must not carry a binary');
  assert.ok(
    fs.existsSync(path.join(app, 'node_modules', ...PLATFORM_PACKAGE.split('/'), 'index.node')),
    `no ${PLATFORM_PACKAGE} after npm install:\n${tail(install.output)}`,
  );
  const nextBin = path.join(app, 'node_modules', 'next', 'dist', 'bin', 'next');
  const times = [`npm install ${(install.ms / 1000).toFixed(1)} s`];
  for (const [bundler, flag] of [['turbopack', '--turbopack'], ['webpack', '--webpack']]) {
    fs.rmSync(path.join(app, '.next'), { recursive: true, force: true });
    const build = await run(process.execPath, [nextBin, 'build', flag], { cwd: app, env, timeoutMs: 600_000 });
    assert.match(build.output, /ƒ \/api\/agents/, build.output);
    times.push(`next build ${flag} ${(build.ms / 1000).toFixed(1)} s`);
    builds[bundler] = deploy(app, bundler);
  }
  console.log(times.join(', '));
});

for (const bundler of ['turbopack', 'webpack']) describe(`Next.js example app, built with ${bundler}, deployed standalone`, () => {
  let server; // the standalone server.js child process
  let serverLog = '';
  let serverExit = null;
  let base;

  /** fetch with a time limit; failures carry the server's output. */
  async function get(urlPath, init = {}) {
    try {
      const response = await fetch(`${base}${urlPath}`, { ...init, signal: AbortSignal.timeout(30_000) });
      const text = await response.text();
      return { status: response.status, type: response.headers.get('content-type'), text };
    } catch (err) {
      throw new Error(`${init.method ?? 'GET'} ${urlPath} failed: ${err.message}\nserver output:\n${tail(serverLog)}`);
    }
  }

  async function getJson(urlPath, init) {
    const res = await get(urlPath, init);
    assert.match(res.type ?? '', /^application\/json/, `${urlPath}: ${res.status} ${res.text.slice(0, 500)}\n${tail(serverLog)}`);
    // No answer, error or not, tells a client where the server's files are.
    assert.ok(!res.text.includes(builds[bundler]) && !res.text.includes(path.dirname(builds[bundler])), `${urlPath}: a server path in ${res.text}`);
    return { status: res.status, body: JSON.parse(res.text) };
  }

  before(async () => {
    const dir = builds[bundler];
    assert.deepEqual(symlinks(dir), [], 'the deployed copy must not link back into the build');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['server.js'], {
      cwd: dir,
      env: { ...env, PORT: String(port), HOSTNAME: '127.0.0.1' },
      detached: true, // its own process group, stopped as a whole in after()
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout.setEncoding('utf8').on('data', (d) => (serverLog += d));
    server.stderr.setEncoding('utf8').on('data', (d) => (serverLog += d));
    server.on('exit', (code, signal) => (serverExit = { code, signal }));
    // Should this process end early (Ctrl-C, a crash), take the server with it.
    process.on('exit', () => serverExit || killGroup(server.pid, 'SIGKILL'));

    const deadline = Date.now() + 60_000;
    for (;;) {
      if (serverExit) throw new Error(`server.js exited (${JSON.stringify(serverExit)}):\n${tail(serverLog)}`);
      try {
        await fetch(`${base}/api/agents`, { signal: AbortSignal.timeout(5_000) });
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`server.js did not answer on ${base} within 60 s:\n${tail(serverLog)}`);
        await sleep(250);
      }
    }
  });

  after(async () => {
    if (!server || serverExit) return;
    killGroup(server.pid, 'SIGTERM');
    for (let i = 0; i < 40 && !serverExit; i += 1) await sleep(250);
    if (!serverExit) killGroup(server.pid, 'SIGKILL');
  });

  test('the deployed copy carries the platform binary, traced through the literal require', () => {
    const binaries = fs
      .readdirSync(builds[bundler], { recursive: true })
      .filter((f) => f.endsWith('index.node'))
      .map((f) => f.split(path.sep).slice(-3).join('/'));
    assert.ok(binaries.includes(`${PLATFORM_PACKAGE}/index.node`), `no ${PLATFORM_PACKAGE}/index.node in ${JSON.stringify(binaries)}`);
  });

  test('GET /api/agents lists the MADACE agents', async () => {
    const { status, body } = await getJson('/api/agents');
    assert.equal(status, 200);
    assert.deepStrictEqual(body, [
      { id: 'analyst', name: 'Analyst', title: 'Business Analyst', icon: '🔍', menuItems: 3 },
      { id: 'architect', name: 'Architect', title: 'Solution Architect', icon: '📐', menuItems: 4 },
      { id: 'dev', name: 'Dev', title: 'Developer', icon: '💻', menuItems: 3 },
      { id: 'pm', name: 'PM', title: 'Product Manager', icon: '📋', menuItems: 4 },
      { id: 'sm', name: 'SM', title: 'Scrum Master', icon: '🔄', menuItems: 5 },
    ]);
  });

  test('GET /api/agents?id=pm is Response.json(await loadAgent(...))', async () => {
    const { status, body } = await getJson('/api/agents?id=pm');
    assert.equal(status, 200);
    assert.deepStrictEqual(body.metadata, PM_METADATA);
    assert.deepStrictEqual(
      body.menu.map((item) => item.trigger),
      ['*plan-project', '*refine-epics', '*prioritize-backlog', '*show-status'],
    );
    // The whole agent, exactly as the library returns it in this process.
    const { loadAgentSync } = require(root);
    const expected = loadAgentSync(path.join(root, 'examples', 'madace', 'mam', 'agents', 'pm.agent.yaml'));
    assert.deepStrictEqual(body, JSON.parse(JSON.stringify(expected)));
  });

  test('GET /api/agents?id=broken is 422 with the code, position and issues', async () => {
    const { status, body } = await getJson('/api/agents?id=broken');
    assert.equal(status, 422);
    const title = 'expected a string, found a number (quote the value to keep it as text)';
    const description = "required field 'description' is missing";
    assert.deepStrictEqual(body, {
      error: {
        code: 'E_SCHEMA',
        message: `./madace/custom/agents/broken.agent.yaml:7:12: 2 problems\n  7:12  agent.metadata.title: ${title}\n  18:7  agent.menu[1].description: ${description}`,
        path: './madace/custom/agents/broken.agent.yaml',
        line: 7,
        column: 12,
        issues: [
          { field: 'agent.metadata.title', message: title, line: 7, column: 12 },
          { field: 'agent.menu[1].description', message: description, line: 18, column: 7 },
        ],
      },
    });
  });

  test('POST /api/agents with malformed YAML is 422 E_YAML at its line and column', async () => {
    const { status, body } = await getJson('/api/agents', { method: 'POST', body: UNCLOSED.yaml });
    assert.equal(status, 422);
    assert.deepStrictEqual(body, { error: UNCLOSED.error });
  });

  test('POST /api/agents with a valid agent is 200 with the parsed agent', async () => {
    const yaml = fs.readFileSync(path.join(root, 'examples', 'madace', 'mam', 'agents', 'sm.agent.yaml'), 'utf8');
    const { status, body } = await getJson('/api/agents', { method: 'POST', body: yaml });
    assert.equal(status, 200);
    assert.equal(body.metadata.title, 'Scrum Master');
    assert.equal(body.menu.length, 5);
  });

  test('unknown, path-like and overlong ids are 404 and 400', async () => {
    const ghost = await getJson('/api/agents?id=ghost');
    assert.equal(ghost.status, 404);
    assert.deepStrictEqual(ghost.body.error, {
      code: 'E_NOT_FOUND',
      message: "..: no agent 'ghost' in this project (no ghost.agent.yaml or ghost.agent.yml in any module)",
      path: '..',
      line: null,
      column: null,
      issues: [],
    });
    const escape = await getJson(`/api/agents?id=${encodeURIComponent('../../etc/passwd')}`);
    assert.equal(escape.status, 400);
    assert.equal(escape.body.error.code, 'E_PATH');
    const long = await getJson(`/api/agents?id=${'a'.repeat(4000)}`);
    assert.equal(long.status, 400);
    assert.deepStrictEqual(long.body.error, {
      code: 'E_PATH',
      message: `${'a'.repeat(40)}…: an id of 4000 bytes is longer than a file name can be (ids have at most 128); refusing to look for it in .`,
      path: `${'a'.repeat(40)}…`,
      line: null,
      column: null,
      issues: [],
    });
  });

  test('an Edge route parses posted YAML with the WebAssembly build: the agent, or the located error', async () => {
    const yaml = fs.readFileSync(path.join(root, 'examples', 'madace', 'mam', 'agents', 'sm.agent.yaml'), 'utf8');
    const ok = await getJson('/api/edge', { method: 'POST', body: yaml });
    assert.deepStrictEqual(ok, { status: 200, body: { id: 'sm', name: 'SM', title: 'Scrum Master', menuItems: 5 } });
    // The Node.js route's answer to the same text, from the WebAssembly build.
    const broken = await getJson('/api/edge', { method: 'POST', body: UNCLOSED.yaml });
    assert.deepStrictEqual(broken, { status: 422, body: { error: UNCLOSED.error } });
    const schema = await getJson('/api/edge', { method: 'POST', body: 'agent:\n  metadata: {id: pm}\n' });
    assert.equal(schema.status, 422);
    assert.equal(schema.body.error.code, 'E_SCHEMA');
    assert.deepEqual(schema.body.error.issues[0], { field: 'agent.persona', message: "required field 'persona' is missing", line: 2, column: 3 });
  });

  test('on the Edge runtime, a function that reads files says it needs the Node.js runtime', async () => {
    const { status, body } = await getJson('/api/edge');
    assert.equal(status, 501);
    assert.deepEqual(body, {
      error: {
        code: 'MADACE_NODE_RUNTIME_REQUIRED',
        message:
          "loadAgent needs the Node.js runtime (it works with files or native code): call it from server code on Node.js " +
          "(in a Next.js route, `export const runtime = 'nodejs'`). parseAgent, parseWorkflow, parseConfig, validateText, " +
          "editText, stringify, codeFrame and formatError from 'madace-core' run everywhere.",
        path: null,
        line: null,
        column: null,
        issues: [],
      },
    });
  });

  test('the Server Component page renders the agents loaded at build time', async () => {
    const { status, text } = await get('/');
    assert.equal(status, 200);
    const items = [...text.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1].replace(/<!-- -->/g, ''));
    assert.deepStrictEqual(items, [
      '🔍 Analyst: Business Analyst (3 menu items)',
      '📐 Architect: Solution Architect (4 menu items)',
      '💻 Dev: Developer (3 menu items)',
      '📋 PM: Product Manager (4 menu items)',
      '🔄 SM: Scrum Master (5 menu items)',
    ]);
  });
});
