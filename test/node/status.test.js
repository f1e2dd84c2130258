'use strict';
// Story status boards: parsing, rules, moves that keep every other byte,
// and concurrent moves from separate processes.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const madace = require('../..');
const { root, corpus, corpusMissing, scratch, write } = require('./helpers');

const exampleBoard = path.join(root, 'examples', 'docs', 'workflow-status.md');
const bin = path.join(root, 'bin', 'madace-core.js');
const counts = (b) => [b.backlog.length, b.todo.length, b.inProgress.length, b.done.length];

function copyBoard(t) {
  return write(scratch(t), 'workflow-status.md', fs.readFileSync(exampleBoard));
}

test('the example board parses with ids, titles, points and lines', async () => {
  const board = await madace.loadStatus(exampleBoard);
  assert.deepEqual(counts(board), [6, 1, 1, 5]);
  assert.deepEqual(board.todo, [
    { id: 'TASK-006', title: 'Due-date filtering on the task list', state: 'TODO', points: 3, line: 18 },
  ]);
  assert.deepEqual(board.backlog[2], { id: 'TASK-009', title: 'Shared task lists between users', state: 'BACKLOG', points: 8, line: 11 });
  assert.deepEqual(board.inProgress[0].title, 'Task tagging and tag search');
  assert.deepStrictEqual(madace.loadStatusSync(exampleBoard), board);
  assert.deepEqual(madace.validateStatus(board), []);
});

test('every real status file parses', { skip: corpusMissing }, () => {
  const dir = path.join(corpus, 'madace-method', 'status');
  const mam = madace.loadStatusSync(path.join(dir, 'mam-workflow-status.md'));
  assert.deepEqual(counts(mam), [14, 0, 0, 64]);
  const main = madace.loadStatusSync(path.join(dir, 'workflow-status.md'));
  assert.deepEqual(counts(main), [41, 0, 0, 37]);
  // Every repeat on the real boards is a BACKLOG line of a story that is DONE: stale.
  const issues = madace.validateStatus(mam);
  assert.equal(issues.length, 11);
  assert.ok(issues.every((i) => i.code === 'W_STALE_STORY' && i.severity === 'warning'));
  assert.deepEqual(issues[0], {
    severity: 'warning',
    code: 'W_STALE_STORY',
    field: 'stale.STORY-V3-001',
    message: 'STORY-V3-001 is done (listed in DONE at line 1091); this entry in BACKLOG at line 59 is stale: remove it',
    line: 59,
    column: 1,
  });
  assert.equal(madace.validateStatus(main).filter((i) => i.field.startsWith('stale.')).length, 36);
});

const cli = (...args) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('status on a real board exits 0 with stale-entry warnings; every story listed once moves', { skip: corpusMissing }, (t) => {
  const file = path.join(scratch(t), 'workflow-status.md');
  fs.copyFileSync(path.join(corpus, 'madace-method', 'status', 'mam-workflow-status.md'), file);
  const shown = cli('status', file);
  assert.equal(shown.status, 0);
  assert.equal(shown.stdout.split('\n').filter((l) => l.endsWith('  W_STALE_STORY')).length, 11);
  const board = madace.loadStatusSync(file);
  const done = new Set(board.done.map((s) => s.id));
  const once = board.backlog.filter((s) => !done.has(s.id)).map((s) => s.id);
  assert.deepEqual(once, ['STORY-V3-010', 'STORY-V3-020', 'STORY-V3-021']);
  // One at a time: TODO holds one story.
  for (const id of once) {
    assert.equal(madace.transitionSync(file, id, 'TODO').state, 'TODO');
    assert.equal(madace.transitionSync(file, id, 'BACKLOG').state, 'BACKLOG');
  }
  assert.throws(() => madace.transitionSync(file, 'STORY-V3-001', 'TODO'), {
    code: 'E_DUPLICATE_STORY',
    line: 59,
    message: `${file}:59:1: story 'STORY-V3-001' is listed more than once (first at line 59): STORY-V3-001 is done (listed in DONE at line 1091); this entry in BACKLOG at line 59 is stale: remove it`,
  });
});

