'use strict';
// Hostile input on the surfaces around the core (issue: round three): the
// CLI's input and output, the API's argument checks, folder walks and the
// watcher. Each test reproduces an attack and asserts the promise it broke.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const madace = require('../..');
const { root, examples, scratch, write } = require('./helpers');

const bin = path.join(root, 'bin', 'madace-core.js');
const pm = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');
/** A BMAD 6.x project: the central config and the PM agent skill under .claude/skills. */
function bmad6(t) {
  const dir = scratch(t);
  const skill = path.join(dir, '.claude', 'skills', 'bmad-agent-pm');
  write(skill, 'SKILL.md', '---\nname: bmad-agent-pm\ndescription: PM\n---\n');
  write(skill, 'customize.toml', '[agent]\nname = "John"\ntitle = "PM"\nicon = "x"\n');
  write(dir, '_bmad/config.toml', '[core]\n');
  return { dir, skill };
}

/**
 * A chain of 10,000 folders `d/d/…` under `dir`: 20,000 characters of path,
 * built from inside it, 1,000 levels at a time (`rm -rf` removes it).
 */
function deepChain(dir) {
  const here = process.cwd();
  try {
    process.chdir(dir);
    for (let i = 0; i < 10; i++) {
      const rel = Array(1000).fill('d').join('/');
      fs.mkdirSync(rel, { recursive: true });
      process.chdir(rel);
    }
  } finally {
    process.chdir(here);
  }
}

const cli = (cwd, args, input) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });

test('a look-alike AbortSignal is a synchronous TypeError, never a crash of the host', () => {
  const script = `
    const m = require(${JSON.stringify(root)});
    const fake = { aborted: false, addEventListener() {} };
    try { m.loadAgent('x.agent.yaml', { signal: fake }); console.log('no error'); }
    catch (err) { console.log(err.constructor.name, err.code); }
    setTimeout(() => console.log('alive'), 50);`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.deepEqual([run.status, run.stdout, run.stderr], [0, 'TypeError ERR_INVALID_ARG_TYPE\nalive\n', '']);
});

test('names, keys and file names cannot inject workflow commands or terminal escapes into any format', (t) => {
  const dir = scratch(t);
  const evil = 'PM\n::add-mask::x\n::warning title=INJECTED::owned\u001b]52;c;ZXZpbA==\u0007\u001b[2J';
  const name = 'x\n::error title=NAME::y.agent.yaml';
  write(dir, name, pm.replace('name: PM', `name: ${JSON.stringify(evil)}`).replace('  menu:', `  ${JSON.stringify(evil)}: 1\n  menu:`));
  for (const format of ['stylish', 'github', 'sarif', 'json']) {
    const run = cli(dir, ['validate', '--format', format, name]);
    const out = run.stdout + run.stderr;
    assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f]/, format);
    const lines = out.split('\n');
    assert.deepEqual(lines.filter((l) => l.startsWith('::') && !/^::(error|warning) file=/.test(l)), [], format);
    if (format === 'github') assert.ok(lines.every((l) => l === '' || /^::(error|warning) file=x␊%3A%3Aerror title=NAME%3A%3Ay\.agent\.yaml,/.test(l)), out);
    if (format === 'sarif') {
      const [result] = JSON.parse(run.stdout).runs[0].results;
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, encodeURIComponent(name));
    }
  }
  const stylish = cli(dir, ['validate', name]).stdout;
  assert.match(stylish, /^x␊::error title=NAME::y\.agent\.yaml:\d+:\d+ {2}warning {2}agent\.PM␊::add-mask::x␊::warning title=INJECTED::owned␛\]52;c;ZXZpbA==␇␛\[2J: unknown key/m);
});

test('--stdin stops at the size limit; --stdin-filename that is no definition file is a clear usage error', (t) => {
  const dir = scratch(t);
  const big = cli(dir, ['validate', '--stdin', '--stdin-filename', 'x.agent.yaml'], Buffer.alloc(9 * 1024 * 1024, 0x20));
  assert.deepEqual(
    [big.status, big.stdout, big.stderr],
    [1, '', 'x.agent.yaml  error  standard input is over 8388608 bytes (8 MiB), the limit for a definition file  E_LIMIT\n'],
  );
  for (const bad of ['..', '/', 'a/..']) {
    const run = cli(dir, ['validate', '--stdin', '--stdin-filename', bad], 'agent: {}\n');
    assert.equal(run.status, 2, bad);
    assert.match(run.stderr, new RegExp(`^Cannot tell what kind of definition file ${bad.replace(/\./g, '\\.')} is: validate checks `), bad);
    assert.doesNotMatch(run.stderr, /\n {4}at /, 'no stack trace');
  }
});

