'use strict';
// What `madace-core` (and `madace-core/madace`) resolve to in an Edge
// runtime, a worker or a browser bundle (package `exports` conditions
// `edge-light`, `worker`, `browser`): madace-core loads native code, which
// only Node.js can. Every function throws an error that says so and how to
// fix it, instead of a bundler's "Can't resolve 'fs'" from somewhere inside.
// Nothing here loads the addon, `fs` or any dependency.

const MESSAGE =
  "madace-core needs the Node.js runtime (it loads native code): add `export const runtime = 'nodejs'` to the route " +
  '(Next.js), or call madace-core from server code that runs on Node.js.';

class MadaceError extends Error {
  constructor(info = {}) {
    super(info.message ?? MESSAGE);
    this.name = new.target.name;
    this.code = info.code ?? 'MADACE_NODE_RUNTIME_REQUIRED';
  }
}

class AgentLoadError extends MadaceError {}

class WorkflowLoadError extends MadaceError {}

class ConfigLoadError extends MadaceError {}

class StatusError extends MadaceError {}

class SkillError extends MadaceError {}

/** A function that throws the Node.js-runtime error, named as the one it stands for. */
function needsNode(name) {
  const fn = () => {
    throw new MadaceError();
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

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
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  SkillError,
  // The code catalog lives in the native core: empty here, as nothing can fail with a code.
  ERROR_CODES: Object.freeze([]),
  CODES: Object.freeze([]),
};
