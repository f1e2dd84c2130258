'use strict';
// BMAD 6.x's sprint-status.yaml: madace-core's verdict is BMAD's own. Boards
// generated from BMAD's template (valid, each illegal status, bad keys,
// legacy statuses, duplicate keys, bad stamps, malformed action items, an
// empty development_status, …) are checked by madace-core and by BMAD's
// `sprint_plan.py validate` (../shared/bmad-tools, run with ruamel.yaml from
// PyPI under target/); the verdicts, problem counts and legacy
// mappings must agree. Then moves in place, and hostile boards.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const madace = require('../..');
const { root, scratch, write } = require('./helpers');

const tools = path.resolve(root, '..', 'shared', 'bmad-tools');
const template = path.join(tools, 'sprint-status-template.yaml');
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0 ? 'python3' : null;
const missing = !python
  ? 'python3 is not on this machine: BMAD\'s sprint_plan.py cannot run'
  : !fs.existsSync(path.join(tools, 'sprint_plan.py'))
    ? `${tools} is absent: BMAD's sprint_plan.py is needed`
    : false;

/** The environment a Python with ruamel.yaml needs: the system's, else ruamel.yaml installed from PyPI under target/ once. */
function ruamelEnv() {
  if (spawnSync(python, ['-c', 'import ruamel.yaml'], { encoding: 'utf8' }).status === 0) return process.env;
  const lib = path.join(root, 'target', 'py-ruamel');
  const env = { ...process.env, PYTHONPATH: lib };
  if (spawnSync(python, ['-c', 'import ruamel.yaml'], { encoding: 'utf8', env }).status !== 0) {
    const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', lib, 'ruamel.yaml'], {
      encoding: 'utf8',
    });
    assert.equal(pip.status, 0, `pip install ruamel.yaml: ${pip.stderr}`);
  }
  return env;
}

/** BMAD's verdicts on many files in one Python process: `sprint_plan.cmd_validate` per file. */
function bmadVerdicts(files) {
  const driver = `
import contextlib, importlib.util, io, json, sys, types
spec = importlib.util.spec_from_file_location("sprint_plan", ${JSON.stringify(path.join(tools, 'sprint_plan.py'))})
plan = importlib.util.module_from_spec(spec)
spec.loader.exec_module(plan)
for f in json.load(sys.stdin):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        plan.cmd_validate(types.SimpleNamespace(status_file=f))
    print(out.getvalue().strip())
`;
  const run = spawnSync(python, ['-c', driver], { input: JSON.stringify(files), encoding: 'utf8', env: ruamelEnv(), maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line));
}

