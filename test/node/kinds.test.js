'use strict';
// What a definition file is has one answer, the core's: the folder loaders,
// validate, the CLI and watch all take the same files, `.yml` as `.yaml`,
// BMAD 6.x's SKILL.md, customize.toml and _bmad TOML layers included.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const madace = require('../..');
const { root, examples, scratch, write } = require('./helpers');

const bin = path.join(root, 'bin', 'madace-core.js');
const cli = (cwd, ...args) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
const pm = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');

const PM_SKILL = '[agent]\nname = "John"\ntitle = "Product Manager"\nicon = "📋"\n\n[[agent.menu]]\ncode = "PRD"\ndescription = "Create a PRD"\nskill = "bmad-prd"\n';

/** A BMAD 6.x project: the central config and one agent skill under .claude/skills. */
function bmad6(t) {
  const dir = scratch(t);
  write(dir, '_bmad/config.toml', '[core]\nuser_name = "Ada"\ncommunication_language = "English"\n');
  const skill = path.join(dir, '.claude', 'skills', 'bmad-agent-pm');
  write(skill, 'SKILL.md', '---\nname: bmad-agent-pm\ndescription: Product manager\n---\n\n# John\n');
  write(skill, 'customize.toml', PM_SKILL);
  fs.mkdirSync(path.join(dir, '_bmad', 'custom'));
  return { dir, skill };
}

test('agents named .agent.yml are agents for the loaders, validate and the CLI alike', (t) => {
  const dir = scratch(t);
  write(dir, 'pm.agent.yaml', pm);
  const yml = write(dir, 'dev.agent.yml', pm.replace('id: pm', 'id: dev'));
  assert.deepEqual(madace.loadAgentsSync(dir).map((a) => a.metadata.id), ['dev', 'pm']);
  assert.equal(madace.loadAgentSync(yml).metadata.id, 'dev');
  const report = madace.validateSync(yml);
  assert.deepEqual([report.passed, report.files[0].kind, report.files[0].agent.id], [1, 'agent', 'dev']);
  const run = cli(dir, 'validate', yml);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^ok {4}📋 PM — Product Manager \(4 menu items\) {2}.*dev\.agent\.yml$/m);
});

test('a file of no known kind is refused by the CLI and failed by validate, with one message', (t) => {
  const dir = scratch(t);
  const hugo = write(dir, 'site/config.yaml', 'baseURL: https://example.org/\n');
  const report = madace.validateSync(hugo);
  assert.deepEqual(report.files[0].problems, [
    {
      severity: 'error',
      code: 'E_UNKNOWN_KIND',
      message: 'cannot tell what kind of definition file this is by its name',
      field: null,
      line: null,
      column: null,
    },
  ]);
  assert.equal(report.files[0].kind, 'unknown');
  const run = cli(dir, 'validate', hugo);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^Cannot tell what kind of definition file .*site\/config\.yaml is: validate checks /);
});

test("the CLI checks BMAD 6.x's _bmad/config.toml and layers named on their own, as validate does", (t) => {
  const { dir, skill } = bmad6(t);
  const central = cli(dir, 'validate', '_bmad/config.toml');
  assert.equal(central.status, 0, central.stderr);
  assert.equal(central.stdout, 'ok    config  _bmad/config.toml\n\n1 file checked: 1 passed, 0 failed\n');
  write(dir, '_bmad/custom/config.user.toml', '[core]\nuser_name = \n');
  const layer = cli(dir, 'validate', '--no-frame', '_bmad/custom/config.user.toml');
  assert.equal(layer.status, 1);
  assert.equal(
    layer.stdout.split('\n')[0],
    '_bmad/custom/config.user.toml:2:13  error  TOML syntax error: string values must be quoted, expected literal string  E_TOML',
  );
  // A skill's layer is checked through its skill, once.
  const twice = madace.validateSync([path.join(skill, 'customize.toml'), path.join(skill, 'SKILL.md')]);
  assert.deepEqual(twice.files.map((f) => [path.basename(f.path), f.kind, f.skill.name]), [['SKILL.md', 'skill', 'bmad-agent-pm']]);
  write(dir, '_bmad/custom/bmad-retired.toml', '[agent]\nicon = "x"\n');
  const orphan = madace.validateSync(path.join(dir, '_bmad/custom/bmad-retired.toml'));
  assert.deepEqual(orphan.files[0].problems.map((p) => [p.code, p.message]), [
    ['W_RENAMED_SKILL', "no skill 'bmad-retired' is installed in this project, so this override customizes nothing (renamed or retired?)"],
  ]);
});

