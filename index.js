'use strict';
// The JS face of madace-core: argument checks and results as plain objects
// (lib/call.js), errors as MadaceError subclasses (lib/errors.js), the
// definition loaders in the default dialect, which takes MADACE and BMAD
// files alike (lib/definitions.js; madace-core/madace is the MADACE one).

const {
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  SkillError,
  EditError,
} = require('./lib/errors');
const { CODES, RULES, ERROR_CODES } = require('./lib/catalog');
const { invalidArg, pathArg, optionsArg, idArg, twins, pathArgs, sourceArg } = require('./lib/call');
const { definitionLoaders, clearAgentCache } = require('./lib/definitions');
const render = require('./lib/render');
const { editing, stringify, withDiff } = require('./lib/edits');

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
} = definitionLoaders('any');
const { applyEdits, applyEditsSync, updateConfig, updateConfigSync, createDefinition, createDefinitionSync, editText } =
  editing('any');

const [loadProject, loadProjectSync] = twins('loadProject', MadaceError, (root, options) => pathArgs(root, options, 'root'), {
  options: 1,
});

/** `{ maxTodo, maxInProgress }` from the options, else from `options.config.state_machine`, else 1 and 1. */
function limitsArg(options) {
  const { maxTodo, maxInProgress, config } = optionsArg(options);
  const machine = (config && config.state_machine) || {};
  const limit = (value, name) => {
    if (value === undefined) return 1;
    if (!Number.isInteger(value) || value < 1) throw invalidArg(name, 'a whole number of at least 1', value);
    return value;
  };
  return [
    limit(maxTodo ?? machine.max_todo_items, 'options.maxTodo'),
    limit(maxInProgress ?? machine.max_in_progress_items, 'options.maxInProgress'),
  ];
}

function boardArg(status) {
  const sections = ['backlog', 'todo', 'inProgress', 'done'];
  if (!status || typeof status !== 'object' || !sections.every((s) => Array.isArray(status[s]))) {
    throw invalidArg('status', 'a board from loadStatus ({ backlog, todo, inProgress, done })', status);
  }
  return JSON.stringify(status);
}

function stateArg(to) {
  if (typeof to !== 'string') throw invalidArg('to', 'a state name (BACKLOG, TODO, IN_PROGRESS, DONE)', to);
  return to;
}

/** `options.filename`, naming a board's text in errors. */
function boardNameArg(options) {
  const { filename = '<status>' } = optionsArg(options);
  if (typeof filename !== 'string') throw invalidArg('options.filename', 'a string', filename);
  return filename;
}

/**
 * A move planned on a board's text, written nowhere: `{ text, story }`, the
 * text after the move and the story as it would stand (`move --dry-run`).
 */
const planTransition = twins('planMove', StatusError, (source, id, to, options) => [
  sourceArg(source),
  boardNameArg(options),
  idArg(id, 'id'),
  stateArg(to),
  ...limitsArg(options),
])[1];

const [loadStatus, loadStatusSync] = twins('loadStatus', StatusError, pathArgs, { options: 1 });
/** BMAD 6.x's sprint-status.yaml: metadata, epics with stories and retrospective, action items, and BMAD's verdict as `problems`. */
const [loadSprintStatus, loadSprintStatusSync] = twins('loadSprintStatus', StatusError, pathArgs, { options: 1 });

/**
 * Sets a key's status on a sprint-status.yaml in place (comments, blank
 * lines and key order kept; last_updated stamped; the epic started with its
 * first story), atomically under the file's lock.
 */
const [setStoryStatus, setStoryStatusSync] = twins(
  'setStoryStatus',
  StatusError,
  (file, key, status, options) => {
    const { now = new Date(), dryRun = false } = optionsArg(options);
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw invalidArg('options.now', 'a valid Date', now);
    if (typeof dryRun !== 'boolean') throw invalidArg('options.dryRun', 'a boolean', dryRun);
    // The local time's parts; the core writes them as BMAD's stamp.
    const parts = [now.getFullYear(), now.getMonth() + 1, now.getDate(), now.getHours(), now.getMinutes()];
    return [pathArg(file), idArg(key, 'key'), idArg(status, 'status'), ...parts, dryRun];
  },
  { options: 3, write: true, finish: (reply, file) => withDiff(reply, file) },
);
const validateStatus = twins('validateStatus', StatusError, (status, options) => [boardArg(status), ...limitsArg(options)])[1];
const [transition, transitionSync] = twins(
  'transition',
  StatusError,
  (path, id, to, options) => [pathArg(path), idArg(id, 'id'), stateArg(to), ...limitsArg(options)],
  { options: 3, write: true },
);

const { SCHEMA_KINDS } = require('./lib/catalog');
const { codeFrame, formatError } = render;

/** The JSON Schema (draft-07) of a definition file kind, for editors. */
function jsonSchema(kind) {
  if (!SCHEMA_KINDS.includes(kind)) throw invalidArg('kind', `one of ${SCHEMA_KINDS.join(', ')}`, kind);
  return JSON.parse(require('./lib/native').jsonSchema(kind));
}

// A literal object, so Node's ESM loader can see the named exports.
module.exports = {
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
  clearAgentCache,
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
  loadProject,
  loadProjectSync,
  validate,
  validateSync,
  validateText,
  validateTextSync,
  watch,
  jsonSchema,
  codeFrame,
  formatError,
  loadStatus,
  loadStatusSync,
  loadSprintStatus,
  loadSprintStatusSync,
  setStoryStatus,
  setStoryStatusSync,
  validateStatus,
  transition,
  transitionSync,
  planTransition,
  applyEdits,
  applyEditsSync,
  updateConfig,
  updateConfigSync,
  editText,
  stringify,
  createDefinition,
  createDefinitionSync,
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  SkillError,
  EditError,
  ERROR_CODES,
  CODES,
  RULES,
  // A spread of require() is a re-export Node's ESM loader sees, names included.
  ...require('./lib/skills'),
};