test('a team layer with 99,990 unknown keys: at most 1,000 problems, then one that counts the rest', (t) => {
  const { dir, skill } = bmad6(t);
  const keys = Array.from({ length: 99_990 }, (_, i) => `k${i.toString(36)}=1`).join('\n'); // under the 1 MiB layer limit
  write(dir, '_bmad/custom/bmad-agent-pm.toml', `[agent]\n${keys}\n`);
  const [report] = madace.validateSync(path.join(skill, 'SKILL.md'), { strict: true }).files;
  // 99,990 unknown keys, and the skill folder's own two findings (SKILL-06, SKILL-07).
  assert.equal(report.problems.length, 1001);
  assert.deepEqual([report.problems[1000].field, report.problems[1000].message], ['(more)', '… and 98992 more problems (only the first 1000 are listed)']);
});

test('a 10,000-deep folder chain: the walk stops at its depth limit, reports it, and checks the rest', (t) => {
  const dir = scratch(t);
  write(dir, 'madace/mam/agents/pm.agent.yaml', pm);
  deepChain(path.join(dir, 'madace'));
  const started = Date.now();
  let report;
  try {
    report = madace.validateSync(path.join(dir, 'madace'));
  } finally {
    // GNU rm removes what Node's rmSync cannot reach by path (before the scratch folder's own removal).
    spawnSync('rm', ['-rf', path.join(dir, 'madace', 'd')]);
  }
  assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
  const pmEntry = report.files.find((f) => f.path.endsWith('pm.agent.yaml'));
  assert.deepEqual(pmEntry.problems, []);
  const limited = report.files.filter((f) => f.problems.some((p) => p.code === 'E_LIMIT'));
  assert.equal(limited.length, 1);
  assert.equal(limited[0].path, path.join(dir, 'madace', ...Array(65).fill('d')));
  assert.equal(limited[0].problems[0].message, 'folders nested more than 64 levels deep are not searched');
  assert.deepEqual([report.passed, report.failed], [1, 1]);
});

test('watch: symlink loops and links out of the tree are not followed; the host process never crashes', async (t) => {
  const dir = scratch(t);
  write(dir, 'madace/mam/agents/pm.agent.yaml', pm);
  const outside = write(scratch(t), 'secret.agent.yaml', pm.replace('name: PM', 'name: SECRET'));
  fs.symlinkSync('x2', path.join(dir, 'x1'));
  fs.symlinkSync('x1', path.join(dir, 'x2'));
  fs.symlinkSync('.', path.join(dir, 'self'));
  fs.symlinkSync(path.dirname(outside), path.join(dir, 'madace', 'linked'));
  const reports = [];
  const errors = [];
  const watcher = madace.watch(dir, { onReport: (r) => reports.push(r), onError: (e) => errors.push(e) });
  t.after(() => watcher.close());
  await watcher.ready;
  fs.writeFileSync(outside, pm.replace('name: PM', 'name: SECRET2'));
  fs.writeFileSync(path.join(dir, 'madace/mam/agents/pm.agent.yaml'), pm.replace('name: PM', 'name: PM2'));
  for (let i = 0; i < 50 && reports.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(reports.length, 2);
  assert.doesNotMatch(JSON.stringify(reports), /SECRET|linked/);
  assert.deepEqual(reports[1].files.map((f) => path.relative(dir, f.path)), ['madace/mam/agents/pm.agent.yaml']);
});

test('calls aborted before their job starts hold no memory while the pool is busy', { skip: process.platform !== 'linux' && 'flock from Python' }, (t) => {
  const dir = scratch(t);
  const board = path.join(dir, 'workflow-status.md');
  fs.copyFileSync(path.join(root, 'examples', 'docs', 'workflow-status.md'), board);
  const agent = write(dir, 'pm.agent.yaml', pm);
  // The pool's threads wait for a board another process holds locked, while
  // 50,000 calls are made and aborted behind them.
  const script = `
    const { spawn } = require('node:child_process');
    const m = require(${JSON.stringify(root)});
    const lock = ${JSON.stringify(`${board}.lock`)};
    const holder = spawn('python3', ['-c', 'import fcntl,sys,time; f=open(sys.argv[1],"w"); fcntl.flock(f,fcntl.LOCK_EX); print("held",flush=True); time.sleep(30)', lock], { stdio: ['ignore', 'pipe', 'inherit'] });
    holder.stdout.once('data', async () => {
      let measured = 0;
      const moves = Array.from({ length: 16 }, () => m.transition(${JSON.stringify(board)}, 'TASK-005', 'DONE').then(() => Date.now() > measured, () => Date.now() > measured));
      global.gc();
      const before = process.memoryUsage().heapUsed;
      const controller = new AbortController();
      const calls = Array.from({ length: 50_000 }, () => m.loadAgent(${JSON.stringify(agent)}, { signal: controller.signal }).catch((e) => e.code));
      controller.abort();
      const codes = new Set(await Promise.all(calls));
      await new Promise((resolve) => setTimeout(resolve, 200));
      global.gc();
      const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
      measured = Date.now();
      holder.kill();
      const afterwards = await Promise.all(moves);
      console.log(JSON.stringify({ codes: [...codes], grown, busy: afterwards.every(Boolean) }));
    });`;
  const run = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.stderr, '');
  const { codes, grown, busy } = JSON.parse(run.stdout);
  assert.deepEqual(codes, ['ABORT_ERR']);
  assert.ok(busy, 'the pool was still waiting for the lock when memory was measured');
  t.diagnostic(`heap after 50,000 aborted calls, pool busy: +${grown.toFixed(1)} MiB`);
  assert.ok(grown < 8, `+${grown.toFixed(1)} MiB`);
});

