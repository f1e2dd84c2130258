'use strict';
// BMAD 6.x skills through the JS API: layers merged as BMAD's resolver
// merges them, the central config, SKILL.md, typed agents, and every error
// located in the layer file that is wrong.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const madace = require('../..');
const { root, corpus, corpusMissing, scratch, write } = require('./helpers');

const PM = `[agent]
name = "John"
title = "Product Manager"
icon = "📋"
principles = ["Users first."]

[[agent.menu]]
code = "PRD"
description = "Create a PRD"
skill = "bmad-prd"

[[agent.menu]]
code = "CE"
description = "Create epics"
skill = "bmad-create-epics-and-stories"
`;

/** A project with the PM skill installed under `.claude/skills/`. */
function project(t, layers = {}) {
  const root = scratch(t);
  const skill = path.join(root, '.claude', 'skills', 'bmad-agent-pm');
  write(skill, 'SKILL.md', '---\nname: bmad-agent-pm\ndescription: Product manager\n---\n\n# John\n');
  write(skill, 'customize.toml', PM);
  fs.mkdirSync(path.join(root, '_bmad', 'custom'), { recursive: true });
  for (const [rel, text] of Object.entries(layers)) write(root, rel, text);
  return { root, skill, team: path.join(root, '_bmad/custom/bmad-agent-pm.toml'), user: path.join(root, '_bmad/custom/bmad-agent-pm.user.toml') };
}

test('team and user layers merge by shape onto the defaults', async (t) => {
  const { root, skill } = project(t, {
    '_bmad/custom/bmad-agent-pm.toml':
      '[agent]\nicon = "🏥"\nprinciples = ["Audit first."]\n\n[[agent.menu]]\ncode = "CE"\ndescription = "Epics our way"\nprompt = "Use our framework"\n\n[[agent.menu]]\ncode = "RC"\ndescription = "Compliance"\nskill = "custom-rc"\n',
    '_bmad/custom/bmad-agent-pm.user.toml': '[agent]\nicon = "👤"\nprinciples = ["Estimate everything."]\n',
  });
  const merged = await madace.resolveCustomization(skill);
  assert.deepEqual(merged, {
    agent: {
      name: 'John',
      title: 'Product Manager',
      icon: '👤',
      principles: ['Users first.', 'Audit first.', 'Estimate everything.'],
      menu: [
        { code: 'PRD', description: 'Create a PRD', skill: 'bmad-prd' },
        { code: 'CE', description: 'Epics our way', prompt: 'Use our framework' },
        { code: 'RC', description: 'Compliance', skill: 'custom-rc' },
      ],
    },
  });
  assert.deepEqual(madace.resolveCustomizationSync(skill, { projectRoot: root }), merged);
  // Without a project root, the defaults alone.
  const alone = madace.resolveCustomizationSync(skill, { projectRoot: path.join(root, 'elsewhere') });
  assert.equal(alone.agent.icon, '📋');
  const agent = await madace.loadSkillAgent(skill);
  assert.deepEqual(agent, merged.agent);
});

test('loadSkill reads SKILL.md and tells agents, workflows and plain skills apart', (t) => {
  const { root, skill } = project(t);
  const loaded = madace.loadSkillSync(skill);
  assert.deepEqual(
    [loaded.name, loaded.description, loaded.kind, loaded.frontmatter, loaded.layers.map((l) => [l.name, l.present])],
    ['bmad-agent-pm', 'Product manager', 'agent', { name: 'bmad-agent-pm', description: 'Product manager' }, [['defaults', true], ['team', false], ['user', false]]],
  );
  assert.equal(loaded.layers[1].path, path.join(fs.realpathSync(root), '_bmad/custom/bmad-agent-pm.toml'));
  const workflow = path.join(root, 'skills', 'bmad-prd');
  write(workflow, 'SKILL.md', '---\nname: bmad-prd\ndescription: PRD\n---\n');
  write(workflow, 'customize.toml', '[workflow]\non_complete = ""\n');
  assert.equal(madace.loadSkillSync(workflow).kind, 'workflow');
  const plain = path.join(root, 'skills', 'bmad-help');
  write(plain, 'SKILL.md', '---\nname: bmad-help\ndescription: Help\n---\n');
  assert.deepEqual([madace.loadSkillSync(plain).kind, madace.loadSkillSync(plain).customization], ['skill', null]);
  assert.throws(() => madace.loadSkillAgentSync(workflow), (err) => {
    assert.ok(err instanceof madace.SkillError);
    assert.deepEqual([err.code, err.issues[0].field, err.issues[0].layer.name], ['E_SCHEMA', 'agent', 'defaults']);
    return true;
  });
});