test('validateStatus enforces the TODO / IN PROGRESS limits, from options or config', () => {
  const board = madace.loadStatusSync(exampleBoard);
  const crowded = { ...board, todo: [...board.todo, { ...board.backlog[0], state: 'TODO', line: 19 }] };
  assert.deepEqual(madace.validateStatus(crowded), [
    {
      severity: 'error',
      code: 'E_STATUS_LIMIT',
      field: 'todo',
      message: 'TODO holds 2 stories (TASK-006, TASK-007); the limit is 1',
      line: 19,
      column: 1,
    },
    {
      severity: 'error',
      code: 'E_DUPLICATE_STORY',
      field: 'stories.TASK-007',
      message: 'duplicate story id TASK-007 (first at line 9 in BACKLOG)',
      line: 19,
      column: 1,
    },
  ]);
  assert.equal(madace.validateStatus(crowded, { maxTodo: 2 }).length, 1);
  assert.equal(madace.validateStatus(crowded, { config: { state_machine: { max_todo_items: 2 } } }).length, 1);
  assert.throws(() => madace.validateStatus({ todo: [] }), TypeError);
  assert.throws(() => madace.validateStatus(board, { maxTodo: 0 }), TypeError);
});

test('allowed moves rewrite only the moved line', async (t) => {
  const file = copyBoard(t);
  const before = fs.readFileSync(file, 'utf8').split('\n');
  const story = await madace.transition(file, 'TASK-005', 'DONE');
  assert.deepEqual(story, { id: 'TASK-005', title: 'Task tagging and tag search', state: 'DONE', points: 5, line: 30 });
  const after = fs.readFileSync(file, 'utf8').split('\n');
  const moved = before[21];
  assert.equal(moved, '- [TASK-005] Task tagging and tag search (2025-11-03) [Points: 5]');
  const expected = [...before.slice(0, 21), ...before.slice(22, 30), moved, ...before.slice(30)];
  assert.deepEqual(after, expected);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['workflow-status.md']);

  assert.equal(madace.transitionSync(file, 'TASK-006', 'in progress').state, 'IN_PROGRESS');
  assert.equal(madace.transitionSync(file, 'TASK-006', 'todo').state, 'TODO');
  assert.equal(madace.transitionSync(file, 'TASK-006', 'BACKLOG').state, 'BACKLOG');
  assert.equal(madace.transitionSync(file, 'TASK-007', 'TODO').state, 'TODO');
  assert.deepEqual(counts(madace.loadStatusSync(file)), [6, 1, 0, 6]);
});

test('refused moves say why, with their own codes and the story line', async (t) => {
  const file = copyBoard(t);
  const original = fs.readFileSync(file);
  const refused = [
    ['TASK-007', 'DONE', 'E_TRANSITION', 9, 'cannot move TASK-007 from BACKLOG to DONE: from BACKLOG a story may move to TODO'],
    ['TASK-001', 'TODO', 'E_TRANSITION', 26, 'cannot move TASK-001 from DONE to TODO: DONE is final'],
    ['TASK-007', 'TODO', 'E_STATUS_LIMIT', 9, 'cannot move TASK-007 to TODO: TODO already holds 1 story (TASK-006), the limit is 1'],
    ['GHOST-1', 'TODO', 'E_STORY_NOT_FOUND', null, "no story 'GHOST-1' in the BACKLOG, TODO, IN PROGRESS or DONE sections"],
    ['TASK-007', 'SIDEWAYS', 'E_UNKNOWN_STATE', null, "unknown story state 'SIDEWAYS' (expected BACKLOG, TODO, IN_PROGRESS or DONE)"],
  ];
  for (const [id, to, code, line, detail] of refused) {
    await assert.rejects(madace.transition(file, id, to), (err) => {
      assert.ok(err instanceof madace.StatusError, `${id} → ${to}`);
      assert.deepEqual([err.code, err.line, err.path], [code, line, file]);
      assert.ok(err.message.endsWith(detail), err.message);
      return true;
    });
  }
  assert.deepEqual(fs.readFileSync(file), original);
  assert.equal(madace.transitionSync(file, 'TASK-007', 'TODO', { maxTodo: 2 }).line, 18);
});

test('two processes moving stories at once lose neither move', async (t) => {
  const file = copyBoard(t);
  const script = `const m = require(${JSON.stringify(root)});
    const [file, id] = process.argv.slice(1);
    m.transitionSync(file, id, 'TODO', { maxTodo: 50 });`;
  const ids = ['TASK-007', 'TASK-008', 'TASK-009', 'STORY-V2-001', 'STORY-V2-002', 'STORY-V2-003'];
  const runs = ids.map(
    (id) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['-e', script, file, id], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ id, status, stderr }));
      }),
  );
  for (const run of await Promise.all(runs)) assert.equal(run.status, 0, `${run.id}: ${run.stderr}`);
  const board = madace.loadStatusSync(file);
  assert.deepEqual(board.backlog, []);
  assert.deepEqual(board.todo.map((s) => s.id).sort(), ['TASK-006', ...ids].sort());
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['workflow-status.md']);
});

