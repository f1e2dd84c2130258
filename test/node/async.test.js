'use strict';
// Async calls run on madace-core's own threads and never hold the host's
// resources: libuv's pool stays free for the app's own fs calls, AbortSignal
// stops queued work, worker threads can use the addon at once, and a script
// exits on its own. Deterministic: orderings and outcomes, never timings.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const madace = require('../..');
const { root, examples, scratch, write } = require('./helpers');

const pmSource = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');

/**
 * `n` distinct agent files (ids agent-0 … agent-n-1) in a fresh folder;
 * `padding` bytes of comments make each load take longer in Rust only.
 */
function agentFiles(t, n, padding = 0) {
  const dir = scratch(t);
  const comments = '# padding\n'.repeat(Math.ceil(padding / 10));
  return Array.from({ length: n }, (_, i) =>
    write(dir, `agent-${i}.agent.yaml`, comments + pmSource.replace('id: pm', `id: agent-${i}`)),
  );
}

function isAbortError(signal) {
  return (err) => {
    assert.equal(err.name, 'AbortError');
    assert.equal(err.code, 'ABORT_ERR');
    assert.equal(err.message, 'The operation was aborted');
    assert.equal(err.cause, signal.reason);
    return true;
  };
}

const noFifo = process.platform === 'win32' || spawnSync('mkfifo', ['--version']).error ? 'mkfifo(1) is not available' : false;

test("async calls finish while libuv's whole pool is blocked, so they never queue an app's fs calls", { skip: noFifo }, (t) => {
  // The pool has one thread here, held by an fs.open of a FIFO that has no
  // writer yet: any work queued on the pool would wait forever, and the
  // 60 s limit would end the child. Deterministic: no timings involved.
  const fifo = path.join(scratch(t), 'held');
  spawnSync('mkfifo', [fifo]);
  const board = write(scratch(t), 'workflow-status.md', fs.readFileSync(path.join(root, 'examples', 'docs', 'workflow-status.md')));
  const result = spawnSync(process.execPath, ['-e', `
    const fs = require('node:fs');
    const madace = require('.');
    const held = fs.promises.open(${JSON.stringify(fifo)}, 'r');
    const ex = 'examples/madace';
    Promise.all([
      madace.loadAgent(ex + '/mam/agents/pm.agent.yaml'),
      madace.loadAgents(ex + '/mam/agents'),
      madace.loadWorkflow(ex + '/mam/workflows/plan-project.workflow.yaml'),
      madace.loadConfig(ex + '/core/config.yaml'),
      madace.loadProject(ex),
      madace.validate(ex),
      madace.transition(${JSON.stringify(board)}, 'TASK-006', 'IN_PROGRESS', { maxInProgress: 2 }),
    ]).then(([pm, agents, workflow, config, project, report, story]) => {
      console.log(pm.metadata.id, agents.length, workflow.name, typeof config, project.modules.length, report.passed, story.state);
      fs.closeSync(fs.openSync(${JSON.stringify(fifo)}, 'w')); // releases the pool thread
      return held.then((handle) => handle.close());
    }).then(() => console.log('pool released'));
  `], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, UV_THREADPOOL_SIZE: '1' } });
  assert.equal(result.error, undefined, 'the calls waited for the blocked pool');
  assert.deepEqual([result.status, result.stderr], [0, '']);
  assert.equal(result.stdout, 'pm 5 plan-project object 2 10 IN_PROGRESS\npool released\n');
});

test('a signal aborted before the call rejects every async function with AbortError', async () => {
  const controller = new AbortController();
  controller.abort(new Error('user went away'));
  const { signal } = controller;
  const agent = path.join(examples, 'mam', 'agents', 'pm.agent.yaml');
  const workflow = path.join(examples, 'mam', 'workflows', 'plan-project.workflow.yaml');
  const calls = [
    madace.loadAgent(agent, { signal }),
    madace.loadAgents(path.join(examples, 'mam', 'agents'), { signal }),
    madace.loadAgentsByModule('mam', { root: examples, signal }),
    madace.loadAllAgents({ root: examples, signal }),
    madace.loadMAMAgents({ root: examples, signal }),
    madace.loadAgentById(examples, 'pm', { signal }),
    madace.loadWorkflow(workflow, { signal }),
    madace.findWorkflow('plan-project', { root: examples, signal }),
    madace.loadWorkflowById(examples, 'plan-project', { signal }),
    madace.loadConfig(path.join(examples, 'core', 'config.yaml'), { signal }),
    madace.loadProject(examples, { signal }),
    madace.validate(examples, { signal }),
    madace.loadStatus(path.join(root, 'examples', 'docs', 'workflow-status.md'), { signal }),
    madace.transition(path.join(root, 'examples', 'docs', 'workflow-status.md'), 'TASK-006', 'IN_PROGRESS', { signal }),
  ];
  for (const call of calls) await assert.rejects(call, isAbortError(signal));
});

