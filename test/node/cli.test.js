'use strict';
// The `madace-core` command as people and CI run it.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root, examples, fixtures, scratch } = require('./helpers');

const bin = path.join(root, 'bin', 'madace-core.js');
const run = (...args) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });

test('validate prints one line per definition file and a summary', () => {
  const { status, stdout } = run('validate', 'examples/madace');
  assert.equal(status, 0);
  assert.equal(
    stdout,
    [
      'ok    config  examples/madace/core/config.yaml',
      'ok    🔍 Analyst — Business Analyst (3 menu items)  examples/madace/mam/agents/analyst.agent.yaml',
      'ok    📐 Architect — Solution Architect (4 menu items)  examples/madace/mam/agents/architect.agent.yaml',
      'ok    💻 Dev — Developer (3 menu items)  examples/madace/mam/agents/dev.agent.yaml',
      'ok    📋 PM — Product Manager (4 menu items)  examples/madace/mam/agents/pm.agent.yaml',
      'ok    🔄 SM — Scrum Master (5 menu items)  examples/madace/mam/agents/sm.agent.yaml',
      'ok    workflow create-story (6 steps)  examples/madace/mam/workflows/create-story.workflow.yaml',
      'ok    workflow design-architecture (6 steps)  examples/madace/mam/workflows/design-architecture.workflow.yaml',
      'ok    workflow dev-story (6 steps)  examples/madace/mam/workflows/dev-story.workflow.yaml',
      'ok    workflow plan-project (8 steps)  examples/madace/mam/workflows/plan-project.workflow.yaml',
      '',
      '10 files checked: 10 passed, 0 failed',
      '',
    ].join('\n'),
  );
});

test('problems are printed with a code frame under each, the exit code is 1', () => {
  const dup = path.join('test', 'fixtures', 'agents', 'duplicate-key.agent.yaml');
  const { status, stdout } = run('validate', dup);
  assert.equal(status, 1);
  assert.equal(
    stdout,
    [
      `${dup}:6:5  error  duplicate key 'name' (first defined at line 4)  E_DUPLICATE_KEY`,
      '  4 |     name: First',
      '  5 |     title: Dup',
      '> 6 |     name: Second',
      '    |     ^',
      '',
      '',
      '1 file checked: 0 passed, 1 failed (1 problem)',
      '',
    ].join('\n'),
  );
});

test('problems are printed eslint-style with --no-frame', () => {
  const dup = path.join('test', 'fixtures', 'agents', 'duplicate-key.agent.yaml');
  const schema = path.join('test', 'fixtures', 'agents', 'schema-errors.agent.yaml');
  const { status, stdout } = run('validate', '--no-frame', dup, schema, 'examples/madace/mam/agents/pm.agent.yaml');
  assert.equal(status, 1);
  const lines = stdout.trim().split('\n');
  assert.equal(lines[0], `${dup}:6:5  error  duplicate key 'name' (first defined at line 4)  E_DUPLICATE_KEY`);
  assert.equal(lines[1], `${schema}:3:5  error  agent.metadata.icon: required field 'icon' is missing  E_SCHEMA`);
  assert.equal(lines.length, 1 + 7 + 1 + 2);
  assert.equal(lines.at(-1), '3 files checked: 1 passed, 2 failed (8 problems)');
});

test('--json prints the report for machines', () => {
  const { status, stdout } = run('validate', '--json', path.join(fixtures, 'agents', 'tabs.agent.yaml'), examples);
  assert.equal(status, 1);
  const report = JSON.parse(stdout);
  assert.equal(report.passed, 10);
  assert.equal(report.failed, 1);
  assert.deepEqual(report.files[0].problems[0], {
    severity: 'error',
    code: 'E_YAML',
    message: 'a tab indents this line; YAML indents with spaces only: replace the tab with spaces',
    field: null,
    line: 3,
    column: 1,
  });
  assert.deepEqual(report.files[5].agent, {
    id: 'pm',
    name: 'PM',
    title: 'Product Manager',
    icon: '📋',
    module: 'mam',
    menuItems: 4,
  });
});

