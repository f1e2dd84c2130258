'use strict';
// What `madace-core` (and `madace-core/madace`) resolve to in an Edge
// runtime, a worker or a browser bundle (package `exports` conditions
// `edge-light`, `worker`, `browser`): madace-core loads native code, which
// only Node.js can. Every function throws an error that says so and how to
// fix it, instead of a bundler's "Can't resolve 'fs'" from somewhere inside.
// Nothing here loads the addon, `fs` or any dependency.

const { MadaceError, needsNode } = require('./needs-node');

class AgentLoadError extends MadaceError {}

class WorkflowLoadError extends MadaceError {}

class ConfigLoadError extends MadaceError {}

class StatusError extends MadaceError {}

class SkillError extends MadaceError {}

class EditError extends MadaceError {}

// A literal object, so bundlers and Node's ESM loader see every name.
module.exports = {
  loadAgent: needsNode('loadAgent'),
  loadAgentSync: needsNode('loadAgentSync'),
  parseAgent: needsNode('parseAgent'),
  loadAgents: needsNode('loadAgents'),
  loadAgentsSync: needsNode('loadAgentsSync'),
  loadAgentsFromDirectory: needsNode('loadAgentsFromDirectory'),
  loadAgentsByModule: needsNode('loadAgentsByModule'),
  loadAgentsByModuleSync: needsNode('loadAgentsByModuleSync'),
  loadAllAgents: needsNode('loadAllAgents'),
  loadAllAgentsSync: needsNode('loadAllAgentsSync'),
  loadMAMAgents: needsNode('loadMAMAgents'),
  clearAgentCache: needsNode('clearAgentCache'),
  loadAgentById: needsNode('loadAgentById'),
  loadAgentByIdSync: needsNode('loadAgentByIdSync'),
  loadWorkflow: needsNode('loadWorkflow'),
  loadWorkflowSync: needsNode('loadWorkflowSync'),
  parseWorkflow: needsNode('parseWorkflow'),
  findWorkflow: needsNode('findWorkflow'),
  findWorkflowSync: needsNode('findWorkflowSync'),
  loadWorkflowById: needsNode('loadWorkflowById'),
  loadWorkflowByIdSync: needsNode('loadWorkflowByIdSync'),
  loadConfig: needsNode('loadConfig'),
  loadConfigSync: needsNode('loadConfigSync'),
  parseConfig: needsNode('parseConfig'),
  loadProject: needsNode('loadProject'),
  loadProjectSync: needsNode('loadProjectSync'),
  validate: needsNode('validate'),
  validateSync: needsNode('validateSync'),
  validateText: needsNode('validateText'),
  validateTextSync: needsNode('validateTextSync'),
  watch: needsNode('watch'),
  jsonSchema: needsNode('jsonSchema'),
  codeFrame: needsNode('codeFrame'),
  formatError: needsNode('formatError'),
  loadStatus: needsNode('loadStatus'),
  loadStatusSync: needsNode('loadStatusSync'),
  loadSprintStatus: needsNode('loadSprintStatus'),
  loadSprintStatusSync: needsNode('loadSprintStatusSync'),
  setStoryStatus: needsNode('setStoryStatus'),
  setStoryStatusSync: needsNode('setStoryStatusSync'),
  validateStatus: needsNode('validateStatus'),
  transition: needsNode('transition'),
  transitionSync: needsNode('transitionSync'),
  planTransition: needsNode('planTransition'),
  resolveCustomization: needsNode('resolveCustomization'),
  resolveCustomizationSync: needsNode('resolveCustomizationSync'),
  resolveConfig: needsNode('resolveConfig'),
  resolveConfigSync: needsNode('resolveConfigSync'),
  loadSkill: needsNode('loadSkill'),
  loadSkillSync: needsNode('loadSkillSync'),
  loadSkillAgent: needsNode('loadSkillAgent'),
  loadSkillAgentSync: needsNode('loadSkillAgentSync'),
  applyEdits: needsNode('applyEdits'),
  applyEditsSync: needsNode('applyEditsSync'),
  updateConfig: needsNode('updateConfig'),
  updateConfigSync: needsNode('updateConfigSync'),
  editText: needsNode('editText'),
  stringify: needsNode('stringify'),
  createDefinition: needsNode('createDefinition'),
  createDefinitionSync: needsNode('createDefinitionSync'),
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  SkillError,
  EditError,
  // The code catalog lives in the native core: empty here, as nothing can fail with a code.
  ERROR_CODES: Object.freeze([]),
  CODES: Object.freeze([]),
  RULES: Object.freeze([]),
};