test('aborting mid-flight rejects the loads still running and keeps the ones already done', async (t) => {
  madace.clearAgentCache();
  // ~0.5 s of loading in all, so that loads are still running when the main
  // thread, however slow, gets the first result.
  const files = agentFiles(t, 1000, 32 * 1024);
  const controller = new AbortController();
  const outcomes = files.map((f) =>
    madace.loadAgent(f, { signal: controller.signal }).then(
      (agent) => agent.metadata.id,
      (err) => err,
    ),
  );
  await outcomes[0];
  controller.abort();
  const settled = await Promise.all(outcomes);
  const done = settled.filter((o) => typeof o === 'string');
  const aborted = settled.filter((o) => o instanceof Error);
  assert.ok(done.length >= 1 && aborted.length >= 1, `${done.length} done, ${aborted.length} aborted`);
  assert.equal(done.length + aborted.length, 1000);
  for (const err of aborted) isAbortError(controller.signal)(err);
  settled.forEach((o, i) => typeof o === 'string' && assert.equal(o, `agent-${i}`));
});

test('a story move aborted before it starts never touches the board', async (t) => {
  const board = write(scratch(t), 'workflow-status.md', fs.readFileSync(path.join(root, 'examples', 'docs', 'workflow-status.md')));
  const before = fs.readFileSync(board, 'utf8');
  const files = agentFiles(t, 1000);
  // The move queues behind 1,000 loads, so it cannot have started when the signal fires.
  const loads = files.map((f) => madace.loadAgent(f));
  const controller = new AbortController();
  const move = madace.transition(board, 'TASK-006', 'IN_PROGRESS', { signal: controller.signal, maxInProgress: 2 });
  controller.abort();
  await assert.rejects(move, isAbortError(controller.signal));
  await Promise.all(loads);
  assert.equal(fs.readFileSync(board, 'utf8'), before);
});

test('a story move that has finished is not reported as aborted', async (t) => {
  const board = write(scratch(t), 'workflow-status.md', fs.readFileSync(path.join(root, 'examples', 'docs', 'workflow-status.md')));
  const controller = new AbortController();
  const story = await madace.transition(board, 'TASK-006', 'IN_PROGRESS', { signal: controller.signal, maxInProgress: 2 });
  controller.abort();
  assert.equal(story.state, 'IN_PROGRESS');
  assert.match(fs.readFileSync(board, 'utf8'), /## IN PROGRESS\n\n- \[TASK-005\][^\n]*\n- \[TASK-006\]/);
});

test('options.signal must be an AbortSignal', () => {
  assert.throws(() => madace.loadAgent('x.agent.yaml', { signal: 'stop' }), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.signal" argument must be an AbortSignal. Received type string',
  });
});

/** Runs `code` in a fresh Node process; returns its status, stdout and stderr. */
function node(code, cwd = root) {
  return spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8', timeout: 60_000 });
}

test('one signal shared by 50 calls warns about nothing and stops them all', () => {
  // A listener per call would print MaxListenersExceededWarning on stderr past ten.
  const result = node(`
    const madace = require('.');
    const file = 'examples/madace/mam/agents/pm.agent.yaml';
    const shared = new AbortController();
    const done = Promise.all(Array.from({ length: 50 }, () => madace.loadAgent(file, { signal: shared.signal })));
    const stopped = new AbortController();
    const calls = Array.from({ length: 50 }, () => madace.loadAgent(file, { signal: stopped.signal }).catch((e) => e.code));
    stopped.abort();
    Promise.all([done, Promise.all(calls)]).then(([agents, codes]) =>
      console.log(agents.length, agents[49].metadata.id, new Set(codes).size, codes[0]));
  `);
  assert.deepEqual([result.status, result.stdout, result.stderr], [0, '50 pm 1 ABORT_ERR\n', '']);
});

test('four worker threads load agents concurrently with the main thread, and the process exits', () => {
  const script = `
    const { Worker } = require('node:worker_threads');
    const path = require('node:path');
    const madace = require('.');
    const dir = path.join('examples', 'madace', 'mam', 'agents');
    const worker = () => new Promise((resolve, reject) => {
      const w = new Worker(\`
        const { parentPort } = require('node:worker_threads');
        const madace = require(\${JSON.stringify(process.cwd())});
        const path = require('node:path');
        const dir = path.join('examples', 'madace', 'mam', 'agents');
        const names = ['analyst', 'architect', 'dev', 'pm', 'sm'];
        const loads = [];
        for (let round = 0; round < 40; round += 1) {
          for (const n of names) loads.push(madace.loadAgent(path.join(dir, n + '.agent.yaml')));
        }
        Promise.all(loads).then((agents) => parentPort.postMessage(agents.map((a) => a.metadata.id).join(',')));
      \`, { eval: true });
      w.on('message', resolve);
      w.on('error', reject);
    });
    Promise.all([worker(), worker(), worker(), worker(), madace.loadAgents(dir)]).then(([a, b, c, d, own]) => {
      const expected = Array(40).fill('analyst,architect,dev,pm,sm').join(',');
      for (const got of [a, b, c, d]) if (got !== expected) throw new Error('wrong ids: ' + got.slice(0, 80));
      console.log('workers ok', own.map((x) => x.metadata.id).join(','));
    });
  `;
  const result = node(script);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0, result.stdout);
  assert.equal(result.stdout, 'workers ok analyst,architect,dev,pm,sm\n');
});