test('a missing path is a failed entry, not a crash', () => {
  const { status, stdout } = run('validate', 'no/such/folder');
  assert.equal(status, 1);
  assert.match(stdout, /^no\/such\/folder  error  no such file: its folder no\/such does not exist either  E_NOT_FOUND$/m);
});

test('move: a misspelled state or story id says which was meant; a file given first is a usage error', (t) => {
  const dir = scratch(t);
  const board = path.join(dir, 'workflow-status.md');
  fs.copyFileSync(path.join(examples, '..', 'docs', 'workflow-status.md'), board);
  const sprint = path.join(dir, 'sprint-status.yaml');
  fs.writeFileSync(
    sprint,
    'generated: 2026-01-01\nproject: x\nproject_key: X\ntracking_system: file-system\nstory_location: s\n' +
      'development_status:\n  epic-1: backlog\n  1-1-login: backlog\n',
  );
  const said = (...args) => {
    const r = run('move', ...args, '--dry-run');
    return [r.status, r.stdout, r.stderr];
  };
  assert.deepEqual(said('TASK-06', 'TODO', board), [
    1,
    '',
    `${board}  error  no story 'TASK-06' in the BACKLOG, TODO, IN PROGRESS or DONE sections — did you mean 'TASK-006'?  E_STORY_NOT_FOUND\n`,
  ]);
  assert.deepEqual(said('TASK-006', 'in-progres', board), [
    1,
    '',
    `${board}  error  unknown story state 'in-progres' (expected BACKLOG, TODO, IN_PROGRESS or DONE) — did you mean 'IN_PROGRESS'?  E_UNKNOWN_STATE\n`,
  ]);
  assert.deepEqual(said('1-1-login', 'in-progres', sprint), [
    1,
    '',
    `${sprint}  error  unknown story state 'in-progres' (expected backlog, ready-for-dev, in-progress, review, done for '1-1-login') — did you mean 'in-progress'?  E_UNKNOWN_STATE\n`,
  ]);
  assert.deepEqual(said(board, 'TASK-006', 'TODO'), [
    2,
    '',
    `'${board}' is a file: move takes ID STATE [file], e.g. \`madace-core move TASK-006 TODO ${board}\`.\nRun \`madace-core --help\` for usage.\n`,
  ]);
  // A board that is not there fails the dry run as it fails the move.
  const missing = path.join(dir, 'nope.md');
  assert.deepEqual(said('TASK-006', 'TODO', missing), [1, '', `${missing}  error  no such file (its folder ${dir} exists)  E_NOT_FOUND\n`]);
});

test('usage errors exit 2', () => {
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('validate', '--bogus').status, 2);
  assert.equal(run('--help').status, 0);
});

test('a misspelled command or option is one line with "did you mean", the project\'s one rule', () => {
  const command = run('validat', 'examples/madace');
  assert.deepEqual([command.status, command.stdout, command.stderr], [
    2,
    '',
    "Unknown command: validat — did you mean 'validate'?\nRun `madace-core --help` for usage.\n",
  ]);
  const option = run('validate', '--formt', 'json', 'examples/madace');
  assert.deepEqual([option.status, option.stderr], [
    2,
    "Unknown option '--formt' (for validate) — did you mean '--format'?\nRun `madace-core --help` for usage.\n",
  ]);
  // Nothing near: the usage follows.
  assert.match(run('frobnicate').stderr, /^Unknown command: frobnicate\n\nUsage: madace-core <command>/);
});

test('no command prints the usage and exits 2', () => {
  const none = run();
  assert.equal(none.status, 2);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /^Usage: madace-core <command> \[options\]\n/);
  assert.doesNotMatch(none.stderr, /Unknown command/);
});

test('schema with an unknown kind is a usage error', () => {
  const bad = run('schema', 'foo');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^schema takes one kind: agent, workflow, config, skill, customize \(not 'foo'\)\n\nUsage:/);
});

