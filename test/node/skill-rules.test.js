'use strict';
// Skill folders linted by the Agent Skills specification and by BMAD's own
// skill rules (README, "Skill rules"): a passing and a failing fixture per
// rule with its exact finding, the rule in `rule`, the message and SARIF, and
// BMAD's validate-skills.js run beside `validate --strict` on BMAD's skills
// and on copies with each rule broken once. Also the override warnings.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const madace = require('../..');
const { RULES } = require('../../lib/catalog');
const { root, fixtures, corpus, scratch, write } = require('./helpers');

const cli = (...args) => spawnSync(process.execPath, [path.join(root, 'bin', 'madace-core.js'), ...args], { cwd: root, encoding: 'utf8' });
const rulesDir = path.join(fixtures, 'skill-rules');

/** Each failing fixture's one finding: [rule, code, file (relative to the skill), line, column]. */
const FAILS = {
  'SKILL-01': ['SKILL-01', 'E_NOT_FOUND', 'bmad-demo/SKILL.md', null, null],
  'SKILL-02': ['SKILL-02', 'E_SCHEMA', 'bmad-demo/SKILL.md', 2, 1],
  'SKILL-03': ['SKILL-03', 'E_SCHEMA', 'bmad-demo/SKILL.md', 2, 1],
  'SKILL-04': ['SKILL-04', 'E_LINT', 'src/notes-skills/demo-notes/SKILL.md', 2, 7],
  'SKILL-05': ['SKILL-05', 'E_LINT', 'bmad-demo/SKILL.md', 2, 7],
  'SKILL-06': ['SKILL-06', 'W_LINT', 'bmad-demo/SKILL.md', 3, 14],
  'SKILL-07': ['SKILL-07', 'E_LINT', 'bmad-demo/SKILL.md', 1, 1],
  'PATH-02': ['PATH-02', 'E_LINT', 'bmad-demo/SKILL.md', 13, 7],
  'STEP-01': ['STEP-01', 'W_LINT', 'bmad-demo/steps/notes.md', 1, 1],
  'STEP-06': ['STEP-06', 'W_LINT', 'bmad-demo/steps/step-01-collect.md', 2, 1],
  'STEP-07': ['STEP-07', 'W_LINT', 'bmad-demo/steps', 1, 1],
  'SEQ-02': ['SEQ-02', 'W_LINT', 'bmad-demo/steps/step-02-write.md', 5, 11],
  'TPL-01': ['TPL-01', 'E_LINT', 'bmad-demo/release-template.md', 5, 10],
  'skill-name': ['skill-name', 'E_LINT', 'demo--notes/SKILL.md', 2, 7],
  'skill-description': ['skill-description', 'E_LINT', 'demo-notes/SKILL.md', 3, 14],
  'skill-compatibility': ['skill-compatibility', 'E_LINT', 'demo-notes/SKILL.md', 5, 16],
  'skill-metadata': ['skill-metadata', 'E_LINT', 'demo-notes/SKILL.md', 7, 12],
  'skill-allowed-tools': ['skill-allowed-tools', 'E_LINT', 'demo-notes/SKILL.md', 5, 16],
  'skill-frontmatter-key': ['skill-frontmatter-key', 'W_LINT', 'demo-notes/SKILL.md', 5, 1],
};

/** Every problem of `validate --strict` on `dir`, as [rule, code, file relative to dir, line, column]. */
function findings(dir) {
  const report = madace.validateSync(dir, { strict: true });
  return report.files.flatMap((f) =>
    f.problems.map((p) => [p.rule ?? null, p.code, path.relative(dir, p.path ?? f.path), p.line, p.column]),
  );
}

test('every rule of the catalog has a failing fixture with exactly its finding, and the passing fixtures pass', () => {
  // The rules of customization layers have their own tests (skills.test.js).
  const folderRules = RULES.map((r) => r.id).filter((id) => !['read-only-identity', 'unknown-override'].includes(id));
  assert.deepEqual(Object.keys(FAILS).sort(), folderRules.sort());
  assert.deepEqual(fs.readdirSync(path.join(rulesDir, 'fail')).sort(), folderRules.sort());
  for (const [rule, expected] of Object.entries(FAILS)) {
    assert.deepEqual(findings(path.join(rulesDir, 'fail', rule)), [expected], rule);
  }
  assert.deepEqual(findings(path.join(rulesDir, 'pass')), []);
  const passing = madace.validateSync(path.join(rulesDir, 'pass'), { strict: true });
  assert.deepEqual([passing.passed, passing.failed], [2, 0]);
});

