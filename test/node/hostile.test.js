'use strict';
// Hostile input, round two: what an attack on 0.1 found, each refused now.
// Memory is measured in a child process (peak RSS, reset just before the
// call), never by timing.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync, spawn } = require('node:child_process');
const { Worker } = require('node:worker_threads');
const madace = require('../..');
const { root, examples, scratch, write } = require('./helpers');
const { MiB, BOMBS, bracketBoard } = require('../support/bombs');

const onLinux = process.platform === 'linux' ? false : 'peak RSS is read from /proc (Linux only)';
const pmSource = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');
const bin = path.join(root, 'bin', 'madace-core.js');

/**
 * Loads `file` in a fresh Node process, `mode` 'sync' or 'async'; returns the
 * error's fields, the growth of peak RSS over the RSS just before the call,
 * and the child's stderr.
 */
function loadInChild(file, mode) {
  const script = `
    const fs = require('node:fs');
    const m = require(${JSON.stringify(root)});
    m.parseAgent(${JSON.stringify(pmSource)}, { filename: 'warm.agent.yaml' }); // load and warm the addon
    const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
    const peak = () => Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
    fs.writeFileSync('/proc/self/clear_refs', '5'); // peak RSS := current RSS
    const before = rss();
    const report = (e) => {
      const out = e ? { code: e.code, line: e.line, column: e.column, message: e.message } : { code: null };
      console.log(JSON.stringify({ ...out, growthMiB: (peak() - before) / ${MiB} }));
    };
    if (${JSON.stringify(mode)} === 'sync') {
      try { m.loadAgentSync(${JSON.stringify(file)}); report(null); } catch (e) { report(e); }
    } else {
      m.loadAgent(${JSON.stringify(file)}).then(() => report(null), report);
    }
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 0, child.stderr);
  return { ...JSON.parse(child.stdout), stderr: child.stderr };
}

for (const [name, bomb] of Object.entries(BOMBS)) {
  test(`${name}: refused with ${bomb.error.code} at its location, peak RSS under 64 MiB over the baseline`, { skip: onLinux }, (t) => {
    const file = write(scratch(t), `${name}.agent.yaml`, bomb.text());
    for (const mode of ['sync', 'async']) {
      const { growthMiB, stderr, ...error } = loadInChild(file, mode);
      const { message, ...where } = bomb.error;
      assert.deepEqual(error, { ...where, message: `${file}:${where.line}:${where.column}: ${message}` }, mode);
      assert.ok(growthMiB < 64, `${mode}: peak RSS grew by ${growthMiB.toFixed(1)} MiB`);
      assert.equal(stderr, '', `${mode}: the library printed to stderr`);
      t.diagnostic(`${mode}: peak RSS +${growthMiB.toFixed(1)} MiB`);
    }
  });
}

test('a file with more than 1,000 problems lists the first 1,000 and counts the rest', () => {
  const source = `agent:\n  metadata: {}\n  persona: {}\n  menu: [${Array(5000).fill('1').join(', ')}]\n`;
  assert.throws(
    () => madace.parseAgent(source, { filename: 'many.agent.yaml' }),
    (err) => {
      assert.equal(err.code, 'E_SCHEMA');
      assert.equal(err.issues.length, 1001);
      // metadata and persona give 7 issues first, so menu item 993 (column 10 + 3 × 993) is the first left out.
      assert.deepEqual(err.issues[1000], {
        field: '(more)',
        message: '… and 4007 more problems (only the first 1000 are listed)',
        line: 4,
        column: 10 + 3 * 993,
      });
      return true;
    },
  );
});

test('a result too large for V8 never reaches E_INTERNAL: the size budget refuses it first', async (t) => {
  // 8,000 aliases to 1 MiB would be an 8 GiB result, over V8's string limit.
  const file = write(scratch(t), 'huge.agent.yaml', BOMBS.bigScalarAliases.text());
  assert.throws(() => madace.loadAgentSync(file), { code: 'E_LIMIT' });
  await assert.rejects(madace.loadAgent(file), { code: 'E_LIMIT' });
});

test('a story line of 8 MiB of brackets: loadStatus, transition and the CLI answer correctly', async (t) => {
  const board = write(scratch(t), 'workflow-status.md', bracketBoard());
  const loaded = madace.loadStatusSync(board);
  assert.deepEqual(
    loaded.backlog.map((s) => [s.id, s.points, s.title.length]),
    [['TASK-1', 3, loaded.backlog[0].title.length]],
  );
  assert.ok(loaded.backlog[0].title.startsWith('Brackets ([(['));
  assert.equal((await madace.transition(board, 'TASK-1', 'TODO')).state, 'TODO');
  const cli = spawnSync(process.execPath, [path.join(root, 'bin', 'madace-core.js'), 'status', board], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * MiB,
  });
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /^TODO \(1\)\n {2}\[TASK-1\] Brackets \(\[\(\[/m);
});

test('loadAgentById never reads outside the root while a symlink is swapped under it', async (t) => {
  const dir = scratch(t);
  const project = path.join(dir, 'project');
  const agents = path.join(project, 'madace', 'mam', 'agents');
  const inside = write(agents, 'real/pm.yaml', pmSource);
  const outside = write(dir, 'outside/secret.yaml', pmSource.replace('name: PM', 'name: SECRET'));
  const link = path.join(agents, 'pm.agent.yaml');
  fs.symlinkSync(inside, link);
  // Another thread flips the link between the file inside and the one outside, atomically.
  const swapper = new Worker(
    `const fs = require('node:fs');
     const { link, inside, outside } = require('node:worker_threads').workerData;
     for (let i = 0; ; i++) {
       fs.symlinkSync(i % 2 ? inside : outside, link + '.new');
       fs.renameSync(link + '.new', link);
     }`,
    { eval: true, workerData: { link, inside, outside } },
  );
  const outcomes = {};
  const count = (key) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  try {
    for (let i = 0; i < 3000; i++) {
      try {
        const agent = i % 2 ? madace.loadAgentByIdSync(project, 'pm') : await madace.loadAgentById(project, 'pm');
        count(agent.metadata.name);
        madace.clearAgentCache();
      } catch (err) {
        count(err.code);
      }
    }
  } finally {
    await swapper.terminate();
  }
  t.diagnostic(`outcomes of 3,000 calls: ${JSON.stringify(outcomes)}`);
  assert.equal(outcomes.SECRET, undefined, `read the file outside the root: ${JSON.stringify(outcomes)}`);
  assert.ok(outcomes.PM > 0, JSON.stringify(outcomes));
  assert.deepEqual(
    Object.keys(outcomes).filter((k) => !['PM', 'E_PATH', 'E_NOT_FOUND'].includes(k)),
    [],
    JSON.stringify(outcomes),
  );
});

test('directory loaders find linked files only when they lead inside the folder searched', (t) => {
  const dir = scratch(t);
  const project = path.join(dir, 'project');
  const agents = path.join(project, 'madace', 'mam', 'agents');
  write(agents, 'pm.agent.yaml', pmSource);
  const insideTarget = write(agents, 'variants/dev.yaml', pmSource.replace('id: pm', 'id: dev'));
  const outside = write(dir, 'outside/secret.agent.yaml', pmSource.replace('id: pm', 'id: secret'));
  fs.symlinkSync(insideTarget, path.join(agents, 'dev.agent.yaml'));
  fs.symlinkSync(outside, path.join(agents, 'secret.agent.yaml'));
  const ids = (list) => list.map((a) => a.metadata.id);
  assert.deepEqual(ids(madace.loadAgentsSync(agents)), ['dev', 'pm']);
  assert.deepEqual(ids(madace.loadAllAgentsSync({ root: project })), ['dev', 'pm']);
  assert.deepEqual(ids(madace.loadAgentsByModuleSync('mam', { root: project })), ['dev', 'pm']);
  const modules = madace.loadProjectSync(project).modules;
  assert.deepEqual(modules.flatMap((m) => m.agents.map((a) => path.basename(a.path))), ['dev.agent.yaml', 'pm.agent.yaml']);
  assert.deepEqual(
    madace.validateSync(agents).files.map((f) => path.basename(f.path)),
    ['dev.agent.yaml', 'pm.agent.yaml'],
  );
});

const noFlock = spawnSync('flock', ['--version']).error ? 'flock(1) (util-linux) is not installed' : false;

test('a mover killed while holding the lock does not stall the next move', { skip: noFlock }, async (t) => {
  const dir = scratch(t);
  const board = write(dir, 'workflow-status.md', fs.readFileSync(path.join(root, 'examples', 'docs', 'workflow-status.md')));
  // A process holding the board's lock, as a mover does while writing; then kill -9.
  const holder = spawn('flock', [`${board}.lock`, 'sleep', '60'], { stdio: 'ignore', detached: true });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.throws(() => madace.transitionSync(board, 'TASK-006', 'IN_PROGRESS', { maxInProgress: 2 }), {
    code: 'E_STATUS_CONFLICT',
  });
  const exited = new Promise((resolve) => holder.on('exit', resolve));
  process.kill(-holder.pid, 'SIGKILL'); // flock and the command it runs, which shares the lock
  await exited;
  // A temp file of a writer killed mid-write, as 0.1 left them.
  const temp = write(dir, '.workflow-status.md.999999.0.tmp', 'half a board');
  assert.ok(fs.existsSync(`${board}.lock`), 'the killed holder leaves its lock file');
  assert.equal(madace.transitionSync(board, 'TASK-006', 'IN_PROGRESS', { maxInProgress: 2 }).state, 'IN_PROGRESS');
  assert.ok(!fs.existsSync(temp), 'the dead writer\'s temp file is removed by the next write');
  assert.deepEqual(fs.readdirSync(dir), ['workflow-status.md']);
});

test('cached agents are deep-frozen: one caller cannot change what the next one gets', () => {
  'use strict';
  madace.clearAgentCache();
  const file = path.join(examples, 'mam', 'agents', 'pm.agent.yaml');
  const first = madace.loadAgentSync(file);
  assert.throws(() => {
    first.metadata.name = 'MUTATED';
  }, TypeError);
  assert.throws(() => first.menu.push({}), TypeError);
  assert.throws(() => {
    first.menu[0].trigger = 'x';
  }, TypeError);
  const again = madace.loadAgentSync(file);
  assert.equal(again, first, 'an unchanged file still returns the identical object');
  assert.equal(again.metadata.name, 'PM');
  assert.equal(structuredClone(again).metadata.name, 'PM');
  const copy = structuredClone(again);
  copy.metadata.name = 'mine';
  assert.equal(copy.metadata.name, 'mine');
});

test('an id longer than a file name can be is E_PATH before any file is touched', async () => {
  const id = 'a'.repeat(4000);
  const expected = {
    code: 'E_PATH',
    path: `${'a'.repeat(40)}…`,
    message: `${'a'.repeat(40)}…: an id of 4000 bytes is longer than a file name can be (ids have at most 128); refusing to look for it in ${examples}`,
  };
  assert.throws(() => madace.loadAgentByIdSync(examples, id), expected);
  await assert.rejects(madace.loadAgentById(examples, id), expected);
  await assert.rejects(madace.loadWorkflowById(examples, id), expected);
});

test('the attack script runs, and a short run of it finds nothing', () => {
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'fuzz.js'), '--seconds', '3', '--seed', '7'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /^fuzz: [1-9]\d* inputs tried, 0 failures \(0 crashes, 0 stalls\), peak RSS \d+ MiB$/m);
});

/** Resolves the skill in `dir` in a fresh process: the error's fields and the peak RSS growth. */
function resolveInChild(dir, projectRoot) {
  const script = `
    const fs = require('node:fs');
    const m = require(${JSON.stringify(root)});
    const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
    const peak = () => Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
    fs.writeFileSync('/proc/self/clear_refs', '5');
    const before = rss();
    let out = { code: null };
    try { out.keys = Object.keys(m.resolveCustomizationSync(${JSON.stringify(dir)}, { projectRoot: ${JSON.stringify(projectRoot)} }).agent).length; }
    catch (e) { out = { code: e.code, line: e.line, column: e.column, message: e.message }; }
    console.log(JSON.stringify({ ...out, growthMiB: (peak() - before) / ${MiB} }));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stderr, '');
  return JSON.parse(child.stdout);
}