test('finding nothing to validate is a usage error that says what was looked for', (t) => {
  const dir = scratch(t);
  const empty = spawnSync(process.execPath, [bin, 'validate', dir], { cwd: root, encoding: 'utf8' });
  assert.equal(empty.status, 2);
  assert.equal(empty.stdout, '');
  assert.equal(
    empty.stderr,
    `No definition files in ${dir} (looked for *.agent.yaml, *.workflow.yaml, <name>/workflow.yaml, core/config.yaml (or .yml), sprint-status.yaml, SKILL.md, customize.toml or _bmad/ TOML layers).\n` +
      'Run `madace-core --help` for usage.\n',
  );
  // No paths, outside a project: nothing is validated in its place.
  const bare = spawnSync(process.execPath, [bin, 'validate'], { cwd: dir, encoding: 'utf8' });
  assert.equal(bare.status, 2);
  assert.equal(
    bare.stderr,
    `No paths given, and no ./madace, ./bmad, ./_bmad folder here (${dir}). ` +
      'Name the files or folders to validate, e.g. `madace-core validate madace/`.\nRun `madace-core --help` for usage.\n',
  );
});

test('a file whose kind cannot be told from its name is refused, naming the kinds', (t) => {
  const file = path.join(scratch(t), 'README.md');
  fs.writeFileSync(file, '# not a definition\n');
  const refused = run('validate', file);
  assert.equal(refused.status, 2);
  assert.equal(
    refused.stderr,
    `Cannot tell what kind of definition file ${file} is: validate checks *.agent.yaml, *.workflow.yaml, <name>/workflow.yaml, core/config.yaml (or .yml), sprint-status.yaml, SKILL.md, customize.toml or _bmad/ TOML layers.\n` +
      'Run `madace-core --help` for usage.\n',
  );
});

test('move tells a file from a state', () => {
  const mixed = run('move', 'TASK-006', 'examples/docs/workflow-status.md');
  assert.equal(mixed.status, 2);
  assert.equal(
    mixed.stderr,
    "'examples/docs/workflow-status.md' is a file, not a state: move takes ID STATE [file], e.g. " +
      '`madace-core move TASK-006 TODO examples/docs/workflow-status.md` (states: BACKLOG, TODO, IN_PROGRESS, DONE).\n' +
      'Run `madace-core --help` for usage.\n',
  );
});

test('quoted globs are expanded; a glob that matches nothing is a usage error', () => {
  const agents = run('validate', 'examples/madace/**/*.agent.yaml');
  assert.equal(agents.status, 0, agents.stderr);
  assert.deepEqual(
    agents.stdout.split('\n').filter((l) => l.startsWith('ok')).map((l) => l.split('  ').pop()),
    ['analyst', 'architect', 'dev', 'pm', 'sm'].map((id) => `examples/madace/mam/agents/${id}.agent.yaml`),
  );
  const none = run('validate', 'nothing/**/*.yaml');
  assert.equal(none.status, 2);
  assert.equal(none.stderr, 'No files matching the pattern "nothing/**/*.yaml".\nRun `madace-core --help` for usage.\n');
});

test('--quiet prints errors only', () => {
  const quiet = run('validate', '--quiet', '--strict', 'test/fixtures/lint/bmad/required-text');
  assert.equal(quiet.status, 1);
  const lines = quiet.stdout.trim().split('\n');
  assert.equal(lines.filter((l) => l.startsWith('ok')).length, 0);
  assert.equal(lines.filter((l) => l.endsWith('  E_LINT')).length, 2);
  assert.equal(lines.at(-1), '2 files checked: 1 passed, 1 failed (2 problems)');
});

test('--stdin checks a definition given on standard input under --stdin-filename', () => {
  const pm = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');
  const stdin = (input, ...args) => spawnSync(process.execPath, [bin, 'validate', ...args], { cwd: root, encoding: 'utf8', input });
  const ok = stdin(pm, '--stdin', '--stdin-filename', 'madace/mam/agents/pm.agent.yaml');
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, 'ok    📋 PM — Product Manager (4 menu items)  madace/mam/agents/pm.agent.yaml\n\n1 file checked: 1 passed, 0 failed\n');
  const bad = stdin('agent:\n  metadata: {}\n  metadata: {}\n', '--stdin', '--stdin-filename=draft.agent.yaml');
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^draft\.agent\.yaml:3:3 {2}error {2}duplicate key 'metadata' \(first defined at line 2\) {2}E_DUPLICATE_KEY$/m);
  const unnamed = stdin(pm, '--stdin');
  assert.equal(unnamed.status, 2);
  assert.match(unnamed.stderr, /^--stdin needs --stdin-filename NAME: the name tells the kind of file\.\n/);
});