// BMAD: test_resolve_config.py, full and repeated --key output follow layer precedence
test('BMAD: the central config in full and by key follows layer precedence', (t) => {
  const { root } = project(t, {
    '_bmad/config.toml': '[core]\nname = "base"\nkeep = "yes"\n',
    '_bmad/config.user.toml': '[core]\nname = "base-user"\n',
    '_bmad/custom/config.toml': '[core]\nname = "team"\n',
    '_bmad/custom/config.user.toml': '[core]\nname = "user"\n',
  });
  assert.deepEqual(madace.resolveConfigSync(root).core, { name: 'user', keep: 'yes' });
  assert.deepEqual(madace.resolveConfigSync(root, { keys: ['core.name'] }), { 'core.name': 'user' });
  assert.deepEqual(madace.resolveConfigSync(root, { keys: ['core.name', 'core.nope', 'core'] }), {
    'core.name': 'user',
    core: { name: 'user', keep: 'yes' },
  });
  assert.throws(() => madace.resolveConfigSync(root, { keys: 'core' }), TypeError);
  fs.writeFileSync(path.join(root, '_bmad/config.toml'), '["__proto__"]\npolluted = true\n');
  const picked = madace.resolveConfigSync(root, { keys: ['__proto__'] });
  assert.deepEqual(Object.keys(picked), ['__proto__']);
  assert.equal(Object.getPrototypeOf(picked), Object.prototype);
  assert.equal({}.polluted, undefined);
});

// BMAD: test_resolve_customization.py, emoji survive (its stdout-encoding case)
test('BMAD: an emoji icon resolves intact, picked by key', async (t) => {
  const dir = path.join(scratch(t), 'emoji-agent');
  write(dir, 'customize.toml', '[agent]\nname = "Emoji Agent"\nicon = "🧭"\n');
  const picked = await madace.resolveCustomization(dir, { projectRoot: path.dirname(dir), keys: ['agent'] });
  assert.deepEqual(picked, { agent: { name: 'Emoji Agent', icon: '🧭' } });
});

test('the central config merges its four layers', (t) => {
  const { root } = project(t, {
    '_bmad/config.toml': '[core]\nname = "base"\nkeep = "yes"\nlist = [1]\n',
    '_bmad/config.user.toml': '[core]\nlist = [2]\n',
    '_bmad/custom/config.toml': '[core]\nname = "team"\n',
    '_bmad/custom/config.user.toml': '[core]\nname = "user"\n',
  });
  assert.deepEqual(madace.resolveConfigSync(root), { core: { name: 'user', keep: 'yes', list: [1, 2] } });
  assert.throws(() => madace.resolveConfigSync(path.join(root, 'nowhere')), { name: 'SkillError', code: 'E_NOT_FOUND' });
});

test('a malformed layer is E_TOML at its line and column, in that file', async (t) => {
  const { skill, team } = project(t, { '_bmad/custom/bmad-agent-pm.toml': '[agent]\nicon = "🏥"\nprinciples = ["a",\n' });
  await assert.rejects(madace.resolveCustomization(skill), (err) => {
    assert.ok(err instanceof madace.SkillError && err instanceof madace.MadaceError);
    assert.deepEqual([err.code, err.path, err.line, err.column], ['E_TOML', team, 3, 19]);
    assert.equal(err.message, `${team}:3:19: TOML syntax error: unclosed array, expected \`]\``);
    return true;
  });
});