test('a finding names its rule in `rule`, at the end of its message, and as the SARIF ruleId; warnings do not fail the file', () => {
  const report = madace.validateSync(path.join(rulesDir, 'fail', 'SKILL-06'), { strict: true });
  const [problem] = report.files[0].problems;
  assert.equal(problem.severity, 'warning');
  assert.equal(
    problem.message,
    "the description does not say when to use the skill: add a 'Use when …' (or 'Use if …') sentence [SKILL-06]",
  );
  assert.deepEqual([report.passed, report.failed], [1, 0]);
  const sarif = JSON.parse(cli('validate', '--strict', '--format', 'sarif', path.join(rulesDir, 'fail', 'TPL-01')).stdout);
  const [result] = sarif.runs[0].results;
  assert.deepEqual([result.ruleId, result.level, sarif.runs[0].tool.driver.rules[result.ruleIndex].id], ['TPL-01', 'error', 'TPL-01']);
  assert.equal(result.locations[0].physicalLocation.region.startLine, 5);
  // Without --strict, the folder rules are not applied; the frontmatter's required keys are.
  assert.deepEqual(madace.validateSync(path.join(rulesDir, 'fail', 'TPL-01')).files[0].problems, []);
  assert.equal(madace.validateSync(path.join(rulesDir, 'fail', 'SKILL-02')).files[0].problems[0].rule, 'SKILL-02');
});

test("the README's table lists every rule with its severity, and index.d.ts's RuleId every id", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const table = readme.split('\n#### Skill rules\n')[1].split('\n\n').find((b) => b.startsWith('| rule |'));
  const rows = table.split('\n').slice(2).map((row) => row.split(' | '));
  assert.deepEqual(
    rows.map(([id, applies, severity]) => [id.replace(/^\| `|`$/g, ''), applies, severity]),
    RULES.map((r) => [r.id, r.applies, r.bmad ? `${r.severity} (${r.bmad})` : r.severity]),
  );
  const types = fs.readFileSync(path.join(root, 'index.d.ts'), 'utf8');
  const ids = [.../export type RuleId =([^;]*);/.exec(types)[1].matchAll(/'([\w-]+)'/g)].map((m) => m[1]);
  assert.deepEqual(ids, RULES.map((r) => r.id));
  assert.deepEqual(madace.RULES.map((r) => r.id), ids);
});

test("an override of a skill that is not installed names the skill that took its place; a placeholder the skill never uses is named", (t) => {
  const dir = scratch(t);
  write(dir, '_bmad/config.toml', '[core]\nuser_name = "Ada"\n');
  const skill = '---\nname: bmad-walkthrough\ndescription: Walks through a change. Use when reviewing.\n---\n\nShow {diff_file}.\n';
  write(dir, '.claude/skills/bmad-walkthrough/SKILL.md', skill);
  write(dir, '.claude/skills/bmad-walkthrough/customize.toml', '[workflow]\non_complete = ""\n');
  write(dir, '_bmad/custom/bmad-checkpoint-preview.toml', '[workflow]\non_complete = "x"\n');
  write(dir, '_bmad/custom/bmad-walktrough.user.toml', '[workflow]\non_complete = "x"\n');
  // {user_name} is the central config's; {diff_output} is nobody's (BMAD 6.12 named it {diff_file}).
  write(dir, '_bmad/custom/bmad-walkthrough.toml', '[workflow]\non_complete = "Summarize {diff_output} for {user_name}"\n');
  const report = madace.validateSync(dir);
  const got = report.files
    .flatMap((f) => f.problems.map((p) => [path.relative(dir, p.path ?? f.path), p.code, p.line, p.message]))
    .sort();
  assert.deepEqual(got, [
    [
      '_bmad/custom/bmad-checkpoint-preview.toml',
      'W_RENAMED_SKILL',
      null,
      "no skill 'bmad-checkpoint-preview' is installed in this project, so this override customizes nothing: BMAD renamed it 'bmad-walkthrough'; rename this file bmad-walkthrough.toml",
    ],
    [
      '_bmad/custom/bmad-walkthrough.toml',
      'W_UNKNOWN_PLACEHOLDER',
      2,
      "'{diff_output}' is not a placeholder of bmad-walkthrough (none of its files uses it), so the agent gets it as written — did you mean '{diff_file}'?",
    ],
    [
      '_bmad/custom/bmad-walktrough.user.toml',
      'W_RENAMED_SKILL',
      null,
      "no skill 'bmad-walktrough' is installed in this project, so this override customizes nothing — did you mean 'bmad-walkthrough'? (rename this file bmad-walkthrough.user.toml)",
    ],
  ]);
  assert.equal(report.failed, 0, 'warnings only');
});