test('move --dry-run prints the diff and writes nothing', (t) => {
  const board = path.join(scratch(t), 'workflow-status.md');
  fs.copyFileSync(path.join(root, 'examples', 'docs', 'workflow-status.md'), board);
  const before = fs.readFileSync(board, 'utf8');
  const dry = run('move', 'TASK-005', 'DONE', board, '--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.equal(fs.readFileSync(board, 'utf8'), before);
  assert.deepEqual(
    dry.stdout.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l)),
    ['-- [TASK-005] Task tagging and tag search (2025-11-03) [Points: 5]', '+- [TASK-005] Task tagging and tag search (2025-11-03) [Points: 5]'],
  );
  assert.match(dry.stdout, /\nTASK-005 would be DONE \(line 30\); nothing written \(--dry-run\)\n$/);
  const refused = run('move', 'TASK-006', 'IN_PROGRESS', board, '--dry-run');
  assert.equal(refused.status, 1);
  assert.equal(
    refused.stderr,
    `${board}:18:1  error  cannot move TASK-006 to IN_PROGRESS: IN PROGRESS already holds 1 story (TASK-005), the limit is 1  E_STATUS_LIMIT\n`,
  );
});

test('move --dry-run plans the move in memory: no temp folder needed', (t) => {
  const dir = scratch(t);
  const board = path.join(dir, 'workflow-status.md');
  fs.copyFileSync(path.join(root, 'examples', 'docs', 'workflow-status.md'), board);
  const env = { ...process.env, TMPDIR: path.join(dir, 'no-such-tmp'), TMP: path.join(dir, 'no-such-tmp') };
  const dry = spawnSync(process.execPath, [bin, 'move', 'TASK-005', 'DONE', board, '--dry-run'], { cwd: root, encoding: 'utf8', env });
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /\nTASK-005 would be DONE \(line 30\); nothing written \(--dry-run\)\n$/);
  assert.deepEqual(fs.readdirSync(dir), ['workflow-status.md']);
});

test('--format github: one workflow command per problem, escaped as GitHub requires', (t) => {
  const dir = path.join(scratch(t), 'odd,name:dir');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'x.agent.yaml'), 'agent:\n  100%: 1\n  100%: 2\n');
  const gh = spawnSync(process.execPath, [bin, 'validate', '--format', 'github', path.join(dir, 'x.agent.yaml')], {
    cwd: path.dirname(dir),
    encoding: 'utf8',
  });
  assert.equal(gh.status, 1);
  assert.equal(
    gh.stdout,
    "::error file=odd%2Cname%3Adir/x.agent.yaml,line=3,col=3,title=E_DUPLICATE_KEY::duplicate key '100%25' (first defined at line 2)\n",
  );
  const clean = run('validate', '--format', 'github', 'examples/madace');
  assert.deepEqual([clean.status, clean.stdout], [0, '\n']);
});

test('--format sarif: a SARIF 2.1.0 log that the published schema accepts', () => {
  const Ajv = require('ajv-draft-04');
  const addFormats = require('ajv-formats');
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // The published schema has a pattern that is only valid as a non-unicode RegExp.
  const ajv = new Ajv({ strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validateSarif = ajv.compile(schema);
  const out = run('validate', '--format=sarif', '--strict', 'test/fixtures/lint/bmad/required-text');
  assert.equal(out.status, 1);
  const log = JSON.parse(out.stdout);
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  const [runLog] = log.runs;
  assert.deepEqual([runLog.tool.driver.name, runLog.tool.driver.version], ['madace-core', require('../../package.json').version]);
  assert.ok(runLog.tool.driver.rules.some((r) => r.id === 'E_LINT' && r.shortDescription.text && r.help.text));
  assert.equal(runLog.results.length, 2);
  assert.deepEqual(runLog.results[0], {
    ruleId: 'E_LINT',
    ruleIndex: runLog.tool.driver.rules.findIndex((r) => r.id === 'E_LINT'),
    level: 'error',
    message: { text: 'agent.metadata.module: expected a non-empty string, found a blank string [required-text]' },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: 'test/fixtures/lint/bmad/required-text/fail.agent.yaml' },
          region: { startLine: 10, startColumn: 13 },
        },
      },
    ],
  });
  assert.equal(run('validate', '--format', 'xml', 'examples/madace').status, 2);
});