test('schema problems are located in the layer that set the value, and say which', (t) => {
  const { skill, team, user } = project(t, {
    '_bmad/custom/bmad-agent-pm.toml': '[[agent.menu]]\ncode = "RC"\ndescription = "Compliance"\nskill = "x"\nprompt = "y"\n\n[[agent.menu]]\ncode = "NEW"\ndescription = "No target"\n',
    '_bmad/custom/bmad-agent-pm.user.toml': '[agent]\nicon = 7\npersistent_facts = ["ok", 2]\n',
  });
  assert.throws(() => madace.loadSkillAgentSync(skill), (err) => {
    assert.deepEqual([err.code, err.path, err.line, err.column], ['E_SCHEMA', team, 5, 10]);
    assert.deepEqual(
      err.issues.map((i) => [i.layer.name, path.basename(i.layer.path), i.field, i.line, i.column, i.message]),
      [
        ['team', 'bmad-agent-pm.toml', 'agent.menu[2].prompt', 5, 10, "a menu item has exactly one of 'skill' or 'prompt'; this one has both"],
        [
          'team',
          'bmad-agent-pm.toml',
          'agent.menu[3]',
          7,
          1,
          "a menu item needs exactly one of 'skill' (a skill to invoke) or 'prompt' (text to run); it has neither",
        ],
        ['user', 'bmad-agent-pm.user.toml', 'agent.icon', 2, 8, 'expected a string, found an integer (quote it to make it text)'],
        ['user', 'bmad-agent-pm.user.toml', 'agent.persistent_facts[1]', 3, 27, 'expected a string, found an integer'],
      ],
    );
    assert.equal(err.issues[2].layer.path, user);
    return true;
  });
  // A keyed identifier that is not a non-empty string fails the merge itself.
  fs.writeFileSync(team, '[[agent.menu]]\ncode = 5\ndescription = "x"\nskill = "y"\n');
  assert.throws(() => madace.resolveCustomizationSync(skill), (err) => {
    assert.deepEqual([err.code, err.path, err.issues[0].field, err.line, err.column], ['E_SCHEMA', team, 'agent.menu[0].code', 2, 8]);
    return true;
  });
});

test('missing and misplaced layers: required ones are E_NOT_FOUND, a folder is E_NOT_A_FILE', (t) => {
  const { root, skill, user } = project(t);
  fs.mkdirSync(user);
  assert.throws(() => madace.resolveCustomizationSync(skill), { code: 'E_NOT_A_FILE', path: user });
  fs.rmdirSync(user);
  fs.rmSync(path.join(skill, 'customize.toml'));
  assert.throws(() => madace.resolveCustomizationSync(skill), { code: 'E_NOT_FOUND', path: path.join(skill, 'customize.toml') });
  assert.throws(() => madace.loadSkillSync(path.join(root, 'no-skill')), { code: 'E_NOT_FOUND' });
  fs.writeFileSync(path.join(skill, 'SKILL.md'), '# no frontmatter\n');
  assert.throws(() => madace.loadSkillSync(skill), { code: 'E_SCHEMA', path: path.join(skill, 'SKILL.md'), line: 1, column: 1 });
  assert.throws(() => madace.resolveCustomizationSync(42), TypeError);
  assert.throws(() => madace.resolveCustomizationSync(skill, { projectRoot: 42 }), TypeError);
});