// --- BMAD's own validator, side by side ---

const bmadTools = path.resolve(root, '..', 'shared', 'bmad-tools', 'validate-skills.js');
const bmadSkills = path.join(corpus, 'bmad-method-6.11', 'src');

/** BMAD's rule ids for the skill folder `dir`, sorted, duplicates removed. */
function bmadRules(dir) {
  const run = spawnSync(process.execPath, [bmadTools, '--json', dir], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return [...new Set(JSON.parse(run.stdout).map((f) => f.rule))].sort();
}

/** madace-core's BMAD rule ids for the skill folder `dir` (the specification's own rules left out). */
function ourRules(dir) {
  const ids = findings(dir).map(([rule]) => rule).filter((r) => r && /^[A-Z]+-\d+$/.test(r));
  return [...new Set(ids)].sort();
}

/** Ways to break each BMAD rule once in a copy of a skill folder. */
const BREAK = {
  'SKILL-01': (dir) => {
    fs.rmSync(path.join(dir, 'SKILL.md'));
    if (!fs.existsSync(path.join(dir, 'customize.toml'))) fs.writeFileSync(path.join(dir, 'customize.toml'), '[workflow]\n');
  },
  'SKILL-02': (dir) => edit(dir, 'SKILL.md', (t) => t.replace(/^name:.*\n/m, '')),
  'SKILL-03': (dir) => edit(dir, 'SKILL.md', (t) => t.replace(/^description:.*\n(?:[ \t]+.*\n)*/m, '')),
  'SKILL-04': (dir) => {
    const renamed = path.join(path.dirname(dir), path.basename(dir).replace(/^bmad-/, 'bmad_'));
    fs.renameSync(dir, renamed);
    edit(renamed, 'SKILL.md', (t) => t.replace(/^name: *['"]?bmad-/m, 'name: bmad_'));
    return renamed;
  },
  'SKILL-05': (dir) => edit(dir, 'SKILL.md', (t) => t.replace(/^name: *['"]?bmad-/m, 'name: bmad-other-')),
  'SKILL-06': (dir) => edit(dir, 'SKILL.md', (t) => t.replace(/^description:.*\n(?:[ \t]+.*\n)*/m, "description: 'Does one thing.'\n")),
  'SKILL-07': (dir) => edit(dir, 'SKILL.md', (t) => t.slice(0, t.indexOf('\n---', 3) + 5)),
  'PATH-02': (dir) => edit(dir, 'SKILL.md', (t) => `${t}\nRead {installed_path}/data.csv.\n`),
  'STEP-01': (dir) => steps(dir, ['step-01-a.md', 'step-02-b.md', 'notes.md']),
  'STEP-06': (dir) => {
    steps(dir, ['step-01-a.md', 'step-02-b.md']);
    fs.writeFileSync(path.join(dir, 'steps', 'step-01-a.md'), '---\ndescription: first\n---\n\n# A\n');
  },
  'STEP-07': (dir) => steps(dir, ['step-01-a.md']),
  'SEQ-02': (dir) => edit(dir, 'SKILL.md', (t) => `${t}\nThis usually takes 10 minutes.\n`),
  'TPL-01': (dir) => fs.writeFileSync(path.join(dir, 'notes-template.md'), '# Notes\n\nOn {{.hostname}}.\n'),
};

function edit(dir, file, change) {
  const p = path.join(dir, file);
  fs.writeFileSync(p, change(fs.readFileSync(p, 'utf8')));
  return dir;
}

function steps(dir, names) {
  fs.mkdirSync(path.join(dir, 'steps'), { recursive: true });
  for (const name of names) fs.writeFileSync(path.join(dir, 'steps', name), `# ${name}\n\nDo it.\n`);
  return dir;
}

const skillDirs = (top) =>
  fs.existsSync(top)
    ? fs.readdirSync(top, { recursive: true }).filter((p) => path.basename(p) === 'SKILL.md').map((p) => path.join(top, path.dirname(p))).sort()
    : [];

test("BMAD's validate-skills.js and validate --strict give the same rule ids, on BMAD's skills and on copies with each rule broken", (t) => {
  const missing = [bmadTools, bmadSkills].find((p) => !fs.existsSync(p));
  if (missing) {
    t.skip(`${missing} is absent: BMAD's validator and skills are in ../shared`);
    return;
  }
  const skills = skillDirs(bmadSkills);
  assert.ok(skills.length >= 40, `${skills.length} skills`);
  let compared = 0;
  for (const skill of skills) {
    assert.deepEqual(ourRules(skill), bmadRules(skill), path.relative(bmadSkills, skill));
    compared += 1;
  }
  // Each rule broken once, in an agent skill (with customize.toml), a workflow and a shim.
  const picks = ['bmad-agent-pm', 'bmad-sprint-planning', 'bmad-create-prd'].map((name) => skills.find((s) => path.basename(s) === name));
  const work = scratch(t);
  for (const [rule, breakIt] of Object.entries(BREAK)) {
    for (const skill of picks) {
      // In a BMAD source tree, as BMAD's own skills are (`src/*-skills/`).
      const copy = path.join(work, rule, 'src', 'bmm-skills', path.basename(skill));
      fs.cpSync(skill, copy, { recursive: true });
      fs.chmodSync(copy, 0o755);
      for (const f of fs.readdirSync(copy)) fs.chmodSync(path.join(copy, f), 0o644);
      const broken = breakIt(copy) ?? copy;
      const expected = bmadRules(broken);
      assert.ok(expected.includes(rule), `${rule} on ${path.basename(skill)}: BMAD reports ${expected}`);
      assert.deepEqual(ourRules(path.dirname(broken)), expected, `${rule} on ${path.basename(skill)}`);
      compared += 1;
    }
  }
  t.diagnostic(`${compared} skill folders compared with BMAD's validate-skills.js: same rule ids on each`);
});

test('the JSON Schemas of SKILL.md frontmatter and customize.toml accept the example and refuse what the rules refuse', () => {
  const Ajv = require('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  const frontmatter = ajv.compile(JSON.parse(cli('schema', 'skill').stdout));
  const customize = ajv.compile(JSON.parse(cli('schema', 'customize').stdout));
  const skillOf = (dir) => madace.loadSkillSync(dir, { projectRoot: path.join(dir, 'nowhere') });
  assert.equal(frontmatter(skillOf(path.join(rulesDir, 'pass', 'bmad-demo')).frontmatter), true, ajv.errorsText(frontmatter.errors));
  const pm = path.join(root, 'examples', 'bmad', '.claude', 'skills', 'bmad-agent-pm');
  const loaded = madace.loadSkillSync(pm);
  assert.equal(frontmatter(loaded.frontmatter), true, ajv.errorsText(frontmatter.errors));
  assert.equal(customize(loaded.customization), true, ajv.errorsText(customize.errors));
  for (const rule of ['skill-name', 'skill-compatibility', 'skill-metadata', 'skill-allowed-tools', 'skill-frontmatter-key']) {
    const dir = fs.readdirSync(path.join(rulesDir, 'fail', rule))[0];
    assert.equal(frontmatter(skillOf(path.join(rulesDir, 'fail', rule, dir)).frontmatter), false, rule);
  }
  const both = { agent: { menu: [{ code: 'CE', description: 'd', skill: 's', prompt: 'p' }] } };
  assert.equal(customize(both), false);
  assert.deepEqual(customize.errors.map((e) => e.instancePath), ['/agent/menu/0']);
});