test('validate without paths in a BMAD 6.x project checks the project: no empty path, no core/config.yaml warning', (t) => {
  const { dir } = bmad6(t);
  const stylish = cli(dir, 'validate');
  assert.equal(stylish.status, 0, stylish.stdout + stylish.stderr);
  assert.equal(
    stylish.stdout,
    [
      'ok    skill bmad-agent-pm (agent, 1 menu item)  .claude/skills/bmad-agent-pm/SKILL.md',
      'ok    config  _bmad/config.toml',
      '',
      '2 files checked: 2 passed, 0 failed',
      '',
    ].join('\n'),
  );
  const github = cli(dir, 'validate', '--format', 'github');
  assert.deepEqual([github.status, github.stdout], [0, '\n']);
});

/** The reports a watcher delivers, as a queue that can be awaited. */
function reports() {
  const queue = [];
  const waiting = [];
  return {
    onReport: (report) => (waiting.length ? waiting.shift()(report) : queue.push(report)),
    next: () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiting.push(resolve))),
  };
}

const summary = (report) => report.files.map((f) => [path.relative(report.root, f.path), f.problems.map((p) => p.code)]);

test('watch reports edits to SKILL.md, customize.toml and the _bmad layers, through the file they belong to', async (t) => {
  const { dir, skill } = bmad6(t);
  const got = reports();
  const watcher = madace.watch(dir, { onReport: got.onReport });
  t.after(() => watcher.close());
  const first = await got.next();
  assert.deepEqual(summary({ ...first, root: dir }), [
    ['.claude/skills/bmad-agent-pm/SKILL.md', []],
    ['_bmad/config.toml', []],
  ]);
  await watcher.ready;
  const next = async () => summary({ ...(await got.next()), root: dir });

  fs.writeFileSync(path.join(skill, 'customize.toml'), PM_SKILL.replace('icon = "📋"', 'icon = 5'));
  assert.deepEqual(await next(), [['.claude/skills/bmad-agent-pm/SKILL.md', ['E_SCHEMA']]]);
  fs.writeFileSync(path.join(skill, 'customize.toml'), PM_SKILL);
  assert.deepEqual(await next(), [['.claude/skills/bmad-agent-pm/SKILL.md', []]]);

  write(dir, '_bmad/custom/bmad-agent-pm.toml', '[agent]\nicon = [1]\n');
  assert.deepEqual(await next(), [['.claude/skills/bmad-agent-pm/SKILL.md', ['E_SCHEMA']]]);
  fs.rmSync(path.join(dir, '_bmad/custom/bmad-agent-pm.toml'));
  assert.deepEqual(await next(), [['.claude/skills/bmad-agent-pm/SKILL.md', []]]);

  fs.writeFileSync(path.join(skill, 'SKILL.md'), '# no frontmatter\n');
  assert.deepEqual(await next(), [['.claude/skills/bmad-agent-pm/SKILL.md', ['E_SCHEMA']]]);

  write(dir, '_bmad/custom/config.toml', '[core\n');
  assert.deepEqual(await next(), [['_bmad/config.toml', ['E_TOML']]]);
  fs.writeFileSync(path.join(dir, '_bmad', 'config.toml'), '[core]\nuser_name = "Ada"\n[core\n');
  assert.deepEqual(await next(), [['_bmad/config.toml', ['E_TOML']]]);
});