test('every BMAD 6.11 skill loads; its five agents are valid', { skip: corpusMissing }, async () => {
  const src = path.join(corpus, 'bmad-method-6.11', 'src');
  const dirs = fs
    .readdirSync(src, { recursive: true })
    .filter((f) => path.basename(f) === 'customize.toml')
    .map((f) => path.join(src, path.dirname(f)))
    .sort();
  assert.equal(dirs.length, 35);
  const skills = await Promise.all(dirs.map((dir) => madace.loadSkill(dir, { projectRoot: src })));
  const agents = skills.filter((s) => s.kind === 'agent');
  assert.deepEqual(agents.map((s) => s.name), ['bmad-agent-analyst', 'bmad-agent-architect', 'bmad-agent-dev', 'bmad-agent-pm', 'bmad-agent-ux-designer']);
  assert.equal(skills.filter((s) => s.kind === 'workflow').length, 30);
  const loaded = agents.map((s) => madace.loadSkillAgentSync(s.path, { projectRoot: src }));
  assert.deepEqual(loaded.map((a) => a.name), ['Mary', 'Winston', 'Amelia', 'John', 'Sally']);
  assert.ok(loaded.every((a) => a.menu.every((m) => (m.skill === undefined) !== (m.prompt === undefined))));
  // loadProject on the BMAD-METHOD checkout: its skills are under src/.
  const checkout = madace.loadProjectSync(path.join(corpus, 'bmad-method-6.11'));
  assert.deepEqual(
    [checkout.framework, checkout.skills.length, checkout.skills.filter((s) => s.kind === 'agent').length, checkout.issues],
    ['bmad', 49, 5, []],
  );
});

test('a folder without module folders or skills under src/ is no project', (t) => {
  const dir = scratch(t);
  write(path.join(dir, 'skills', 'x'), 'SKILL.md', '---\nname: x\ndescription: d\n---\n');
  assert.throws(() => madace.loadProjectSync(dir), { code: 'E_NOT_FOUND', path: dir });
  write(path.join(dir, 'src', 'x'), 'SKILL.md', '---\nname: x\ndescription: d\n---\n');
  assert.deepEqual(madace.loadProjectSync(dir).skills.map((s) => s.name), ['x']);
});