test('customization layers: too big or too many values is E_LIMIT; wide layers merge in linear time and bounded memory', { skip: onLinux }, (t) => {
  const project = scratch(t);
  const skill = path.join(project, 'skills', 'bmad-agent-x');
  // `k0=1` lines: 100,001 of them stay under the 1 MiB size limit.
  const keys = (n, value) => Array.from({ length: n }, (_, i) => `k${i}=${value}\n`).join('');
  write(skill, 'customize.toml', `[agent]\n${keys(90_000, 1)}`);
  write(project, '_bmad/custom/bmad-agent-x.toml', `[agent]\n${keys(90_000, 2)}`);
  // The lower of two runs: a busy machine's thread scheduling (malloc arenas) only ever adds to a peak.
  const [wide, again] = [resolveInChild(skill, project), resolveInChild(skill, project)];
  assert.deepEqual([wide.code, wide.keys], [null, 90_000]);
  wide.growthMiB = Math.min(wide.growthMiB, again.growthMiB);
  assert.ok(wide.growthMiB < 64, `peak RSS grew by ${wide.growthMiB.toFixed(1)} MiB (and ${Math.max(wide.growthMiB, again.growthMiB).toFixed(1)})`);
  t.diagnostic(`90,000 keys over 90,000: peak RSS +${wide.growthMiB.toFixed(1)} MiB`);
  write(project, '_bmad/custom/bmad-agent-x.toml', `[agent]\n${keys(100_001, 2)}`);
  const many = resolveInChild(skill, project);
  assert.deepEqual([many.code, many.line, many.column], ['E_LIMIT', 100_001, 8]); // [agent] counts as one value
  write(project, '_bmad/custom/bmad-agent-x.user.toml', `# ${'x'.repeat(2 * MiB)}\n`);
  write(project, '_bmad/custom/bmad-agent-x.toml', '[agent]\n');
  const big = resolveInChild(skill, project);
  assert.equal(big.code, 'E_LIMIT');
  assert.match(big.message, /a customization layer of 2097155 bytes; the limit is 1048576 \(1 MiB\)$/);
});

