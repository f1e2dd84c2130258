'use strict';
// BMAD 6.x skills: a skill folder's SKILL.md and customize.toml, resolved
// through the team and user layers under `_bmad/custom/` as BMAD's own
// resolver merges them, and the central `_bmad/config.toml` layers.

const { SkillError } = require('./errors');
const { invalidArg, optionsArg, pathArg, twins } = require('./call');

/** `(skillDir, { projectRoot? })` → the native `(dir, root)`; an empty root means "find it". */
function skillArgs(dir, options) {
  const { projectRoot } = optionsArg(options);
  return [pathArg(dir, 'skillDir'), projectRoot === undefined ? '' : pathArg(projectRoot, 'options.projectRoot')];
}

function rootArgs(root, options) {
  optionsArg(options);
  return [pathArg(root, 'projectRoot')];
}

/** `options.keys`: dotted field paths to pick, as the resolver's `--key`. */
function keysArg(options) {
  const { keys } = optionsArg(options);
  if (keys === undefined) return undefined;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' && k.length > 0)) {
    throw invalidArg('options.keys', 'an array of dotted field paths', keys);
  }
  return keys;
}

/**
 * The whole result, or with `keys` only those fields, each under its dotted
 * path (`{ 'agent.icon': '🏥' }`), as BMAD's resolver prints `--key`; a path
 * that leads nowhere is left out.
 */
function picking(ErrorClass, name, args, optionsIndex) {
  const finish = (reply, ...rest) => {
    const merged = JSON.parse(reply);
    const keys = rest[rest.length - 1];
    if (keys === undefined) return merged;
    const isTable = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    const picked = {};
    for (const key of keys) {
      let value = merged;
      for (const part of key.split('.')) {
        value = isTable(value) && Object.hasOwn(value, part) ? value[part] : undefined;
        if (value === undefined) break;
      }
      // Defined, not assigned: a key named `__proto__` stays a plain field.
      if (value !== undefined) Object.defineProperty(picked, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return picked;
  };
  // The keys ride along after the native arguments, which ignore them.
  return twins(name, ErrorClass, (...given) => [...args(...given), keysArg(given[optionsIndex])], {
    finish,
    options: optionsIndex,
  });
}

const [resolveCustomization, resolveCustomizationSync] = picking(SkillError, 'resolveCustomization', skillArgs, 1);
const [resolveConfig, resolveConfigSync] = picking(SkillError, 'resolveConfig', rootArgs, 1);
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