test('validate and the CLI check skill folders; --strict applies the rules of BMAD\'s customization docs', (t) => {
  const { root, skill, team } = project(t, {
    '_bmad/config.toml': '[core]\nuser_name = "Ann"\n',
    '_bmad/custom/bmad-agent-pm.toml': '[agent]\nname = "Bob"\nicno = "🏥"\n',
  });
  const report = madace.validateSync(path.join(root, '.claude'));
  // Without --strict, a key the skill does not have is still named: a warning, with "did you mean".
  assert.deepEqual(
    report.files.map((f) => [path.relative(root, f.path), f.kind, f.skill, f.problems.map((p) => [p.severity, p.code, p.path, p.line, p.message])]),
    [
      [
        '.claude/skills/bmad-agent-pm/SKILL.md',
        'skill',
        { name: 'bmad-agent-pm', kind: 'agent', menuItems: 2 },
        [['warning', 'W_UNKNOWN_KEY', team, 3, "'icno' is not in the skill's customize.toml, so it customizes nothing in [agent] — did you mean 'icon'? [unknown-override]"]],
      ],
    ],
  );
  assert.equal(report.failed, 0);
  const strict = madace.validateSync(skill, { strict: true }).files[0].problems;
  assert.deepEqual(
    strict.map((p) => [p.code, p.rule, p.path ?? null, p.layer?.name ?? null, p.field, p.line, p.column]),
    [
      // The skill folder's own rules: BMAD's description rule, in SKILL.md.
      ['W_LINT', 'SKILL-06', null, null, 'description', 3, 14],
      ['E_LINT', 'read-only-identity', team, 'team', 'agent.name', 2, 8],
      ['E_LINT', 'unknown-override', team, 'team', 'agent.icno', 3, 1],
    ],
  );
  assert.equal(
    strict[2].message,
    "'icno' is not in the skill's customize.toml, so it customizes nothing in [agent] — did you mean 'icon'? [unknown-override]",
  );
  // The CLI names the layer file in each problem line.
  const cli = require('node:child_process').spawnSync(
    process.execPath,
    [path.join(__dirname, '..', '..', 'bin', 'madace-core.js'), 'validate', '--strict', '--no-frame', '.claude'],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(cli.status, 1);
  assert.equal(
    cli.stdout.split('\n')[1],
    `${team}:2:8  error  agent.name: agent.name is the agent's read-only identity: an override has no effect (copy the skill to make a new agent) [read-only-identity]  E_LINT`,
  );
  // loadProject: the central config and the skills, failures located in their layer.
  fs.writeFileSync(team, '[agent]\nicon = 1\n');
  const loaded = madace.loadProjectSync(root);
  assert.deepEqual(loaded.bmadConfig, { core: { user_name: 'Ann' } });
  assert.deepEqual(loaded.skills, []);
  assert.deepEqual(
    loaded.issues.map((i) => [i.path, i.code, i.field, i.line, i.column, i.layer.name]),
    [[team, 'E_SCHEMA', 'agent.icon', 2, 8, 'team']],
  );
  fs.writeFileSync(team, '[agent]\nicon = "🏥"\n');
  const fixed = madace.loadProjectSync(root);
  assert.deepEqual(
    fixed.skills.map((s) => [path.relative(root, s.path), s.name, s.kind, s.customization.agent.icon]),
    [['.claude/skills/bmad-agent-pm', 'bmad-agent-pm', 'agent', '🏥']],
  );
  assert.deepEqual(fixed.issues, []);
});

test('validate checks a BMAD 6.x root\'s central config with its layers', (t) => {
  const { root } = project(t, {
    '_bmad/config.toml': '[core]\nuser_name = "Ann"\n',
    '_bmad/custom/config.user.toml': '[core\n',
  });
  const report = madace.validateSync(root);
  const central = report.files.find((f) => f.path === path.join(root, '_bmad', 'config.toml'));
  assert.equal(central.kind, 'config');
  assert.deepEqual(
    central.problems.map((p) => [p.code, p.path, p.line, p.column]),
    [['E_TOML', path.join(root, '_bmad/custom/config.user.toml'), 1, 6]],
  );
  fs.writeFileSync(path.join(root, '_bmad/custom/config.user.toml'), '[core]\nuser_name = "Bo"\n');
  assert.deepEqual(madace.validateSync(root).files.map((f) => [path.relative(root, f.path), f.kind, f.problems.length]), [
    ['.claude/skills/bmad-agent-pm/SKILL.md', 'skill', 0],
    ['_bmad/config.toml', 'config', 0],
  ]);
});

test("a skill's text is checked where its folder does not exist (validate --stdin, the browser)", () => {
  // A SKILL.md on its own: loaded and linted from its text.
  const skillMd = '---\nname: my-skill\ndescription: Does a thing.\n---\n# My skill\n';
  assert.deepEqual(madace.validateTextSync(skillMd, { filename: '/nowhere/my-skill/SKILL.md', strict: true }), {
    files: [{ path: '/nowhere/my-skill/SKILL.md', kind: 'skill', skill: { name: 'my-skill', kind: 'skill', menuItems: 0 }, problems: [] }],
    passed: 1,
    failed: 0,
  });
  // A customize.toml on its own: checked as the skill's defaults, its [agent] included; no SKILL-01 for a folder that is nowhere.
  const layer = { filename: '/nowhere/bmad-agent-pm/customize.toml' };
  const sample = fs.readFileSync(path.join(root, 'examples', 'bmad', '.claude', 'skills', 'bmad-agent-pm', 'customize.toml'), 'utf8');
  assert.deepEqual(madace.validateTextSync(sample, layer).files[0].problems, []);
  assert.deepEqual(madace.validateTextSync('[agent]\nname = "John"\ntitle = 3\n', layer).files[0].problems, [
    {
      severity: 'error',
      code: 'E_SCHEMA',
      message: 'expected a string, found an integer (quote it to make it text)',
      field: 'agent.title',
      line: 3,
      column: 9,
      path: '/nowhere/bmad-agent-pm/customize.toml',
      layer: { name: 'defaults', path: '/nowhere/bmad-agent-pm/customize.toml' },
    },
  ]);
});