test('a folder on the path swapped for a link to the outside never leads a walk or a load outside the root', async (t) => {
  const dir = scratch(t);
  const project = path.join(dir, 'project');
  const agents = path.join(project, 'madace', 'mam', 'agents');
  write(agents, 'pm.agent.yaml', pmSource);
  write(dir, 'outside/pm.agent.yaml', pmSource.replace('name: PM', 'name: SECRET'));
  // Another thread swaps the agents folder for a link to the outside folder and back.
  const swapper = new Worker(
    `const fs = require('node:fs');
     const { agents, outside } = require('node:worker_threads').workerData;
     for (;;) {
       try {
         fs.renameSync(agents, agents + '.real');
         fs.symlinkSync(outside, agents);
         fs.unlinkSync(agents);
         fs.renameSync(agents + '.real', agents);
       } catch {}
     }`,
    { eval: true, workerData: { agents, outside: path.join(dir, 'outside') } },
  );
  const names = (value) => JSON.stringify(value).match(/SECRET|"PM"/g) ?? [];
  const calls = [
    () => madace.loadAgentByIdSync(project, 'pm'),
    () => madace.loadAllAgentsSync({ root: project }),
    () => madace.loadAgentsByModuleSync('mam', { root: project }),
    () => madace.validateSync(project),
    () => madace.loadProjectSync(project),
  ];
  const seen = {};
  try {
    for (let i = 0; i < 4000; i++) {
      try {
        for (const name of names(calls[i % calls.length]())) seen[name] = (seen[name] ?? 0) + 1;
      } catch (err) {
        seen[err.code] = (seen[err.code] ?? 0) + 1;
      }
      madace.clearAgentCache();
    }
  } finally {
    await swapper.terminate();
  }
  t.diagnostic(`4,000 calls: ${JSON.stringify(seen)}`);
  assert.equal(seen.SECRET, undefined, JSON.stringify(seen));
  assert.ok(seen['"PM"'] > 0, JSON.stringify(seen));
});