test("a project root also gets loadProject's W_ warnings, in every format; --max-warnings decides if they fail", (t) => {
  const project = scratch(t);
  const pm = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');
  fs.mkdirSync(path.join(project, 'madace', 'mam', 'agents'), { recursive: true });
  fs.writeFileSync(path.join(project, 'madace', 'mam', 'agents', 'pm.agent.yaml'), pm);
  const inProject = (...args) => spawnSync(process.execPath, [bin, 'validate', ...args], { cwd: project, encoding: 'utf8' });
  const stylish = inProject('madace');
  assert.equal(stylish.status, 0, stylish.stderr);
  const warnings = stylish.stdout.split('\n').filter((l) => /  W_[A-Z_]+$/.test(l));
  assert.ok(warnings.length > 0, stylish.stdout);
  assert.ok(warnings.every((l) => l.startsWith('madace')), warnings.join('\n'));
  assert.match(stylish.stdout, new RegExp(`\\n1 file checked: 1 passed, 0 failed \\(${warnings.length} warnings?\\)\\n$`));
  const gh = inProject('madace', '--format', 'github');
  assert.equal(gh.stdout.split('\n').filter((l) => l.startsWith('::warning ')).length, warnings.length);
  const sarif = JSON.parse(inProject('madace', '--format', 'sarif').stdout);
  assert.equal(sarif.runs[0].results.filter((r) => r.level === 'warning').length, warnings.length);
  const strictCount = inProject('madace', '--max-warnings', String(warnings.length - 1));
  assert.equal(strictCount.status, 1);
  assert.equal(strictCount.stderr, `madace-core found too many warnings: ${warnings.length} (--max-warnings ${warnings.length - 1}).\n`);
  assert.equal(inProject('madace', `--max-warnings=${warnings.length}`).status, 0);
  assert.equal(inProject('madace', '--max-warnings', 'many').status, 2);
});

test('stylish output is coloured only on request or on a terminal', () => {
  const env = (extra) => ({ ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...extra });
  const out = (extra) =>
    spawnSync(process.execPath, [bin, 'validate', 'examples/madace/mam/agents/pm.agent.yaml'], { cwd: root, encoding: 'utf8', env: env(extra) }).stdout;
  assert.ok(out({}).startsWith('ok    📋 PM'), 'a pipe gets no colour');
  assert.ok(out({ FORCE_COLOR: '1' }).startsWith('\u001b[32mok\u001b[39m    📋 PM'));
  assert.ok(out({ FORCE_COLOR: '0' }).startsWith('ok    '));
  assert.ok(out({ NO_COLOR: '1' }).startsWith('ok    '));
});

