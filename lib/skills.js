'use strict';
// BMAD 6.x skills: a skill folder's SKILL.md and customize.toml, resolved
// through the team and user layers under `_bmad/custom/` as BMAD's own
// resolver merges them, and the central `_bmad/config.toml` layers.

const { SkillError } = require('./errors');
const { optionsArg, pathArg, twins } = require('./call');

/** `(skillDir, { projectRoot? })` → the native `(dir, root)`; an empty root means "find it". */
function skillArgs(dir, options) {
  const { projectRoot } = optionsArg(options);
  return [pathArg(dir, 'skillDir'), projectRoot === undefined ? '' : pathArg(projectRoot, 'options.projectRoot')];
}

function rootArgs(root, options) {
  optionsArg(options);
  return [pathArg(root, 'projectRoot')];
}

const [resolveCustomization, resolveCustomizationSync] = twins('resolveCustomization', SkillError, skillArgs, {
  options: 1,
});
const [resolveConfig, resolveConfigSync] = twins('resolveConfig', SkillError, rootArgs, { options: 1 });
const [loadSkill, loadSkillSync] = twins('loadSkill', SkillError, skillArgs, { options: 1 });
const [loadSkillAgent, loadSkillAgentSync] = twins('loadSkillAgent', SkillError, skillArgs, { options: 1 });

module.exports = {
  resolveCustomization,
  resolveCustomizationSync,
  resolveConfig,
  resolveConfigSync,
  loadSkill,
  loadSkillSync,
  loadSkillAgent,
  loadSkillAgentSync,
};