test('a skill, customization or config layer linked out of the project is refused, never read or printed', (t) => {
  const dir = scratch(t);
  const project = path.join(dir, 'project');
  const skill = path.join(project, '.claude', 'skills', 'bmad-agent-pm');
  write(skill, 'SKILL.md', '---\nname: bmad-agent-pm\ndescription: PM\n---\n');
  write(skill, 'customize.toml', '[agent]\nname = "John"\ntitle = "PM"\nicon = "x"\n');
  write(project, '_bmad/config.toml', '[core]\nuser_name = "Ada"\n');
  const secret = write(dir, 'secret.toml', 'SECRET_TOKEN = "hunter2"\n');
  fs.mkdirSync(path.join(project, '_bmad', 'custom'));
  fs.symlinkSync(secret, path.join(project, '_bmad', 'custom', 'config.toml'));
  fs.symlinkSync(secret, path.join(project, '_bmad', 'custom', 'bmad-agent-pm.toml'));
  const report = madace.validateSync(project);
  const problems = report.files.flatMap((f) => f.problems.map((p) => [path.relative(project, p.path ?? f.path), p.code]));
  assert.deepEqual(problems.sort(), [
    ['_bmad/custom/bmad-agent-pm.toml', 'E_PATH'],
    ['_bmad/custom/config.toml', 'E_PATH'],
  ]);
  assert.doesNotMatch(JSON.stringify(report), /hunter2|SECRET_TOKEN/);
  assert.throws(() => madace.resolveConfigSync(project), { code: 'E_PATH' });
  assert.throws(() => madace.resolveCustomizationSync(skill, { projectRoot: project }), { code: 'E_PATH' });
  const cli = spawnSync(process.execPath, [bin, 'validate'], { cwd: project, encoding: 'utf8' });
  assert.equal(cli.status, 1);
  assert.doesNotMatch(cli.stdout + cli.stderr, /hunter2|SECRET_TOKEN/);
  // The skill's own files too: a SKILL.md linked outside.
  fs.rmSync(path.join(skill, 'SKILL.md'));
  fs.symlinkSync(write(dir, 'elsewhere/SKILL.md', '---\nname: x\ndescription: SECRET_TOKEN\n---\n'), path.join(skill, 'SKILL.md'));
  assert.throws(() => madace.loadSkillSync(skill, { projectRoot: project }), { code: 'E_PATH' });
});