test('TOML layers with huge inline tables and arrays are read in linear time', (t) => {
  const { dir, skill } = bmad6(t);
  const team = path.join(dir, '_bmad/custom/bmad-agent-pm.toml');
  const layers = {
    'an inline table of 80,000 keys': `[agent]\nx = {${Array.from({ length: 80_000 }, (_, i) => `k${i} = 1`).join(', ')}}\n`,
    'an inline array of 80,000 numbers': `[agent]\nx = [${Array.from({ length: 80_000 }, (_, i) => i).join(', ')}]\n`,
    'a keyed menu of 20,000 inline items': `[agent]\nmenu = [${Array.from({ length: 20_000 }, (_, i) => `{code = "C${i}", description = "d", prompt = "p"}`).join(', ')}]\n`,
  };
  for (const [what, text] of Object.entries(layers)) {
    write(dir, '_bmad/custom/bmad-agent-pm.toml', text);
    const started = process.hrtime.bigint();
    const merged = madace.resolveCustomizationSync(skill, { projectRoot: dir });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    t.diagnostic(`${what}: ${ms.toFixed(0)} ms`);
    // Quadratic, these took 2.7–2.9 s each on the 2-core CI machine.
    assert.ok(ms < 1500, `${what}: ${ms.toFixed(0)} ms`);
    assert.ok(merged.agent.x || merged.agent.menu.length === 20_000);
  }
  fs.rmSync(team);
});

test('watch: a 10,000-deep folder chain is ready at once (folders past 64 levels are not watched)', async (t) => {
  const dir = scratch(t);
  write(dir, 'madace/mam/agents/pm.agent.yaml', pm);
  deepChain(path.join(dir, 'madace'));
  const started = Date.now();
  const reports = [];
  const errors = [];
  const watcher = madace.watch(path.join(dir, 'madace'), { onReport: (r) => reports.push(r), onError: (e) => errors.push(e) });
  try {
    await watcher.ready;
    assert.ok(Date.now() - started < 10_000, `ready after ${Date.now() - started} ms`);
    // The first report: the folder past the depth limit (one E_LIMIT entry), then the agent.
    assert.deepEqual(reports[0].files.map((f) => [path.basename(f.path), f.problems.map((p) => p.code)]), [['d', ['E_LIMIT']], ['pm.agent.yaml', []]]);
  } finally {
    await watcher.close();
    spawnSync('rm', ['-rf', path.join(dir, 'madace', 'd')]);
  }
});

test('a skill folder of 3,000 step files and 48 MiB of Markdown: the skill rules read a bounded part of it', (t) => {
  const dir = scratch(t);
  const skill = path.join(dir, 'bmad-huge');
  write(skill, 'SKILL.md', '---\nname: bmad-huge\ndescription: Huge. Use when testing.\n---\n\nBody.\n');
  fs.mkdirSync(path.join(skill, 'steps'));
  for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(skill, 'steps', `step-01-x${i}.md`), '# x\n');
  // Six files just under the 8 MiB file limit, each mentioning installed_path at its end.
  const big = `${'a'.repeat(8 * 1024 * 1024 - 64)}\ninstalled_path\n`;
  for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(skill, `notes-${i}.md`), big);
  const [report] = madace.validateSync(skill, { strict: true }).files;
  const rules = report.problems.map((p) => p.rule);
  // The steps folder is listed up to 2,000 files; at most 32 MiB of text is read, so not every big file.
  const steps = report.problems.find((p) => p.rule === 'STEP-07');
  assert.equal(
    steps.message,
    'at least 2000 step files: more than 10 risks the agent losing context; merge some [STEP-07]',
  );
  const mentions = rules.filter((r) => r === 'PATH-02').length;
  assert.ok(mentions >= 1 && mentions < 6, `${mentions} of 6 big files read`);
});
