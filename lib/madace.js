'use strict';
// madace-core/madace: the MADACE dialect. The same API as the main entry,
// with loaders that accept exactly what the MADACE app's zod schemas accept
// (menu items with trigger and description, prompts with name, trigger and
// content, `workflow:` files with named steps, configs with modules
// mam/mab/cis whose `enabled` defaults to false), typed (madace.d.ts) so that
// results are assignable to the app's own Agent, Workflow and Config types;
// validate and watch check in the dialect, strict lint by MADACE's rules.
// Results are what the app's zod schemas return: keys they do not declare
// are left out at every level. The root-based loaders and helpers follow
// MADACE-METHOD (lib/madace-method.js).

const { definitionLoaders } = require('./definitions');
const method = require('./madace-method');
const { editing } = require('./edits');

const {
  getModuleVariants,
  getFrameworkVariants,
  resolveModuleAlias,
  resolveAgentDirectory,
  resolveAgentDirectorySync,
  resolveWorkflowDirectory,
  resolveWorkflowDirectorySync,
  getWorkflowDirectories,
} = method;

const {
  loadAgent,
  loadAgentSync,
  parseAgent,
  loadAgents,
  loadAgentsSync,
  loadAgentsByModule,
  loadAgentsByModuleSync,
  loadAllAgents,
  loadAllAgentsSync,
  loadMAMAgents,
  loadAgentById,
  loadAgentByIdSync,
  loadWorkflow,
  loadWorkflowSync,
  parseWorkflow,
  findWorkflow,
  findWorkflowSync,
  loadWorkflowById,
  loadWorkflowByIdSync,
  loadConfig,
  loadConfigSync,
  parseConfig,
  validate,
  validateSync,
  validateText,
  validateTextSync,
  watch,
} = definitionLoaders('madace', 'madace-method');
const { applyEdits, applyEditsSync, updateConfig, updateConfigSync, createDefinition, createDefinitionSync, editText } =
  editing('madace');
/** `loadAgentsByModule('mab', options)`. */
const loadMABAgents = (options) => loadAgentsByModule('mab', options);
const { loadWorkflowsByModule, loadWorkflowsByModuleSync, loadAllWorkflows, loadAllWorkflowsSync } =
  method.workflowLoaders(loadWorkflow, loadWorkflowSync);

// A literal object, so Node's ESM loader can see the named exports (the
// spread re-exports the rest of the main entry).
module.exports = {
  ...require('../index'),
  loadAgent,
  loadAgentSync,
  parseAgent,
  loadAgents,
  loadAgentsSync,
  loadAgentsFromDirectory: loadAgents,
  loadAgentsByModule,
  loadAgentsByModuleSync,
  loadAllAgents,
  loadAllAgentsSync,
  loadMAMAgents,
  loadMABAgents,
  loadMADACEAgents: loadMAMAgents,
  loadAgentById,
  loadAgentByIdSync,
  loadWorkflow,
  loadWorkflowSync,
  parseWorkflow,
  findWorkflow,
  findWorkflowSync,
  loadWorkflowById,
  loadWorkflowByIdSync,
  loadConfig,
  loadConfigSync,
  parseConfig,
  validate,
  validateSync,
  validateText,
  validateTextSync,
  watch,
  applyEdits,
  applyEditsSync,
  updateConfig,
  updateConfigSync,
  createDefinition,
  createDefinitionSync,
  editText,
  loadWorkflowsByModule,
  loadWorkflowsByModuleSync,
  loadAllWorkflows,
  loadAllWorkflowsSync,
  getModuleVariants,
  getFrameworkVariants,
  resolveModuleAlias,
  resolveAgentDirectory,
  resolveAgentDirectorySync,
  resolveWorkflowDirectory,
  resolveWorkflowDirectorySync,
  getWorkflowDirectories,
};