test('CLI: status prints the board, move moves a story', (t) => {
  const file = copyBoard(t);
  const shown = cli('status', file);
  assert.equal(shown.status, 0);
  assert.match(shown.stdout, /^TODO \(1\)\n {2}\[TASK-006\] Due-date filtering on the task list {2}3 pts$/m);
  const moved = cli('move', 'TASK-006', 'in-progress', file);
  assert.equal(moved.status, 1);
  assert.equal(
    moved.stderr.trim(),
    `${file}:18:1  error  cannot move TASK-006 to IN_PROGRESS: IN PROGRESS already holds 1 story (TASK-005), the limit is 1  E_STATUS_LIMIT`,
  );
  const done = cli('move', 'TASK-005', 'done', file);
  assert.equal(done.stdout, 'TASK-005 is now DONE (line 30)\n');
  assert.equal(cli('move', 'TASK-006').status, 2);

  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('## TODO\n', '## TODO\n- [TASK-001] Again [1 pt]\n'));
  const crowded = cli('status', file);
  assert.equal(crowded.status, 1);
  assert.deepEqual(crowded.stdout.trim().split('\n').slice(-2), [
    `${file}:17:1  warning  stale.TASK-001: TASK-001 is done (listed in DONE at line 26); this entry in TODO at line 17 is stale: remove it  W_STALE_STORY`,
    `${file}:19:1  error  todo: TODO holds 2 stories (TASK-001, TASK-006); the limit is 1  E_STATUS_LIMIT`,
  ]);
});

test('nothing on a board is dropped silently: a misspelled section, a bare id, an empty id and bad points are located errors', (t) => {
  const file = path.join(scratch(t), 'workflow-status.md');
  const text = [
    '# Status',
    '',
    '## BACKLOG',
    '',
    '- [TASK-006] Search',
    '- TASK-008 Email reminders',
    '- [] Untitled',
    '- [TASK-009] Export [Points: five]',
    '- Notes about the epic stay prose',
    '',
    '## TODO',
    '',
    '## IN PROGRESS',
    '',
    '## DOEN',
    '',
    '- [TASK-001] Login',
    '',
  ].join('\n');
  fs.writeFileSync(file, text);
  const board = madace.loadStatusSync(file);
  assert.deepEqual(
    board.problems.map((p) => [p.line, p.code, p.field, p.message]),
    [
      [6, 'E_STATUS_FORMAT', 'story', "a story's id goes in brackets: write `- [TASK-008] …`"],
      [7, 'E_STATUS_FORMAT', 'story', "the story's id is empty: write it between the brackets, as `- [TASK-008] Title`"],
      [8, 'E_STATUS_FORMAT', 'stories.TASK-009', "points 'five' are not a whole number: write them as `[Points: 5]`"],
      [15, 'E_STATUS_FORMAT', 'heading', "'## DOEN' is not a section of the board, so the stories under it are on none: did you mean '## DONE'?"],
    ],
  );
  const shown = cli('status', file);
  assert.equal(shown.status, 1);
  assert.deepEqual(
    shown.stdout.split('\n').filter((l) => l.endsWith('E_STATUS_FORMAT')).map((l) => l.split('  ')[0]),
    [6, 7, 8, 15].map((line) => `${file}:${line}:1`),
  );
  // A move rewrites the file: refused, and the board is left as it was.
  assert.throws(() => madace.transitionSync(file, 'TASK-006', 'TODO'), {
    code: 'E_STATUS_FORMAT',
    line: 6,
    message: `${file}:6:1: a story's id goes in brackets: write \`- [TASK-008] …\`; fix the board before moving stories`,
  });
  assert.equal(fs.readFileSync(file, 'utf8'), text);
  // The real boards have no such line.
  if (!corpusMissing) {
    for (const name of ['mam-workflow-status.md', 'workflow-status.md']) {
      assert.deepEqual(madace.loadStatusSync(path.join(corpus, 'madace-method', 'status', name)).problems, []);
    }
  }
});