/** Boards: the template and variants of it, each with what it tries. */
function boards() {
  const base = fs.readFileSync(template, 'utf8');
  const out = [['the template', base]];
  const swap = (from, to) => base.replace(from, to);
  const statusLines = [...base.matchAll(/^ {2}([\w-]+): ([\w-]+)$/gm)];
  const every = ['backlog', 'ready-for-dev', 'in-progress', 'review', 'done', 'optional', 'drafted', 'contexted', 'Done', 'in_progress', 'wip', '5', 'null', '""'];
  // (A list as a status, `[x]`, makes sprint_plan.py itself crash: TypeError, unhashable type.)
  for (const [line, key] of statusLines) {
    for (const status of every) out.push([`${key}: ${status}`, swap(line, `  ${key}: ${status}`)]);
  }
  const keys = ['epic-x', 'epic-', '1-1', '1-ab-x', 'TASK-008', 'epic-1-retro', '1-2b-split-story', '12-34-long', '"3"', 'Epic-1'];
  for (const key of keys) out.push([`key ${key}`, swap('  1-4-add-plant-manual: backlog', `  ${key}: backlog`)]);
  const stamps = ['05-06-2025 21:30', '2025-05-06 21:30', '2025-05-06', '2025-05-06T21:30', '13-06-2025 21:30', '02-30-2025 10:00', '05-06-2025', 'yesterday', '5-6-2025 9:05', '12345'];
  for (const stamp of stamps) {
    out.push([`generated ${stamp}`, swap('generated: 05-06-2025 21:30', `generated: ${stamp}`)]);
    out.push([`last_updated ${stamp}`, swap('last_updated: 05-06-2025 21:30', `last_updated: ${stamp}`)]);
  }
  for (const field of ['generated', 'last_updated', 'project', 'project_key', 'story_location']) {
    out.push([`no ${field}`, base.replace(new RegExp(`^${field}:.*\\n`, 'm'), '')]);
    out.push([`${field} null`, base.replace(new RegExp(`^${field}:.*$`, 'm'), `${field}:`)]);
  }
  const dev = /development_status:\n[\s\S]*?(?=\n# Action)/;
  out.push(['empty development_status', base.replace(dev, 'development_status: {}\n')]);
  out.push(['development_status a list', base.replace(dev, 'development_status:\n  - epic-1\n')]);
  out.push(['development_status null', base.replace(dev, 'development_status:\n')]);
  out.push(['a duplicate key', swap('  1-4-add-plant-manual: backlog', '  1-4-add-plant-manual: backlog\n  1-4-add-plant-manual: done')]);
  const items = /action_items:\n[\s\S]*$/;
  for (const [what, text] of [
    ['no action items', 'action_items: []\n'],
    ['action_items a mapping', 'action_items:\n  epic: 1\n'],
    ['an action item a string', 'action_items:\n  - fix the build\n'],
    ['an action item without status', 'action_items:\n  - epic: 1\n    action: x\n'],
    ['an action item with a bad status', 'action_items:\n  - epic: 1\n    status: closed\n'],
    ['action items in progress and done', 'action_items:\n  - status: in-progress\n  - status: done\n'],
    ['action_items null', 'action_items:\n'],
  ]) {
    out.push([what, base.replace(items, text)]);
  }
  out.push(['a list at the top', '- a\n- b\n']);
  out.push(['a comment only', '# nothing\n']);
  return out;
}

test("madace-core's verdict on sprint-status.yaml is BMAD's sprint_plan.py validate", { skip: missing }, (t) => {
  const dir = scratch(t);
  const cases = boards();
  const files = cases.map((_, i) => write(dir, `b${i}/sprint-status.yaml`, cases[i][1]));
  const theirs = bmadVerdicts(files);
  let valid = 0;
  for (const [i, [what, text]] of cases.entries()) {
    const bmad = theirs[i];
    let ours;
    try {
      const board = madace.loadSprintStatusSync(files[i]);
      const errors = board.problems.filter((p) => p.severity === 'error');
      ours = { valid: errors.length === 0, problems: errors.length, legacy: board.problems.filter((p) => p.code === 'W_LEGACY_STATUS').length };
    } catch (err) {
      // Not YAML at all (a duplicate key, an empty document): invalid, with one located error.
      assert.ok(['E_YAML', 'E_DUPLICATE_KEY', 'E_EMPTY'].includes(err.code), `${what}: ${err.message}`);
      assert.ok(err.line >= 1, what);
      ours = { valid: false, problems: 1, legacy: 0 };
    }
    const summary = (v) => JSON.stringify(v);
    const expected = { valid: bmad.valid, problems: bmad.problems.length, legacy: bmad.legacy_mapped.length };
    assert.equal(summary(ours), summary(expected), `${what}:\nBMAD: ${JSON.stringify(bmad.problems)}\n---\n${text}`);
    valid += bmad.valid;
  }
  console.log(`sprint-status.yaml vs BMAD's sprint_plan.py validate: ${cases.length} boards, the same verdict on each (${valid} valid, ${cases.length - valid} invalid)`);
});

const BOARD = `# generated by sprint planning
generated: 05-06-2025 21:30
last_updated: 05-06-2025 21:30
project: Demo
development_status:
  epic-1: backlog # the first epic
  1-1-login: ready-for-dev

  1-2-logout: drafted
  epic-1-retrospective: optional
action_items:
  - { epic: 1, action: x, status: open }
`;

test('loadSprintStatus: the typed board, legacy statuses as located warnings, problems located', (t) => {
  const dir = scratch(t);
  const file = write(dir, 'sprint-status.yaml', BOARD);
  const board = madace.loadSprintStatusSync(file);
  assert.deepEqual(board.metadata, { generated: '05-06-2025 21:30', last_updated: '05-06-2025 21:30', project: 'Demo' });
  assert.deepEqual(board.epics, [
    {
      number: 1,
      key: 'epic-1',
      status: 'backlog',
      line: 6,
      stories: [
        { key: '1-1-login', status: 'ready-for-dev', line: 7 },
        { key: '1-2-logout', status: 'drafted', line: 9 },
      ],
      retrospective: { key: 'epic-1-retrospective', status: 'optional', line: 10 },
    },
  ]);
  assert.deepEqual(board.actionItems, [{ epic: 1, action: 'x', status: 'open', line: 12 }]);
  assert.deepEqual(
    board.problems.map((p) => [p.code, p.severity, p.line, p.column, p.message]),
    [['W_LEGACY_STATUS', 'warning', 9, 15, "'drafted' is a legacy status: BMAD reads it as 'ready-for-dev'; write 'ready-for-dev'"]],
  );
  const bad = write(dir, 'bad/sprint-status.yaml', BOARD.replace('ready-for-dev', 'in_progress').replace('epic-1-retrospective', 'epic-1-retro'));
  assert.deepEqual(
    madace.loadSprintStatusSync(bad).problems.filter((p) => p.severity === 'error').map((p) => [p.field, p.line, p.column, p.message]),
    [
      ['development_status.1-1-login', 7, 14, "illegal story status 'in_progress' on '1-1-login' — did you mean 'in-progress'? (expected backlog, ready-for-dev, in-progress, review, done)"],
      ['development_status.epic-1-retro', 10, 3, "unrecognized key 'epic-1-retro' (expected epic-N, N-M-slug, or epic-N-retrospective)"],
    ],
  );
  // validate (API and CLI) knows the file as a board.
  const report = madace.validateSync(bad);
  assert.deepEqual([report.files[0].kind, report.failed], ['sprintStatus', 1]);
});

test('setStoryStatus: one line and last_updated change, the epic starts, comments and blank lines stay', async (t) => {
  const dir = scratch(t);
  const file = write(dir, 'sprint-status.yaml', BOARD);
  const now = new Date(2026, 11, 5, 9, 7);
  const dry = madace.setStoryStatusSync(file, '1-1-login', 'in-progress', { now, dryRun: true });
  assert.equal(dry.written, false);
  assert.equal(fs.readFileSync(file, 'utf8'), BOARD);
  assert.match(dry.diff, /\n-  1-1-login: ready-for-dev\n\+  epic-1: in-progress # the first epic\n\+  1-1-login: in-progress\n/);
  const { key, from, status, epicStarted, lastUpdated, written, text } = await madace.setStoryStatus(file, '1-1-login', 'in-progress', { now });
  assert.deepEqual(
    { key, from, status, epicStarted, lastUpdated, written },
    { key: '1-1-login', from: 'ready-for-dev', status: 'in-progress', epicStarted: 'epic-1', lastUpdated: '12-05-2026 09:07', written: true },
  );
  assert.equal(text, dry.text);
  assert.equal(
    fs.readFileSync(file, 'utf8'),
    BOARD.replace('last_updated: 05-06-2025 21:30', 'last_updated: 12-05-2026 09:07')
      .replace('epic-1: backlog # the first epic', 'epic-1: in-progress # the first epic')
      .replace('1-1-login: ready-for-dev', '1-1-login: in-progress'),
  );
  assert.throws(() => madace.setStoryStatusSync(file, '1-1-logn', 'done'), {
    name: 'StatusError',
    code: 'E_STORY_NOT_FOUND',
    message: /no story '1-1-logn' in development_status — did you mean '1-1-login'\?/,
  });
  assert.throws(() => madace.setStoryStatusSync(file, 'epic-1', 'review'), {
    code: 'E_UNKNOWN_STATE',
    message: /unknown story state 'review' \(expected backlog, in-progress, done for 'epic-1'\)/,
  });
  // Concurrent moves from many callers: none is lost.
  const many = write(dir, 'many/sprint-status.yaml', `generated: 05-06-2025 21:30\nlast_updated: 05-06-2025 21:30\nproject: P\ndevelopment_status:\n  epic-1: in-progress\n${Array.from({ length: 20 }, (_, i) => `  1-${i + 1}-s: backlog\n`).join('')}`);
  await Promise.all(Array.from({ length: 20 }, (_, i) => madace.setStoryStatus(many, `1-${i + 1}-s`, 'done')));
  const statuses = madace.loadSprintStatusSync(many).epics[0].stories.map((s) => s.status);
  assert.deepEqual(statuses, Array(20).fill('done'));
});

test('hostile boards: 100,000 stories, an 8 MiB line, deep nesting: bounded, located', (t) => {
  const dir = scratch(t);
  const big = write(dir, 'big/sprint-status.yaml', `generated: 05-06-2025 21:30\nlast_updated: 05-06-2025 21:30\nproject: P\ndevelopment_status:\n  epic-1: in-progress\n${Array.from({ length: 100_000 }, (_, i) => `  1-${i + 1}-story: backlog\n`).join('')}`);
  const started = Date.now();
  // Past the node limit every YAML file has (README, "Limits"): refused at the node where it is reached.
  assert.throws(() => madace.loadSprintStatusSync(big), { code: 'E_LIMIT', line: 50_001, message: /more than 100000 nodes/ });
  assert.ok(Date.now() - started < 10_000, 'refused in bounded time');
  const fine = write(dir, 'fine/sprint-status.yaml', `generated: 05-06-2025 21:30\nlast_updated: 05-06-2025 21:30\nproject: P\ndevelopment_status:\n  epic-1: in-progress\n${Array.from({ length: 40_000 }, (_, i) => `  1-${i + 1}-story: backlog\n`).join('')}`);
  assert.equal(madace.loadSprintStatusSync(fine).epics[0].stories.length, 40_000);
  const long = write(dir, 'long/sprint-status.yaml', `project: ${'x'.repeat(8 << 20)}\n`);
  assert.throws(() => madace.loadSprintStatusSync(long), { code: 'E_LIMIT' });
  const deep = write(dir, 'deep/sprint-status.yaml', `development_status: ${'['.repeat(100_000)}\n`);
  assert.throws(() => madace.loadSprintStatusSync(deep), (err) => ['E_LIMIT', 'E_YAML'].includes(err.code) && err.line === 1);
});

test('loadProject on a BMAD 6.x project: story files that disagree with the board, and missing ones', (t) => {
  const dir = scratch(t);
  write(dir, '_bmad/config.toml', '[core]\nproject_name = "Demo"\n');
  const board = write(
    dir,
    '_bmad-output/implementation-artifacts/sprint-status.yaml',
    'generated: 05-06-2025 21:30\nlast_updated: 05-06-2025 21:30\nproject: Demo\ndevelopment_status:\n  epic-1: in-progress\n  1-1-login: review\n  1-2-logout: in-progress\n  1-3-profile: backlog\n  1-4-agree: done\n',
  );
  const stories = path.join(dir, '_bmad-output', 'implementation-artifacts');
  write(stories, '1-1-login.md', '# Story 1.1: Login\n\nStatus: in-progress\n');
  write(stories, '1-4-agree.md', '# Story 1.4\n\n**Status:** done\n');
  const project = madace.loadProjectSync(dir);
  const drift = project.issues.filter((i) => i.code.startsWith('W_STORY'));
  assert.deepEqual(
    drift.map((i) => [i.code, i.path, i.line, i.message]),
    [
      ['W_STORY_DRIFT', board, 6, `the story file ${path.join(stories, '1-1-login.md')} says 'Status: in-progress', the board says 'review'`],
      ['W_STORY_FILE_MISSING', board, 7, `the board says 'in-progress', but the story file ${path.join(stories, '1-2-logout.md')} does not exist`],
    ],
  );
});

test('moves from several processes at once are never lost', async (t) => {
  const dir = scratch(t);
  const keys = Array.from({ length: 24 }, (_, i) => `2-${i + 1}-story`);
  const file = write(dir, 'sprint-status.yaml', `generated: 05-06-2025 21:30\nlast_updated: 05-06-2025 21:30\nproject: P\ndevelopment_status:\n  epic-2: backlog\n${keys.map((k) => `  ${k}: backlog\n`).join('')}`);
  const { spawn } = require('node:child_process');
  const workers = [0, 1, 2, 3].map(
    (w) =>
      new Promise((resolve, reject) => {
        const mine = keys.filter((_, i) => i % 4 === w);
        const script = `const m = require(${JSON.stringify(root)}); for (const k of ${JSON.stringify(mine)}) m.setStoryStatusSync(${JSON.stringify(file)}, k, 'ready-for-dev');`;
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(err))));
      }),
  );
  await Promise.all(workers);
  const statuses = madace.loadSprintStatusSync(file).epics[0].stories.map((s) => s.status);
  assert.deepEqual(statuses, Array(24).fill('ready-for-dev'));
});