test('worker threads terminated after async loads (as test runners do) leave the process intact', () => {
  // With mimalloc as the addon's allocator this crashed the process (SIGSEGV) once a
  // terminated worker's memory was touched again; vitest's threads pools hit it.
  const script = `
    const { Worker } = require('node:worker_threads');
    const code = \`
      const { parentPort } = require('node:worker_threads');
      const madace = require(\${JSON.stringify(process.cwd())});
      Promise.all([madace.loadAgents('examples/madace/mam/agents'), madace.loadAgent('examples/madace/mam/agents/pm.agent.yaml')])
        .then(([all, pm]) => parentPort.postMessage(all.length + ' ' + pm.metadata.id));
    \`;
    (async () => {
      const seen = [];
      for (let i = 0; i < 6; i += 1) {
        seen.push(await new Promise((resolve, reject) => {
          const w = new Worker(code, { eval: true });
          w.on('message', (m) => w.terminate().then(() => resolve(m)));
          w.on('error', reject);
        }));
      }
      console.log(seen.join(','));
    })();
  `;
  const result = node(script);
  assert.deepEqual([result.signal, result.status, result.stderr], [null, 0, '']);
  assert.equal(result.stdout, `${Array(6).fill('5 pm').join(',')}\n`);
});

test('a script that calls loadAgent once exits on its own', () => {
  const result = node(
    "require('.').loadAgent('examples/madace/mam/agents/pm.agent.yaml').then((a) => console.log(a.metadata.name))",
  );
  assert.equal(result.error, undefined, 'the process did not exit within 60 s');
  assert.deepEqual([result.status, result.stdout, result.stderr], [0, 'PM\n', '']);
});

test('a rejected async call also lets the process exit', () => {
  const result = node("require('.').loadAgent('nowhere.agent.yaml').catch((e) => console.log(e.code))");
  assert.equal(result.error, undefined, 'the process did not exit within 60 s');
  assert.deepEqual([result.status, result.stdout, result.stderr], [0, 'E_NOT_FOUND\n', '']);
});

test('a folder of 100 agents loads async in chunks: same agents, same order, same first error as the sync loader', async (t) => {
  madace.clearAgentCache();
  const files = agentFiles(t, 100);
  const dir = path.dirname(files[0]);
  // Names sort as agent-0, agent-1, agent-10, …: path order, not creation order.
  const expected = files.map((f) => path.basename(f)).sort().map((name) => name.replace('.agent.yaml', ''));
  const loaded = await madace.loadAgents(dir);
  assert.deepEqual(loaded.map((a) => a.metadata.id), expected);
  // Cached objects: the sync loader hands back the identical ones.
  assert.deepEqual(madace.loadAgentsSync(dir).map((a, i) => a === loaded[i]), expected.map(() => true));

  // Broken files in the first chunk (agent-1) and in the last (agent-98).
  fs.writeFileSync(files[1], 'agent: [\n');
  fs.writeFileSync(files[98], 'agent:\n  metadata: {}\n');
  const collected = await madace.loadAgents(dir, { collectErrors: true });
  assert.equal(collected.agents.length, 98);
  assert.deepEqual(
    collected.errors.map((e) => [e.code, path.basename(e.path), e.line]),
    [['E_YAML', 'agent-1.agent.yaml', 1], ['E_SCHEMA', 'agent-98.agent.yaml', 2]],
  );
  const first = await madace.loadAgents(dir).catch((e) => e);
  assert.ok(first instanceof madace.AgentLoadError);
  assert.equal(path.basename(first.path), 'agent-1.agent.yaml');
  // Only the last chunk is bad: the call still fails with it.
  fs.writeFileSync(files[1], pmSource.replace('id: pm', 'id: agent-1'));
  const late = await madace.loadAgents(dir).catch((e) => e);
  assert.equal([late.code, path.basename(late.path)].join(' '), 'E_SCHEMA agent-98.agent.yaml');
});

test('folder loads in flight together with single loads each get exactly their own agents', async (t) => {
  madace.clearAgentCache();
  const files = agentFiles(t, 70);
  const dir = path.dirname(files[0]);
  const ids = (agents) => agents.map((a) => a.metadata.id).sort();
  const all = files.map((_, i) => `agent-${i}`).sort();
  const results = await Promise.all([
    madace.loadAgents(dir),
    ...files.slice(0, 10).map((f) => madace.loadAgent(f)),
    madace.loadAgents(dir, { collectErrors: true }),
    madace.loadAgents(dir),
  ]);
  assert.deepEqual(ids(results[0]), all);
  assert.deepEqual(results.slice(1, 11).map((a) => a.metadata.id), files.slice(0, 10).map((_, i) => `agent-${i}`));
  assert.deepEqual(ids(results[11].agents), all);
  assert.deepEqual(results[11].errors, []);
  assert.deepEqual(ids(results[12]), all);
});