test('set and edit: --dry-run prints the diff, a write keeps the comments, a bad edit is exit 1 at its line', (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'core', 'config.yaml');
  fs.mkdirSync(path.dirname(file));
  const config = '# project\nproject_name: Demo # shown on the board\noutput_folder: docs\nuser_name: Ann\ncommunication_language: en\n';
  fs.writeFileSync(file, config);
  const cli = (...args) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });

  const dry = cli('set', 'core/config.yaml', '/project_name', 'New: name', '--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.equal(
    dry.stdout,
    "--- core/config.yaml\n+++ core/config.yaml\n@@ -1,5 +1,5 @@\n # project\n-project_name: Demo # shown on the board\n+project_name: 'New: name' # shown on the board\n output_folder: docs\n user_name: Ann\n communication_language: en\nnothing written (--dry-run)\n",
  );
  assert.equal(fs.readFileSync(file, 'utf8'), config);

  const set = cli('set', 'core/config.yaml', '/state_machine', '{"max_todo_items": 2}');
  assert.equal(set.status, 0, set.stderr);
  assert.equal(fs.readFileSync(file, 'utf8'), `${config}state_machine:\n  max_todo_items: 2\n`);

  const bad = cli('set', 'core/config.yaml', '/state_machine/max_todo_items', '0');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^core\/config\.yaml:7:19 +error +state_machine\.max_todo_items: expected a whole number of at least 1, found 0 +E_SCHEMA/m);

  fs.writeFileSync(path.join(dir, 'ops.json'), JSON.stringify([{ op: 'remove', path: '/state_machine' }]));
  const edit = cli('edit', 'core/config.yaml', '--patch', 'ops.json', '--json');
  assert.equal(edit.status, 0, edit.stderr);
  assert.deepEqual(JSON.parse(edit.stdout).written, true);
  assert.equal(fs.readFileSync(file, 'utf8'), config);

  const usage = cli('edit', 'core/config.yaml');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^edit takes FILE and one of --patch OPS\.json \(RFC 6902\) or --merge CHANGES\.json \(RFC 7396\)\n/);
});

test("status and move take BMAD's sprint-status.yaml: BMAD's verdict, every format, moves in place", (t) => {
  const dir = scratch(t);
  const board = '# board\ngenerated: 05-06-2025 21:30\nlast_updated: 05-06-2025 21:30\nproject: Demo\ndevelopment_status:\n  epic-1: backlog\n  1-1-login: ready-for-dev\n  1-2-logout: drafted\n';
  fs.writeFileSync(path.join(dir, 'sprint-status.yaml'), board);
  const cli = (...args) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  const shown = cli('status', 'sprint-status.yaml');
  assert.equal(shown.status, 0, shown.stderr);
  assert.equal(
    shown.stdout,
    [
      'Demo (last updated 05-06-2025 21:30)',
      'epic-1 (backlog)',
      '  1-1-login  ready-for-dev',
      '  1-2-logout  drafted',
      "sprint-status.yaml:8:15  warning  development_status.1-2-logout: 'drafted' is a legacy status: BMAD reads it as 'ready-for-dev'; write 'ready-for-dev'  W_LEGACY_STATUS",
      '',
    ].join('\n'),
  );
  const github = cli('status', 'sprint-status.yaml', '--format', 'github');
  assert.match(github.stdout, /^::warning file=sprint-status\.yaml,line=8,col=15,title=W_LEGACY_STATUS::/);
  const dry = cli('move', '1-1-login', 'in-progress', 'sprint-status.yaml', '--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /\n-  epic-1: backlog\n-  1-1-login: ready-for-dev\n\+  epic-1: in-progress\n\+  1-1-login: in-progress\n/);
  assert.match(dry.stdout, /1-1-login would be in-progress \(was ready-for-dev\); epic-1 would be in-progress; nothing written \(--dry-run\)\n$/);
  assert.equal(fs.readFileSync(path.join(dir, 'sprint-status.yaml'), 'utf8'), board);
  const moved = cli('move', '1-1-login', 'review', 'sprint-status.yaml');
  assert.equal(moved.stdout, '1-1-login is now review (was ready-for-dev); epic-1 is now in-progress\n');
  assert.match(fs.readFileSync(path.join(dir, 'sprint-status.yaml'), 'utf8'), /^# board\n[\s\S]*\n {2}epic-1: in-progress\n {2}1-1-login: review\n {2}1-2-logout: drafted\n$/);
  fs.writeFileSync(path.join(dir, 'sprint-status.yaml'), board.replace('drafted', 'doing'));
  const bad = cli('status', 'sprint-status.yaml', '--format', 'json');
  assert.equal(bad.status, 1);
  assert.deepEqual(JSON.parse(bad.stdout).issues.map((i) => [i.code, i.line]), [['E_SPRINT_STATUS', 8]]);
  const refused = cli('move', '1-1-login', 'done', 'sprint-status.yaml');
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /sprint-status\.yaml:8:15 +error +development_status\.1-2-logout: illegal story status 'doing'/);
});
